"""The Projection: derived columns, summary figures against hand and closed-form values, roll-ups, sums."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import dividend
from passivecalc.projection import SUMMARY_KEYS, Extra, Projection, irr_pct, rollup, total


def annual_irr(flows) -> float:
    """numpy_financial's monthly IRR, annualised as (1 + r) ** 12 - 1, in percent."""
    return ((1 + npf.irr(flows)) ** 12 - 1) * 100


def loan_like(months=24, upfront=1200.0, payout=100.0, value=0.0) -> Projection:
    contributed = np.zeros(months)
    contributed[0] = upfront
    return Projection.build(
        months, contributed=contributed, income=payout, payout=payout, value=value, upfront=upfront, hours=1.0
    )


def test_build_derives_net_income_payout_and_reinvested():
    p = Projection.build(12, income=100.0, costs=10.0, taxes=5.0, reinvested=30.0)
    np.testing.assert_allclose(p.net_income, 85.0)
    np.testing.assert_allclose(p.payout, 55.0)
    q = Projection.build(12, income=100.0, costs=10.0, taxes=5.0, payout=80.0)
    np.testing.assert_allclose(q.reinvested, 5.0)
    assert p.paths == 1 and p.months == 12 and p.years == 1


def test_build_takes_reinvested_or_payout_not_both():
    with pytest.raises(TypeError):
        Projection.build(12, income=1.0, reinvested=0.0, payout=1.0)
    with pytest.raises(TypeError):
        Projection.build(12, income=1.0)


def test_build_broadcasts_paths():
    p = Projection.build(12, income=np.ones((3, 12)), payout=0.0, value=5.0)
    assert p.value.shape == (3, 12) and p.upfront.shape == (3,)
    assert p.path(2).paths == 1


def test_conservation_error_finds_money_that_appears_from_nowhere():
    good = Projection.build(12, contributed=100.0, payout=0.0, value=np.cumsum(np.full(12, 100.0)))
    assert np.abs(good.conservation_error()).max() == 0
    bad = Projection.build(12, contributed=100.0, payout=0.0, value=np.cumsum(np.full(12, 101.0)))
    np.testing.assert_allclose(bad.conservation_error(), 1.0)


def test_summary_totals_and_figures_by_hand():
    # 1200 in at the start, 100 a month paid out for 24 months, nothing left, 1 hour a month.
    s = loan_like().summary()
    assert s["total_contributed"] == 1200 and s["total_payout"] == 2400 and s["ending_value"] == 0
    assert s["net_gain"] == pytest.approx(1200)
    assert s["monthly_income_end"] == pytest.approx(100)
    # last 12 months' net income / total contributed: 1200 / 1200.
    assert s["yield_on_cost_pct"] == pytest.approx(100)
    assert s["breakeven_month"] == 12
    assert s["total_hours"] == 24 and s["hourly_rate"] == pytest.approx(1200 / 24)
    assert list(s)[: len(SUMMARY_KEYS)] == list(SUMMARY_KEYS)


def test_breakeven_counts_what_is_still_owned():
    # 600 still owned each month: cumulative payout 100 m + 600 >= 1200 first at month 6.
    assert loan_like(value=600.0).summary()["breakeven_month"] == 6


def test_no_breakeven_and_no_hourly_rate_are_none():
    s = Projection.build(12, contributed=np.r_[1000.0, np.zeros(11)], payout=10.0, income=10.0, upfront=1000).summary()
    assert s["breakeven_month"] is None
    assert s["hourly_rate"] is None and s["total_hours"] == 0


def test_irr_matches_numpy_financial_on_the_same_flows():
    # The IRR of a level payout: numpy_financial.irr on the monthly flows, annualised.
    projection = loan_like(months=36, upfront=1000.0, payout=40.0, value=0.0)
    flows = projection.irr_flows()[0]
    assert flows[0] == -1000 and flows[1] == 40 and len(flows) == 37
    np.testing.assert_allclose(projection.summary()["irr_pct"], annual_irr(flows), rtol=1e-9)


@pytest.mark.parametrize("drip", [True, False])
def test_irr_of_a_dividend_projection_matches_numpy_financial(drip):
    projection = dividend(capital=5000, contribution=100, **{"yield": 3}, price_growth=5, drip=drip, years=15)
    flows = projection.irr_flows()[0]
    # Capital at t=0, contributions at each month's end, the ending value as the last inflow.
    assert flows[0] == -5000 and flows[1] == pytest.approx(-100)
    np.testing.assert_allclose(projection.summary()["irr_pct"], annual_irr(flows), rtol=1e-8)


