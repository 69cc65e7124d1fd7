"""Goal seeking against closed forms, its invariants (the answer reaches the target, more needs more), and the CLI."""

from __future__ import annotations

import csv
import io
import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passivecalc import goals, risk
from passivecalc.cli import app
from passivecalc.cli.goal import goal_parameters
from passivecalc.draws import Draws
from passivecalc.errors import InputError, NoAnswer
from passivecalc.goals import Goal, TargetKind, solve
from passivecalc.methods import REGISTRY, Method, get
from passivecalc.params import Params, build, field, percent
from passivecalc.projection import Projection

DIVIDEND = get("dividend")
FLAT = {"yield": 4, "frequency": "monthly", "years": 10}


def reached(method: Method, params: Params, kind=TargetKind.income, real=False) -> float:
    """The target figure of a fresh projection at the given parameters (not the solver's own number)."""
    return float(goals.figure(method.project(params), kind, real)[0])


# -- closed forms ------------------------------------------------------------------


def test_two_thousand_a_month_at_four_percent_needs_600000():
    # A flat 4 % yield, no growth, tax or DRIP: income is capital * 0.04 / 12 a month, so 2000 * 12 / 0.04.
    answer = solve(DIVIDEND, {"yield": 4, "years": 10}, "capital", Goal(2000))
    np.testing.assert_allclose(answer.value, 600_000, rtol=1e-9)
    assert answer.projection.summary()["monthly_income_end"] == pytest.approx(2000, abs=0.01)
    # Income is linear in capital: the first secant step lands, so the solve is the two bracket ends and one step.
    assert answer.steps == 3


def test_contribution_for_a_target_is_an_annuity_closed_form():
    # Contributions c at each month end buy shares at a flat 100; monthly 4 % payouts on the shares held at the
    # start of month m: c * (m - 1) * 0.04 / 12. Year 10 averages m = 109..120, i.e. c * 0.04 / 12 * 113.5.
    answer = solve(DIVIDEND, {**FLAT, "capital": 0}, "contribution", Goal(2000))
    np.testing.assert_allclose(answer.value, 2000 * 12 / (0.04 * 113.5), rtol=1e-9)


def test_real_target_divides_by_the_deflator_of_each_month():
    # Today's money at 2 % inflation: month m's 4 %/12 payout is divided by 1.02 ** (m / 12), m = 109..120.
    answer = solve(DIVIDEND, {**FLAT, "inflation": 2}, "capital", Goal(2000, real=True))
    deflated = np.mean(1.02 ** (-np.arange(109, 121) / 12))
    np.testing.assert_allclose(answer.value, 2000 / (0.04 / 12 * deflated), rtol=1e-9)


def test_payout_target_counts_only_the_part_not_reinvested():
    # DRIP reinvesting half: shares grow by 1 + 0.5 * 0.04/12 a month; payout in month m is half the dividend,
    # 0.5 * K * (1 + 0.02/12) ** (m - 1) * 0.04 / 12, averaged over m = 109..120.
    answer = solve(DIVIDEND, {**FLAT, "drip": True, "reinvest": 50}, "capital", Goal(2000, TargetKind.payout))
    growth = np.mean((1 + 0.02 / 12) ** np.arange(108, 120))
    np.testing.assert_allclose(answer.value, 2000 / (0.5 * 0.04 / 12 * growth), rtol=1e-9)


def test_value_target_discounts_by_the_price_growth():
    # The price grows 5 %/yr and nothing is bought or sold: ending value = capital * 1.05 ** 10.
    answer = solve(DIVIDEND, {**FLAT, "price_growth": 5}, "capital", Goal(1_000_000, TargetKind.value))
    np.testing.assert_allclose(answer.value, 1_000_000 / 1.05**10, rtol=1e-9)


def test_years_is_the_first_year_whose_average_reaches_the_target():
    # Monthly DRIP at 4 %: income in month m is 100000 * (1 + 0.04/12) ** (m - 1) * 0.04 / 12.
    m = np.arange(1, 1201)
    income = 100_000 * (1 + 0.04 / 12) ** (m - 1) * 0.04 / 12
    yearly = income.reshape(100, 12).mean(axis=1)
    expected = int(np.argmax(yearly >= 500)) + 1
    answer = solve(DIVIDEND, {**FLAT, "capital": 100_000, "drip": True}, "years", Goal(500))
    assert answer.value == expected
    assert reached(DIVIDEND, answer.params) >= 500
    assert (
        reached(DIVIDEND, build(DIVIDEND.params, {**FLAT, "capital": 100_000, "drip": True, "years": expected - 1}))
        < 500
    )


