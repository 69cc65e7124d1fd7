"""Months, rate conversions and payout calendars.

Periods are months m = 1..N, N = 12 x years. Rates come in as fractions
(methods read the user's percent through `params.fractions`).
"""

from __future__ import annotations

import re
from enum import Enum

import numpy as np

MONTHS_PER_YEAR = 12


class Frequency(str, Enum):
    """How often an asset pays out."""

    monthly = "monthly"
    quarterly = "quarterly"
    semiannual = "semiannual"
    annual = "annual"

    @property
    def per_year(self) -> int:
        return {"monthly": 12, "quarterly": 4, "semiannual": 2, "annual": 1}[self.value]


def months(years: int) -> int:
    return years * MONTHS_PER_YEAR


def month_numbers(n: int) -> np.ndarray:
    """1..n as floats, shape (n,)."""
    return np.arange(1, n + 1, dtype=float)


def monthly_growth(annual_rate) -> np.ndarray:
    """Monthly factor of an annual growth rate, geometrically: (1 + g) ** (1/12)."""
    return np.power(1.0 + np.asarray(annual_rate, dtype=float), 1.0 / MONTHS_PER_YEAR)


def growth_path(annual_rate, n: int) -> np.ndarray:
    """(1 + g) ** (m/12) for m = 1..n: the level reached at the end of each month."""
    return np.power(1.0 + float(annual_rate), month_numbers(n) / MONTHS_PER_YEAR)


def annual_steps(annual_rate, n: int) -> np.ndarray:
    """(1 + g) ** (year - 1) for each month: a level raised once a year (contribution raises)."""
    year_index = (month_numbers(n) - 1) // MONTHS_PER_YEAR
    return np.power(1.0 + float(annual_rate), year_index)


def monthly_hazard(annual_probability) -> np.ndarray:
    """Monthly probability equivalent to an annual one: 1 - (1 - p) ** (1/12)."""
    p = np.asarray(annual_probability, dtype=float)
    return 1.0 - np.power(1.0 - p, 1.0 / MONTHS_PER_YEAR)


def payment_months(frequency: Frequency, n: int) -> np.ndarray:
    """Boolean mask, shape (n,): True in the months a payment of the given frequency falls.

    Payments fall at the end of each period: quarterly pays in months 3, 6, 9, 12.
    """
    step = MONTHS_PER_YEAR // frequency.per_year
    return (np.arange(1, n + 1) % step) == 0


def previous_month(values: np.ndarray, first) -> np.ndarray:
    """(paths, N) values shifted one month later, `first` in month 1: what each month starts from."""
    return np.concatenate([np.full((values.shape[0], 1), first), values[:, :-1]], axis=1)


def deflators(inflation: float, n: int) -> np.ndarray:
    """Divide a month's nominal money by this to get today's money: (1 + i) ** (m/12)."""
    return growth_path(inflation, n)


_START = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_start(start: str) -> tuple[int, int]:
    match = _START.match(start)
    if not match:
        raise ValueError(f"{start!r} is not a month in the form YYYY-MM")
    return int(match.group(1)), int(match.group(2))


def month_labels(start: str, n: int) -> list[str]:
    """'YYYY-MM' for months 1..n, month 1 being the start month."""
    year, month = parse_start(start)
    index = year * 12 + (month - 1) + np.arange(n)
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in index]
