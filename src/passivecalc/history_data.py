"""Robert Shiller's monthly S&P 500 data, and futures bootstrapped from it.

The data: package data `data/sp500-shiller-monthly.csv` (1871-01 to 2023-06),
from Robert Shiller's "Irrational Exuberance" data set, public domain (ODC-PDDL
1.0) in the tidied form of the datasets/s-and-p-500 repository. See
`data/README.md` beside the file.

- `load()` reads it once (cached) from the installed package, with the csv
  module: monthly arrays of the index price, the dividend (an annual rate per
  index unit: a month pays 1/12 of it), the CPI, and the dates ('YYYY-MM').
- `HistoryDraws` is a `Draws` whose price path and dividend multipliers come
  from blocks of consecutive months of the data (a circular block bootstrap),
  so that a method written for `Draws` runs on bootstrapped history unchanged.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from passivecalc.draws import Draws
from passivecalc.timeline import MONTHS_PER_YEAR

DATA_FILE = "sp500-shiller-monthly.csv"
CREDIT = (
    'S&P 500 data: Robert Shiller, "Irrational Exuberance" data set (econ.yale.edu/~shiller/data.htm), '
    "public domain (ODC-PDDL 1.0) via the datasets/s-and-p-500 repository"
)
DEFAULT_BLOCK_YEARS = 5


@dataclass(frozen=True, eq=False)
class ShillerData:
    """Monthly series, index i = 0..L-1 from 1871-01; all arrays shaped (L,), read-only.

    price: index level (the month's average of daily closes); dividend: dividends
    per index unit over the trailing twelve months (annual rate, nominal);
    cpi: US consumer price index; dates: 'YYYY-MM' of each month.
    """

    dates: tuple[str, ...]
    price: np.ndarray
    dividend: np.ndarray
    cpi: np.ndarray

    def __len__(self) -> int:
        return len(self.dates)

    def index_of(self, month: str) -> int:
        """Index of a 'YYYY-MM' month; ValueError when the data has no such month."""
        first_year, first_month = (int(x) for x in self.dates[0].split("-"))
        try:
            year, mon = (int(x) for x in month.split("-"))
        except ValueError:
            raise ValueError(f"{month!r} is not a month in the form YYYY-MM") from None
        i = (year - first_year) * MONTHS_PER_YEAR + (mon - first_month)
        if not 0 <= i < len(self.dates) or self.dates[i] != month:
            raise ValueError(f"{month!r} is outside the data ({self.dates[0]} to {self.dates[-1]})")
        return i


@lru_cache(maxsize=1)
def load() -> ShillerData:
    """The packaged Shiller series, read once per process (works from an installed wheel)."""
    text = resources.files("passivecalc").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    dates = tuple(row["date"] for row in rows)

    def column(name: str) -> np.ndarray:
        values = np.array([float(row[name]) for row in rows])
        values.flags.writeable = False
        return values

    return ShillerData(dates=dates, price=column("price"), dividend=column("dividend"), cpi=column("cpi"))


def relatives(data: ShillerData | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Month-to-month relatives (L-1,): price[i+1]/price[i], dividend[i+1]/dividend[i], cpi[i+1]/cpi[i].

    Entry i is the change from month i to month i+1 (nominal). The real price
    relative is price / cpi.
    """
    d = data or load()
    return d.price[1:] / d.price[:-1], d.dividend[1:] / d.dividend[:-1], d.cpi[1:] / d.cpi[:-1]


def bootstrap_months(
    rng: np.random.Generator, paths: int, months: int, block_years: int = DEFAULT_BLOCK_YEARS, count: int | None = None
) -> np.ndarray:
    """Indices into the month-to-month relatives, shape (paths, months): a circular block bootstrap.

    Each path is a chain of blocks of `block_years` x 12 consecutive relatives;
    each block starts at a month drawn uniformly from all `count` relatives
    (default: those of the packaged data) and wraps from the last relative to
    the first (circular), so that every month is drawn equally often. The blocks
    are independent; the last one is cut at the horizon.
    """
    n = count if count is not None else len(load()) - 1
    block = max(1, int(block_years * MONTHS_PER_YEAR))
    blocks = -(-months // block)
    starts = rng.integers(0, n, size=(paths, blocks))
    index = (starts[:, :, None] + np.arange(block)[None, None, :]) % n
    return index.reshape(paths, blocks * block)[:, :months]


def bootstrap_relatives(
    rng: np.random.Generator, paths: int, months: int, block_years: int = DEFAULT_BLOCK_YEARS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bootstrapped month-to-month relatives, each (paths, months): price, dividend, CPI of the same drawn months.

    Nominal; the real price relative is price / cpi. Their running products are
    `HistoryDraws`' multipliers (the same generator state gives the same draws).
    """
    price, dividend, cpi = relatives()
    index = bootstrap_months(rng, paths, months, block_years, count=price.size)
    return price[index], dividend[index], cpi[index]


@dataclass(frozen=True, eq=False)
class HistoryDraws(Draws):
    """Draws whose market comes from bootstrapped history (`--returns history`).

    Built like a `Draws`: `HistoryDraws(months, paths, rng, block_years=5)`. On
    creation it draws, per path, a chain of blocks of consecutive months of
    Shiller's data (`bootstrap_months`), and takes price, dividend and CPI
    changes of the same months together, so that their correlation and their
    bad decades stay. Multipliers are relative to the start (month 0 = 1):

    - `price_multipliers`: nominal price at the end of month m over the start price;
    - `dividend_multipliers`: nominal dividend per share at month m over the starting dividend;
    - `cpi_multipliers`: the price level at month m over the start (divide money by it for today's money).

    A method written for `Draws` runs on it unchanged: `price_path` returns
    start x the price multipliers (volatility and growth are ignored: history
    replaces them) and `cuts` returns the dividend multipliers (the cut options
    are ignored), each shaped (paths, months). Without a generator (a
    deterministic run) it has no history to draw and behaves as `Draws`.
    """

    block_years: int = DEFAULT_BLOCK_YEARS
    index: np.ndarray = field(init=False, repr=False)
    price_multipliers: np.ndarray = field(init=False, repr=False)
    dividend_multipliers: np.ndarray = field(init=False, repr=False)
    cpi_multipliers: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        shape = (self.paths, self.months)
        if self.rng is None:
            index = np.zeros(shape, dtype=np.intp)
            ones = np.ones((1, self.months))
            object.__setattr__(self, "index", index)
            for name in ("price_multipliers", "dividend_multipliers", "cpi_multipliers"):
                object.__setattr__(self, name, ones)
            return
        price, dividend, cpi = relatives()
        index = bootstrap_months(self.rng, self.paths, self.months, self.block_years, count=price.size)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "price_multipliers", np.cumprod(price[index], axis=1))
        object.__setattr__(self, "dividend_multipliers", np.cumprod(dividend[index], axis=1))
        object.__setattr__(self, "cpi_multipliers", np.cumprod(cpi[index], axis=1))

    @classmethod
    def expected(cls, months: int) -> HistoryDraws:
        return cls(months=months)

    def price_path(self, volatility: float, growth: float = 0.0, start: float = 1.0) -> np.ndarray:
        """start x the bootstrapped nominal price multipliers, (paths, months); volatility and growth are ignored."""
        if not self.simulated:
            return super().price_path(volatility, growth, start)
        return start * self.price_multipliers

    def cuts(self, annual_probability: float, cut: float) -> np.ndarray:
        """The bootstrapped dividend multipliers, (paths, months); the cut options are ignored."""
        if not self.simulated:
            return super().cuts(annual_probability, cut)
        return self.dividend_multipliers

    def real_price_multipliers(self) -> np.ndarray:
        """Price multipliers in money of the start month: price_multipliers / cpi_multipliers."""
        return self.price_multipliers / self.cpi_multipliers
