"""Months, rate conversions and payout calendars, against closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from passivecalc.timeline import (
    Frequency,
    annual_steps,
    deflators,
    growth_path,
    month_labels,
    month_numbers,
    monthly_growth,
    monthly_hazard,
    months,
    parse_start,
    payment_months,
)


def test_months_and_month_numbers():
    assert months(1) == 12 and months(100) == 1200
    np.testing.assert_array_equal(month_numbers(3), [1.0, 2.0, 3.0])


def test_monthly_growth_is_geometric():
    # (1 + g) ** (1/12): twelve monthly factors compound back to the annual rate.
    factor = monthly_growth(0.06)
    np.testing.assert_allclose(factor**12, 1.06, rtol=1e-14)
    np.testing.assert_allclose(monthly_growth(np.array([0.0, -0.5])), [1.0, 0.5 ** (1 / 12)], rtol=1e-14)


def test_growth_path_reaches_the_annual_rate_each_year():
    path = growth_path(0.10, 24)
    np.testing.assert_allclose(path[[11, 23]], [1.10, 1.21], rtol=1e-14)
    np.testing.assert_allclose(path[0], 1.10 ** (1 / 12), rtol=1e-14)


def test_annual_steps_raise_once_a_year():
    steps = annual_steps(0.10, 25)
    np.testing.assert_allclose(steps[:12], 1.0)
    np.testing.assert_allclose(steps[12:24], 1.1)
    np.testing.assert_allclose(steps[24], 1.21)


def test_monthly_hazard_compounds_to_the_annual_probability():
    # 1 - (1 - p) ** (1/12): surviving twelve months at the monthly hazard is surviving the year.
    h = monthly_hazard(0.2)
    np.testing.assert_allclose((1 - h) ** 12, 0.8, rtol=1e-14)
    assert monthly_hazard(0.0) == 0.0
    assert monthly_hazard(1.0) == 1.0


@pytest.mark.parametrize(
    ("frequency", "per_year", "months_paid"),
    [
        (Frequency.monthly, 12, list(range(1, 13))),
        (Frequency.quarterly, 4, [3, 6, 9, 12]),
        (Frequency.semiannual, 2, [6, 12]),
        (Frequency.annual, 1, [12]),
    ],
)
def test_payment_months_fall_at_the_end_of_each_period(frequency, per_year, months_paid):
    assert frequency.per_year == per_year
    mask = payment_months(frequency, 24)
    paid = [int(m) for m in np.flatnonzero(mask) + 1]
    assert paid == months_paid + [m + 12 for m in months_paid]


def test_deflators_are_inflation_compounded_monthly():
    # Today's money: divide month m by (1 + i) ** (m/12); 2 % over a year is 1.02.
    np.testing.assert_allclose(deflators(0.02, 12)[-1], 1.02, rtol=1e-14)
    np.testing.assert_allclose(deflators(0.0, 5), 1.0)


def test_month_labels_cross_year_ends():
    assert month_labels("2026-11", 4) == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert parse_start("1999-01") == (1999, 1)


@pytest.mark.parametrize("bad", ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", "", "2026-01-01"])
def test_parse_start_rejects_anything_but_yyyy_mm(bad):
    with pytest.raises(ValueError, match="is not a month in the form YYYY-MM"):
        parse_start(bad)