# -- invariants ----------------------------------------------------------------------

dividend_values = st.fixed_dictionaries(
    {
        # Yield after tax stays above the fees, whatever the price does: net income is positive.
        # ... and the yield on the price stays below 100 %, as the method requires: 8 * 1.05 ** 30 < 100.
        "yield": st.floats(2, 8),
        "dividend_growth": st.floats(0, 5),
        "price_growth": st.floats(0, 5),
        "tax": st.floats(0, 30),
        "drip": st.booleans(),
        "contribution": st.floats(0, 2000),
        "expense_ratio": st.floats(0, 0.2),
        "frequency": st.sampled_from(["monthly", "quarterly", "annual"]),
        "years": st.integers(1, 30),
    }
)


@settings(max_examples=30, deadline=None)
@given(values=dividend_values, target=st.floats(100, 20_000))
def test_projecting_the_capital_found_returns_the_target_within_a_cent(values, target):
    answer = solve(DIVIDEND, values, "capital", Goal(target))
    if answer.value > 0:
        assert abs(reached(DIVIDEND, answer.params) - target) < 0.01
    else:  # contributions alone reach it: no capital needed
        assert reached(DIVIDEND, answer.params) >= target - 0.01
    assert answer.steps <= 12


@settings(max_examples=25, deadline=None)
@given(values=dividend_values, target=st.floats(100, 20_000), more=st.floats(1.01, 3))
def test_a_higher_target_needs_more(values, target, more):
    lever_values = {**values, "contribution": 0, "capital": 0}  # nothing else reaches the target
    for lever in ("capital", "contribution"):
        low = solve(DIVIDEND, lever_values, lever, Goal(target)).value
        high = solve(DIVIDEND, lever_values, lever, Goal(target * more)).value
        assert high > low


@settings(max_examples=15, deadline=None)
@given(name=st.sampled_from(["rank-rent", "blog", "domains"]), target=st.floats(100, 3000), more=st.floats(1.01, 3))
def test_a_higher_target_needs_more_effort(name, target, more):
    method = get(name)
    low = solve(method, {}, method.scale, Goal(target)).value
    try:
        high = solve(method, {}, method.scale, Goal(target * more)).value
    except NoAnswer:
        return  # the higher target is out of reach: that too is "more"
    assert high >= low


@pytest.mark.parametrize("name", ["rank-rent", "domains"])
def test_integer_levers_give_the_smallest_whole_number_that_reaches(name):
    method = get(name)
    answer = solve(method, {}, method.scale, Goal(1500))
    assert float(answer.value).is_integer()
    assert reached(method, answer.params) >= 1500
    fewer = build(method.params, {method.scale: int(answer.value) - 1})
    assert reached(method, fewer) < 1500


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_method_solves_its_scale_or_says_why_not(name):
    method = REGISTRY[name]
    try:
        answer = solve(method, {}, method.scale, Goal(500))
    except (NoAnswer, InputError) as error:
        assert str(error)
        return
    assert reached(method, answer.params) >= 500 - 0.01


# -- confidence ------------------------------------------------------------------------


class SymmetricParams(Params):
    capital: float = field(10_000, "Money invested at the start", "money", ge=0, le=1e12)
    spread: float = percent(10, "Standard deviation of each month's income around its mean", "%")


def symmetric_project(p: SymmetricParams, draws: Draws) -> Projection:
    """4 % a year of the capital, each month times a multiplier symmetric about 1 (a centred binomial)."""
    # Binomial(100, 1/2) is symmetric about 50 with standard deviation 5.
    shock = 1 + p.spread / 100 * (draws.binomial(100, 0.5) - 50) / 5
    income = p.capital * 0.04 / 12 * shock
    contributed = np.zeros(draws.months)
    contributed[0] = p.capital
    return Projection.build(
        draws.months, contributed=contributed, income=income, payout=income, value=p.capital, upfront=p.capital
    )


SYMMETRIC = Method("symmetric", SymmetricParams, symmetric_project, "A capital method with a symmetric spread")


def test_confidence_50_is_close_to_the_deterministic_answer_for_a_symmetric_spread():
    deterministic = solve(SYMMETRIC, {}, "capital", Goal(2000)).value
    median = solve(SYMMETRIC, {}, "capital", Goal(2000, confidence=50, paths=2000, seed=7)).value
    # 2000 * 12 / 0.04; the median of 2000 paths' yearly means sits within a few tenths of a percent of it.
    np.testing.assert_allclose(deterministic, 600_000, rtol=1e-9)
    np.testing.assert_allclose(median, deterministic, rtol=5e-3)


