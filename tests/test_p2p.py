"""P2P lending: amortisation against numpy_financial, LendingClub's NAR, column mapping, properties, Monte Carlo draws, bad input."""

import json
import warnings

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import get
from passivecalc.methods.p2p import (
    _any_month,
    _default_shares,
    expected_losses,
    net_annualised_return,
    remaining_balance,
)
from passivecalc.params import build
from passivecalc.projection import STANDARD_COLUMNS, Extra, Metric, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR

METHOD = get("p2p")
# One plain loan: no defaults, no fees, nothing re-lent.
PLAIN = dict(default_rate=0, fee=0, reinvest=False)


def run(draws=None, **values):
    params = build(METHOD.params, values)
    return METHOD.project(params, draws)


def extra(projection, name):
    return projection.extras[name].values


def hazard(annual):
    return 1 - (1 - annual) ** (1 / 12)


# -- reference numbers ---------------------------------------------------------


def test_a_36_month_loan_pays_36_level_payments():
    projection = run(capital=10_000, rate=10, term=36, years=3, **PLAIN)
    payment = npf.pmt(0.10 / 12, 36, -10_000)
    periods = np.arange(1, 37)
    # The cash received each month is the level payment; its split follows numpy_financial's ipmt/ppmt.
    np.testing.assert_allclose(projection.payout + projection.returned, payment, rtol=1e-12)
    np.testing.assert_allclose((projection.payout + projection.returned).sum(), 36 * payment, rtol=1e-12)
    np.testing.assert_allclose(projection.income[0], npf.ipmt(0.10 / 12, periods, 36, -10_000), rtol=1e-10)
    np.testing.assert_allclose(
        extra(projection, "principal_returned")[0], npf.ppmt(0.10 / 12, periods, 36, -10_000), rtol=1e-10
    )
    np.testing.assert_allclose(projection.value[0, -1], 0, atol=1e-8)
    np.testing.assert_allclose(projection.returned.sum(), 10_000, rtol=1e-12)


def test_the_6_percent_12_month_loan_of_100000():
    # The worked example a public amortisation calculator once got wrong: payment 8,606.64, first-month interest 500.00
    # (100,000 x 0.06 / 12); npf.pmt(0.06/12, 12, -100000) = 8606.6430 as well.
    projection = run(capital=100_000, rate=6, term=12, years=1, **PLAIN)
    assert round(projection.income[0, 0], 2) == 500.00
    assert round(projection.income[0, 0] + extra(projection, "principal_returned")[0, 0], 2) == 8606.64
    np.testing.assert_allclose(projection.payout + projection.returned, npf.pmt(0.06 / 12, 12, -100_000), rtol=1e-12)


def test_a_zero_rate_loan_repays_equal_principal():
    # P / n a month when the rate is 0 (numpy_financial.pmt(0, 24, -2400) = 100).
    projection = run(capital=2_400, rate=0, term=24, years=2, **PLAIN)
    np.testing.assert_allclose(projection.returned, npf.pmt(0, 24, -2_400))
    np.testing.assert_allclose(projection.income, 0)


def test_a_reinvested_book_without_defaults_compounds_at_the_monthly_rate():
    # What compounds: the book's value (principal outstanding, all re-lent at once with no cash drag) grows by
    # exactly that month's interest, so value[m] = 10,000 (1 + 0.10/12)^m = numpy_financial.fv(0.10/12, m, 0, -10000),
    # whatever the term; NAR is then the effective annual rate (1 + 0.10/12)^12 - 1.
    months = np.arange(1, 121)
    for term in (1, 12, 36, 60):
        projection = run(capital=10_000, rate=10, term=term, years=10, default_rate=0, fee=0)
        np.testing.assert_allclose(projection.value[0], npf.fv(0.10 / 12, months, 0, -10_000), rtol=1e-12)
        np.testing.assert_allclose(extra(projection, "outstanding"), projection.value)
        np.testing.assert_allclose(projection.reinvested, projection.income)
        np.testing.assert_allclose(extra(projection, "nar_pct"), ((1 + 0.10 / 12) ** 12 - 1) * 100, rtol=1e-12)
    assert projection.payout.max() == 0 and projection.returned.max() == 0


def test_monthly_contributions_lent_at_month_end_grow_as_an_ordinary_annuity():
    # numpy_financial.fv(0.09/12, m, -100, 0): 100 lent at the end of each month, re-lent in full, no defaults or fees.
    projection = run(capital=0, contribution=100, rate=9, term=36, years=5, default_rate=0, fee=0)
    np.testing.assert_allclose(projection.value[0], npf.fv(0.09 / 12, np.arange(1, 61), -100, 0), rtol=1e-12)
    np.testing.assert_allclose(projection.income[0, 0], 0)


