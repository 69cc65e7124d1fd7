"""The command line: formats, periods, -o, --version, --help, colour, and bad input (exit 2, one line, nothing on stdout)."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest
from typer.testing import CliRunner

from passivecalc import __version__
from passivecalc.cli import app
from passivecalc.cli import output as cli_output
from passivecalc.errors import OutputError
from passivecalc.methods import REGISTRY

BASE = ["dividend", "--years", "3"]


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), **kwargs)


def flat(text: str) -> str:
    """Text without rich's box drawing and line wrapping, for messages inside typer's boxes."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("period", ["year", "month"])
def test_table(period):
    result = run(*BASE, "--period", period)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("After 3 years: $33 a month ($400 a year) from $10,000 put in")  # the answer first
    assert lines[2].startswith(f"dividend: 3 years, USD, by {period}")
    assert "Money put in" in result.stdout and "$10,000.00" in result.stdout
    assert "Figures are before tax (no tax rate given)." in result.stdout
    assert result.stdout.rstrip().endswith("chance of losing money: 37 %")  # the risk line comes last
    body = [line for line in lines if line.startswith("│")]
    assert len(body) == (3 if period == "year" else 36)
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


@pytest.mark.parametrize(("period", "rows"), [("year", 3), ("month", 36)])
def test_csv(period, rows):
    result = run(*BASE, "--format", "csv", "--period", period)
    assert result.exit_code == 0 and result.stderr == ""
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == rows
    first = list(table[0])
    assert first[:2] == (["year", "month"] if period == "month" else ["year", "contributed"])
    assert float(table[0]["contributed"]) == 10_000
    assert "$" not in result.stdout and "\x1b[" not in result.stdout


@pytest.mark.parametrize(("period", "rows"), [("year", 3), ("month", 36)])
def test_json(period, rows):
    result = run(*BASE, "--format", "json", "--period", period, "--yield", "5")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["method"] == "dividend"
    assert data["params"]["yield"] == 5 and data["params"]["years"] == 3
    assert len(data["rows"]) == rows
    assert data["summary"]["total_contributed"] == 10_000


def test_short_format_option():
    assert run(*BASE, "-f", "csv").stdout.startswith("year,contributed,")


@pytest.mark.parametrize(
    ("name", "starts", "given"),
    [("out.csv", "year,", []), ("out.json", "{", []), ("out.txt", "After 3 years", ["--format", "table"])],
)
def test_output_file_takes_its_format_from_the_extension(tmp_path, name, starts, given):
    target = tmp_path / name
    result = run(*BASE, "-o", str(target), *given)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith(starts)
    assert os.listdir(tmp_path) == [name]  # written through a temp file, none left behind


def test_output_file_holds_what_stdout_would(tmp_path):
    target = tmp_path / "out.csv"
    run(*BASE, "--output", str(target))
    assert target.read_text(encoding="utf-8") == run(*BASE, "--format", "csv").stdout


def test_format_option_names_the_format_of_a_file_whose_extension_names_none(tmp_path):
    target = tmp_path / "out.data"
    assert run(*BASE, "-o", str(target), "--format", "json").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["method"] == "dividend"


def test_a_failing_run_leaves_no_file(tmp_path):
    target = tmp_path / "out.csv"
    result = run(*BASE, "--yield", "500", "-o", str(target))
    assert result.exit_code == 2
    assert os.listdir(tmp_path) == []


def test_an_interrupted_write_leaves_neither_file_nor_temp_file(tmp_path, monkeypatch):
    def fail(*_):
        raise OSError("disk full")

    monkeypatch.setattr(cli_output.os, "replace", fail)
    with pytest.raises(OutputError):
        cli_output.emit("year,value\n1,2\n", tmp_path / "out.csv")
    assert os.listdir(tmp_path) == []