def test_irr_of_money_that_just_sits_is_zero():
    # 10,000 in, 10,000 back at the end: IRR 0.
    p = Projection.build(12, contributed=np.r_[10_000.0, np.zeros(11)], payout=0.0, value=10_000.0, upfront=10_000)
    assert p.summary()["irr_pct"] == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize(
    "flows",
    [
        [-100.0, -10.0, -5.0],  # money only goes in
        [100.0, 10.0, 5.0],  # money only comes out
        [0.0, 0.0, 0.0],  # nothing happens
        [-100.0, 0.0, 0.0, 0.0],  # everything is lost
    ],
)
def test_irr_is_none_when_flows_never_change_sign(flows):
    assert np.isnan(irr_pct(np.array([flows]))).all()


def test_irr_of_an_empty_investment_is_none():
    # No money in, none out (a dividend run with no capital): there is no rate of return.
    assert dividend(capital=0).summary()["irr_pct"] is None


@given(st.floats(-0.9, 1.0), st.integers(2, 240))
def test_irr_recovers_the_rate_of_a_single_investment(annual, months):
    # 1 in at t=0, (1 + annual) ** (months/12) back at t=months: the IRR is `annual`.
    flows = np.zeros((1, months + 1))
    flows[0, 0] = -1.0
    flows[0, -1] = (1 + annual) ** (months / 12)
    np.testing.assert_allclose(irr_pct(flows)[0], annual * 100, atol=1e-7)


def test_irr_is_vectorised_over_paths():
    flows = np.array([[-100.0] + [0] * 11 + [110.0], [-100.0] + [0] * 11 + [121.0]])
    np.testing.assert_allclose(irr_pct(flows), [10.0, 21.0], rtol=1e-9)


def test_yearly_rows_sum_flows_and_keep_the_last_value():
    projection = dividend(capital=10_000, contribution=50, **{"yield": 4}, frequency="monthly", years=3)
    months = projection.rows("month")
    years = projection.rows("year")
    assert len(months) == 36 and len(years) == 3
    assert [row["month"] for row in months[:13]] == list(range(1, 14))
    for year in years:
        inside = [row for row in months if row["year"] == year["year"]]
        for name in ("contributed", "income", "costs", "taxes", "net_income", "reinvested", "payout", "hours"):
            assert year[name] == pytest.approx(sum(row[name] for row in inside)), name
        assert year["value"] == inside[-1]["value"]
        assert year["shares"] == inside[-1]["shares"]


def test_rollup_sum_last_mean():
    values = np.arange(24, dtype=float)[None, :]
    np.testing.assert_allclose(rollup(values, "sum"), [[66, 210]])
    np.testing.assert_allclose(rollup(values, "last"), [[11, 23]])
    np.testing.assert_allclose(rollup(values, "mean"), [[5.5, 17.5]])


def test_rows_are_labelled_with_dates_from_a_start():
    projection = dividend(years=2, start="2026-07")
    assert [row["date"] for row in projection.rows("year")] == ["2027-06", "2028-06"]
    assert projection.rows("month")[0]["date"] == "2026-07"


def test_total_adds_standard_columns_and_drops_method_columns():
    a = dividend(capital=10_000, years=5)
    b = dividend(capital=3_000, **{"yield": 6}, drip=True, years=5)
    both = total([a, b])
    for name in ("contributed", "income", "payout", "value", "revaluation", "upfront"):
        np.testing.assert_allclose(getattr(both, name), getattr(a, name) + getattr(b, name))
    assert both.extras == {}
    s, sa, sb = both.summary(), a.summary(), b.summary()
    for key in ("total_contributed", "total_income", "total_payout", "ending_value", "net_gain", "total_hours"):
        assert s[key] == pytest.approx(sa[key] + sb[key]), key
    assert np.abs(both.conservation_error()).max() < 1e-9


def test_total_refuses_different_lengths():
    with pytest.raises(ValueError):
        total([dividend(years=1), dividend(years=2)])