def test_defaults_are_a_monthly_hazard_and_nar_follows_lendingclubs_formula():
    # Monthly hazard h = 1 - 0.97^(1/12). Each month a share h of principal is charged off and the survivors pay
    # interest i on what is left, so net / outstanding = i (1 - h) - h every month, and
    # NAR = (1 + i (1 - h) - h)^12 - 1 (no fees, no recoveries).
    h, i = hazard(0.03), 0.09 / 12
    projection = run(
        capital=10_000, rate=9, term=36, years=3, default_rate=3, recovery=0, fee=0, reinvest=False, chargeoff_lag=0
    )
    np.testing.assert_allclose(extra(projection, "charge_offs")[0, 0], 10_000 * h, rtol=1e-12)
    np.testing.assert_allclose(projection.income[0, 0], 10_000 * (1 - h) * i, rtol=1e-12)
    np.testing.assert_allclose(extra(projection, "nar_pct"), ((1 + i * (1 - h) - h) ** 12 - 1) * 100, rtol=1e-9)


def test_a_defaulting_loan_keeps_its_level_payment_for_the_survivors():
    # The pool's payment each month is the level payment on the surviving principal: pmt x 0.97^(m/12).
    projection = run(capital=10_000, rate=9, term=36, years=3, default_rate=3, recovery=0, fee=0, reinvest=False)
    paid = projection.income + extra(projection, "principal_returned")
    survival = 0.97 ** (np.arange(1, 37) / 12)
    np.testing.assert_allclose(paid[0], npf.pmt(0.09 / 12, 36, -10_000) * survival, rtol=1e-12)


def test_servicing_fee_is_a_share_of_payments_received():
    # 1 % of the month's payment, npf.pmt(0.09/12, 36, -10000) = 318.00
    projection = run(capital=10_000, rate=9, term=36, years=3, default_rate=0, fee=1, reinvest=False)
    np.testing.assert_allclose(extra(projection, "fees"), 0.01 * npf.pmt(0.09 / 12, 36, -10_000), rtol=1e-12)
    np.testing.assert_allclose(projection.costs, extra(projection, "fees"))


def test_recoveries_arrive_after_the_lag_and_reduce_costs():
    projection = run(capital=10_000, default_rate=12, recovery=40, recovery_lag=3, fee=0, years=2, reinvest=False)
    charge_offs, recoveries = extra(projection, "charge_offs")[0], extra(projection, "recoveries")[0]
    np.testing.assert_allclose(recoveries[:3], 0)
    np.testing.assert_allclose(recoveries[3:], 0.4 * charge_offs[:-3], rtol=1e-12)
    np.testing.assert_allclose(projection.costs[0], charge_offs - recoveries, rtol=1e-12)


def test_a_defaulting_loan_stops_paying_months_before_its_charge_off():
    # Hazard h = 1 - 0.88^(1/12): in month m the performing principal 10,000 (1-h)^(m-1) r[m-1] loses a share h,
    # which stops paying at once and is charged off 4 months later (numpy_financial.fv gives the balance r after k
    # payments). Until then it stays in the book at cost.
    h, i, lag = hazard(0.12), 0.09 / 12, 4
    values = dict(capital=10_000, rate=9, term=36, years=3, default_rate=12, recovery=0, fee=0, reinvest=False)
    late = run(**values, chargeoff_lag=lag)
    prompt = run(**values, chargeoff_lag=0)
    payment = npf.pmt(i, 36, -10_000)
    k = np.arange(36)
    stopped = h * (1 - h) ** k * npf.fv(i, k, payment, -10_000)
    np.testing.assert_allclose(extra(prompt, "charge_offs")[0], stopped, rtol=1e-10)
    np.testing.assert_allclose(extra(late, "charge_offs")[0, :lag], 0)
    np.testing.assert_allclose(extra(late, "charge_offs")[0, lag:], stopped[:-lag], rtol=1e-10)
    # The interest the performing loans pay does not depend on when the others are charged off.
    np.testing.assert_allclose(late.income, prompt.income, rtol=1e-12)
    # The principal in arrears, the last 4 months' stopped loans, is still outstanding.
    arrears = np.array([stopped[max(0, m - lag + 1) : m + 1].sum() for m in range(36)])
    np.testing.assert_allclose(
        extra(late, "outstanding")[0] - extra(prompt, "outstanding")[0], arrears, rtol=1e-9, atol=1e-9
    )
    assert abs(late.conservation_error()).max() < 1e-9


def test_the_ending_book_is_valued_net_of_the_losses_still_expected():
    # One 36-month loan of 10,000 after 12 payments, 12 % defaults a year, 20 % recovered, no charge-off lag: the
    # surviving 10,000 (1-h)^12 can still lose, in month j = 12..35, h (1-h)^(j-12) r[j] of it, so the expected
    # loss is 0.8 x 10,000 (1-h)^12 x sum of those (a plain sum over the remaining months).
    h, i = hazard(0.12), 0.09 / 12
    projection = run(
        capital=10_000, rate=9, term=36, years=1, default_rate=12, recovery=20, fee=0, reinvest=False, chargeoff_lag=0
    )
    payment = npf.pmt(i, 36, -10_000)
    to_lose = sum(h * (1 - h) ** (j - 12) * npf.fv(i, j, payment, -10_000) / 10_000 for j in range(12, 36))
    expected = 0.8 * 10_000 * (1 - h) ** 12 * to_lose
    summary = projection.summary()
    np.testing.assert_allclose(summary["expected_losses"], expected, rtol=1e-10)
    np.testing.assert_allclose(projection.value[0, -1], extra(projection, "outstanding")[0, -1] - expected, rtol=1e-12)
    np.testing.assert_allclose(projection.value[0, :-1], extra(projection, "outstanding")[0, :-1], rtol=1e-12)
    assert abs(projection.conservation_error()).max() < 1e-9
    # Principal in arrears at the end is lost for certain, less its recovery: with a 4-month lag, the last 4 months'
    # stopped loans (10,000 (1-h)^k h r[k], k = 8..11) add 0.8 of themselves.
    late = run(
        capital=10_000, rate=9, term=36, years=1, default_rate=12, recovery=20, fee=0, reinvest=False, chargeoff_lag=4
    )
    arrears = sum(h * (1 - h) ** k * npf.fv(i, k, payment, -10_000) for k in range(8, 12))
    np.testing.assert_allclose(late.summary()["expected_losses"], expected + 0.8 * arrears, rtol=1e-10)


