"""`passivecalc methods`: the guide's contents, the ranking and its reasons, formats, bad input."""

import csv
import io
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.guide import ADVICE, GUIDES, NOTHING_FITS, Risk, Situation, advice, rank, rows
from passivecalc.methods import REGISTRY

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def test_eight_methods_each_naming_its_commands():
    assert len(GUIDES) == 8
    commands = [c for g in GUIDES for c in g.commands]
    assert len(commands) == len(set(commands))
    # every registered method has a row, and every row's command is one the README documents.
    assert set(REGISTRY) <= set(commands)
    documented = set(re.findall(r"`passivecalc ([a-z0-9-]+)`", README.read_text()))
    assert set(commands) <= documented


def test_ranges_as_the_common_guides_state_them():
    by_command = {g.commands[0]: g for g in GUIDES}
    assert by_command["dividend"].returns.startswith("2-5 %/yr")
    assert by_command["p2p"].returns == "5-10 %/yr before defaults"
    assert by_command["staking"].returns.startswith("5-25 %/yr")
    for word in ("price", "smart-contract", "hacks", "regulation"):
        assert word in by_command["staking"].risks
    assert by_command["staking"].risk is Risk.high
    assert "constant ad spend" in by_command["dropship"].risks
    assert "thin margins" in by_command["dropship"].returns
    assert "hard to let" in by_command["domains"].returns
    assert "slow" in by_command["blog"].returns and "scalable" in by_command["course"].returns


def test_the_hours_the_ranking_uses_are_the_hours_the_table_shows():
    # The ranking reads setup_hours and weekly_hours; the table shows ranges in words. A week is 52 / 12 of a
    # month's weeks, so weekly hours x 52 / 12, to the nearest hour, must fall in the "h a month" range shown.
    for g in GUIDES:
        up_low, up_high = (float(x) for x in g.hours_up_front.split()[0].split("-"))
        assert up_low <= g.setup_hours <= up_high, g.name
        bounds = [float(x) for x in g.hours_per_month.split()[0].split("-")]
        assert bounds[0] <= round(g.weekly_hours * 52 / 12) <= bounds[-1], g.name


def test_ranking_safest_first_then_fewest_hours():
    fits = rank(Situation(capital=5000, hours_per_week=5, risk=Risk.medium))
    ranked = [f.guide.commands[0] for f in fits if f.fits]
    # low risk by hours a week (0.25, 2, 3), then medium (0.5, 2); blog needs 10 h, crypto and dropship are high risk.
    assert ranked == ["dividend", "ebook", "course", "p2p", "domains"]
    assert [f.rank for f in fits] == [1, 2, 3, 4, 5, None, None, None]
    dividend = fits[0].why
    assert dividend == (
        "fits: low risk (you accept medium); about 0.25 h a week once running, 5 h to set up "
        "(about 1 week at your 5 h a week); starts from $100 (you have $5,000)"
    )
    misfit = {f.guide.commands[0]: f.why for f in fits if not f.fits}
    assert misfit["dropship"] == "does not fit: needs about 15 h a week (you have 5); high risk (you accept medium)"
    assert misfit["blog"] == "does not fit: needs about 10 h a week (you have 5)"


def test_little_capital_leaves_the_free_methods():
    fits = rank(Situation(capital=50))
    assert [f.guide.commands[0] for f in fits if f.fits] == ["ebook", "course"]
    p2p = next(f for f in fits if f.guide.commands[0] == "p2p")
    assert p2p.why == "does not fit: needs $1,000 to start (you have $50)"


def test_nothing_given_is_the_plain_guide_in_order():
    plain = rows(Situation())
    assert [r["method"] for r in plain] == [g.name for g in GUIDES]
    assert "rank" not in plain[0]


def test_csv_and_json():
    result = runner.invoke(app, ["methods", "--format", "csv"])
    assert result.exit_code == 0
    parsed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(parsed) == 8
    assert parsed[7]["commands"] == "passivecalc domains passivecalc rank-rent"
    result = runner.invoke(app, ["methods", "--capital", "500", "--hours-per-week", "3", "--risk", "low", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["situation"] == {"capital": 500.0, "hours_per_week": 3.0, "risk": "low"}
    assert [m["method"] for m in data["methods"] if m["fits"]] == ["Dividend stocks and ETFs", "Ebook", "Online course"]
    assert data["advice"].startswith("A starting point")


def test_table_names_every_command():
    result = runner.invoke(app, ["methods", "--risk", "high"])
    assert result.exit_code == 0
    for g in GUIDES:
        assert re.search(rf"^ +\S* +{re.escape(g.commands[0])} ", result.stdout, re.M)  # whole, in the Command column
    assert "start with one method" in result.stdout


def test_when_nothing_fits_it_says_so_instead_of_where_to_start():
    result = runner.invoke(app, ["methods", "--hours-per-week", "0.1", "--risk", "low", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert not any(m["fits"] for m in data["methods"])
    assert data["advice"] == NOTHING_FITS
    table = runner.invoke(app, ["methods", "--hours-per-week", "0.1"])
    assert "No method fits everything you gave" in table.stdout
    assert "start with one method" not in table.stdout
    assert advice(Situation()) is None and advice(Situation(risk=Risk.low)) == ADVICE


def test_bad_input_is_one_line_exit_2():
    cases = {
        ("--capital", "-5"): "--capital: -5 is out of range (allowed: 0 to 1,000,000,000,000)",
        ("--hours-per-week", "200"): "--hours-per-week: 200 is out of range (allowed: 0 to 168 hours/week)",
        ("--capital", "nan"): "--capital: nan is not a finite number",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["methods", *args])
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr == f"passivecalc: error: {message}\n"
    unknown = runner.invoke(app, ["methods", "--risk", "extreme"])
    assert unknown.exit_code == 2 and unknown.stdout == "" and "'extreme'" in unknown.stderr
