"""Scenario files: templates for every method, `run`, and the errors that name file, scenario and key."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from passivecalc import scenarios
from passivecalc.cli import app
from passivecalc.methods import REGISTRY
from passivecalc.params import build

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.toml"))


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_in(tmp_path: Path, *args: str):
    """Invoke with the file named relative to tmp_path, so messages say 'plan.toml'."""
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(here)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_example_template_parses_back_to_the_defaults_and_runs(tmp_path, name):
    result = runner.invoke(app, ["example", name])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# passivecalc scenario file")
    tomllib.loads(text)  # valid TOML
    path = write(tmp_path, text)
    loaded = scenarios.load(path)
    (spec,) = loaded.specs
    assert spec.method.name == name
    # Every parameter written with its default reads back as the method's defaults.
    assert spec.params == build(REGISTRY[name].params, {})
    ran = runner.invoke(app, ["run", str(path), "-f", "json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["scenarios"][0]["method"] == name
    # The sweep the template suggests works once uncommented.
    swept = write(tmp_path, text.replace("# vary = ", "vary = "), "swept.toml")
    assert len(scenarios.load(swept).specs) == 2


def test_example_names_every_parameter_with_its_unit():
    text = runner.invoke(app, ["example", "dividend"]).stdout
    for key in ("capital", "yield", "dividend_growth", "drip", "frequency", "years", "inflation", "currency"):
        assert re.search(rf"^(# )?{key} = ", text, flags=re.M), key
    assert 'yield = 4  # Starting dividend yield: annual dividend per share / price [%] allowed: 0 to 100 %' in text
    assert 'one of "monthly", "quarterly", "semiannual", "annual"' in text


def test_example_of_unknown_method():
    result = runner.invoke(app, ["example", "dividnd"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("passivecalc: error: 'dividnd' is not a method (did you mean \"dividend\"?)")


def test_run_equals_the_method_command(tmp_path):
    path = write(tmp_path, 'version = 1\nyears = 7\n[scenarios.safe]\nmethod = "dividend"\nyield = 5\ndrip = true\ncontribution = 100\n')
    from_file = json.loads(runner.invoke(app, ["run", str(path), "-f", "json"]).stdout)["scenarios"][0]
    direct = json.loads(
        runner.invoke(app, ["dividend", "--yield", "5", "--drip", "--contribution", "100", "--years", "7", "-f", "json"]).stdout
    )
    assert from_file["name"] == "safe"
    assert from_file["summary"] == direct["summary"]
    assert from_file["rows"] == direct["rows"]
    assert from_file["params"] == direct["params"]


def test_shared_settings_apply_and_a_scenario_may_override(tmp_path):
    path = write(
        tmp_path,
        'version = 1\nyears = 3\ncurrency = "EUR"\n[scenarios.a]\nmethod = "dividend"\n[scenarios.b]\nmethod = "dividend"\nyears = 5\n',
    )
    a, b = scenarios.load(path).specs
    assert (a.params.years, a.params.currency) == (3, "EUR")
    assert (b.params.years, b.params.currency) == (5, "EUR")


def test_run_table_shows_each_scenario(tmp_path):
    path = write(tmp_path, 'version = 1\n[scenarios.first]\nmethod = "dividend"\n[scenarios.second]\nmethod = "p2p"\n')
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 0, result.output
    assert "first: 10 years" in result.stdout and "second: 10 years" in result.stdout


BAD_FILES = [
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividend"\nyeild = 4\n',
        'plan.toml: scenario "safe": yeild: unknown key (did you mean "yield"?)',
    ),
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividend"\nyield = 150\n',
        'plan.toml: scenario "safe": yield: 150 is out of range (allowed: 0 to 100 %)',
    ),
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividend"\ndrip = "maybe"\n',
        "plan.toml: scenario \"safe\": drip: 'maybe': Input should be a valid boolean, unable to interpret input",
    ),
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividend"\nreinvest = 50\n',
        'plan.toml: scenario "safe": reinvest: 50 is set but DRIP is off; add --drip to reinvest dividends',
    ),
    ('version = 1\n[scenarios.safe\nmethod = "dividend"\n', "plan.toml: line 2, column 16: TOML syntax error: expected ']' at the end of a table declaration"),
    ('[scenarios.safe]\nmethod = "dividend"\n', "plan.toml: version: missing; start the file with version = 1"),
    ('version = 2\n[scenarios.safe]\nmethod = "dividend"\n', "plan.toml: version: 2 is not supported (this passivecalc reads version 1)"),
    ('version = 1\n[scenarios.safe]\nmethod = "dividnd"\n', 'plan.toml: scenario "safe": method: \'dividnd\' is not a method (did you mean "dividend"?)'),
    ('version = 1\n[scenarios.safe]\nyield = 4\n', 'plan.toml: scenario "safe": method: missing; one of ' + ", ".join(REGISTRY)),
    ('version = 1\nyeras = 5\n[scenarios.safe]\nmethod = "dividend"\n', 'plan.toml: yeras: unknown key at the top (did you mean "years"?)'),
    ("version = 1\nyears = 500\n[scenarios.safe]\nmethod = \"dividend\"\n", "plan.toml: years: 500 is out of range (allowed: 1 to 100 years)"),
    ("version = 1\n", 'plan.toml: no scenarios; add a [scenarios.NAME] table with a method, e.g. method = "dividend"'),
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividend"\nvary = { yeild = [3, 4] }\n',
        'plan.toml: scenario "safe": vary: yeild: unknown key (did you mean "yield"?)',
    ),
    (
        'version = 1\n[streams.safe]\nmethod = "dividend"\n',
        "plan.toml: holds [streams] (a portfolio); run it with: passivecalc portfolio plan.toml",
    ),
]


@pytest.mark.parametrize("text, message", BAD_FILES)
def test_bad_files_give_one_line_naming_file_scenario_and_key(tmp_path, text, message):
    write(tmp_path, text)
    result = run_in(tmp_path, "run", "plan.toml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_missing_file(tmp_path):
    result = run_in(tmp_path, "run", "nope.toml")
    assert result.exit_code == 2
    assert result.stderr == "passivecalc: error: nope.toml: no such file\n"


def test_nothing_half_printed_when_a_later_scenario_is_bad(tmp_path):
    write(tmp_path, 'version = 1\n[scenarios.good]\nmethod = "dividend"\n[scenarios.bad]\nmethod = "dividend"\ntax = -1\n')
    result = run_in(tmp_path, "run", "plan.toml", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not (tmp_path / "out.csv").exists()
    assert result.stderr == 'passivecalc: error: plan.toml: scenario "bad": tax: -1 is out of range (allowed: 0 to 100 %)\n'


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_file_runs(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "an example opens with a comment line saying what it shows"
    command = "portfolio" if scenarios.kind(tomllib.loads(text)) == "streams" else "run"
    for fmt in ("table", "csv", "json"):
        result = runner.invoke(app, [command, str(path), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert result.stdout
    data = json.loads(runner.invoke(app, [command, str(path), "-f", "json"]).stdout)
    assert "nan" not in json.dumps(data).lower()


def test_examples_exist():
    assert len(EXAMPLES) >= 3
    assert np.all([p.suffix == ".toml" for p in EXAMPLES])


def test_hour_value_is_a_shared_setting_of_scenario_files(tmp_path):
    # At the top it prices every scenario's hours; 548 hours of a 3-year blog at 10 an hour cost 5,480.
    path = write(tmp_path, 'version = 1\nyears = 3\nhour_value = 10\n[scenarios.b]\nmethod = "blog"\n[scenarios.d]\nmethod = "dividend"\n')
    for spec in scenarios.load(path).specs:
        assert spec.params.hour_value == 10
        summary = scenarios.project(spec).projection.summary()
        assert summary["net_gain_after_time"] == pytest.approx(summary["net_gain"] - 10 * summary["total_hours"])
