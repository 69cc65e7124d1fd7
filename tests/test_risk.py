"""Monte Carlo: the engine, its figures, the renderers and the --simulate options."""

from __future__ import annotations

import csv
import io
import json
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passivecalc import risk
from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import REGISTRY, get
from passivecalc.params import build
from passivecalc.projection import rollup
from passivecalc.render.risk import fan_chart, paths_of, simulation_csv, simulation_dict, simulation_table

NO_SPREAD = {"volatility": 0, "cut_probability": 0}


def dividend_params(**values):
    return build(get("dividend").params, values)


def simulate_dividend(paths=500, seed=1, target=None, **values):
    return risk.simulate(get("dividend"), dividend_params(**values), paths, seed, target=target)


# -- the engine against the deterministic projection ------------------------------


@pytest.mark.parametrize(
    "values",
    [{}, {"drip": True, "contribution": 250, "years": 12}, {"price_growth": 6, "dividend_growth": 5, "tax": 15}],
)
def test_zero_spread_every_path_equals_the_deterministic_projection(values):
    params = dividend_params(**NO_SPREAD, **values)
    deterministic = get("dividend").project(params)
    sim = risk.simulate(get("dividend"), params, 300, seed=5)
    expected = {
        "value": rollup(deterministic.value, "last")[0],
        "payout": rollup(deterministic.payout, "sum")[0],
        "monthly_income": rollup(deterministic.net_income, "sum")[0] / 12,
    }
    for name, yearly in expected.items():
        np.testing.assert_allclose(sim.yearly[name], np.broadcast_to(yearly, (5, params.years)), rtol=1e-12, atol=1e-9)
    summary = deterministic.summary()
    per_path = risk.summary_paths(get("dividend"), params, 300, seed=5)
    for key in ("ending_value", "net_gain", "monthly_income_end", "total_payout", "total_contributed"):
        np.testing.assert_allclose(per_path[key], summary[key], rtol=1e-12, atol=1e-9)


def test_zero_spread_with_full_shaped_draws_equals_the_deterministic_projection():
    # A method that returns (paths, months) arrays even without spread (staking's price path is copied to full shape).
    params = build(get("staking").params, {"volatility": 0, "failure_probability": 0, "years": 4})
    deterministic = get("staking").project(params).summary()
    per_path = risk.summary_paths(get("staking"), params, 64, seed=2)
    np.testing.assert_allclose(per_path["ending_value"], deterministic["ending_value"], rtol=1e-12)
    np.testing.assert_allclose(per_path["net_gain"], deterministic["net_gain"], rtol=1e-12, atol=1e-9)


def test_median_price_matches_the_lognormal_median():
    # Value = capital x price multiplier when nothing is paid or bought, so its quantiles are the lognormal's:
    # ln(V_t / V_0) ~ Normal(t ln(1+g) - t sigma^2 / 2, t sigma^2) (monthly steps of sigma^2/12 add up).
    paths, years, sigma, growth = 20_000, 10, 0.2, 0.05
    sim = simulate_dividend(
        paths, 11, **{"yield": 0, "years": years, "volatility": 20, "price_growth": 5, "cut_probability": 0}
    )
    mean = years * np.log(1 + growth) - years * sigma**2 / 2
    sd = sigma * np.sqrt(years)
    median = 10_000 * np.exp(mean)
    # Standard error of a sample median of the logs: sd * sqrt(pi / 2) / sqrt(n).
    tolerance = 4 * sd * np.sqrt(np.pi / 2) / np.sqrt(paths)
    assert abs(np.log(sim.yearly["value"][2, -1] / median)) < tolerance
    # P10 and P90: exp(mean -/+ z sd), z = NormalDist().inv_cdf(0.9) = 1.2816.
    z = NormalDist().inv_cdf(0.9)
    np.testing.assert_allclose(
        sim.yearly["value"][[0, 4], -1], 10_000 * np.exp([mean - z * sd, mean + z * sd]), rtol=0.03
    )


def test_percentiles_are_ordered():
    sim = simulate_dividend(2_000, 3, years=15, drip=True, volatility=30, cut_probability=20)
    for name, values in sim.yearly.items():
        assert (np.diff(values, axis=0) >= 0).all(), name
    for name, values in sim.final.items():
        assert (np.diff(values) >= 0).all(), name


def test_same_seed_same_numbers_different_seed_different_numbers():
    a, b, c = (simulate_dividend(1_500, seed, years=8) for seed in (42, 42, 43))
    for name in a.yearly:
        np.testing.assert_array_equal(a.yearly[name], b.yearly[name])
    assert a.losing_paths == b.losing_paths
    assert not np.array_equal(a.yearly["value"], c.yearly["value"])


def test_whole_chunks_draw_the_same_numbers_whatever_the_number_of_paths():
    # One generator per chunk from SeedSequence(seed).spawn, chunk size fixed by the horizon: a whole chunk's
    # paths are the same in a run of any length (a last, partial chunk draws its own shape).
    params = dividend_params(years=5)
    size = risk.chunk_size(params.months)
    few = risk.summary_paths(get("dividend"), params, size + 10, seed=9)
    many = risk.summary_paths(get("dividend"), params, 3 * size, seed=9)
    np.testing.assert_array_equal(few["net_gain"][:size], many["net_gain"][:size])
    assert not np.array_equal(many["net_gain"][:size], many["net_gain"][size : 2 * size])