def test_a_book_without_defaults_expects_no_losses():
    projection = run(capital=10_000, contribution=100, default_rate=0, years=5)
    assert projection.summary()["expected_losses"] == 0
    np.testing.assert_allclose(projection.value, extra(projection, "outstanding"))


def test_cash_drag_keeps_repayments_waiting_in_value():
    # Drag 2: month 1's payment is lent at the end of month 3. Meanwhile it waits, earning nothing, and counts in value.
    payment = npf.pmt(0.09 / 12, 36, -10_000)
    projection = run(capital=10_000, rate=9, term=36, years=3, default_rate=0, fee=0, cash_drag=2)
    waiting = projection.value - extra(projection, "outstanding")
    np.testing.assert_allclose(waiting[0, :2], [payment, 2 * payment], rtol=1e-12)
    np.testing.assert_allclose(projection.value[0, 0], 10_000 * (1 + 0.09 / 12), rtol=1e-12)
    no_drag = run(capital=10_000, rate=9, term=36, years=3, default_rate=0, fee=0)
    assert projection.income.sum() < no_drag.income.sum()


def yearly_tax_loop(profit, rate):
    """Tax on each year's profit with losses carried forward, never negative, charged in month 12: a plain loop."""
    taxes, carried = np.zeros(len(profit)), 0.0
    for year in range(len(profit) // 12):
        taxable = sum(profit[12 * year : 12 * year + 12]) - carried
        carried = max(-taxable, 0.0)
        taxes[12 * year + 11] = rate * max(taxable, 0.0)
    return taxes


@pytest.mark.parametrize("reinvest", [True, False])
def test_tax_is_on_each_years_profit_net_of_charge_offs(reinvest):
    # Interest less fees and net charge-offs is each year's profit; tax at 25 % of it in month 12.
    projection = run(capital=10_000, tax=25, years=3, reinvest=reinvest)
    profit = (projection.income - projection.costs)[0]
    np.testing.assert_allclose(projection.taxes[0], yearly_tax_loop(profit, 0.25), rtol=1e-12, atol=1e-12)
    assert projection.after_tax and projection.taxes[0, 11] > 0 and projection.taxes[0, :11].max() == 0


def test_a_loss_making_book_pays_no_tax_and_carries_its_loss():
    # 30 % defaults on 9 % loans: each year loses money, so no year owes tax.
    losing = run(capital=10_000, default_rate=30, recovery=0, tax=40, years=3)
    assert (losing.income - losing.costs).sum(axis=1)[0] < 0
    np.testing.assert_array_equal(losing.taxes, 0)
    # Losses carried forward: 20 % defaults whose charge-offs come back in full 24 months later lose money in years
    # 1-2 (-1,433.58, -917.09) and make it in years 3-5 (1,302.17, 908.89, 615.40); the losses absorb years 3-4, and
    # year 5 is taxed on 1,302.17 + 908.89 + 615.40 - 1,433.58 - 917.09 = 475.80, 30 % of it 142.74.
    projection = run(
        capital=10_000,
        rate=5,
        term=60,
        default_rate=20,
        recovery=100,
        recovery_lag=24,
        chargeoff_lag=0,
        fee=0,
        tax=30,
        years=5,
        reinvest=False,
    )
    profit = (projection.income - projection.costs)[0]
    np.testing.assert_allclose(projection.taxes[0], yearly_tax_loop(profit, 0.30), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        projection.taxes.reshape(5, 12).sum(axis=1), [0, 0, 0, 0, 0.3 * profit.sum()], rtol=1e-12, atol=1e-12
    )
    assert round(projection.taxes.sum(), 2) == 142.74


def test_without_reinvestment_cash_received_is_payout_plus_returned():
    # The Projection contract (docs/architecture.md): losses are costs; the written-off principal counts in returned, so the loss counts once.
    projection = run(
        capital=10_000, contribution=50, default_rate=5, recovery=30, recovery_lag=2, tax=10, years=4, reinvest=False
    )
    fees, recoveries = extra(projection, "fees"), extra(projection, "recoveries")
    principal, charge_offs = extra(projection, "principal_returned"), extra(projection, "charge_offs")
    cash = projection.income - fees - projection.taxes + principal + recoveries
    np.testing.assert_allclose(projection.payout + projection.returned, cash, rtol=1e-12)
    np.testing.assert_allclose(projection.returned, principal + charge_offs, rtol=1e-12)
    np.testing.assert_allclose(projection.reinvested, 0)


# -- properties ------------------------------------------------------------------

money = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
share = st.floats(0, 100, allow_nan=False, allow_infinity=False)
params = st.fixed_dictionaries(
    {
        "capital": money,
        "contribution": st.floats(0, 1e4, allow_nan=False),
        "rate": st.floats(0, 40, allow_nan=False),
        "term": st.integers(1, 84),
        "default_rate": share,
        "recovery": share,
        "recovery_lag": st.integers(0, 24),
        "chargeoff_lag": st.integers(0, 8),
        "fee": st.floats(0, 5, allow_nan=False),
        "tax": st.floats(0, 50, allow_nan=False),
        "years": st.integers(1, 8),
        "loans": st.integers(1, 500),
        "bad_year_probability": share,
        "bad_year_multiplier": st.floats(1, 5, allow_nan=False),
    }
)
lending = st.one_of(
    st.builds(lambda p, drag: {**p, "reinvest": True, "cash_drag": drag}, params, st.integers(0, 6)),
    params.map(lambda p: {**p, "reinvest": False}),
)


def scale(projection):
    return max(1.0, float(np.abs(projection.contributed).sum()), float(np.abs(projection.value).max()))


@settings(max_examples=40, deadline=None)
@given(lending)
def test_money_is_conserved_and_finite(values):
    for draws in (None, Draws(12 * values["years"], paths=8, rng=np.random.default_rng(3))):
        projection = run(draws, **values)
        assert abs(projection.conservation_error()).max() <= 1e-9 * scale(projection)
        for name, column in projection.all_columns().items():
            assert np.isfinite(column.values).all(), name
        assert (extra(projection, "outstanding") >= -1e-9 * scale(projection)).all()
        assert all(v is None or np.isfinite(v) for v in projection.summary().values())


@settings(max_examples=40, deadline=None)
@given(lending, share, share)
def test_more_defaults_never_raise_income(values, low, high):
    low, high = sorted((low, high))
    safer = run(**{**values, "default_rate": low})
    riskier = run(**{**values, "default_rate": high})
    # Income to date, month by month: a single month can go either way when a lagged recovery is re-lent while the
    # safer book's cash waits out its drag (the value, likewise, when a late recovery lands), but what the book has
    # earned so far never rises with defaults.
    tolerance = 1e-9 * scale(safer)
    assert (np.cumsum(riskier.income, axis=1) <= np.cumsum(safer.income, axis=1) + tolerance).all()


@settings(max_examples=40, deadline=None)
@given(params, st.floats(0.1, 100, allow_nan=False))
def test_full_recovery_without_lag_returns_all_principal(values, default_rate):
    # Recovery 100 % with no lag: every charged-off dollar comes back at once, so all the principal comes back,
    # exactly as with no defaults, and no loan loss reaches the costs.
    values = {**values, "contribution": 0, "reinvest": False, "recovery": 100, "recovery_lag": 0, "chargeoff_lag": 0}
    values["years"] = max(values["years"], -(-values["term"] // 12))
    values["capital"] = build(METHOD.params, values).capital  # less than a cent is no money
    defaulting = run(**{**values, "default_rate": default_rate})
    safe = run(**{**values, "default_rate": 0})
    back = extra(defaulting, "principal_returned") + extra(defaulting, "recoveries")
    tolerance = 1e-9 * max(1.0, values["capital"])
    np.testing.assert_allclose(back.sum(), values["capital"], atol=tolerance)
    np.testing.assert_allclose(extra(safe, "principal_returned").sum(), values["capital"], atol=tolerance)
    np.testing.assert_allclose(defaulting.costs, extra(defaulting, "fees"), atol=tolerance)


@settings(max_examples=25, deadline=None)
@given(lending)
# A subnormal contribution (hypothesis found 2.2250738585e-313) once gave a NAR above the loan rate, from the
# precision subnormal numbers lose; less than a cent now counts as no money.
@example(
    {**PLAIN, "capital": 0, "contribution": 2.2250738585e-313, "rate": 40, "term": 1, "years": 3, "reinvest": True}
)
def test_nar_is_a_return_between_minus_100_and_the_effective_rate(values):
    projection = run(**values)
    nar = extra(projection, "nar_pct")
    effective = ((1 + values["rate"] / 1200) ** 12 - 1) * 100
    assert (nar >= -100).all() and (nar <= effective + 1e-9).all()


# Every value the options allow, up to their bounds (a book at 100 % for 100 years reaches about e^96 of its start).
extreme_lending = st.builds(
    lambda p, reinvest, drag: {**p, "reinvest": reinvest, "cash_drag": drag if reinvest else 0},
    st.fixed_dictionaries(
        {
            "capital": st.floats(0, 1e12),
            "contribution": st.floats(0, 1e10),
            "rate": share,
            "term": st.integers(1, 360),
            "default_rate": share,
            "recovery": share,
            "recovery_lag": st.integers(0, 120),
            "chargeoff_lag": st.integers(0, 24),
            "fee": share,
            "tax": share,
            "years": st.integers(1, 100),
            "loans": st.integers(1, 1_000_000),
            "bad_year_probability": share,
            "bad_year_multiplier": st.floats(1, 20),
        }
    ),
    st.booleans(),
    st.integers(0, 24),
)


@settings(max_examples=30, deadline=None)
@given(extreme_lending)
def test_any_accepted_book_computes_to_finite_numbers(values):
    for draws in (None, Draws(12 * values["years"], paths=3, rng=np.random.default_rng(4))):
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # an overflow on the way is a failure, whatever it ends as
            projection = run(draws, **values)
        for name, column in projection.all_columns().items():
            assert np.isfinite(column.values).all(), name
        assert all(v is None or np.isfinite(v) for v in projection.summary().values())
        assert abs(projection.conservation_error()).max() <= 1e-9 * scale(projection)


# -- Monte Carlo: the default share drawn per loan, with bad years ----------------


def simulate(paths=20_000, seed=1, **values):
    params = build(METHOD.params, values)
    return METHOD.project(params, Draws(params.months, paths=paths, rng=np.random.default_rng(seed)))


def test_losses_over_many_paths_average_the_expected_default_rate():
    # Mean share of outstanding principal charged off a month, over 20,000 paths x 120 months, against the hazard
    # 1 - (1 - 0.06)^(1/12); its standard error here is about 0.2 % of it, the tolerance 1 %.
    values = dict(default_rate=6, loans=50, bad_year_probability=10, bad_year_multiplier=3, chargeoff_lag=0)
    projection = simulate(**values)
    deterministic = run(**values)
    charge_offs = extra(projection, "charge_offs")
    # Principal at the start of each month: the capital, then the previous month-end's book (no cash drag).
    start = np.concatenate([np.full((projection.paths, 1), 10_000.0), extra(projection, "outstanding")[:, :-1]], axis=1)
    shares = charge_offs / start
    np.testing.assert_allclose(shares.mean(), hazard(0.06), rtol=0.01)
    np.testing.assert_allclose(1 - (1 - shares.mean()) ** 12, 0.06, rtol=0.01)
    # And the money lost: the mean path's charge-offs are the deterministic ones.
    np.testing.assert_allclose(charge_offs.sum(axis=1).mean(), extra(deterministic, "charge_offs").sum(), rtol=0.01)


def test_with_nothing_uncertain_every_path_is_the_deterministic_projection():
    values = dict(default_rate=0, contribution=100, cash_drag=2, years=5)
    deterministic = run(**values)
    projection = simulate(paths=200, **values)
    for name, column in projection.all_columns().items():
        np.testing.assert_array_equal(
            column.values, np.broadcast_to(deterministic.column(name), column.values.shape), name
        )


def test_a_huge_book_without_bad_years_stays_at_the_deterministic_projection():
    values = dict(default_rate=5, loans=1_000_000, bad_year_probability=0, years=10)
    deterministic = run(**values)
    projection = simulate(paths=200, **values)
    # Relative spread about sqrt(120 h / 1e6) = 0.07 %; the tolerance is 7 times that.
    np.testing.assert_allclose(projection.value[:, -1], deterministic.value[0, -1], rtol=5e-3)


def test_a_book_of_10_loans_is_far_riskier_than_one_of_200():
    # The default share of a book of L loans has a standard deviation of sqrt(h (1 - h) / L): sqrt(20) = 4.5 times
    # wider at 10 loans than at 200.
    few = simulate(paths=4_000, default_rate=5, loans=10, bad_year_probability=0)
    many = simulate(paths=4_000, default_rate=5, loans=200, bad_year_probability=0)
    ratio = few.value[:, -1].std() / many.value[:, -1].std()
    assert 3.5 < ratio < 5.5
    np.testing.assert_allclose(few.value[:, -1].mean(), many.value[:, -1].mean(), rtol=0.01)


def test_bad_years_widen_outcomes_and_keep_the_average():
    calm = simulate(paths=4_000, default_rate=5, loans=1_000_000, bad_year_probability=0)
    shocked = simulate(paths=4_000, default_rate=5, loans=1_000_000, bad_year_probability=20, bad_year_multiplier=4)
    assert shocked.value[:, -1].std() > 10 * calm.value[:, -1].std()
    np.testing.assert_allclose(
        extra(shocked, "charge_offs").sum(axis=1).mean(), extra(calm, "charge_offs").sum(axis=1).mean(), rtol=0.02
    )


def test_same_seed_same_paths_other_seed_other_paths():
    first = simulate(paths=100, seed=7, loans=20)
    again = simulate(paths=100, seed=7, loans=20)
    other = simulate(paths=100, seed=8, loans=20)
    np.testing.assert_array_equal(first.value, again.value)
    assert not np.array_equal(first.value, other.value)


# -- the command line ------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["p2p", *args])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--term", "0"], "--term: 0 is out of range (allowed: 1 to 360 months)"),
        (["--default-rate", "150"], "--default-rate: 150 is out of range (allowed: 0 to 100 %/yr)"),
        (["--recovery", "-5"], "--recovery: -5 is out of range (allowed: 0 to 100 %)"),
        (
            ["--no-reinvest", "--cash-drag", "2"],
            "--cash-drag: 2 is set but repayments are not re-lent; drop --no-reinvest or --cash-drag",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_less_than_a_cent_is_no_money():
    # Amounts no user means are counted as 0, so that no figure is computed from a subnormal number.
    params = build(METHOD.params, {"capital": 0.004, "contribution": 2.2250738585e-313})
    assert params.capital == 0 and params.contribution == 0
    assert build(METHOD.params, {"capital": 0.01}).capital == 0.01


def test_csv_has_the_standard_columns_then_the_lenders_own():
    result = invoke("--years", "2", "--format", "csv")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split(",")
    assert header == [
        "year", "contributed", "income", "costs", "taxes", "net_income", "reinvested", "payout", "returned", "value", "hours",
        "fees", "charge_offs", "recoveries", "principal_returned", "outstanding", "nar_pct",
    ]  # fmt: skip
    assert len(result.stdout.splitlines()) == 3


def test_json_rows_carry_nar_and_the_params_use_the_users_keys():
    result = invoke("--years", "3", "--rate", "10", "--default-rate", "0", "--fee", "0", "--format", "json")
    data = json.loads(result.stdout)
    assert data["method"] == "p2p"
    assert data["params"]["default_rate"] == 0 and data["params"]["reinvest"] is True
    # No defaults or fees, all re-lent: NAR is the effective annual rate (1 + 0.10/12)^12 - 1 = 10.47 %.
    assert [round(row["nar_pct"], 2) for row in data["rows"]] == [10.47] * 3
    np.testing.assert_allclose(data["summary"]["ending_value"], npf.fv(0.10 / 12, 36, 0, -10_000), rtol=1e-12)


def test_table_shows_the_net_annualised_return():
    result = invoke("--years", "2", "--all-columns")  # the NAR column is beside the default ones
    assert result.exit_code == 0
    assert "NAR" in result.stdout and "Charge offs" in result.stdout
    assert "Net annualised return " in result.stdout and "Net annualised return %" not in result.stdout


def test_the_summary_carries_the_nar_over_the_whole_horizon():
    result = invoke("--years", "3", "--rate", "10", "--default-rate", "0", "--fee", "0", "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    # No defaults or fees, all re-lent: the effective annual rate (1 + 0.10/12)^12 - 1 = 10.47 %.
    np.testing.assert_allclose(summary["net_annualised_return_pct"], ((1 + 0.10 / 12) ** 12 - 1) * 100, rtol=1e-12)


def test_the_nar_headline_is_each_paths_last_nar():
    # The default book: 9 %, 3 % defaults, 20 % recovered, 1 % fee. The summary figure is the last row's NAR to
    # date, path by path; the number a lender sanity-checks, 9 % less about 2.4 % of net losses and 0.7 % of fees.
    projection = simulate(paths=50)
    np.testing.assert_array_equal(
        projection.summary_arrays()["net_annualised_return_pct"], extra(projection, "nar_pct")[:, -1]
    )
    nar = run().summary()["net_annualised_return_pct"]
    assert 5.5 < nar < 6.5


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 4), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_bad_years_are_the_years_with_any_bad_month(paths, years, chance, seed):
    # Oracle: numpy's any over each year's twelve months.
    months = np.random.default_rng(seed).random((paths, 12 * years)) < chance
    expected = months.reshape(paths, years, 12).any(axis=2)
    np.testing.assert_array_equal(_any_month(months), expected)


def test_a_lean_monte_carlo_chunk_has_the_same_standard_columns():
    # The Monte Carlo engine asks for the standard columns only (Draws.lean): the same draws give the same bits.
    params = build(METHOD.params, {"tax": 20, "cash_drag": 1, "years": 3})
    full = METHOD.project(params, Draws(36, paths=50, rng=np.random.default_rng(5)))
    lean = METHOD.project(params, Draws(36, paths=50, rng=np.random.default_rng(5), lean=True))
    for name in (*STANDARD_COLUMNS, "revaluation"):
        np.testing.assert_array_equal(getattr(lean, name), getattr(full, name), name)
    assert lean.extras == {} and lean.metrics == {}


# -- the per-cohort loop, as passivecalc computed it before its running sums -----------------------------------------
#
# The oracle for the month loop: one (paths, term) array of surviving cohort amounts, each month multiplied by the
# month's survival and summed against the remaining-balance fractions r[k], a cost of paths x months x term. The
# running sums in p2p.py must give the same projection to rounding, deterministic and simulated with the same draws.


def per_cohort_project(p, draws):
    n = draws.months
    term = p.term
    i = p.fractions.rate / MONTHS_PER_YEAR
    fee = p.fractions.fee
    tax = p.fractions.tax
    recovery = p.fractions.recovery
    lag = p.recovery_lag
    drag = p.cash_drag
    remaining = remaining_balance(i, term)
    default_share = _default_shares(p, draws)
    paths = default_share.shape[0]

    # Month-major (months, paths) while the loop runs, so that each month reads and writes one contiguous row.
    survives = np.ascontiguousarray(1.0 - default_share.T)
    start, book, charge_offs, closing, outstanding = (np.zeros((n, paths)) for _ in range(5))
    stopped = np.zeros((n, paths))  # principal of loans that stop paying, by the month they stop
    arrears = np.zeros(paths)  # principal of loans that stopped paying and are not charged off yet
    chargeoff_lag = p.chargeoff_lag
    released = np.zeros((n + drag, paths))  # the book's cash, by the month-end it is lent at
    # Surviving original amount of each running cohort; the cohort lent at t (t = 0: start of month 1) sits in slot
    # t % term, so in month m the slot j holds a cohort that has made (m - j) % term payments: row m % term of
    # `after_payment` is each slot's remaining-balance fraction once this month's payment is made.
    slots = np.arange(term)
    after_payment = remaining[(slots[:, None] - slots[None, :]) % term + 1]
    lent = np.zeros((paths, term))
    lent[:, 0] = p.capital
    balance = np.full(paths, float(p.capital))
    # The yearly tax, charged in each year's 12th month (passivecalc.tax's rule, here inside the loop because
    # re-lent cash depends on it): the year's profit, losses carried forward, never below 0. A tax bill larger
    # than that month's cash is paid from the next months' cash before it is lent (`owed`, a negative in value).
    taxes = np.zeros((n, paths))
    owed_at = np.zeros((n, paths))
    year_profit, carried, owed = np.zeros(paths), np.zeros(paths), np.zeros(paths)
    for m in range(n):
        survive = survives[m]
        lent *= survive[:, None]
        # einsum's own loop rather than a BLAS product: the same bits for one path or many, without the temporary
        # (paths, term) product that a multiply-then-sum makes each month (a quarter of a Monte Carlo run's time).
        closing[m] = np.einsum("pk,k->p", lent, after_payment[m % term])
        start[m] = balance
        book[m] = balance + arrears
        kept = survive * balance
        stopped[m] = balance - kept
        if m >= chargeoff_lag:
            charge_offs[m] = stopped[m - chargeoff_lag]
        arrears = arrears + stopped[m] - charge_offs[m]
        new = p.contribution
        if p.reinvest:
            recovered = recovery * charge_offs[m - lag] if m >= lag else 0.0
            payment = (1 + i) * kept - closing[m]
            cash = (1 - fee) * payment + recovered
            if tax:
                year_profit += i * kept - fee * payment - charge_offs[m] + recovered
                if (m + 1) % MONTHS_PER_YEAR == 0:
                    taxable = year_profit - carried
                    carried = np.maximum(-taxable, 0.0)
                    taxes[m] = tax * np.maximum(taxable, 0.0)
                    owed = owed + taxes[m]
                    year_profit = np.zeros(paths)
                paid = np.minimum(owed, cash)
                owed = owed - paid
                owed_at[m] = owed
                cash = cash - paid
            released[m + drag] = cash
            new = new + released[m]
        lent[:, (m + 1) % term] = new
        # Next month's opening principal: what is left of this month's book, and the loans just made.
        balance = closing[m] + new
        outstanding[m] = balance + arrears

    kept = survives * start
    interest = (i * kept).T
    principal = (kept - closing).T
    recovered = np.zeros((paths, n))
    recovered[:, lag:] = recovery * charge_offs[: max(n - lag, 0)].T
    book, charge_offs, outstanding = book.T, charge_offs.T, outstanding.T
    # At the end of month m, the cash to be lent at the ends of months m+1..m+drag is waiting.
    waiting = sum((released[k : n + k].T for k in range(1, drag + 1)), np.zeros((paths, n)))
    fees = fee * (interest + principal)
    costs = fees + charge_offs - recovered
    # Tax on each year's profit, interest less fees and net charge-offs (see the module's docstring).
    taxes = taxes.T if p.reinvest else yearly_tax(interest - costs, tax)
    contributed = np.full(n, p.contribution)
    contributed[0] += p.capital
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours
    flows = {"reinvested": interest - costs - taxes} if p.reinvest else {"payout": interest - costs - taxes}
    # The NAR and the lender's own columns only for a caller that reads them (not a Monte Carlo chunk).
    nar = None if draws.lean else net_annualised_return(interest - fees - charge_offs + recovered, book)
    # The ending book, valued net of the losses still expected on it (a markdown in the last month's revaluation).
    losses = expected_losses(p, lent, arrears, n)
    revaluation = np.zeros((paths, n))
    revaluation[:, -1] = -losses

    return Projection.build(
        n,
        contributed=contributed,
        income=interest,
        costs=costs,
        taxes=taxes,
        returned=0.0 if p.reinvest else principal + charge_offs,
        value=outstanding + waiting - owed_at.T + revaluation,
        revaluation=revaluation,
        hours=hours,
        upfront=p.capital,
        after_tax=tax > 0,
        extras={}
        if nar is None
        else {
            "fees": Extra(fees, "sum", "money"),
            "charge_offs": Extra(charge_offs, "sum", "money"),
            "recoveries": Extra(recovered, "sum", "money"),
            "principal_returned": Extra(principal, "sum", "money"),
            "outstanding": Extra(outstanding, "last", "money"),
            "nar_pct": Extra(nar, "last", "percent"),
        },
        # The figure to hold against a platform's advertised return: the NAR over the whole horizon.
        metrics={}
        if nar is None
        else {
            "net_annualised_return_pct": Metric(nar[:, -1], "percent"),
            "expected_losses": Metric(losses, "money"),
        },
        **flows,
    )


COLUMNS = (
    "contributed",
    "income",
    "costs",
    "taxes",
    "net_income",
    "reinvested",
    "payout",
    "returned",
    "value",
    "revaluation",
)


def assert_same_projection(fast, slow):
    """Every standard column, own column and metric of the running sums equal to the per-cohort loop's, to rounding."""
    pairs = [(name, getattr(fast, name), getattr(slow, name)) for name in COLUMNS]
    pairs += [(name, fast.extras[name].values, extra.values) for name, extra in slow.extras.items()]
    pairs += [(name, fast.metrics[name].values, metric.values) for name, metric in slow.metrics.items()]
    assert fast.extras.keys() == slow.extras.keys() and fast.metrics.keys() == slow.metrics.keys()
    # Money that nets to zero (a repaid book's balance, an idle month's costs) leaves rounding dust of its gross size.
    size = max(float(np.abs(slow.value).max()), float(np.abs(slow.contributed).sum()), 1.0)
    for name, got, want in pairs:
        atol = 1e-9 if name == "nar_pct" else 1e-11 * size
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=atol, err_msg=name)


def both(values, draws_for=None):
    """The projection of `values` by p2p.project and by the per-cohort loop, from the same draws."""
    params = build(METHOD.params, values)
    if draws_for is None:
        return METHOD.project(params, Draws.expected(params.months)), per_cohort_project(
            params, Draws.expected(params.months)
        )
    fast = METHOD.project(params, Draws(params.months, paths=draws_for[0], rng=np.random.default_rng(draws_for[1])))
    slow = per_cohort_project(params, Draws(params.months, paths=draws_for[0], rng=np.random.default_rng(draws_for[1])))
    return fast, slow


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"rate": 0},
        {"rate": 0, "term": 1, "years": 2},
        {"term": 1, "reinvest": False},
        {"term": 360, "years": 100, "contribution": 100},
        {"term": 360, "years": 100, "rate": 36, "default_rate": 10, "tax": 20},
        {"term": 12, "years": 100, "rate": 100, "default_rate": 0},
        {"term": 60, "years": 3, "contribution": 250},  # the horizon ends inside the first block
        {"term": 13, "years": 7, "chargeoff_lag": 0, "recovery": 100},
        {"term": 36, "years": 10, "chargeoff_lag": 24, "recovery_lag": 120, "recovery": 40},
        {"term": 24, "years": 9, "cash_drag": 24, "tax": 30, "fee": 3},
        {"term": 48, "years": 12, "default_rate": 100, "recovery": 50, "recovery_lag": 3},
        {"term": 84, "years": 30, "rate": 1e-6, "contribution": 10},
        {"capital": 0, "contribution": 500, "term": 36, "years": 20, "reinvest": False},
        {"capital": 1e12, "term": 120, "years": 50, "rate": 15, "default_rate": 4},
    ],
)
def test_running_sums_match_the_per_cohort_loop(values):
    # Oracle: the per-cohort loop above (the month loop as it was, one array slot per cohort).
    assert_same_projection(*both(values))


