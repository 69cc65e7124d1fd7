"""Bad input on the command line: one line on stderr, `passivecalc: error: ...`, naming the option, exit 2, nothing on stdout.

Each expected message is written out here by hand from what the user typed
and what the option allows (the option's declared bounds and choices), not
read back from the code that prints it.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from passivecalc.cli import app


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def one_line_error(result) -> str:
    """The one error line, after checking the promise: exit 2, nothing on stdout, one line, no library wording."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("passivecalc: error: ")
    for library in (
        "Input should be",
        "Value error",
        "Traceback",
        "Usage:",
        "╭",
        "Possible options",
        "Invalid value for",
    ):
        assert library not in line
    return line.removeprefix("passivecalc: error: ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # An option of another method: its nearest counterpart in this command, by meaning.
        (["p2p", "--yield", "9"], "--yield: no such option for p2p; did you mean --rate?"),
        # A typo: the nearest by spelling, and only that.
        (["dividend", "--yeild", "4"], "--yeild: no such option for dividend; did you mean --yield?"),
        (["goal", "dividend", "--targt", "2000"], "--targt: no such option for goal dividend; did you mean --target?"),
        # A value after a switch, either way it is written.
        (["dividend", "--drip=yes"], "--drip is a switch: write --drip or --no-drip"),
        (["dividend", "--drip", "yes"], "--drip is a switch: write --drip or --no-drip"),
        # A bad choice lists the choices.
        (
            ["dividend", "--frequency", "weekly"],
            "--frequency: 'weekly' is not one of monthly, quarterly, semiannual, annual",
        ),
        (["dividend", "--format", "pdf"], "--format: 'pdf' is not one of table, csv, json, html, xlsx"),
        (["dividend", "--period", "week"], "--period: 'week' is not one of year, month"),
        # A command in capitals, or misspelt.
        (["DIVIDEND"], "'DIVIDEND' is not a command; did you mean dividend?"),
        (["dividends"], "'dividends' is not a command; did you mean dividend?"),
        # Text where a number goes: the value and what is allowed.
        (
            ["goal", "dividend", "--target", "2000/month"],
            "--target: '2000/month' is not a number (allowed: 0 or more: money a month, e.g. --target 2000)",
        ),
        (
            ["dividend", "--simulate", "abc"],
            "--simulate: 'abc' is not a whole number (allowed: 1 to 1,000,000 paths, e.g. --simulate 10000)",
        ),
        (["dividend", "--seed", "x"], "--seed: 'x' is not a whole number (allowed: 0 to 9223372036854775807)"),
        (
            ["dividend", "--capital", "10,000"],
            "--capital: '10,000' is not a number; write 10000, without thousands separators",
        ),
        # A range without its step names --vary.
        (
            ["dividend", "--vary", "yield=3:6"],
            "--vary: 'yield=3:6': a range needs a step, START:END:STEP, e.g. yield=3:6:1 (or list the values: yield=3,6)",
        ),
        # A missing value or a missing required option.
        (["dividend", "--yield"], "--yield: needs a value after it"),
        (["goal", "dividend"], "--target: missing; give --target MONEY"),
    ],
)
def test_each_kind_of_bad_input_is_one_line_naming_the_option(args, expected):
    assert one_line_error(run(*args)) == expected


def test_a_huge_seed_is_printed_whole():
    seed = "99999999999999999999999"
    line = one_line_error(run("dividend", "--seed", seed))
    assert seed in line and "e+" not in line
    line = one_line_error(run("dividend", "--simulate", "10", "--seed", seed))
    assert line == f"--seed: {seed} is out of range (allowed: 0 to {2**63 - 1})"


@pytest.mark.parametrize("typed", ["4%", "4 %", "4"])
def test_a_percent_option_takes_a_trailing_percent_sign(typed):
    result = run("dividend", "--yield", typed, "--years", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"yield": 4' in result.stdout


def test_a_percent_sign_is_not_taken_by_options_that_are_not_percent():
    assert (
        one_line_error(run("dividend", "--capital", "50%"))
        == "--capital: '50%' is not a number (allowed: 0 to 1,000,000,000,000)"
    )


def test_the_unknown_option_of_a_typed_scenario_is_named_as_on_the_command_line():
    line = one_line_error(run("compare", "p2p --yield 9", "dividend"))
    assert line == 'scenario "p2p --yield 9": --yield: no such option for p2p; did you mean --rate?'


# -- help ----------------------------------------------------------------------------------------


COMMANDS = [
    ["--help"],
    *[
        [name, "--help"]
        for name in (
            "dividend",
            "p2p",
            "staking",
            "crypto-lending",
            "liquidity",
            "blog",
            "ebook",
            "course",
            "dropship",
            "domains",
            "rank-rent",
        )
    ],
    ["methods", "--help"],
    ["example", "--help"],
    ["run", "--help"],
    ["compare", "--help"],
    ["portfolio", "--help"],
    ["goal", "--help"],
    ["goal", "dividend", "--help"],
    ["goal", "blog", "--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_help_at_80_columns_cuts_no_option_and_speaks_the_users_words(args):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"})
    assert result.exit_code == 0
    text = result.stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "…" not in text  # an option name cut to fit
    for library in (
        "<bool>",
        "<list[str]>",
        "<float>",
        "<int>",
        "<str>",
        "<file>",
        "{scenarios}",
        "{file}",
        "FLOAT",
        "INTEGER",
    ):
        assert library not in text, library
    # Every option named in full: each of the command's long options appears whole.
    from typer.main import get_command

    command = get_command(app)
    for word in args[:-1]:
        command = command.get_command(None, word)  # type: ignore[union-attr]
    for param in command.params:
        for name in param.opts:
            if name.startswith("--"):
                assert re.search(rf"{re.escape(name)}(?![\w-])", text), name


@pytest.mark.parametrize(
    "method",
    [
        "dividend",
        "p2p",
        "staking",
        "crypto-lending",
        "liquidity",
        "blog",
        "ebook",
        "course",
        "dropship",
        "domains",
        "rank-rent",
    ],
)
def test_each_method_help_ends_with_examples_that_run(method):
    from passivecalc.cli.methods import examples

    text = CliRunner().invoke(app, [method, "--help"], env={"COLUMNS": "200"}).stdout
    lines = examples(method)
    assert len(lines) == 3
    for line in lines:
        assert line in text
        args = line.split()[1:]
        if "--simulate" in args:
            args[args.index("--simulate") + 1] = "50"  # the same command line, fewer paths (test time)
        result = run(*args, "--years", "2", "--format", "csv")
        assert result.exit_code == 0, (line, result.stderr)


def test_goal_help_shows_how_to_use_target_and_solve():
    text = " ".join(CliRunner().invoke(app, ["goal", "--help"], env={"COLUMNS": "80"}).stdout.split())
    assert "--target" in text and "--solve years" in text and "passivecalc goal dividend --target 2000" in text
    text = " ".join(CliRunner().invoke(app, ["goal", "dividend", "--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "passivecalc goal dividend --target 500 --solve years" in text


def test_portfolio_help_shows_the_streams_table_literally():
    text = CliRunner().invoke(app, ["portfolio", "--help"], env={"COLUMNS": "200"}).stdout
    assert "with [streams.NAME] tables" in text


def test_shell_completion_is_offered():
    text = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    assert "--install-completion" in text and "--show-completion" in text
    shown = CliRunner().invoke(app, ["--show-completion", "bash"])
    assert shown.exit_code == 0 and "_PASSIVECALC_COMPLETE" in shown.stdout