def test_an_existing_file_is_replaced_whole(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    assert run(*BASE, "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["method"] == "dividend"


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"passivecalc {__version__}\n"


def test_help_lists_every_method_with_its_description():
    result = run("--help")
    assert result.exit_code == 0
    text = flat(result.stdout)
    for method in REGISTRY.values():
        assert f"{method.name} {method.description}" in text, method.name


def test_no_arguments_shows_help():
    result = run()
    assert "Usage: passivecalc" in result.stdout + result.stderr


def test_method_help_shows_every_option_with_units():
    text = flat(run("dividend", "--help").stdout)
    for option in ("--capital", "--yield", "--drip", "--no-drip", "--frequency", "--format", "--period", "--output"):
        assert option in text
    assert "CHOICE How often dividends are paid: monthly, quarterly, semiannual, annual" in text


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.setattr(cli_output.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli_output.color_on()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_output.color_on()
    monkeypatch.setattr(cli_output.sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not cli_output.color_on()


def test_no_color_output_has_no_escape_codes():
    result = run(*BASE, env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


def test_inflation_adds_todays_money():
    data = json.loads(run(*BASE, "--inflation", "3", "--format", "json").stdout)
    assert "real_value" in data["rows"][0]
    assert data["summary"]["real_ending_value"] == pytest.approx(10_000 / 1.03**3)
    assert "today's money" in run(*BASE, "--inflation", "3").stdout


def test_start_labels_rows_with_dates():
    rows = json.loads(run(*BASE, "--start", "2027-01", "--format", "json").stdout)["rows"]
    assert [row["date"] for row in rows] == ["2027-12", "2028-12", "2029-12"]


# -- bad input: exit 2, one line on stderr naming option, value and what is allowed, nothing on stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--capital", "-1"], "--capital: -1 is out of range (allowed: 0 to 1,000,000,000,000)"),
        (["--yield", "500"], "--yield: 500 is out of range (allowed: 0 to 100 %)"),
        (["--years", "0"], "--years: 0 is out of range (allowed: 1 to 100 years)"),
        (["--years", "1000"], "--years: 1000 is out of range (allowed: 1 to 100 years)"),
        (["--yield", "nan"], "--yield: nan is not a finite number"),
        (["--capital", "inf"], "--capital: inf is not a finite number"),
        (["--capital", "-inf"], "--capital: -inf is not a finite number"),
        (
            ["-o", "/no/such/folder/out.csv"],
            "--output: folder '/no/such/folder' does not exist (the file's folder must exist)",
        ),
        (["--reinvest", "50"], "--reinvest: 50 is set but DRIP is off; add --drip to reinvest dividends"),
        (["--currency", "dollars"], "--currency: 'dollars' is not a three-letter currency code such as USD or EUR"),
        (["--start", "2026-13"], "--start: '2026-13' is not a month in the form YYYY-MM"),
    ],
)
def test_bad_input_one_line(args, message):
    result = run("dividend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_output_into_a_folder_is_refused(tmp_path):
    result = run(*BASE, "-o", str(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"passivecalc: error: --output: file '{tmp_path}' is a directory.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--capital", "abc"], "--capital: 'abc' is not a number (allowed: 0 to 1,000,000,000,000)"),
        (["--years", "ten"], "--years: 'ten' is not a whole number (allowed: 1 to 100 years)"),
        (["--years", "2.5"], "--years: '2.5' is not a whole number (allowed: 1 to 100 years)"),
        (["--frequency", "weekly"], "--frequency: 'weekly' is not one of monthly, quarterly, semiannual, annual"),
        (["--colour", "red"], "--colour: no such option for dividend; did you mean --format?"),
        (["--yeild", "4"], "--yeild: no such option for dividend; did you mean --yield?"),
        (["--yield"], "--yield: needs a value after it"),
    ],
)
def test_parse_errors_are_one_line_too(args, message):
    result = run("dividend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_unknown_command():
    result = run("dividends")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "passivecalc: error: 'dividends' is not a command; did you mean dividend?\n"


def test_the_console_script_builds_only_the_command_it_runs():
    from passivecalc.cli import app_for

    single = app_for(["dividend", "--years", "3"])
    assert [c.name for c in single.registered_commands] == ["dividend"]
    assert len(app.registered_commands) > 1  # the app itself stays whole
    args = [*BASE, "--format", "csv"]
    assert CliRunner().invoke(single, args).stdout == run(*args).stdout
    for whole in ([], ["--help"], ["--version"], ["dividends"]):
        assert app_for(whole) is app


# A CSV run of a method, as the start-up benchmark times it (benchmarks/bench_startup.py): the modules it must
# not load, each a measured part of the start-up (docs/development.md, Benchmarks).
CSV_RUN_LOADS = """
import sys
sys.argv = ["passivecalc", "dividend", "--years", "3", "--format", "csv"]
from passivecalc.cli import main
try:
    main()
finally:
    loaded = [m for m in ("rich", "passivecalc.i18n", "passivecalc.render.columns", "importlib.resources", "shlex")
              if m in sys.modules]
    sys.stderr.write(f"loaded: {loaded}\\n")
"""


@pytest.mark.slow
def test_a_csv_run_loads_neither_rich_nor_i18n():
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "PASSIVECALC_LANG"}
    result = subprocess.run([sys.executable, "-c", CSV_RUN_LOADS], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("year,contributed,")
    assert result.stderr == "loaded: []\n"


def test_options_left_at_none_build_no_coercion(capsys):
    # typer builds a pydantic adapter for an option's value only when there is work for one (cli/usage.py): the
    # options this run leaves at None keep the LazyCoercion, where typer would have built an adapter each.
    from typer.main import get_command

    from passivecalc.cli import app_for
    from passivecalc.cli.usage import LazyCoercion

    command = get_command(app_for(BASE)).commands["dividend"]  # type: ignore[attr-defined]
    assert command.main(["--years", "3", "--format", "csv"], prog_name="passivecalc", standalone_mode=False) == 0
    assert capsys.readouterr().out.startswith("year,contributed,")
    left = ["output", "lang", "columns", "simulate", "seed", "target"]
    coercions = {p.name: p._runtime_param for p in command.params if p.name in left}
    assert sorted(coercions) == sorted(left)
    assert all(isinstance(coercion, LazyCoercion) for coercion in coercions.values())


def test_write_puts_bytes_in_the_file_whole_and_says_so_on_one_line(tmp_path, capsys):
    # A binary format (a workbook) returns bytes; write() must write them unchanged, through the same temp file.
    target = tmp_path / ("a-long-folder-name-" * 6) / "plan.bin"
    target.parent.mkdir()
    content = bytes(range(256)) * 4
    cli_output.emit(content, target)
    assert target.read_bytes() == content
    assert [p.name for p in target.parent.iterdir()] == ["plan.bin"]
    # The path is longer than 80 columns: the message stays one line (soft wrap), whatever the terminal width.
    assert capsys.readouterr().err == f"wrote {target}\n"


def test_write_puts_bytes_on_stdout_unchanged(capfdbinary):
    content = b"PK\x03\x04\x00\xff\n"
    cli_output.emit(content, None)
    assert capfdbinary.readouterr().out == content