def test_inflation_adds_todays_money_columns():
    # 3 %/yr: real value = nominal / 1.03 ** (m/12).
    projection = dividend(capital=10_000, price_growth=3, inflation=3, years=10)
    real = projection.real_columns()
    assert set(real) == {"real_net_income", "real_payout", "real_value"}
    np.testing.assert_allclose(real["real_value"].values[0, -1], projection.value[0, -1] / 1.03**10, rtol=1e-12)
    # Price growth equal to inflation keeps the real value at the capital.
    np.testing.assert_allclose(real["real_value"].values, 10_000, rtol=1e-12)
    s = projection.summary()
    assert s["real_ending_value"] == pytest.approx(10_000)
    assert s["real_monthly_income_end"] == pytest.approx(real["real_net_income"].values[0, -12:].mean())
    year = projection.rows("year")[-1]
    assert year["real_value"] == pytest.approx(10_000)
    assert year["real_payout"] == pytest.approx(real["real_payout"].values[0, -12:].sum())


def test_no_inflation_no_real_columns():
    projection = dividend()
    assert projection.real_columns() == {}
    assert "real_ending_value" not in projection.summary()


def test_units_name_how_columns_are_shown():
    units = dividend().units()
    assert units["value"] == "money" and units["hours"] == "hours" and units["shares"] == "count"
    assert units["yield_on_cost_pct"] == "percent"


def test_extras_broadcast_to_paths():
    p = Projection.build(12, payout=0.0, extras={"loans": Extra(np.arange(12.0), "mean", "count")})
    assert p.column("loans").shape == (1, 12)
    assert p.rows("year")[0]["loans"] == pytest.approx(5.5)


def test_a_methods_metrics_follow_the_standard_summary_per_path():
    from passivecalc.projection import Metric

    projection = Projection.build(
        12,
        contributed=np.r_[100.0, np.zeros(11)],
        income=np.ones((2, 12)),
        payout=np.ones((2, 12)),
        value=100.0,
        upfront=100.0,
        metrics={"nar_pct": Metric(np.array([5.0, 7.0]), "percent")},
    )
    arrays = projection.summary_arrays()
    assert list(arrays)[-1] == "nar_pct"
    np.testing.assert_array_equal(arrays["nar_pct"], [5.0, 7.0])
    assert projection.path(1).summary()["nar_pct"] == 7.0
    assert projection.metric_units() == {"nar_pct": "percent"}
    assert "nar_pct" not in total([projection, projection]).summary()


# -- time priced ---------------------------------------------------------------------


def test_time_priced_figures_appear_only_with_an_hour_value():
    # 0 (the default) keeps the summary as it was; the figures follow the rule of the real_* ones (a setting adds them).
    assert "net_gain_after_time" not in loan_like().summary()
    priced = replace(loan_like(), hour_value=15.0).summary()
    assert list(priced)[len(SUMMARY_KEYS) : len(SUMMARY_KEYS) + 2] == ["net_gain_after_time", "irr_after_time_pct"]


def test_net_gain_and_irr_after_time_by_hand_and_numpy_financial():
    # 1200 in, 100 a month for 24 months, 1 hour a month at 20 an hour: a plain loop adds the flows;
    # each month's hour costs 20, so the user nets 80 a month, and the IRR is numpy-financial's on those flows.
    p = replace(loan_like(), hour_value=20.0)
    s = p.summary()
    flows = [-1200.0] + [100.0 - 1 * 20.0 for _ in range(24)]
    assert s["net_gain_after_time"] == pytest.approx(sum(flows))  # 2400 - 1200 - 24 * 20 = 720
    assert s["net_gain_after_time"] == pytest.approx(720)
    assert s["irr_after_time_pct"] == pytest.approx(annual_irr(flows), rel=1e-9)
    assert s["irr_pct"] == pytest.approx(annual_irr([-1200.0] + [100.0] * 24), rel=1e-9)


@given(hour_value=st.floats(0.01, 1000), hours=st.floats(0, 50))
def test_pricing_time_never_raises_the_gain_or_the_irr(hour_value, hours):
    base = Projection.build(
        36, contributed=np.r_[1000.0, np.zeros(35)], income=40.0, payout=40.0, value=1000.0, upfront=1000.0, hours=hours
    )
    s = replace(base, hour_value=hour_value).summary()
    assert s["net_gain_after_time"] == pytest.approx(s["net_gain"] - 36 * hours * hour_value)
    if s["irr_after_time_pct"] is not None:
        assert s["irr_after_time_pct"] <= s["irr_pct"] + 1e-9