def test_summary_paths_keeps_the_draws_when_the_capital_changes():
    # Goal seeking scales capital between calls: the same seed must give the same paths, so income scales exactly
    # (no contribution and no fees: every flow is proportional to capital).
    base = risk.summary_paths(get("dividend"), dividend_params(years=6), 800, seed=4)
    double = risk.summary_paths(get("dividend"), dividend_params(years=6, capital=20_000), 800, seed=4)
    np.testing.assert_allclose(double["monthly_income_end"], 2 * base["monthly_income_end"], rtol=1e-12)


def test_failure_probability_of_100_percent_ends_every_path_at_zero():
    # Staking with a certain failure: the monthly hazard is 1, so the position is gone in month 1 on every path.
    params = build(get("staking").params, {"failure_probability": 100, "years": 3})
    sim = risk.simulate(get("staking"), params, 400, seed=8)
    np.testing.assert_array_equal(sim.yearly["value"], 0.0)
    np.testing.assert_array_equal(sim.final["ending_value"], 0.0)
    assert sim.losing_paths == 400


def test_target_reach_counts_paths_by_each_year():
    # Zero spread: every path has the deterministic income ($33.33 a month in year 1: 4 % of $10,000, the dividend
    # growing 10 %/yr). A $40 target is reached by all paths from the first year at or above it, by none before.
    params = dividend_params(**NO_SPREAD, dividend_growth=10, years=6)
    income = rollup(get("dividend").project(params).net_income, "sum")[0] / 12
    sim = risk.simulate(get("dividend"), params, 250, seed=1, target=40)
    np.testing.assert_array_equal(sim.reached, np.where(np.maximum.accumulate(income >= 40), 250, 0))
    assert 0 < sim.reached.sum() < 250 * 6


def test_target_reach_never_falls_and_counts_match_the_paths():
    sim = simulate_dividend(3_000, 6, target=35, years=10, dividend_growth=5, cut_probability=30, cut_size=40)
    assert (np.diff(sim.reached) >= 0).all()
    assert 0 < sim.reached[-1] < 3_000
    per_path = risk.summary_paths(
        get("dividend"), dividend_params(years=10, dividend_growth=5, cut_probability=30, cut_size=40), 3_000, 6
    )
    # Reaching by the last year includes every path at or above the target in the last year.
    assert sim.reached[-1] >= np.count_nonzero(per_path["monthly_income_end"] >= 35)


def test_losing_money_counts_paths_below_zero_net_gain():
    losing = simulate_dividend(200, 1, **NO_SPREAD, price_growth=-20, years=5)
    assert losing.losing_paths == 200 and losing.probability_of_loss == 1.0
    gaining = simulate_dividend(200, 1, **NO_SPREAD, price_growth=5, years=5)
    assert gaining.losing_paths == 0
    mixed = simulate_dividend(2_000, 1, volatility=40, years=5)
    per_path = risk.summary_paths(get("dividend"), dividend_params(volatility=40, years=5), 2_000, 1)
    assert mixed.losing_paths == np.count_nonzero(per_path["net_gain"] < 0)


def test_worst_drop_of_a_shrinking_dividend():
    # Dividend shrinking 20 %/yr without spread: the worst drop is last year's income below the first year's.
    params = dividend_params(**NO_SPREAD, dividend_growth=-20, years=5)
    income = rollup(get("dividend").project(params).net_income, "sum")[0] / 12
    sim = risk.simulate(get("dividend"), params, 50, seed=1)
    np.testing.assert_allclose(sim.final["worst_drop_pct"], 100 * (1 - income[-1] / income[0]), rtol=1e-12)
    never_falls = simulate_dividend(50, 1, **NO_SPREAD, dividend_growth=5, years=5)
    np.testing.assert_array_equal(never_falls.final["worst_drop_pct"], 0.0)


def test_every_registered_method_simulates_without_nan_and_in_order():
    for name, method in REGISTRY.items():
        params = build(method.params, {"years": 3})
        sim = risk.simulate(method, params, 200, seed=12, target=100)
        for label, values in [*sim.yearly.items(), *sim.final.items()]:
            assert np.isfinite(values).all(), (name, label)
            assert (np.diff(values, axis=0) >= -1e-9 * np.maximum(1, np.abs(values[:-1]))).all(), (name, label)


# -- rendering -------------------------------------------------------------------


def test_paths_of_reads_like_a_count():
    assert paths_of(7_412, 10_000) == "7,412 of 10,000 paths (74.1 %)"


def test_table_shows_percentiles_reach_and_losses():
    sim = simulate_dividend(1_000, 2, target=30, years=3)
    text = simulation_table("dividend", sim, width=120)
    assert text.startswith("After 3 years: $")  # the answer first: the median path's monthly income
    assert "\n\ndividend: 1,000 simulated paths, 3 years, seed 2, USD\n" in text
    assert "Reached" in text and "$30/month" in text and "by then" in text  # the header on three lines
    assert f"Losing money overall (net gain below 0): {paths_of(sim.losing_paths, 1_000)}" in text
    assert "\x1b[" not in text


