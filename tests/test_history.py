"""Back-testing on Shiller's S&P 500 data: the replay against plain loops over the CSV, written here.

Every expected value below comes from the CSV read with the csv module in this
file and a plain Python loop over its months (the `plain_*` helpers), from
numpy_financial, or from hand-made inputs; never from passivecalc.history.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from passivecalc.errors import InputError, NoAnswer
from passivecalc.history import (
    HistoryResult,
    check_fields,
    fast_irr_pct,
    projection_at,
    refused_fields,
    replay,
    solve_history,
    success_rate,
)
from passivecalc.history_data import HistoryDraws, bootstrap_months, bootstrap_relatives, load
from passivecalc.methods.dividend import DividendParams, project

CSV = Path(__file__).resolve().parents[1] / "src" / "passivecalc" / "data" / "sp500-shiller-monthly.csv"
with CSV.open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))
DATES = [r["date"] for r in ROWS]
PRICE = [float(r["price"]) for r in ROWS]
DIVIDEND = [float(r["dividend"]) for r in ROWS]
CPI = [float(r["cpi"]) for r in ROWS]


def plain_replay(start, years, capital=0.0, contribution=0.0, growth=0.0, drip=False, reinvest=1.0, tax=0.0, fee=0.0):
    """One start, month by month: what the docs say the replay does, written as a loop (fractions, not percent)."""
    s = DATES.index(start)
    n = 12 * years
    shares = capital / PRICE[s]
    paid = contribution
    net, real_net, flows = [], [], [-capital]
    dividends_total = 0.0
    for m in range(1, n + 1):
        if m > 1 and (m - 1) % 12 == 0:
            paid *= 1 + growth
        price, cash = PRICE[s + m], DIVIDEND[s + m] / 12
        dividend = shares * cash  # units held during the month
        withheld = dividend * tax
        reinvested = (reinvest if drip else 0.0) * (dividend - withheld)
        shares += reinvested / price
        fee_paid = shares * price * fee / 12
        shares -= fee_paid / price
        shares += paid / price
        dividends_total += dividend
        net.append(dividend - withheld - fee_paid)
        real_net.append(net[-1] / (CPI[s + m] / CPI[s]))
        flows.append(dividend - withheld - reinvested - paid)
    value = shares * PRICE[s + n]
    flows[-1] += value
    real_flows = [flows[0]] + [f / (CPI[s + t] / CPI[s]) for t, f in enumerate(flows[1:], start=1)]
    return {
        "ending_value": value,
        "real_ending_value": value / (CPI[s + n] / CPI[s]),
        "monthly_income_end": sum(net[-12:]) / 12,
        "real_monthly_income_end": sum(real_net[-12:]) / 12,
        "total_dividends": dividends_total,
        "irr_pct": ((1 + npf.irr(flows)) ** 12 - 1) * 100,
        "real_irr_pct": ((1 + npf.irr(real_flows)) ** 12 - 1) * 100,
        "worst_income_drop_pct": plain_worst_drop(net),
        "worst_real_income_drop_pct": plain_worst_drop(real_net),
        "net": net,
    }


def plain_worst_drop(series):
    peak, worst = -math.inf, 0.0
    for x in series:
        peak = max(peak, x)
        if peak > 0:
            worst = max(worst, 1 - x / peak)
    return 100 * worst


def plain_real_total_return(s, months):
    """Annualised real total return, dividends reinvested: prod (P[m] + D[m]/12) / P[m-1], deflated by the CPI."""
    growth = 1.0
    for m in range(s + 1, s + months + 1):
        growth *= (PRICE[m] + DIVIDEND[m] / 12) / PRICE[m - 1]
    return (growth * CPI[s] / CPI[s + months]) ** (12 / months) - 1


def params(**values) -> DividendParams:
    return DividendParams.model_validate(values)


# -- the data ---------------------------------------------------------------------------------------


def test_loader_reads_every_month_of_the_packaged_csv_once():
    data = load()
    assert load() is data  # cached
    assert len(data) == len(ROWS) == 1830
    assert data.dates[0] == "1871-01" and data.dates[-1] == "2023-06"
    np.testing.assert_array_equal(data.price, PRICE)
    np.testing.assert_array_equal(data.dividend, DIVIDEND)
    np.testing.assert_array_equal(data.cpi, CPI)
    assert not data.price.flags.writeable
    assert data.index_of("1929-09") == DATES.index("1929-09")
    with pytest.raises(ValueError):
        data.index_of("2023-07")


# -- the replay against a plain loop ----------------------------------------------------------------

NAMED = ["1929-09", "1966-01", "2000-01"]
PLANS = {
    # DRIP, part of each dividend reinvested, tax withheld, a fee, contributions raised each year.
    "drip": dict(
        capital=50_000, contribution=500, contribution_growth=3, drip=True, reinvest=80, tax=15, expense_ratio=0.2
    ),
    # No DRIP: dividends paid out, contributions only.
    "cash": dict(capital=20_000, contribution=300, contribution_growth=0, tax=10, expense_ratio=0.5),
    # DRIP, nothing else.
    "pure": dict(capital=10_000, drip=True),
}
FIGURES = [
    "ending_value",
    "real_ending_value",
    "monthly_income_end",
    "real_monthly_income_end",
    "total_dividends",
    "irr_pct",
    "real_irr_pct",
    "worst_income_drop_pct",
    "worst_real_income_drop_pct",
]


@pytest.fixture(scope="module")
def replays():
    return {name: replay(params(**plan, years=20)) for name, plan in PLANS.items()}


@pytest.mark.parametrize("start", NAMED)
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_each_named_start_matches_a_plain_loop(replays, plan, start):
    # Expected: the loop above over the CSV's months; IRRs from numpy_financial.irr of the loop's flows.
    values = PLANS[plan]
    expected = plain_replay(
        start,
        20,
        capital=values["capital"],
        contribution=values.get("contribution", 0.0),
        growth=values.get("contribution_growth", 0.0) / 100,
        drip=values.get("drip", False),
        reinvest=values.get("reinvest", 100) / 100,
        tax=values.get("tax", 0.0) / 100,
        fee=values.get("expense_ratio", 0.0) / 100,
    )
    result = replays[plan]
    row = result.start_dates.index(start)
    for name in FIGURES:
        assert result.figures[name][row] == pytest.approx(expected[name], rel=1e-9, abs=1e-9), name


def test_every_start_whose_horizon_fits_is_replayed(replays):
    # 20 years = 240 months; starts 0 .. 1830 - 1 - 240: 1,590 of them, 1871-01 to 2003-06.
    result = replays["pure"]
    assert result.count == 1830 - 240
    assert (result.first_start, result.last_start) == ("1871-01", "2003-06")
    assert np.all(result.figures["total_contributed"] == 10_000)


def test_one_start_as_a_projection_matches_the_loop_and_conserves_money():
    plan = PLANS["drip"]
    projection = projection_at(params(**plan, years=20), "1966-01")
    expected = plain_replay("1966-01", 20, 50_000, 500, 0.03, True, 0.8, 0.15, 0.002)
    assert projection.start == "1966-02"  # month 1 is the month after the capital is invested
    np.testing.assert_allclose(projection.net_income[0], expected["net"], rtol=1e-10)
    np.testing.assert_allclose(np.abs(projection.conservation_error()).max(), 0, atol=1e-6)
    summary = projection.summary()
    assert summary["ending_value"] == pytest.approx(expected["ending_value"], rel=1e-10)
    # The projection's own IRR (projection.irr_pct, a bisection) agrees with numpy_financial.
    assert summary["irr_pct"] == pytest.approx(expected["irr_pct"], abs=1e-6)
    rows = projection.rows()
    assert rows[0]["date"] == "1967-01" and rows[-1]["date"] == "1986-01"
    real = [r["real_net_income"] for r in rows]
    assert real[-1] == pytest.approx(
        sum(
            expected["net"][-12:][i] / (CPI[DATES.index("1966-01") + 229 + i] / CPI[DATES.index("1966-01")])
            for i in range(12)
        ),
        rel=1e-10,
    )


def test_the_median_start_is_the_projection_shown_by_default(replays):
    result = replays["pure"]
    median = result.median_start()
    values = sorted(result.figures["real_monthly_income_end"])
    row = result.start_dates.index(median)
    assert result.figures["real_monthly_income_end"][row] == values[(len(values) - 1) // 2]
    assert result.projection().start == DATES[DATES.index(median) + 1]


# -- well-known facts -----------------------------------------------------------------------------------


def test_real_total_return_1871_to_2023_is_about_6_9_percent_a_year():
    # Widely quoted: the S&P 500's real total return since 1871, dividends reinvested, about 6.9 %/yr.
    # Checked twice: by a plain loop over the CSV, and by the replay (DRIP, no tax, no fee: real IRR of capital alone).
    months = len(ROWS) - 1  # 1871-01 to 2023-06
    loop = 100 * plain_real_total_return(0, months)
    assert loop == pytest.approx(6.9, abs=0.2)
    result = replay(params(capital=1_000, drip=True, years=1), months=months)
    assert result.start_dates == ("1871-01",)
    assert result.figures["real_irr_pct"][0] == pytest.approx(6.9, abs=0.2)
    assert result.figures["real_irr_pct"][0] == pytest.approx(loop, abs=1e-7)
    growth = result.figures["real_ending_value"][0] / 1_000
    assert 100 * (growth ** (12 / months) - 1) == pytest.approx(loop, abs=1e-9)


def test_worst_and_best_30_year_real_total_returns():
    # Plain loop over every 30-year window: worst start 1902-06 at 1.89 %/yr, best 1932-06 at 11.15 %/yr
    # (the figures docs/history.md names).
    rates = [(plain_real_total_return(s, 360), DATES[s]) for s in range(len(ROWS) - 360)]
    worst, best = min(rates), max(rates)
    assert (worst[1], round(100 * worst[0], 2)) == ("1902-06", 1.89)
    assert (best[1], round(100 * best[0], 2)) == ("1932-06", 11.15)
    distribution = replay(params(capital=1_000, drip=True, years=30)).distribution("real_irr_pct")
    assert distribution["worst_start"] == "1902-06" and distribution["best_start"] == "1932-06"
    assert distribution["worst"] == pytest.approx(100 * worst[0], abs=1e-7)
    assert distribution["best"] == pytest.approx(100 * best[0], abs=1e-7)


# -- distribution, success rate ---------------------------------------------------------------------------


def _result(values, dates):
    return HistoryResult(
        params=params(),
        months=12,
        start_index=np.arange(len(dates)),
        start_dates=tuple(dates),
        figures={
            "real_monthly_income_end": np.array(values, dtype=float),
            "worst_income_drop_pct": -np.array(values, dtype=float),
        },
    )


def test_distribution_is_directional_and_names_worst_and_best():
    # Eleven starts with incomes 0..10: P10 = 1, median 5, P90 = 9 (numpy's linear percentiles of 0..10 by hand).
    dates = [f"1900-{m:02d}" for m in range(1, 12)]
    result = _result([5, 3, 0, 7, 10, 1, 2, 4, 6, 8, 9], dates)
    d = result.distribution("real_monthly_income_end")
    assert (d["worst"], d["p10"], d["median"], d["p90"], d["best"]) == (0, 1, 5, 9, 10)
    assert (d["worst_start"], d["best_start"]) == ("1900-03", "1900-05")
    # For a drop, larger is worse: the worst is the largest drop (here -0, the start with income 0).
    drop = result.distribution("worst_income_drop_pct")
    assert (drop["worst"], drop["p10"], drop["best"]) == (0, -1, -10)
    assert drop["worst_start"] == "1900-03"


def test_by_start_year_averages_each_year_s_start_months():
    # Hand-made: 1900 has starts 1900-11 and 1900-12 (incomes 2 and 4), 1901 has one (10).
    result = _result([2, 4, 10], ["1900-11", "1900-12", "1901-01"])
    assert result.by_start_year() == [(1900, 3.0), (1901, 10.0)]


def test_json_object_has_starts_summary_and_success(replays):
    result = replays["pure"]
    out = json.loads(json.dumps(result.as_dict(target=50)))
    assert out["months"] == 240 and len(out["starts"]) == result.count
    assert out["starts"][0]["start"] == "1871-01"
    assert set(out["summary"]["real_monthly_income_end"]) == {
        "worst",
        "p10",
        "median",
        "p90",
        "best",
        "worst_start",
        "best_start",
    }
    assert out["success"]["starts"] == result.count
    assert "Shiller" in out["data"]
    assert "success" not in result.as_dict()
    assert result.units()["real_irr_pct"] == "percent" and result.units()["ending_value"] == "money"


def test_success_rate_groups_failed_starts_into_runs():
    # Hand-made: failures in 1901-12..1903-01 (14 months), 1903-03 and 1910-01; 3 of 20 starts reach.
    dates = (
        ["1901-11"]
        + [f"{1901 + (11 + i) // 12}-{(11 + i) % 12 + 1:02d}" for i in range(14)]
        + ["1903-02", "1903-03", "1909-12", "1910-01", "1910-02"]
    )
    incomes = [100] + [10] * 14 + [100, 10, 100, 10, 100]
    # the starts need not be consecutive months for the grouping: runs follow the list order
    success = success_rate(_result(incomes, dates), 50)
    assert (success.reached, success.total) == (4, 20)
    assert success.rate_pct == pytest.approx(20.0)
    assert [(r.first, r.last, r.count) for r in success.failed] == [
        ("1901-12", "1903-01", 14),
        ("1903-03", "1903-03", 1),
        ("1910-01", "1910-01", 1),
    ]
    assert [r.years for r in success.failed] == ["1901-1903", "1903", "1910"]
    assert success.failed_years() == ["1901-1903", "1910"]
    assert success.as_dict()["success_rate_pct"] == pytest.approx(20.0)


def test_success_rate_on_the_data_counts_like_a_loop():
    # Expected: the plain loop's real income for each start, counted against the target.
    result = replay(params(capital=100_000, years=30))
    target = 250.0
    expected = 0
    for s in range(len(ROWS) - 360):
        real = sum(100_000 / PRICE[s] * DIVIDEND[s + m] / 12 / (CPI[s + m] / CPI[s]) for m in range(349, 361)) / 12
        expected += real >= target
    success = success_rate(result, target)
    assert success.reached == expected
    assert 0 < expected < result.count
    assert sum(r.count for r in success.failed) == result.count - expected


# -- the historical-confidence goal -------------------------------------------------------------------------------


def test_solve_capital_matches_the_order_statistic_of_a_plain_loop():
    # Without DRIP or contributions, a start's real income is capital x r_s, r_s = mean over the last 12 months of
    # (1 - tax) D[s+m] / 12 / P[s] / (CPI[s+m] / CPI[s]). For 90 % of starts to reach T, the capital is
    # T / r, r the 10 % lowest r_s (the k-th smallest, k = #starts - ceil(0.9 #starts) + 1).
    years, target, tax = 10, 1_000.0, 0.15
    ratios = []
    for s in range(len(ROWS) - 12 * years):
        months = range(12 * years - 11, 12 * years + 1)
        ratios.append(sum((1 - tax) * DIVIDEND[s + m] / 12 / PRICE[s] / (CPI[s + m] / CPI[s]) for m in months) / 12)
    ratios.sort()
    k = len(ratios) - math.ceil(0.9 * len(ratios))
    expected = target / ratios[k]
    answer = solve_history(params(capital=10_000, years=years, tax=15), target, 90, "capital")
    assert answer.value == pytest.approx(expected, rel=2e-6)
    assert answer.success.rate_pct >= 90
    assert answer.as_dict()["lever"] == "capital" and answer.as_dict()["success"]["success_rate_pct"] >= 90
    assert (
        success_rate(
            replay(answer.params.model_copy(update={"capital": answer.value * (1 - 1e-5)}), irr=False), target
        ).rate_pct
        < 90
    )


def test_solve_contribution_and_years_give_the_smallest_value_that_reaches():
    base = params(capital=10_000, drip=True, years=20)
    answer = solve_history(base, 500, 80, "contribution")
    assert answer.success.rate_pct >= 80
    below = base.model_copy(update={"contribution": answer.value * 0.999})
    assert success_rate(replay(below, irr=False), 500).rate_pct < 80
    years = solve_history(params(capital=200_000, drip=True, years=10), 800, 95, "years")
    assert years.success.rate_pct >= 95
    for shorter in range(1, int(years.value)):
        p = params(capital=200_000, drip=True, years=shorter)
        assert success_rate(replay(p, irr=False), 800).rate_pct < 95


def test_solve_without_an_answer_raises_no_answer():
    with pytest.raises(NoAnswer):
        solve_history(params(capital=1_000, years=5), 1e15, 50, "capital")
    with pytest.raises(InputError):
        solve_history(params(), 100, 0, "capital")


# -- refused options and bad input -----------------------------------------------------------------------------


def test_options_history_replaces_are_refused_by_name():
    assert refused_fields(["capital", "yield", "drip", "dividend-growth", "--volatility", "frequency"]) == [
        "yield",
        "dividend_growth",
        "frequency",
        "volatility",
    ]
    assert refused_fields(["yield_", "cut_size", "share_price", "price_growth", "cut_probability"]) == [
        "yield",
        "price_growth",
        "share_price",
        "cut_probability",
        "cut_size",
    ]
    assert refused_fields(["capital", "contribution", "years", "tax", "expense_ratio", "reinvest", "drip"]) == []
    with pytest.raises(InputError) as error:
        check_fields(["capital", "yield"])
    assert (
        error.value.as_option()
        == "--yield: history replaces --yield: the dividend each month is the index's; drop it with --history"
    )
    check_fields(["capital", "years"])


def test_bootstrapped_futures_refuse_only_what_the_draws_replace():
    given = ["yield", "share_price", "frequency", "dividend_growth", "cut_size", "inflation"]
    assert refused_fields(given, bootstrap=True) == ["dividend_growth", "cut_size"]
    with pytest.raises(InputError) as error:
        check_fields(["price-growth"], bootstrap=True)
    assert error.value.as_option().startswith("--price-growth: history replaces --price-growth: ")
    assert error.value.as_option().endswith("; drop it with --returns history")


def test_horizons_and_starts_outside_the_data_are_input_errors():
    with pytest.raises(InputError) as error:
        replay(params(), months=1830)
    assert error.value.key == "years"
    with pytest.raises(InputError) as error:
        projection_at(params(years=30), "2000-01")
    assert error.value.key == "start_at" and "1993-06" in error.value.message
    with pytest.raises(InputError):
        projection_at(params(), "1850-01")


# -- the IRR ---------------------------------------------------------------------------------------------


def test_fast_irr_agrees_with_numpy_financial():
    rng = np.random.default_rng(7)
    flows = rng.uniform(-1, 2, (20, 121))
    flows[:, 0] = -100
    flows[:, -1] += rng.uniform(1, 500, 20)
    flows[0] = [-100] + [0] * 119 + [50]  # a loss: -50 % over ten years
    expected = [((1 + npf.irr(row)) ** 12 - 1) * 100 for row in flows]
    np.testing.assert_allclose(fast_irr_pct(flows), expected, rtol=1e-8, atol=1e-8)
    assert np.isnan(fast_irr_pct(np.ones((1, 10))))[0]
    # Beyond the grid (a doubling in two months: (2 ** 6 - 1) x 100 = 6,300 %/yr by hand): the bisection fallback.
    assert fast_irr_pct(np.array([[-1.0, 0.0, 2.0]]))[0] == pytest.approx(6_300, rel=1e-9)


@given(
    paid=st.floats(1, 1e6),
    flows=st.lists(st.floats(0, 1e4), min_size=2, max_size=36),
)
def test_fast_irr_agrees_with_numpy_financial_on_ordinary_plans(paid, flows):
    # One payment in, then receipts only (at least one): exactly one rate, which numpy_financial.irr finds too.
    flows = [-paid, *flows[:-1], flows[-1] + 1.0]
    expected = npf.irr(flows)
    monthly = 1 + expected
    if not np.isfinite(expected) or not 0.05 < monthly**12 < 10:  # outside the grid (-91 % to +1,000 % a year)
        return
    assert fast_irr_pct(np.array([flows]))[0] == pytest.approx((monthly**12 - 1) * 100, rel=1e-7, abs=1e-7)


# -- properties ------------------------------------------------------------------------------------------------


@given(
    capital=st.floats(0, 1e7),
    contribution=st.floats(0, 1e4),
    growth=st.floats(0, 20),
    drip=st.booleans(),
    tax=st.floats(0, 50),
    fee=st.floats(0, 3),
    start=st.integers(0, len(ROWS) - 121),
)
def test_money_is_conserved_and_figures_are_finite(capital, contribution, growth, drip, tax, fee, start):
    p = params(
        capital=capital,
        contribution=contribution,
        contribution_growth=growth,
        drip=drip,
        tax=tax,
        expense_ratio=fee,
        years=10,
    )
    projection = projection_at(p, DATES[start])
    scale = max(1.0, float(np.abs(projection.value).max()))
    assert np.abs(projection.conservation_error()).max() <= 1e-9 * scale
    assert np.all(projection.taxes >= 0) and np.all(projection.value >= 0)
    for column in (projection.net_income, projection.value, projection.payout):
        assert np.all(np.isfinite(column))


@given(capital=st.floats(1, 1e7), extra=st.floats(1, 1e6))
def test_more_capital_never_lowers_any_start_s_income(capital, extra):
    low = replay(params(capital=capital, years=5, drip=True), irr=False).figures["real_monthly_income_end"]
    high = replay(params(capital=capital + extra, years=5, drip=True), irr=False).figures["real_monthly_income_end"]
    assert np.all(high >= low)


# -- the bootstrap ---------------------------------------------------------------------------------------------------


def test_same_seed_same_draws_and_another_seed_other_draws():
    a = HistoryDraws(240, 50, np.random.default_rng(3))
    b = HistoryDraws(240, 50, np.random.default_rng(3))
    c = HistoryDraws(240, 50, np.random.default_rng(4))
    np.testing.assert_array_equal(a.price_multipliers, b.price_multipliers)
    np.testing.assert_array_equal(a.dividend_multipliers, b.dividend_multipliers)
    assert not np.array_equal(a.price_multipliers, c.price_multipliers)


def test_relatives_are_the_running_ratios_of_the_draws():
    price, dividend, cpi = bootstrap_relatives(np.random.default_rng(9), 20, 100)
    draws = HistoryDraws(100, 20, np.random.default_rng(9))
    np.testing.assert_allclose(np.cumprod(price, axis=1), draws.price_multipliers, rtol=1e-12)
    np.testing.assert_allclose(np.cumprod(dividend, axis=1), draws.dividend_multipliers, rtol=1e-12)
    np.testing.assert_allclose(np.cumprod(cpi, axis=1), draws.cpi_multipliers, rtol=1e-12)


def test_blocks_are_consecutive_months_of_the_data_taken_together():
    draws = HistoryDraws(150, 30, np.random.default_rng(11), block_years=5)
    count = len(ROWS) - 1
    index = draws.index
    for path in range(30):
        for m in range(1, 150):
            if m % 60:  # inside a block: the next month of the data, wrapping at the end
                assert index[path, m] == (index[path, m - 1] + 1) % count
        # Each month's changes are the data's changes of the same month, from the CSV.
        price, dividend, cpi = (
            draws.price_multipliers[path],
            draws.dividend_multipliers[path],
            draws.cpi_multipliers[path],
        )
        for m in range(150):
            i = index[path, m]
            before = (price[m - 1], dividend[m - 1], cpi[m - 1]) if m else (1.0, 1.0, 1.0)
            assert price[m] / before[0] == pytest.approx(PRICE[i + 1] / PRICE[i], rel=1e-12)
            assert dividend[m] / before[1] == pytest.approx(DIVIDEND[i + 1] / DIVIDEND[i], rel=1e-12)
            assert cpi[m] / before[2] == pytest.approx(CPI[i + 1] / CPI[i], rel=1e-12)


def test_every_month_is_drawn_and_the_long_run_mean_is_the_data_s():
    # Expected: the data's mean monthly log change, from the CSV. A circular bootstrap draws every month equally
    # often, so the mean over many paths lands within a few standard errors (about 6e-5 a month) of it.
    draws = HistoryDraws(360, 4000, np.random.default_rng(5), block_years=5)
    for series, multipliers in (
        (PRICE, draws.price_multipliers),
        (DIVIDEND, draws.dividend_multipliers),
        (CPI, draws.cpi_multipliers),
    ):
        data_mean = sum(math.log(series[i + 1] / series[i]) for i in range(len(series) - 1)) / (len(series) - 1)
        drawn_mean = float(np.log(multipliers[:, -1]).mean()) / 360
        assert drawn_mean == pytest.approx(data_mean, abs=4e-4)
    counts = np.bincount(bootstrap_months(np.random.default_rng(1), 2000, 360, 5, count=100).ravel(), minlength=100)
    assert counts.min() > 0.9 * counts.mean()


def test_the_dividend_method_runs_on_bootstrapped_history_unchanged():
    # A Draws-like object: dividend.project prices units at share_price x the price multipliers and pays
    # yield x share_price x the dividend multipliers (no growth, no cuts of its own).
    p = params(capital=10_000, drip=True, years=10, frequency="monthly", dividend_growth=0, price_growth=0)
    draws = HistoryDraws(120, 200, np.random.default_rng(2))
    projection = project(p, draws)
    assert projection.paths == 200
    np.testing.assert_allclose(
        projection.extras["dividend_per_share"].values, 4 * draws.dividend_multipliers, rtol=1e-12
    )
    assert np.abs(projection.conservation_error()).max() < 1e-6
    expected = HistoryDraws.expected(120)
    np.testing.assert_array_equal(expected.price_path(0.2, 0.0, 100.0), 100.0)
