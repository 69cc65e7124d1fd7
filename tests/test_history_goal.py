"""A goal at a confidence on bootstrapped history (`goal dividend --confidence 90 --returns history`)."""

from __future__ import annotations

from functools import partial

import numpy as np

from passivecalc import risk
from passivecalc.goals import Goal, solve
from passivecalc.history_data import HistoryDraws
from passivecalc.methods import REGISTRY
from passivecalc.params import build


def test_the_capital_found_reaches_the_target_on_the_confidence_share_of_bootstrapped_paths():
    method = REGISTRY["dividend"]
    goal = Goal(target=2000, confidence=90, paths=2000, seed=3, block_years=5)
    answer = solve(method, {"yield": 4}, "capital", goal)
    factory = partial(HistoryDraws, block_years=5)

    def share_reaching(capital: float) -> float:
        # A plain count over the same bootstrapped paths: the share whose last-year monthly income reaches 2,000.
        params = build(method.params, {"yield": 4, "capital": capital})
        income = risk.summary_paths(method, params, 2000, 3, draws_factory=factory)["monthly_income_end"]
        return float(np.mean(income >= 2000 - goal.tolerance))

    assert share_reaching(answer.value) >= 0.90
    assert share_reaching(answer.value * 0.99) < 0.90


def test_history_draws_give_another_answer_than_the_lognormal_model():
    method = REGISTRY["dividend"]
    lognormal = solve(method, {"yield": 4}, "capital", Goal(target=2000, confidence=90, paths=2000, seed=1))
    history = solve(
        method, {"yield": 4}, "capital", Goal(target=2000, confidence=90, paths=2000, seed=1, block_years=5)
    )
    assert lognormal.value != history.value


def test_goal_returns_history_on_the_command_line_matches_the_library():
    from typer.testing import CliRunner

    from passivecalc.cli import app

    args = [
        "goal",
        "dividend",
        "--target",
        "2000",
        "--confidence",
        "90",
        "--returns",
        "history",
        "--paths",
        "2000",
        "--seed",
        "3",
        "-f",
        "json",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    library = solve(
        REGISTRY["dividend"], {}, "capital", Goal(target=2000, confidence=90, paths=2000, seed=3, block_years=5)
    )
    assert data["goal"]["value"] == library.value


def test_goal_returns_history_is_refused_for_other_methods_and_without_confidence():
    from typer.testing import CliRunner

    from passivecalc.cli import app

    for args in (
        ["goal", "p2p", "--target", "200", "--confidence", "90", "--returns", "history"],
        ["goal", "dividend", "--target", "2000", "--returns", "history"],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith("passivecalc: error: --returns:")