def test_fan_chart_of_a_path_without_spread_is_one_median_line():
    sim = simulate_dividend(20, 1, **NO_SPREAD, years=4)
    chart = fan_chart(sim, "value", height=6, width=8).plain
    rows = chart.splitlines()[1:7]
    # 4 years x 2 characters, all at the top (the value stays at $10,000, the chart's top).
    assert rows[0].endswith("█" * 8)
    assert all("█" not in row and "▒" not in row and "░" not in row for row in rows[1:])


def test_csv_is_tidy_and_parses_back():
    sim = simulate_dividend(300, 2, target=30, years=2)
    rows = list(csv.DictReader(io.StringIO(simulation_csv(sim))))
    assert list(rows[0]) == [
        "year",
        "percentile",
        "value",
        "payout",
        "monthly_income",
        "paths_reached_target",
        "share_reached_target",
    ]
    assert [(int(r["year"]), int(r["percentile"])) for r in rows] == [(y, p) for y in (1, 2) for p in risk.PERCENTILES]
    # A CSV keeps 12 significant digits (JSON keeps every float whole).
    np.testing.assert_allclose([float(r["value"]) for r in rows[:5]], sim.yearly["value"][:, 0], rtol=5e-12, atol=0)


def test_json_has_the_figures_and_no_nan():
    sim = simulate_dividend(300, 2, years=2)
    data = simulation_dict(sim)
    assert data["paths"] == 300 and data["seed"] == 2 and data["reached_target"] is None
    assert data["final"]["net_gain"]["p50"] == float(sim.final["net_gain"][2])
    assert len(data["rows"]) == 10


# -- the command line ----------------------------------------------------------------


