"""tax.yearly_tax, the one tax policy: against hand-worked cases and a plain loop written here."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from passivecalc.tax import yearly_tax


def plain_loop(profit: list[list[float]], rate: float) -> list[list[float]]:
    """The policy as a person would do it, one path and one year at a time, in plain Python.

    Add up the year's twelve months; set earlier losses against a profit; pay rate x what is left
    in the year's twelfth month; a loss (or what is left of the carried loss) goes to next year.
    """
    out = []
    for months in profit:
        taxes = [0.0] * len(months)
        carried = 0.0
        for year in range(len(months) // 12):
            result = sum(months[year * 12 : year * 12 + 12])
            if result > carried:
                taxes[year * 12 + 11] = rate * (result - carried)
                carried = 0.0
            else:
                carried -= result
        out.append(taxes)
    return out


def months_of(yearly: list[float]) -> np.ndarray:
    """One path whose months spread each year's profit evenly (the year's sum is what counts)."""
    return np.repeat(np.asarray(yearly, dtype=float) / 12, 12)[None, :]


def test_a_loss_carries_forward_across_several_years():
    # Hand-worked, 20 %: year 1 loses 1,000, year 2 loses 500 (1,500 carried), year 3 earns 600 (900 carried),
    # year 4 earns 1,000: 100 taxable, tax 20; year 5 earns 300: tax 60.
    taxes = yearly_tax(months_of([-1000, -500, 600, 1000, 300]), 0.20)
    np.testing.assert_allclose(taxes[0, 11::12], [0, 0, 0, 20, 60], atol=1e-9)


def test_tax_falls_in_the_twelfth_month_only():
    # 1,200 profit a year at 25 %: 300 in months 12 and 24, nothing in any other month.
    taxes = yearly_tax(np.full((1, 24), 100.0), 0.25)
    expected = np.zeros(24)
    expected[[11, 23]] = 300.0
    np.testing.assert_allclose(taxes[0], expected)


def test_a_loss_within_a_year_nets_against_that_years_profit():
    # Months of +1,000 and -900 alternating: the year makes 6 x 100 = 600; at 10 %, 60 of tax.
    taxes = yearly_tax(np.tile([1000.0, -900.0], 6)[None, :], 0.10)
    assert taxes[0, 11] == pytest.approx(60.0)


def test_no_rate_no_tax_and_paths_are_independent():
    profit = np.array([np.full(24, 50.0), np.full(24, -50.0)])
    np.testing.assert_array_equal(yearly_tax(profit, 0.0), np.zeros((2, 24)))
    taxes = yearly_tax(profit, 0.5)
    np.testing.assert_allclose(taxes[0, [11, 23]], [300.0, 300.0])  # 600 a year at 50 %
    np.testing.assert_array_equal(taxes[1], np.zeros(24))


money = st.floats(-1e7, 1e7, allow_nan=False, allow_infinity=False)


@given(
    profit=st.integers(1, 4).flatmap(
        lambda paths: st.integers(1, 6).flatmap(lambda years: arrays(np.float64, (paths, 12 * years), elements=money))
    ),
    rate=st.floats(0, 1),
)
def test_matches_the_plain_loop_and_is_never_negative(profit, rate):
    taxes = yearly_tax(profit, rate)
    assert taxes.shape == profit.shape
    assert np.all(np.isfinite(taxes))
    assert np.all(taxes >= 0)
    np.testing.assert_allclose(taxes, plain_loop(profit.tolist(), rate), rtol=1e-9, atol=1e-6)
    # Never more than the rate times the profit of the years with a profit (carried losses only lower it).
    yearly = profit.reshape(profit.shape[0], -1, 12).sum(axis=2)
    assert np.all(taxes.sum(axis=1) <= rate * np.maximum(yearly, 0).sum(axis=1) * (1 + 1e-12) + 1e-6)


@given(profit=arrays(np.float64, (2, 36), elements=st.floats(-1e7, 0, allow_nan=False)), rate=st.floats(0, 1))
def test_a_run_that_never_makes_a_profit_pays_no_tax(profit, rate):
    np.testing.assert_array_equal(yearly_tax(profit, rate), np.zeros_like(profit))
