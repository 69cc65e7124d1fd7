"""Every method's plain run shows a risk line under its summary; --no-risk removes it; JSON carries it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.methods import REGISTRY


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("method", sorted(REGISTRY))
def test_every_method_shows_the_risk_line_and_no_risk_removes_it(method):
    shown = run(method, "--years", "3")
    assert shown.exit_code == 0, shown.stderr
    assert "simulated futures (seed 1); the table is the expected path:" in shown.stdout
    assert "chance of losing money:" in shown.stdout
    hidden = run(method, "--years", "3", "--no-risk")
    assert hidden.exit_code == 0
    assert "simulated futures" not in hidden.stdout
    # The risk line is added under the table; everything above it is the same.
    assert shown.stdout.startswith(hidden.stdout.rstrip("\n"))


def test_the_risk_line_is_the_same_run_to_run():
    assert run("dividend", "--years", "5").stdout == run("dividend", "--years", "5").stdout


def test_staking_at_its_default_volatility_warns_that_the_median_is_far_from_the_table():
    # 80 %/yr volatility: most simulated futures lose money although the expected path grows.
    out = run("staking", "--years", "10").stdout
    chance = int(out.split("chance of losing money: ")[1].split(" %")[0])
    assert chance > 50
    assert "Warning: the median future's net gain" in out


def test_json_carries_the_risk_object_and_csv_rows_stay_as_they_are():
    data = json.loads(run("dividend", "--years", "5", "-f", "json").stdout)
    risk = data["risk"]
    assert risk["seed"] == 1 and 0 <= risk["chance_of_loss"] <= 1
    assert risk["monthly_income_end"]["p10"] <= risk["monthly_income_end"]["p50"] <= risk["monthly_income_end"]["p90"]
    assert (
        run("dividend", "--years", "5", "-f", "csv").stdout
        == run("dividend", "--years", "5", "-f", "csv", "--no-risk").stdout
    )


def test_a_method_with_nothing_uncertain_has_the_table_as_its_median():
    # No volatility, no cuts: every simulated future is the expected path, so P10 = P50 = P90 = the table's figure.
    data = json.loads(
        run("dividend", "--years", "5", "--volatility", "0", "--cut-probability", "0", "-f", "json").stdout
    )
    income = data["risk"]["monthly_income_end"]
    assert income["p10"] == pytest.approx(data["summary"]["monthly_income_end"])
    assert income["p90"] == pytest.approx(data["summary"]["monthly_income_end"])
    assert data["risk"]["chance_of_loss"] == 0


def test_max_work_out_of_range_is_one_line():
    result = run("dividend", "--max-work", "0")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--max-work" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_effort_methods_irr_on_little_money_says_it_counts_money_only():
    # The default course puts 300 in and earns thousands: an IRR over 1,000 % that leaves 749 hours out.
    out = run("course", "--no-risk").stdout
    assert "The IRR measures money only, not your hours" in out
    priced = run("course", "--no-risk", "--hour-value", "20").stdout
    assert "The IRR measures money only" not in priced and "IRR after time" in priced
    assert "The IRR measures money only" not in run("dividend", "--no-risk").stdout