def test_cli_simulates_with_a_seed(runner):
    result = runner.invoke(app, ["dividend", "--years", "3", "--simulate", "500", "--seed", "7", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "dividend" and data["params"]["volatility"] == 15
    expected = simulate_dividend(500, 7, years=3)
    assert data["simulation"]["final"]["ending_value"]["p50"] == pytest.approx(
        float(expected.final["ending_value"][2]), rel=1e-12
    )
    again = runner.invoke(app, ["dividend", "--years", "3", "--simulate", "500", "--seed", "7", "-f", "json"])
    assert again.stdout == result.stdout


def test_cli_without_a_seed_reports_the_one_it_drew(runner):
    result = runner.invoke(app, ["dividend", "--years", "2", "--simulate", "50", "-f", "json"])
    seed = json.loads(result.stdout)["simulation"]["seed"]
    again = runner.invoke(app, ["dividend", "--years", "2", "--simulate", "50", "--seed", str(seed), "-f", "json"])
    assert json.loads(again.stdout)["simulation"] == json.loads(result.stdout)["simulation"]


def test_cli_writes_csv_to_a_file(runner, tmp_path):
    out = tmp_path / "risk.csv"
    result = runner.invoke(
        app, ["dividend", "--years", "2", "--simulate", "100", "--seed", "1", "--target", "30", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text().startswith(
        "year,percentile,value,payout,monthly_income,paths_reached_target,share_reached_target\n"
    )


def test_cli_deterministic_output_is_unchanged_by_the_risk_fields(runner):
    plain = runner.invoke(app, ["dividend", "--years", "3", "-f", "json"])
    risky = runner.invoke(
        app, ["dividend", "--years", "3", "--volatility", "60", "--cut-probability", "90", "-f", "json"]
    )
    assert json.loads(plain.stdout)["rows"] == json.loads(risky.stdout)["rows"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--seed", "3"],
            "passivecalc: error: --seed: 3 is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)\n",
        ),
        (
            ["--target", "500"],
            "passivecalc: error: --target: 500 is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)\n",
        ),
        (["--simulate", "0"], "passivecalc: error: --simulate: 0 is out of range (allowed: 1 to 1,000,000 paths)\n"),
        (
            ["--simulate", "1000001"],
            "passivecalc: error: --simulate: 1000001 is out of range (allowed: 1 to 1,000,000 paths)\n",
        ),
        (
            ["--simulate", "10", "--seed", str(2**63)],
            f"passivecalc: error: --seed: {2**63} is out of range (allowed: 0 to 9223372036854775807)\n",
        ),
        (
            ["--simulate", "10", "--target", "-5"],
            "passivecalc: error: --target: -5 is out of range (allowed: 0 or more, money a month)\n",
        ),
        (
            ["--simulate", "10", "--seed", "-1"],
            "passivecalc: error: --seed: -1 is out of range (allowed: 0 to 9223372036854775807)\n",
        ),
        (
            ["--simulate", "10", "--period", "month"],
            "passivecalc: error: --period: month is not available with --simulate (percentiles are per year)\n",
        ),
        (
            ["--simulate", "10", "--volatility", "300"],
            "passivecalc: error: --volatility: 300 is out of range (allowed: 0 to 200 %/yr)\n",
        ),
    ],
)
def test_cli_bad_simulation_options(runner, args, message):
    result = runner.invoke(app, ["dividend", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message


# -- compare and portfolio ----------------------------------------------------------


def test_compare_simulates_every_scenario_with_the_same_draws(runner):
    result = runner.invoke(
        app,
        [
            "compare",
            "dividend --years 4",
            "dividend --years 4",
            "p2p --years 4",
            "--simulate",
            "300",
            "--seed",
            "5",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    scenarios = json.loads(result.stdout)["scenarios"]
    assert [s["name"] for s in scenarios] == ["dividend --years 4", "dividend --years 4 (2)", "p2p --years 4"]
    # The same scenario twice: the same seed gives it the same paths, so the same figures.
    assert scenarios[0]["simulation"] == scenarios[1]["simulation"]
    expected = simulate_dividend(300, 5, years=4)
    assert scenarios[0]["simulation"]["final"]["net_gain"]["p50"] == pytest.approx(
        float(expected.final["net_gain"][2]), rel=1e-12
    )


def test_compare_simulated_csv_leads_with_the_scenario(runner):
    result = runner.invoke(
        app,
        [
            "compare",
            "a: dividend --years 2",
            "b: dividend --years 2 --yield 6",
            "--simulate",
            "100",
            "--seed",
            "1",
            "-f",
            "csv",
        ],
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:3] == ["scenario", "year", "percentile"]
    assert [r["scenario"] for r in rows] == ["a"] * 10 + ["b"] * 10


def test_compare_table_shows_each_scenario(runner):
    result = runner.invoke(
        app,
        ["compare", "a: dividend --years 3", "b: p2p --years 3", "--simulate", "200", "--seed", "4", "--target", "40"],
    )
    assert result.exit_code == 0, result.stderr
    assert "pays the most a month on the median path" in result.stdout.splitlines()[0]
    assert (
        "\n2 scenarios: 200 simulated paths each, 3 years, seed 4 (the same draws for every scenario)\n"
        in result.stdout
    )
    assert "$40/month" in result.stdout and "by year 3" in result.stdout  # the reach column's header, on three lines


def test_portfolio_simulates_its_total(runner, tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'version = 1\nyears = 3\n\n[streams.stocks]\nmethod = "dividend"\n\n[streams.loans]\nmethod = "p2p"\n'
    )
    result = runner.invoke(app, ["portfolio", str(plan), "--simulate", "300", "--seed", "2", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "portfolio" and set(data["params"]["streams"]) == {"stocks", "loans"}
    # Money put in has no spread here: every path's total is the deterministic portfolio's.
    plain = json.loads(runner.invoke(app, ["portfolio", str(plan), "-f", "json"]).stdout)
    contributed = plain["portfolio"]["total"]["summary"]["total_contributed"]
    assert data["simulation"]["final"]["total_contributed"]["p50"] == pytest.approx(contributed)
    again = runner.invoke(app, ["portfolio", str(plan), "--simulate", "300", "--seed", "2", "-f", "json"])
    assert again.stdout == result.stdout


@pytest.mark.parametrize("command", [["compare", "dividend"], ["portfolio", "plan.toml"]])
def test_compare_and_portfolio_refuse_a_seed_without_simulate(runner, command):
    result = runner.invoke(app, [*command, "--seed", "3"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "passivecalc: error: --seed: 3 is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)\n"
    )


# -- properties under simulation ------------------------------------------------------


def test_every_registered_method_conserves_money_on_every_simulated_path():
    # value[m] = value[m-1] + contributed + reinvested - returned + revaluation, path by path (the Projection contract).
    from passivecalc.draws import Draws

    for name, method in REGISTRY.items():
        params = build(method.params, {"years": 3})
        projection = method.project(params, Draws(params.months, 64, np.random.default_rng(3)))
        scale = max(1.0, float(np.abs(projection.value).max()), float(np.abs(projection.contributed).sum(axis=1).max()))
        assert np.abs(projection.conservation_error()).max() <= 1e-9 * scale, name


@settings(max_examples=20, deadline=None)
@given(
    low=st.floats(0.5, 8),
    raise_by=st.floats(0.1, 4),
    drip=st.booleans(),
    volatility=st.floats(0, 60),
    cut_probability=st.floats(0, 50),
)
def test_a_higher_yield_never_lowers_a_percentile_of_income_on_the_same_draws(
    low, raise_by, drip, volatility, cut_probability
):
    # The same seed gives both runs the same price paths and cuts; each path's income rises with the yield.
    values = {"years": 5, "drip": drip, "volatility": volatility, "cut_probability": cut_probability}
    lower = simulate_dividend(300, 21, **values, **{"yield": low})
    higher = simulate_dividend(300, 21, **values, **{"yield": low + raise_by})
    assert (higher.yearly["monthly_income"] >= lower.yearly["monthly_income"] - 1e-9).all()


# dropship's own note for a ROAS below break-even (methods/dropship.py _ad_notes); simulating must say it as projecting does.
AD_NOTE = "the ads lose money: a ROAS of 1 is below the break-even ROAS of 2.16 (each 1.00 of ad spend brings back 0.46 of margin)"


@pytest.mark.parametrize(
    ("args", "scenario"),
    [
        (["compare", "bad: dropship --roas 1 --years 2", "good: dropship --years 2"], "bad"),
        (["dropship", "--vary", "roas=1,3", "--years", "2"], "roas=1"),
        (["portfolio", "{plan}"], "shop"),
    ],
)
def test_cli_simulating_several_scenarios_keeps_the_methods_notes(runner, tmp_path, args, scenario):
    plan = tmp_path / "plan.toml"
    plan.write_text('version = 1\nyears = 2\n[streams.shop]\nmethod = "dropship"\nroas = 1\n')
    args = [arg.format(plan=plan) for arg in args]
    projected = runner.invoke(app, [*args, "-f", "csv"])
    simulated = runner.invoke(app, [*args, "--simulate", "20", "--seed", "1", "-f", "csv"])
    assert projected.exit_code == 0, projected.stderr
    assert simulated.exit_code == 0, simulated.stderr
    assert f"note: {scenario}: {AD_NOTE}\n" in projected.stderr
    assert f"note: {scenario}: {AD_NOTE}\n" in simulated.stderr


# -- the risk line of a plain run --------------------------------------------------------


def test_risk_summary_without_spread_is_the_table():
    # No volatility and no cuts: every path is the expected one, so P10 = P50 = P90 = the table's figure,
    # which is 10,000 * 0.04 / 12 = 33.33 a month and a net gain of 10 years x 400 = 4,000 (a flat yield).
    params = dividend_params(**NO_SPREAD, frequency="monthly")
    line = risk.risk_summary(get("dividend"), params)
    assert line.monthly_income_end == pytest.approx((10_000 * 0.04 / 12,) * 3)
    assert line.net_gain == pytest.approx((4000.0,) * 3)
    assert line.table_net_gain == pytest.approx(4000.0)
    assert line.chance_of_loss == 0 and not line.far_from_table and line.message is None


def test_risk_summary_of_a_platform_that_surely_fails_loses_every_time():
    # A 100 % yearly chance of failure: the monthly hazard 1 - (1 - 1) ** (1/12) is 1, so every path fails in
    # month 1, the capital is gone and nothing is paid: every path loses 10,000, far from the table's gain.
    from passivecalc.methods import Method
    from passivecalc.params import Params, field
    from passivecalc.projection import Projection

    class FailingParams(Params):
        capital: float = field(10_000, "Money invested", "money", ge=0)

    def project(p, draws: Draws) -> Projection:
        alive = ~draws.first_event(1.0)
        contributed = np.zeros(draws.months)
        contributed[0] = p.capital
        income = p.capital * 0.05 / 12 * alive
        return Projection.build(
            draws.months,
            contributed=contributed,
            income=income,
            payout=income,
            value=p.capital * alive,
            upfront=p.capital,
        )

    line = risk.risk_summary(Method("failing", FailingParams, project, "fails"), FailingParams())
    assert line.chance_of_loss == 1.0
    assert line.net_gain == pytest.approx((-10_000.0,) * 3)
    assert line.table_net_gain == pytest.approx(10_000 * 0.05 * 10)  # the table's expected path never fails
    assert line.far_from_table and "100 % of them lose money" in line.message


def test_risk_summary_is_seeded_json_friendly_and_flags_staking():
    # Staking at its default 80 %/yr volatility: most simulated futures lose money while the table gains.
    method = get("staking")
    params = build(method.params, {})
    first, again = risk.risk_summary(method, params), risk.risk_summary(method, params)
    assert first == again
    assert first.paths == risk.risk_paths(params.months, "staking") == 1000
    data = json.loads(json.dumps(first.as_dict()))
    assert set(data) >= {
        "monthly_income_end",
        "net_gain",
        "chance_of_loss",
        "far_from_table",
        "message",
        "threshold_pct",
    }
    assert data["net_gain"]["p10"] <= data["net_gain"]["p50"] <= data["net_gain"]["p90"]
    assert first.chance_of_loss > 0.5 and first.table_net_gain > 0 and first.far_from_table


def test_risk_paths_shrink_with_the_horizon_within_bounds():
    # 0.03 s at dividend's 100 ns a path-month: 0.03 / (100e-9 * 12 * years) paths, within 100 to 1,000:
    # 1,000 up to 25 years, 0.03 / (100e-9 * 600) = 500 at 50 years, 250 at 100; p2p's 260 ns: 100 at 100 years.
    assert [risk.risk_paths(12 * y, "dividend") for y in (1, 10, 25, 50, 100)] == [1000, 1000, 1000, 500, 250]
    assert risk.risk_paths(1200, "p2p") == 100


def test_the_work_budget_refuses_a_request_too_large_and_says_how():
    # 1,000,000 paths x 1,200 months x 100 ns is 120 s: over a minute, within ten with --max-work 10.
    work = risk.estimate_work(["dividend"], 1200, 1_000_000, yearly=False)
    assert work.seconds == pytest.approx(1e6 * 1200 * 100e-9)
    with pytest.raises(risk.InputError, match="--max-work 2"):
        risk.check_work(work)
    assert risk.check_work(work, max_work=10) is work
    # Every year's figures of a million paths for 100 years (2.4 GB) are kept a block of years at a time:
    # 640 MiB / (3 x 8 bytes x 1e6 paths) = 27 years a pass, 4 passes, so four times the work, memory under 1 GiB.
    yearly = risk.estimate_work(["dividend"], 1200, 1_000_000, yearly=True)
    assert yearly.seconds == pytest.approx(4 * 1e6 * 1200 * 100e-9)
    assert yearly.memory < risk.MEMORY_BYTES
    # p2p runs eight whole chunks of 109 paths at a time at 100 years (GROUP_CELLS): it holds 8 x 109 x 1,200
    # path-months at GROUP_BYTES_PER_MONTH instead of one chunk at PROJECTION_BYTES_PER_MONTH, still under 1 GiB.
    lending = risk.estimate_work(["p2p"], 1200, 1_000_000, yearly=True)
    assert lending.memory - yearly.memory == 8 * 109 * 1200 * risk.GROUP_BYTES_PER_MONTH - 109 * 1200 * 384
    assert lending.memory < risk.MEMORY_BYTES
    # A portfolio of 1,000 streams simulated chunk by chunk holds a chunk of each: refused whatever max_work is.
    with pytest.raises(risk.InputError, match="GiB of memory"):
        risk.check_work(risk.estimate_work(["dividend"] * 1000, 120, 1000), max_work=1000)


def test_a_simulation_over_the_budget_is_refused_before_it_starts(runner):
    result = runner.invoke(app, ["dividend", "--simulate", "1000000", "--years", "100"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        "passivecalc: error: this request is about 8 minutes of work (the budget is 60 seconds)"
    )
    assert result.stderr.endswith("raise the budget with --max-work 8\n")


def test_a_run_in_several_passes_gives_the_same_figures(monkeypatch):
    # Keeping two years at a time runs the same draws three times over; the figures are those of one pass.
    params = dividend_params(years=5, volatility=30, cut_probability=20)
    whole = risk.simulate(get("dividend"), params, 700, seed=3, target=30)
    monkeypatch.setattr(risk, "YEARLY_BYTES", 700 * 3 * 8 * 2)
    assert risk.year_blocks(5, 700) == [(0, 2), (2, 4), (4, 5)]
    passes = risk.simulate(get("dividend"), params, 700, seed=3, target=30)
    for name in risk.YEARLY:
        np.testing.assert_array_equal(passes.yearly[name], whole.yearly[name])
    for name in risk.PER_PATH:
        np.testing.assert_array_equal(passes.final[name], whole.final[name])
    np.testing.assert_array_equal(passes.reached, whole.reached)
    assert passes.losing_paths == whole.losing_paths


# -- the same seed, the same figures: pinned, and with chunks run together ---------------------------------------------

# Figures computed with passivecalc as it was before methods ran several chunks in one projection (commit d98a7f0):
# risk.simulate(method, build(params, {"years": 10}), 3 * 1_092 + 17 paths (three whole chunks of 1,092 and a part),
# seed 3): the P10..P90 of net gain, the same of the last year's monthly income, and the paths losing money.
PINNED = {
    "dividend": (
        [-1490.9085088308484, 75.32222417620869, 2510.4630117105226, 5919.929240060281, 9923.799460797081],
        [25.0, 25.0, 33.333333333333336, 33.333333333333336, 33.333333333333336],
        797,
    ),
    "p2p": (
        [6324.562597886626, 6860.697702401059, 7549.167195706163, 8126.646894283775, 8574.558330352089],
        [52.39724325068132, 72.25585306556047, 88.05548865216987, 102.11521666887482, 113.46640496066892],
        0,
    ),
    "staking": (
        [-9997.639779073153, -9943.681023842435, -9555.489215391466, -7331.328155731721, 3685.015123909178],
        [0.025520940305159084, 0.30101500038624324, 2.350876536902128, 12.505664333141354, 62.540886235548776],
        2891,
    ),
    "crypto-lending": (
        [-10000.0, -10000.0, -9944.250942925406, -8954.835843774325, -2750.107311426695],
        [0.0, 0.0, 0.3680431101259392, 5.418109790639664, 30.087806369840607],
        3035,
    ),
    "liquidity": (
        [-7953.613024054435, -6521.108507836576, -4020.8461115857845, 292.07902504664526, 8158.656449417634],
        [0.0, 1.371546974077878, 10.480861467549419, 29.239739204529155, 67.88907947074418],
        2420,
    ),
    "blog": (
        [226.2950538829712, 2091.2129871500906, 5390.610938209778, 10797.794528302735, 17575.82781178304],
        [-11.29553481400792, -3.0553747244823897, 13.263888683097406, 44.92474805527062, 98.098010212934],
        275,
    ),
    "ebook": (
        [1135.8583277215514, 2798.15007400183, 5521.296782054654, 9319.521268855311, 13987.88317995246],
        [10.279563936396846, 17.534779656313066, 31.612498880183875, 56.60489769423668, 94.10425098251635],
        84,
    ),
    "course": (
        [10950.289536043934, 19028.79566876162, 32391.663653874704, 52893.07331321039, 79204.28931478782],
        [35.7254369824463, 88.46591977832321, 190.8013619569467, 372.4790998414878, 645.0738887235575],
        4,
    ),
    "dropship": (
        [-22728.56362202967, -12271.252176719137, 133.57284868393867, 14862.64522286468, 30311.262034538355],
        [-193.98721956165747, -104.54035871879528, 0.7710982704174209, 125.08741290377641, 256.96355914794736],
        1640,
    ),
    "domains": (
        [2005.0, 4130.0, 7190.0, 10930.0, 14925.0],
        [8.333333333333334, 29.583333333333332, 57.916666666666664, 93.33333333333333, 128.75],
        54,
    ),
    "rank-rent": (
        [63000.0, 91500.0, 120000.0, 143500.0, 157500.0],
        [553.3333333333334, 803.3333333333334, 1053.3333333333333, 1303.3333333333333, 1428.3333333333333],
        0,
    ),
}
# The same for p2p books that take other routes through its month loop (values, paths, seed), same commit.
PINNED_P2P = [
    (
        {"years": 30},
        5_000,
        1,
        [40532.89239129508, 43131.9966806912, 46205.036995377915, 49478.05064370972, 52433.233299834836],
        [174.48606809739607, 226.13795947033043, 279.31393296559435, 329.27462066110684, 369.70654247909874],
        0,
    ),
    (
        {"years": 7, "tax": 25, "cash_drag": 2, "recovery_lag": 3, "contribution": 100, "loans": 20},
        4_000,
        11,
        [2468.337043760132, 3240.051681126628, 4032.566630052859, 4710.110083686408, 5252.25240944914],
        [3.577532096792409, 51.48081003937089, 99.734001052161, 106.79533662371271, 110.93808047850719],
        7,
    ),
    (
        {"years": 12, "reinvest": False, "term": 180, "chargeoff_lag": 0},
        3_000,
        5,
        [4050.315992356057, 4350.428335696912, 4685.491183414163, 5020.572428209852, 5305.005744349967],
        [8.574995072171218, 11.304621078323896, 13.790041834005574, 15.987693334395452, 17.656995318050466],
        0,
    ),
    (
        {"years": 100, "term": 120, "tax": 10},
        700,
        2,
        [2172853.447225698, 2358418.6470103534, 2610248.8326099715, 2850865.8557980726, 3113223.8776066415],
        [8033.602261166897, 10774.096157499185, 13322.308630614789, 15751.032613494703, 17976.639326712382],
        0,
    ),
]


def assert_pinned(sim, net_gain, income, losing):
    # To rounding only where another machine's BLAS may add up a year in another order; a draw that changed would
    # move these figures by far more.
    np.testing.assert_allclose(sim.final["net_gain"], net_gain, rtol=1e-12)
    np.testing.assert_allclose(sim.yearly["monthly_income"][:, -1], income, rtol=1e-12, atol=1e-12)
    assert sim.losing_paths == losing


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_seed_gives_every_method_the_figures_it_gave_before(name):
    method = get(name)
    sim = risk.simulate(method, build(method.params, {"years": 10}), 3 * 1_092 + 17, seed=3)
    assert_pinned(sim, *PINNED[name])


@pytest.mark.parametrize(("values", "paths", "seed", "net_gain", "income", "losing"), PINNED_P2P)
def test_a_seed_gives_p2p_books_the_figures_they_gave_before(values, paths, seed, net_gain, income, losing):
    sim = risk.simulate(get("p2p"), build(get("p2p").params, values), paths, seed, max_work=10)
    assert_pinned(sim, net_gain, income, losing)


def test_p2p_risk_line_gives_the_figures_it_gave_before():
    # risk.risk_summary(p2p, {"years": 20, "loans": 30}) at its default paths and seed, same commit as PINNED.
    line = risk.risk_summary(get("p2p"), build(get("p2p").params, {"years": 20, "loans": 30}))
    assert line.paths == 481
    np.testing.assert_allclose(line.monthly_income_end, (65.74208928110038, 154.23250905913793, 231.83265660303672))
    np.testing.assert_allclose(line.net_gain, (16672.787502798605, 21372.300453561318, 25949.608492051906))
    assert line.chance_of_loss == 0.0


@pytest.mark.parametrize(
    "values",
    [
        {"years": 30},
        {"years": 7, "tax": 25, "cash_drag": 2, "recovery_lag": 3, "contribution": 100, "loans": 20},
        {"years": 12, "reinvest": False, "term": 180, "chargeoff_lag": 0, "tax": 30},
        {"years": 9, "term": 7, "chargeoff_lag": 2, "recovery_lag": 1, "tax": 40, "rate": 0, "fee": 0},
        {"years": 100, "term": 120, "tax": 10},
        {"years": 3, "zakat": True},
    ],
)
def test_chunks_run_together_give_every_path_the_figures_it_gets_alone(monkeypatch, values):
    # Oracle: the same run with every chunk projected on its own (GROUP_CELLS of 1: one chunk a projection), to the
    # bit, per path and in the percentile tables. Four whole chunks run two by two, so that the second group works
    # in the arrays the first left (StackedDraws.scratch), and a last, partial chunk alone.
    method, params = get("p2p"), build(get("p2p").params, values)
    size = risk.chunk_size(params.months)
    paths = 4 * size + 17
    monkeypatch.setitem(risk.GROUP_CELLS, "p2p", 2 * size * params.months)
    assert risk.group_size(params.months, "p2p") == 2
    together = risk.summary_paths(method, params, paths, seed=6, figure=lambda projection: projection.payout[:, -1])
    simulated = risk.simulate(method, params, paths, seed=6, target=50, max_work=10)
    monkeypatch.setitem(risk.GROUP_CELLS, "p2p", 1)
    assert risk.group_size(params.months, "p2p") == 1
    alone = risk.summary_paths(method, params, paths, seed=6, figure=lambda projection: projection.payout[:, -1])
    for name, figures in alone.items():
        np.testing.assert_array_equal(together[name], figures, name)
    again = risk.simulate(method, params, paths, seed=6, target=50, max_work=10)
    for name in risk.YEARLY:
        np.testing.assert_array_equal(simulated.yearly[name], again.yearly[name], name)
    np.testing.assert_array_equal(simulated.reached, again.reached)


def test_groups_are_whole_chunks_and_a_partial_chunk_runs_alone():
    assert risk._groups([5, 5, 5, 5, 5], 2) == [range(0, 2), range(2, 4), range(4, 5)]
    assert risk._groups([5, 5, 5, 3], 8) == [range(0, 3), range(3, 4)]
    assert risk._groups([3], 8) == [range(0, 1)]
    # p2p at 30 years: chunks of 364 paths (131,040 path-months), eight to 2**20 path-months.
    assert (risk.chunk_size(360), risk.group_size(360, "p2p"), risk.group_size(360, "dividend")) == (364, 8, 1)


@pytest.mark.parametrize(
    ("helper", "args"),
    [
        ("lognormal_monthly", (0.2,)),
        ("lognormal_monthly", (0.0,)),
        ("price_path", (0.3, 0.05, 2.0)),
        ("lognormal_per_path", (0.4,)),
        ("events", (0.3,)),
        ("first_event", (0.3,)),
        ("cuts", (0.1, 0.25)),  # rare events: drawn as gaps, in rounds over the paths still inside the horizon
        ("cuts", (0.6, 0.25)),
        ("binomial", (50, 0.01)),
        ("binomial", (50, "per-path")),
    ],
)
def test_stacked_draws_give_each_chunk_what_it_draws_alone(helper, args):
    # Oracle: each chunk's own Draws, from a generator seeded alike, asked the same; stacked one after another.
    sizes, months = (7, 1, 5), 24

    def chunks():
        return [Draws(months, size, np.random.default_rng(seed), lean=True) for seed, size in enumerate(sizes)]

    probability = np.linspace(0.0, 0.5, sum(sizes) * months).reshape(sum(sizes), months)
    stacked = risk.StackedDraws.of(chunks())
    assert (stacked.paths, stacked.months, stacked.simulated, stacked.lean) == (13, months, True, True)
    given = tuple(probability if a == "per-path" else a for a in args)
    drawn = getattr(stacked, helper)(*given)
    alone, first = [], 0
    for chunk in chunks():
        own = tuple(probability[first : first + chunk.paths] if a == "per-path" else a for a in args)
        alone.append(np.broadcast_to(getattr(chunk, helper)(*own), (chunk.paths, drawn.shape[1])))
        first += chunk.paths
    if drawn.shape[0] == 1:  # nothing drawn: one row for every path, as each chunk gives
        assert all((row == drawn).all() for row in alone)
    else:
        np.testing.assert_array_equal(drawn, np.concatenate(alone))
    with pytest.raises(RuntimeError, match="generator per chunk"):
        _ = stacked.generator


def test_a_column_the_same_on_every_path_gives_the_figures_of_its_full_array():
    # Oracle: the same projection with every column copied into an array of its own (no row shared by the paths).
    # _per_path reduces a row shared by every path (stride 0) once; the figures must be those of the full arrays,
    # to the bit. Payout, contributed and returned given as one row each; income and value differ by path.
    from passivecalc.projection import Projection

    rng = np.random.default_rng(8)
    paths, months = 40, 72
    projection = Projection.build(
        months,
        contributed=rng.random(months) * 100,
        income=rng.random((paths, months)) * 50,
        payout=rng.random(months) * 30 - 5,
        returned=rng.random(months),
        value=rng.random((paths, months)) * 1e4,
    )
    assert projection.payout.strides[0] == projection.contributed.strides[0] == projection.returned.strides[0] == 0
    full = projection._map(lambda values: np.array(values, order="C"))
    assert full.payout.strides[0] != 0
    shared_yearly, shared_final = risk._per_path(projection, paths)
    full_yearly, full_final = risk._per_path(full, paths)
    for name in risk.YEARLY:
        np.testing.assert_array_equal(shared_yearly[name], full_yearly[name], name)
    for name in risk.PER_PATH:
        np.testing.assert_array_equal(shared_final[name], full_final[name], name)