@pytest.mark.parametrize("kind", list(TargetKind))
@pytest.mark.parametrize("real", [False, True])
def test_simulated_targets_without_spread_equal_the_deterministic_ones(kind, real):
    # No volatility and no cuts: every simulated path is the expected one, so any confidence gives the
    # deterministic answer; this checks that payout, value and today's money reach the simulation intact.
    values = {
        **FLAT,
        "drip": True,
        "reinvest": 50,
        "price_growth": 3,
        "inflation": 2,
        "volatility": 0,
        "cut_probability": 0,
    }
    target = 1_000_000 if kind is TargetKind.value else 2000
    deterministic = solve(DIVIDEND, values, "capital", Goal(target, kind, real)).value
    simulated = solve(DIVIDEND, values, "capital", Goal(target, kind, real, confidence=90, paths=50)).value
    np.testing.assert_allclose(simulated, deterministic, rtol=1e-9)


def test_simulated_payout_target_has_the_closed_form_and_keeps_the_projection_identities():
    # DRIP reinvesting half, no spread: every path is the expected one, so the closed form of
    # test_payout_target_counts_only_the_part_not_reinvested holds at any confidence. Every projection
    # the search simulates keeps net_income = income - costs - taxes and payout = net_income - reinvested
    # (the target is read from the payout column, not written over the net income).
    seen: list[Projection] = []

    def recording(params: Params, draws: Draws) -> Projection:
        projection = DIVIDEND.project_fn(params, draws)
        seen.append(projection)
        return projection

    method = Method("dividend", DIVIDEND.params, recording, DIVIDEND.description)
    values = {**FLAT, "drip": True, "reinvest": 50, "volatility": 0, "cut_probability": 0}
    answer = solve(method, values, "capital", Goal(2000, TargetKind.payout, confidence=90, paths=50))
    growth = np.mean((1 + 0.02 / 12) ** np.arange(108, 120))
    np.testing.assert_allclose(answer.value, 2000 / (0.5 * 0.04 / 12 * growth), rtol=1e-9)
    assert seen
    for projection in seen:
        np.testing.assert_array_equal(projection.net_income, projection.income - projection.costs - projection.taxes)
        np.testing.assert_allclose(projection.payout, projection.net_income - projection.reinvested, rtol=0, atol=1e-9)
    assert any(np.any(projection.reinvested > 0) for projection in seen)


def test_confidence_90_holds_on_the_simulated_paths():
    goal = Goal(2000, confidence=90, paths=1000, seed=3)
    answer = solve(SYMMETRIC, {}, "capital", goal)
    incomes = risk.summary_paths(SYMMETRIC, answer.params, goal.paths, goal.seed)["monthly_income_end"]
    assert np.count_nonzero(incomes >= 2000 - 1e-6) >= 900
    # Any less capital and fewer than 90 % of the same paths reach it.
    less = build(SymmetricParams, {"capital": answer.value * (1 - 1e-6)})
    assert (
        np.count_nonzero(risk.summary_paths(SYMMETRIC, less, goal.paths, goal.seed)["monthly_income_end"] >= 2000) < 900
    )


def failing_project(p: SymmetricParams, draws: Draws) -> Projection:
    """4 % a year of the capital until the platform fails (half the time in a year), then nothing."""
    alive = ~draws.first_event(0.5)
    income = p.capital * 0.04 / 12 * alive
    contributed = np.zeros(draws.months)
    contributed[0] = p.capital
    return Projection.build(
        draws.months, contributed=contributed, income=income, payout=income, value=p.capital, upfront=p.capital
    )


def test_confidence_says_when_too_many_paths_earn_nothing():
    # After 10 years at a 50 % yearly failure rate, 1 - 0.5 ** 10 of the paths earn nothing, whatever the capital.
    failing = Method("failing", SymmetricParams, failing_project, "A platform that fails")
    with pytest.raises(NoAnswer) as raised:
        solve(failing, {}, "capital", Goal(2000, confidence=90, paths=500, seed=5))
    assert str(raised.value) == (
        "cannot reach 2,000.00 USD a month of net income in year 10, in 90 % of 500 simulated paths: "
        "more than 10 % of the paths stay at or below 0.00 USD a month whatever --capital is"
    )


def test_a_goal_at_a_confidence_is_stable_across_seeds_at_the_default_paths():
    # With a 5 %/yr chance of a 25 % cut, about 9 % of paths take a cut before the last year, so the path
    # at the 10th percentile has exactly one: 2000 a month needs 600,000 / 0.75 = 800,000 (600,000 being
    # 2000 * 12 / 0.04). The default number of paths gives that at every seed (2,000 paths gave 853,333 at seed 1).
    answers = [
        solve(DIVIDEND, {"yield": 4, "years": 10}, "capital", Goal(2000, confidence=90, seed=seed)).value
        for seed in range(1, 6)
    ]
    np.testing.assert_allclose(answers, 600_000 / 0.75, rtol=0.01)