@pytest.mark.parametrize(
    "values",
    [
        {"years": 10, "loans": 20},
        {"years": 30, "loans": 1, "term": 36},  # one loan: whole months of total default, survival exactly 0
        {"years": 6, "loans": 5, "term": 7, "rate": 0, "bad_year_probability": 50, "bad_year_multiplier": 5},
        {"years": 12, "loans": 50, "term": 60, "tax": 25, "cash_drag": 3, "chargeoff_lag": 6, "recovery_lag": 2},
        {"years": 8, "loans": 3, "term": 24, "reinvest": False, "contribution": 100, "default_rate": 40},
    ],
)
def test_seeded_monte_carlo_matches_the_per_cohort_loop(values):
    # Oracle: the per-cohort loop above, fed the same seed, so the same default draws.
    assert_same_projection(*both(values, draws_for=(200, 11)))
    lean = build(METHOD.params, values)
    fast = METHOD.project(lean, Draws(lean.months, paths=50, rng=np.random.default_rng(3), lean=True))
    slow = per_cohort_project(lean, Draws(lean.months, paths=50, rng=np.random.default_rng(3), lean=True))
    assert_same_projection(fast, slow)


@settings(max_examples=60, deadline=None)
@given(lending, st.integers(0, 2**32 - 1))
def test_any_book_matches_the_per_cohort_loop(values, seed):
    # Oracle: the per-cohort loop above, deterministic and on a few seeded paths.
    assert_same_projection(*both(values))
    assert_same_projection(*both(values, draws_for=(4, seed)))
