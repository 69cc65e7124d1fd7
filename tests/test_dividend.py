"""The dividend method against outside oracles (closed forms, numpy_financial, a published DRIP example) and its properties."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import dividend
from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods import get
from passivecalc.params import build
from passivecalc.projection import STANDARD_COLUMNS


def test_monthly_drip_compounds_at_the_monthly_yield():
    # 4 % a year paid monthly and reinvested, price flat: 10000 * (1 + 0.04/12) ** 120.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency="monthly", drip=True, years=10)
    np.testing.assert_allclose(projection.value[0, -1], 10_000 * (1 + 0.04 / 12) ** 120, rtol=1e-12)
    np.testing.assert_allclose(projection.payout, 0, atol=1e-9)


def test_monthly_drip_with_contributions_is_an_ordinary_annuity():
    # Contributions at the end of each month earn from the next: -numpy_financial.fv(0.04/12, 120, 100, 10000).
    projection = dividend(capital=10_000, contribution=100, **{"yield": 4}, frequency="monthly", drip=True, years=10)
    expected = -npf.fv(0.04 / 12, 120, 100, 10_000)
    np.testing.assert_allclose(projection.value[0, -1], expected, rtol=1e-12)
    assert projection.summary()["total_contributed"] == pytest.approx(10_000 + 120 * 100)


BUYUPSIDE = dict(capital=15_000, share_price=150, dividend_growth=1, price_growth=4, frequency="annual", years=20)


def test_buyupside_drip_example_to_the_cent():
    # buyupside.com's DRIP calculator example: 100 shares at $150, $3 annual dividend (yield 2 %), dividend
    # growth 1 %/yr, price growth 4 %/yr, 20 years, annual payouts: ending value $44,193.06 with DRIP.
    # The default model (dividend and price grow on their own schedules) reproduces it; no option needed.
    summary = dividend(**BUYUPSIDE, **{"yield": 2}, drip=True).summary()
    assert round(summary["ending_value"], 2) == 44_193.06


def test_buyupside_example_without_drip_to_the_cent():
    # The same example without DRIP: ending value + dividends paid out = $39,538.61.
    summary = dividend(**BUYUPSIDE, **{"yield": 2}, drip=False).summary()
    assert round(summary["ending_value"] + summary["total_payout"], 2) == 39_538.61
    # 100 shares, price 150 * 1.04 ** 20 at the end.
    np.testing.assert_allclose(summary["ending_value"], 100 * 150 * 1.04**20, rtol=1e-12)
    # Dividends: 100 shares x 3 x 1.01 ** y for years 1..20 (paid at each year's end, grown that year).
    np.testing.assert_allclose(summary["total_payout"], sum(300 * 1.01**y for y in range(1, 21)), rtol=1e-12)


def test_quarterly_four_percent_pays_one_percent_in_months_3_6_9_12():
    # The dividend convention (docs/architecture.md): 4 % paid quarterly with no growth is 1 % of the holding's value in months 3, 6, 9, 12.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency="quarterly", years=1)
    expected = np.zeros(12)
    expected[[2, 5, 8, 11]] = 100.0
    np.testing.assert_allclose(projection.income[0], expected, atol=1e-9)
    np.testing.assert_allclose(projection.payout[0], expected, atol=1e-9)


@pytest.mark.parametrize(
    ("frequency", "months"), [("monthly", range(1, 13)), ("semiannual", (6, 12)), ("annual", (12,))]
)
def test_each_frequency_pays_its_share_in_its_months(frequency, months):
    # k payments a year each pay 1/k of 4 % of 10,000.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency=frequency, years=1)
    expected = np.zeros(12)
    expected[[m - 1 for m in months]] = 400.0 / len(months)
    np.testing.assert_allclose(projection.income[0], expected, atol=1e-9)


def test_dividend_growth_raises_the_dividend_per_share_geometrically():
    # Annual payouts, no DRIP, flat price: year y pays 100 shares x 4 x 1.05 ** y.
    projection = dividend(capital=10_000, **{"yield": 4}, dividend_growth=5, frequency="annual", years=5)
    paid = projection.rows("year")
    np.testing.assert_allclose([row["income"] for row in paid], [400 * 1.05**y for y in range(1, 6)], rtol=1e-12)
    np.testing.assert_allclose(projection.extras["dividend_per_share"].values[0, 5], 4 * 1.05 ** (6 / 12), rtol=1e-12)


def test_expense_ratio_is_charged_monthly_on_the_value():
    # No dividends, flat price: the value shrinks by (1 - 0.012/12) a month, and the fees are the whole loss.
    projection = dividend(capital=10_000, **{"yield": 0}, expense_ratio=1.2, years=10)
    final = 10_000 * (1 - 0.012 / 12) ** 120
    np.testing.assert_allclose(projection.value[0, -1], final, rtol=1e-12)
    summary = projection.summary()
    np.testing.assert_allclose(summary["total_costs"], 10_000 - final, rtol=1e-12)
    np.testing.assert_allclose(summary["total_reinvested"], -(10_000 - final), rtol=1e-12)
    assert summary["total_payout"] == pytest.approx(0, abs=1e-9)


def test_tax_is_withheld_from_each_dividend():
    # 15 % withheld: tax is 15 % of the income, payout the remaining 85 %.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency="monthly", tax=15, years=2)
    np.testing.assert_allclose(projection.taxes, 0.15 * projection.income, rtol=1e-12)
    np.testing.assert_allclose(projection.payout, 0.85 * projection.income, rtol=1e-12)
    assert projection.after_tax


def test_drip_reinvests_the_dividend_after_tax():
    # Monthly DRIP of 85 % of the dividend: 10000 * (1 + 0.85 * 0.04/12) ** 120.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency="monthly", tax=15, drip=True, years=10)
    np.testing.assert_allclose(projection.value[0, -1], 10_000 * (1 + 0.85 * 0.04 / 12) ** 120, rtol=1e-12)


def test_partial_reinvestment_pays_out_the_rest():
    # Reinvest 50 %: shares grow by (1 + 0.5 * 0.04/12) a month; half of each dividend is paid out.
    projection = dividend(capital=10_000, **{"yield": 4}, frequency="monthly", drip=True, reinvest=50, years=10)
    np.testing.assert_allclose(projection.value[0, -1], 10_000 * (1 + 0.5 * 0.04 / 12) ** 120, rtol=1e-12)
    np.testing.assert_allclose(projection.payout, 0.5 * projection.income, rtol=1e-12)
    np.testing.assert_allclose(projection.reinvested, 0.5 * projection.income, rtol=1e-12)


def test_contribution_is_raised_once_a_year():
    # 100 a month, raised 10 % each year: year y contributes 1200 * 1.1 ** (y - 1).
    projection = dividend(capital=0, contribution=100, contribution_growth=10, **{"yield": 0}, years=3)
    np.testing.assert_allclose(projection.contributed[0, [0, 11, 12, 23, 24, 35]], [100, 100, 110, 110, 121, 121])
    assert projection.summary()["total_contributed"] == pytest.approx(1200 * (1 + 1.1 + 1.21))


def test_price_growth_moves_the_value_and_not_the_dividend():
    # No dividends: 10000 * 1.06 ** 10 after ten years; shares stay at capital / price.
    projection = dividend(capital=10_000, **{"yield": 0}, price_growth=6, years=10)
    np.testing.assert_allclose(projection.value[0, -1], 10_000 * 1.06**10, rtol=1e-12)
    np.testing.assert_allclose(projection.extras["shares"].values, 100.0)


def test_own_columns_and_hours():
    # Hours: setup 3 in month 1, then 1 a month. Yield on cost: the holding's annual dividend over money put in.
    projection = dividend(capital=10_000, **{"yield": 4}, setup_hours=3, hours_per_month=1, years=1)
    np.testing.assert_allclose(projection.hours[0], [4] + [1] * 11)
    np.testing.assert_allclose(projection.extras["yield_on_cost_pct"].values, 4.0)
    assert projection.summary()["hourly_rate"] == pytest.approx(400 / 15)


def test_reinvest_without_drip_is_an_input_error():
    with pytest.raises(InputError) as raised:
        dividend(reinvest=50)
    assert raised.value.as_option() == "--reinvest: 50 is set but DRIP is off; add --drip to reinvest dividends"


def test_a_dividend_outgrowing_the_price_past_a_100_percent_yield_is_refused():
    # 2 % x (1.15 / 0.88) ** 44 = 259,715 %: the model would pay many times the share price each year.
    with pytest.raises(InputError) as raised:
        dividend(**{"yield": 2}, dividend_growth=15, price_growth=-12, years=44, drip=True)
    assert raised.value.as_option() == (
        "--dividend-growth: 15 %/yr against price growth of -12 %/yr lifts the yield on the share price "
        "from 2 % to 259,715 % by year 44 (allowed: at most 100 %); bring the two growth rates closer or shorten --years"
    )
    # Exactly at the limit is fine: 50 % doubling to 100 % in one year.
    assert dividend(**{"yield": 50}, dividend_growth=100 * (2**1 - 1) / 2, price_growth=-25, years=1).months == 12


# -- properties -----------------------------------------------------------------------------------

finite = dict(allow_nan=False, allow_infinity=False)
raw_inputs = st.fixed_dictionaries(
    {
        "capital": st.floats(0, 1e7, **finite),
        "contribution": st.floats(0, 1e4, **finite),
        "contribution_growth": st.floats(0, 20, **finite),
        "yield": st.floats(0, 15, **finite),
        "dividend_growth": st.floats(-20, 20, **finite),
        "price_growth": st.floats(-30, 30, **finite),
        "share_price": st.floats(0.01, 1e4, **finite),
        "frequency": st.sampled_from(["monthly", "quarterly", "semiannual", "annual"]),
        "tax": st.floats(0, 60, **finite),
        "expense_ratio": st.floats(0, 3, **finite),
        "years": st.integers(1, 60),
    }
)


def within_model(values: dict) -> dict:
    """Shorten the horizon so that the yield on the current price stays at most 100 % (the model's limit)."""
    ratio = (1 + values["dividend_growth"] / 100) / (1 + values["price_growth"] / 100)
    if ratio > 1 and values["yield"] > 0:
        longest = math.log(100 / values["yield"]) / math.log(ratio)
        if longest < values["years"]:
            return {**values, "years": max(1, math.floor(longest - 1e-9))}
    return values


inputs = raw_inputs.map(within_model)
growing = raw_inputs.map(
    lambda v: {**v, "dividend_growth": abs(v["dividend_growth"]), "price_growth": abs(v["price_growth"])}
).map(within_model)


def scale(values: dict) -> float:
    return max(1.0, values["capital"], values["contribution"] * values["years"] * 12)


@given(inputs, st.booleans())
def test_money_is_conserved(values, drip):
    projection = dividend(**values, drip=drip)
    # value[m] = value[m-1] + contributed + reinvested - returned + revaluation, to rounding.
    assert np.abs(projection.conservation_error()).max() <= 1e-9 * max(scale(values), projection.value.max())


@given(growing)
def test_drip_never_ends_below_no_drip(values):
    # With no fees and non-negative growth, reinvested dividends are worth at least the cash they replace.
    values = {**values, "expense_ratio": 0}
    with_drip = dividend(**values, drip=True).summary()
    without = dividend(**values, drip=False).summary()
    wealth_drip = with_drip["ending_value"] + with_drip["total_payout"]
    wealth_cash = without["ending_value"] + without["total_payout"]
    assert wealth_drip >= wealth_cash - 1e-9 * max(1.0, wealth_cash)


@given(inputs, st.floats(0, 10, **finite), st.booleans())
def test_higher_yield_never_lowers_income(values, more, drip):
    raised = within_model({**values, "yield": values["yield"] + more})
    lower = dividend(**{**values, "years": raised["years"]}, drip=drip)
    higher = dividend(**raised, drip=drip)
    tolerance = 1e-9 * max(1.0, lower.income.max())
    # Gross income, month by month (net income may dip: a bigger DRIP holding pays more fund fees).
    assert np.all(higher.income >= lower.income - tolerance)
    assert higher.summary()["total_income"] >= lower.summary()["total_income"] - tolerance * lower.months


@given(inputs, st.booleans())
def test_zero_yield_and_zero_growth_leave_the_money_put_in(values, drip):
    values = {**values, "yield": 0, "price_growth": 0, "expense_ratio": 0}
    projection = dividend(**values, drip=drip)
    np.testing.assert_allclose(projection.value[0], np.cumsum(projection.contributed[0]), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(projection.income, 0)


@given(
    inputs.map(lambda v: {**v, "capital": v["capital"] * 1e5, "contribution": v["contribution"] * 1e6, "years": 100}),
    st.booleans(),
)
def test_no_nan_or_inf_even_at_the_extremes(values, drip):
    values = within_model({**values, "price_growth": 100 if values["price_growth"] > 0 else -50})
    projection = dividend(**values, drip=drip)
    for name, column in projection.all_columns().items():
        assert np.isfinite(column.values).all(), name
    for key, figure in projection.summary().items():
        assert figure is None or np.isfinite(figure), key


# Every value the options allow, from their smallest meaningful bound (a share price of 0.0001, money of 0 or a
# cent) to their largest: a plan is either refused with a message or computed to finite numbers.
extreme_inputs = st.fixed_dictionaries(
    {
        "capital": st.floats(0, 1e12, **finite),
        "contribution": st.floats(0, 1e10, **finite),
        "contribution_growth": st.floats(0, 50, **finite),
        "yield": st.floats(0, 100, **finite),
        "dividend_growth": st.floats(-50, 50, **finite),
        "price_growth": st.floats(-50, 100, **finite),
        "share_price": st.floats(0.0001, 1e9, **finite),
        "frequency": st.sampled_from(["monthly", "quarterly", "semiannual", "annual"]),
        "tax": st.floats(0, 100, **finite),
        "expense_ratio": st.floats(0, 10, **finite),
        "years": st.integers(1, 100),
        "drip": st.booleans(),
    }
)


@given(extreme_inputs)
def test_any_accepted_input_computes_to_finite_numbers(values):
    try:
        projection = dividend(**values)
    except InputError:
        return  # refused with a message: the yield would pass 100 % of the price
    for name, column in projection.all_columns().items():
        assert np.isfinite(column.values).all(), name
    for key, figure in projection.summary().items():
        assert figure is None or np.isfinite(figure), key


@pytest.mark.parametrize(
    ("values", "message"),
    [
        # The input: a subnormal price made 40 nan and 30 inf cells.
        (dict(share_price=1e-306), "--share-price: 1e-306 is out of range (allowed: 0.0001 to 1,000,000,000)"),
    ],
)
def test_a_price_no_user_means_is_refused(values, message):
    with pytest.raises(InputError) as raised:
        dividend(**values)
    assert raised.value.as_option() == message


def test_a_lean_monte_carlo_chunk_has_the_same_standard_columns():
    # The Monte Carlo engine asks for the standard columns only (Draws.lean): the same draws give the same bits.
    method = get("dividend")
    params = build(method.params, {"drip": True, "tax": 15, "expense_ratio": 0.5, "contribution": 100, "years": 3})
    full = method.project(params, Draws(36, paths=50, rng=np.random.default_rng(5)))
    lean = method.project(params, Draws(36, paths=50, rng=np.random.default_rng(5), lean=True))
    for name in (*STANDARD_COLUMNS, "revaluation"):
        np.testing.assert_array_equal(getattr(lean, name), getattr(full, name), name)
    assert lean.extras == {}