def test_more_confidence_needs_more_capital_and_a_seed_repeats():
    values = {"yield": 4, "years": 10}
    answers = [
        solve(DIVIDEND, values, "capital", Goal(2000, confidence=c, paths=500, seed=11)).value for c in (10, 50, 90)
    ]
    assert answers[0] <= answers[1] < answers[2]
    assert solve(DIVIDEND, values, "capital", Goal(2000, confidence=90, paths=500, seed=11)).value == answers[2]


# -- the command ---------------------------------------------------------------------------


def test_goal_answers_in_one_line_then_the_projection(runner):
    result = runner.invoke(app, ["goal", "dividend", "--target", "2000", "--yield", "4", "--years", "10"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Invest $600,000.00 now to have $2,000.00 a month of net income in year 10."
    assert re.search(r"Monthly net income, last year +\$2,000\.00", result.stdout)


def test_goal_json_carries_the_answer_and_the_projection(runner):
    result = runner.invoke(app, ["goal", "dividend", "--target", "2000", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["goal"]["solve"] == "capital"
    np.testing.assert_allclose(data["goal"]["value"], 600_000, rtol=1e-9)
    np.testing.assert_allclose(data["params"]["capital"], 600_000, rtol=1e-9)
    assert abs(data["summary"]["monthly_income_end"] - 2000) < 0.01
    assert result.stderr == "Invest $600,000.00 now to have $2,000.00 a month of net income in year 10.\n"


def test_goal_csv_keeps_stdout_to_data(runner):
    result = runner.invoke(app, ["goal", "rank-rent", "--target", "2000", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 10
    assert result.stderr.startswith("Set --sites to 6 to have $2,000.00 a month of net income in year 10")


def test_confidence_is_said_in_the_answer(runner):
    result = runner.invoke(
        app, ["goal", "dividend", "--target", "2000", "--confidence", "90", "--paths", "500", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert "a month of net income in year 10, in 90 % of 500 simulated paths." in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["dividend", "--target", "2000", "--yield", "0"],
            "cannot reach $2,000.00 a month of net income in year 10: it stays at $0.00 a month whatever --capital is",
        ),
        (
            ["dividend", "--target", "1e12"],
            "cannot reach $1,000,000,000,000.00 a month of net income in year 10: the most is $3,333,333,333.33 a month,"
            " with --capital at its upper limit of $1,000,000,000,000.00",
        ),
        (
            # Sites let only after 12 months of ranking: a one-year horizon pays nothing however many sites.
            ["rank-rent", "--target", "2000", "--years", "1", "--months-to-rank", "12", "--hosting", "0"],
            "cannot reach $2,000.00 a month of net income in year 1: it stays at $0.00 a month whatever --sites is;"
            " a longer --years can reach it",
        ),
        (
            # The dividend check caps the years at 65: 4 % * 1.05 ** 65 < 100 % < 4 % * 1.05 ** 66. Year 65 pays
            # 1 % of 100 shares' growing dividend in months 771, 774, 777, 780: 100 * sum(1.05 ** (m / 12)) / 12.
            ["dividend", "--target", "2000", "--dividend-growth", "5", "--solve", "years"],
            "cannot reach $2,000.00 a month of net income: within 65 years (the longest these inputs allow)"
            f" the most is ${100 * sum(1.05 ** (m / 12) for m in (771, 774, 777, 780)) / 12:,.2f} a month, in year 65",
        ),
        (
            ["dividend", "--target", "2000", "--solve", "years"],
            "cannot reach $2,000.00 a month of net income: it stays at $33.33 a month whatever --years is",
        ),
    ],
)
def test_unreachable_targets_exit_1_with_the_reason_and_the_best(runner, arguments, message):
    result = runner.invoke(app, ["goal", *arguments])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: {message}\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["dividend", "--target", "-5"], "--target: -5 is out of range (allowed: above 0)"),
        (["dividend", "--target", "inf"], "--target: inf is not a finite number"),
        # The range names simulate's cap too, since --paths above it is refused like --simulate above it.
        (
            ["dividend", "--target", "2000", "--confidence", "90", "--paths", "5"],
            "--paths: 5 is out of range (allowed: 10 to 1,000,000 paths)",
        ),
        (
            ["dividend", "--target", "2000", "--confidence", "90", "--paths", "100000000"],
            "--paths: 100000000 is out of range (allowed: 10 to 1,000,000 paths)",
        ),
        (
            ["dividend", "--target", "100", "--confidence", "90", "--seed", "-1"],
            "--seed: -1 is out of range (allowed: 0 to 9223372036854775807)",
        ),
        (
            ["dividend", "--target", "2000", "--confidence", "100"],
            "--confidence: 100 is out of range (allowed: above 0 and below 100 %)",
        ),
        (
            ["dividend", "--target", "2000", "--real"],
            "--real: today's money needs --inflation above 0 (without it, today's money is the nominal figure)",
        ),
        (["dividend", "--target", "2000", "--yield", "500"], "--yield: 500 is out of range (allowed: 0 to 100 %)"),
    ],
)
def test_bad_goals_exit_2_with_one_line(runner, arguments, message):
    result = runner.invoke(app, ["goal", *arguments])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_goal_options_never_shadow_a_method_option():
    import typer

    goal_group = typer.main.get_command(app).commands["goal"]
    for method in REGISTRY.values():
        declared = [opt for param in goal_group.get_command(None, method.name).params for opt in param.opts]
        assert len(declared) == len(set(declared)), method.name
        goal_options = {p.name for p in goal_parameters(method)}
        assert not goal_options & set(method.params.model_fields), method.name


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_method_goal_command_answers_the_smallest_lever_that_reaches(runner, name):
    # The command's answer is checked against fresh projections, not against the solver's own figure:
    # at the answer the method earns the target (within a cent), and just below it, it does not.
    result = runner.invoke(app, ["goal", name, "--target", "500", "-f", "json"])
    if result.exit_code == 1:  # a valid question without an answer: the reason is said
        assert result.stdout == "" and result.stderr.startswith("passivecalc: cannot reach $500.00")
        return
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    method = REGISTRY[name]
    lever = goals.lever_field(method, data["goal"]["solve"])
    at_answer = build(method.params, data["params"])
    assert reached(method, at_answer) >= 500 - 0.01
    value = getattr(at_answer, lever)
    below = value - 1 if isinstance(value, int) else value * (1 - 1e-6)
    if below >= goals._bounds(method, lever)[0]:
        assert reached(method, build(method.params, {**data["params"], data["goal"]["solve"]: below})) < 500


def test_goal_command_gives_the_closed_form_capital(runner):
    # Income at a flat 4 % yield is capital * 0.04 / 12 a month, so 2,000 a month needs 2000 * 12 / 0.04 = 600,000.
    result = runner.invoke(app, ["goal", "dividend", "--target", "2000", "--yield", "4", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["goal"]["value"] == pytest.approx(600_000, rel=1e-9)


def test_an_optional_capital_is_a_lever_too(runner):
    # staking's capital is `float | None` (give --amount or --capital): --solve capital is its scale, named.
    assert goals.levers(get("staking"))["capital"] == "capital"
    named = runner.invoke(app, ["goal", "staking", "--solve", "capital", "--target", "100", "-f", "json"])
    scale = runner.invoke(app, ["goal", "staking", "--solve", "scale", "--target", "100", "-f", "json"])
    assert named.exit_code == 0, named.stderr
    assert json.loads(named.stdout)["goal"]["value"] == json.loads(scale.stdout)["goal"]["value"]
    assert json.loads(named.stdout)["goal"]["solve"] == "capital"


def test_unreachable_years_report_the_year_that_is_highest(runner):
    # Without cuts, 300,000 at 4 % pays 300000 * 0.04 / 12 = 1,000 a month in year 1; a 10 % yearly chance of a 30 % cut
    # only lowers it after that, so the best that 80 % of the paths reach is year 1's, not year 100's.
    result = runner.invoke(
        app,
        ["goal", "dividend", "--target", "2000", "--confidence", "80", "--paths", "500", "--cut-probability", "10"]
        + ["--cut-size", "30", "--solve", "years", "--capital", "300000"],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "passivecalc: cannot reach $2,000.00 a month of net income, in 80 % of 500 simulated paths: within 100 years"
        " (the longest horizon) the most that 80 % of the paths reach is $1,000.00 a month, in year 1\n"
    )


def test_a_goal_over_the_work_budget_is_refused_before_it_searches():
    # 4 simulations x 1,000,000 paths x 1,200 months x 100 ns = 480 s: over a minute, within ten.
    params = build(DIVIDEND.params, {"years": 100})
    with pytest.raises(InputError, match="8 minutes of work .* --max-work 8"):
        goals.check(DIVIDEND, Goal(2000, confidence=90, paths=1_000_000), params)
    goals.check(DIVIDEND, Goal(2000, confidence=90, paths=1_000_000, max_work=8), params)
