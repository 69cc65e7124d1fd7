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
    assert "yield = 4  # Starting dividend yield: annual dividend per share / price [%] allowed: 0 to 100 %" in text
    assert 'one of "monthly", "quarterly", "semiannual", "annual"' in text


def test_example_of_unknown_method():
    result = runner.invoke(app, ["example", "dividnd"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("passivecalc: error: 'dividnd' is not a method (did you mean \"dividend\"?)")


def test_run_equals_the_method_command(tmp_path):
    path = write(
        tmp_path,
        'version = 1\nyears = 7\n[scenarios.safe]\nmethod = "dividend"\nyield = 5\ndrip = true\ncontribution = 100\n',
    )
    from_file = json.loads(runner.invoke(app, ["run", str(path), "-f", "json"]).stdout)["scenarios"][0]
    direct = json.loads(
        runner.invoke(
            app, ["dividend", "--yield", "5", "--drip", "--contribution", "100", "--years", "7", "-f", "json"]
        ).stdout
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
    (
        'version = 1\n[scenarios.safe\nmethod = "dividend"\n',
        "plan.toml: line 2, column 16: TOML syntax error: expected ']' at the end of a table declaration",
    ),
    ('[scenarios.safe]\nmethod = "dividend"\n', "plan.toml: version: missing; start the file with version = 1"),
    (
        'version = 2\n[scenarios.safe]\nmethod = "dividend"\n',
        "plan.toml: version: 2 is not supported (this passivecalc reads version 1)",
    ),
    (
        'version = 1\n[scenarios.safe]\nmethod = "dividnd"\n',
        'plan.toml: scenario "safe": method: \'dividnd\' is not a method (did you mean "dividend"?)',
    ),
    (
        "version = 1\n[scenarios.safe]\nyield = 4\n",
        'plan.toml: scenario "safe": method: missing; one of ' + ", ".join(REGISTRY),
    ),
    (
        'version = 1\nyeras = 5\n[scenarios.safe]\nmethod = "dividend"\n',
        'plan.toml: yeras: unknown key at the top (did you mean "years"?)',
    ),
    (
        'version = 1\nyears = 500\n[scenarios.safe]\nmethod = "dividend"\n',
        "plan.toml: years: 500 is out of range (allowed: 1 to 100 years)",
    ),
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
    write(
        tmp_path, 'version = 1\n[scenarios.good]\nmethod = "dividend"\n[scenarios.bad]\nmethod = "dividend"\ntax = -1\n'
    )
    result = run_in(tmp_path, "run", "plan.toml", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not (tmp_path / "out.csv").exists()
    assert (
        result.stderr
        == 'passivecalc: error: plan.toml: scenario "bad": tax: -1 is out of range (allowed: 0 to 100 %)\n'
    )


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
    path = write(
        tmp_path,
        'version = 1\nyears = 3\nhour_value = 10\n[scenarios.b]\nmethod = "blog"\n[scenarios.d]\nmethod = "dividend"\n',
    )
    for spec in scenarios.load(path).specs:
        assert spec.params.hour_value == 10
        summary = scenarios.project(spec).projection.summary()
        assert summary["net_gain_after_time"] == pytest.approx(summary["net_gain"] - 10 * summary["total_hours"])


# -- faults ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        # 10 / 1e-320 is infinite: the count was an OverflowError (a traceback, exit 1).
        ("0:10:1e-320", "--vary: '0:10:1e-320': the step is too small (at least 1e-09)"),
        ("0:10:1e-300", "--vary: '0:10:1e-300': the step is too small (at least 1e-09)"),
        # 1e300 / 1e-5 = 1e305 values: over the limit before any integer is made of it.
        ("0:1e300:1e-5", "--vary: '0:1e300:1e-5' gives more than 1,000 values (at most 1,000)"),
        ("0:10:0.001", "--vary: '0:10:0.001' gives 10,001 values (at most 1,000)"),
    ],
)
def test_sweeps_refuse_steps_that_make_too_many_values(values, message):
    result = runner.invoke(app, ["dividend", "--vary", f"yield={values}"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_a_file_nested_500_deep_is_refused_with_its_name(tmp_path):
    # tomllib recurses once per level: 500 levels of lists was a RecursionError traceback.
    write(tmp_path, "version = 1\nx = " + "[" * 500 + "]" * 500 + "\n")
    result = run_in(tmp_path, "run", "plan.toml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "passivecalc: error: plan.toml: tables or lists nested too deeply to read (a scenario file needs two or three levels)\n"
    )


def test_a_file_over_a_mebibyte_is_refused_before_it_is_read(tmp_path):
    # 1 MiB = 1,048,576 bytes; a comment makes the file 1 byte too many.
    head = 'version = 1\n[scenarios.a]\nmethod = "dividend"\n'
    write(tmp_path, head + "#" * (scenarios.MAX_FILE_BYTES - len(head)) + "\n")
    result = run_in(tmp_path, "run", "plan.toml")
    assert result.exit_code == 2
    assert result.stderr == (
        "passivecalc: error: plan.toml: 1,048,577 bytes is too large for a scenario file (at most 1,048,576 bytes, 1 MiB)\n"
    )
    write(tmp_path, head + "#" * (scenarios.MAX_FILE_BYTES - len(head) - 1) + "\n")
    assert run_in(tmp_path, "run", "plan.toml", "-f", "csv").exit_code == 0


def test_a_long_value_is_cut_in_the_message(tmp_path):
    write(tmp_path, "version = 1\nyears = " + "[" * 100 + "]" * 100 + '\n[scenarios.a]\nmethod = "dividend"\n')
    result = run_in(tmp_path, "run", "plan.toml")
    assert result.exit_code == 2
    assert result.stderr == "passivecalc: error: plan.toml: years: " + "[" * 57 + "... is not a whole number\n"


def test_scenario_names_stay_literal(tmp_path):
    # Names are data: rich markup in them is neither interpreted nor escaped by the core (renderers print them as text).
    path = write(
        tmp_path,
        'version = 1\n[scenarios."[red]a"]\nmethod = "dividend"\nvary = { yield = [3, 4] }\n[scenarios."[/x]"]\nmethod = "p2p"\n',
    )
    names = [spec.name for spec in scenarios.load(path).specs]
    assert names == ["[red]a yield=3", "[red]a yield=4", "[/x]"]
    assert [s.name for s in scenarios.project_all(scenarios.load(path).specs)] == names
    csv_text = run_in(tmp_path, "run", "plan.toml", "-f", "csv").stdout
    assert csv_text.count("[red]a yield=3,") == 10 and csv_text.count("[/x],") == 10


def test_scenarios_over_the_work_budget_are_refused():
    # 1,000 scenarios x 100,000 paths x 120 months x 100 ns = 1,200 s: refused, saying what to cut.
    spec = scenarios.expand("d", REGISTRY["dividend"], {}, None)[0]
    with pytest.raises(scenarios.InputError, match="fewer scenarios or --vary values or fewer paths"):
        scenarios.check_work([spec] * 1000, paths=100_000)
    scenarios.check_work([spec] * 1000, paths=100_000, max_work=20)
    scenarios.check_work([spec] * 1000)  # plain projections: a second or so
