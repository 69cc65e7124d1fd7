"""The first screen: every command's default table fits 80 columns, cuts no number, and leads with the answer.

Each command runs in an 80-column terminal with colour off, as a person sees
it: in this process (conftest's `in_terminal`, which gives the screen a
pseudo-terminal gives; a test below runs the same commands in a real
pseudo-terminal, tests/transcripts.py's `run`, and compares). A table wider
than that drops columns from the right with a note instead of wrapping a row
or cutting a number. Off a terminal (a real pipe) a table takes its natural
width; TERM=dumb gives plain text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import in_terminal, invoke
from passivecalc.methods import REGISTRY, get
from passivecalc.params import build
from passivecalc.render import Format, RenderOptions, render
from passivecalc.render.columns import OWN_COLUMNS
from passivecalc.render.numbers import money
from passivecalc.result import ProjectionResult, Scenario

sys.path.insert(0, str(Path(__file__).parent))
from transcripts import ROOT, run  # noqa: E402

WIDTH = 80
# A number cut short by rich ("$10,…") or a number split over two lines shows as a figure touching an ellipsis.
CUT = re.compile(r"\d…|…\d|[$€£¥]…")

COMMANDS = [
    *(name for name in REGISTRY),
    "dividend --yield 4 --drip",
    "dividend --period month",
    "dividend --vary yield=2:6:1",
    "dividend --vary yield=2,4,6 --vary price_growth=0,3,6",
    "dividend --simulate 300 --seed 1 --target 50",
    "compare examples/dividend-vs-p2p.toml",
    "compare examples/dividend-vs-p2p.toml --simulate 200 --seed 2 --target 300",
    "portfolio examples/blog-then-dividends.toml",
    "goal dividend --target 500 --yield 4",
    "methods",
    "methods --capital 1000 --hours-per-week 3",
    "methods dividend",
    "dividend --chart",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_default_output_fits_80_columns_and_cuts_no_number(command):
    shown = in_terminal(f"passivecalc {command}")
    assert "Traceback" not in shown and "error" not in shown.lower(), shown
    for line in shown.splitlines():
        assert len(line) <= WIDTH, f"{len(line)} columns: {line!r}"
        assert not CUT.search(line), f"a number cut: {line!r}"


@pytest.mark.parametrize("method", list(REGISTRY))
def test_each_method_leads_with_the_answer_and_shows_its_default_columns(method):
    shown = in_terminal(f"passivecalc {method}").splitlines()
    assert shown[0].startswith("After 10 years: ")  # the answer before the table
    assert "Left out to fit" not in "\n".join(shown)  # the default set fits 80 columns
    assert all(name in OWN_COLUMNS for name in REGISTRY)  # the one table names every method


def scenario(method: str = "dividend", **values) -> Scenario:
    chosen = get(method)
    params = build(chosen.params, values)
    return Scenario(method, method, params, chosen.project(params))


def table(chosen: Scenario, **options) -> str:
    text = render(ProjectionResult(chosen), Format.table, RenderOptions(**options))
    assert isinstance(text, str)
    return text


def header_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("┃") and "Year" in line)


def test_columns_picks_by_csv_name_in_the_order_given():
    text = table(scenario(), columns=("value", "net_income", "shares"))
    cells = [cell.strip() for cell in header_line(text).strip("┃").split("┃")]
    assert cells == ["Year", "Value", "Net income", "Shares"]


def test_all_columns_shows_every_column_that_is_not_zero():
    text = table(scenario(drip=True), all_columns=True)
    cells = [cell.strip() for cell in header_line(text).strip("┃").split("┃")]
    # dividend with DRIP: nothing paid out, no costs, taxes or capital returned (zero in every row).
    assert cells == [
        "Year",
        "Contributed",
        "Income",
        "Net income",
        "Reinvested",
        "Value",
        "Hours",
        "Shares",
        "Dividend per share",
        "Yield on cost",
    ]


def test_an_unknown_column_names_the_option_the_value_and_the_choices():
    result = invoke(["dividend", "--columns", "net_income,profit"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--columns" in result.stderr and "'profit'" in result.stderr and "net_income, reinvested" in result.stderr


def test_a_narrow_terminal_drops_columns_from_the_right_with_a_note():
    text = table(scenario(), width=60)
    assert "Left out to fit 60 columns: Shares, Yield on cost" in text.replace("\n", " ")
    for line in text.splitlines():
        assert len(line) <= 60 and not CUT.search(line)
    assert "$10,000" in text  # whole numbers, never "$10,…"


def test_off_a_terminal_a_table_takes_its_natural_width_and_its_title_is_not_padded():
    text = table(scenario(), all_columns=True)  # width None: a pipe or a file
    lines = text.splitlines()
    title = next(line for line in lines if line.startswith("dividend: "))
    assert title == "dividend: 10 years, USD, by year"
    border = next(line for line in lines if line.startswith("┏"))
    assert 80 < len(border) < 200  # the table's own width: neither wrapped to 80 nor padded to a default
    assert all(line == line.rstrip() for line in lines)


def test_a_pipe_gets_the_natural_width_and_term_dumb_gets_plain_text():
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    piped = subprocess.run(
        [sys.executable, "-m", "passivecalc", "dividend", "--all-columns"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert piped.returncode == 0
    assert "\x1b[" not in piped.stdout and not CUT.search(piped.stdout)
    assert max(len(line) for line in piped.stdout.splitlines()) > 80  # not a terminal: not fitted to COLUMNS
    # On a terminal, TERM=dumb alone (NO_COLOR unset) turns colour off: no escape code is written.
    dumb = in_terminal("passivecalc dividend", TERM="dumb", NO_COLOR=None, raw=True)
    assert "\x1b[" not in dumb and not CUT.search(dumb)
    assert "\x1b[" in in_terminal("passivecalc dividend", NO_COLOR=None, raw=True)  # and there is colour without it


def test_the_answer_sentence_from_the_summary():
    # 10,000 at 4 % paid quarterly with DRIP: the table's year 10 net income is $580.95 -> $48 a month, $581 a year;
    # the value at the end $14,888.64; 8 h the first year and 6 h each later year = 62 h (the dividend model's hours).
    text = table(scenario(drip=True, **{"yield": 4}))
    assert text.splitlines()[0] == (
        "After 10 years: $48 a month ($581 a year) from $10,000 put in, all reinvested; the holding is worth $14,889. "
        "62 hours of your time."
    )


def test_an_effort_method_leads_with_the_hours():
    text = table(scenario("blog"))
    assert re.match(r"After 10 years: [\d,]+ hours of your time and \$200 put in bring ", text)


def test_summary_is_grouped_and_leaves_out_zero_lines():
    text = table(scenario(drip=True))
    assert "  Money in and out\n" in text and "  The result\n" in text and "  Your time\n" in text
    assert "Total costs" not in text and "Capital returned" not in text and "Paid out to you" not in text


def test_the_key_figure_is_bold_on_a_terminal():
    text = table(scenario(), color=True, width=80)
    assert re.search(r"\x1b\[1m\s*Monthly net income, last year", text)


def test_counts_are_whole_where_whole_and_one_decimals_per_column():
    text = table(scenario("course"), columns=("students", "net_income"))
    body = [line for line in text.splitlines() if line.startswith("│")]
    students = [line.strip("│").split("│")[1].strip() for line in body]
    assert all(re.fullmatch(r"[\d,]+", cell) for cell in students)  # students are whole people
    incomes = [line.strip("│").split("│")[2].strip() for line in body]
    decimals = {len(cell.split(".")[1]) if "." in cell else 0 for cell in incomes}
    assert len(decimals) == 1


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (1234.5, "USD", "$1,234.50"),
        (1234.5, "JPY", "¥1,234"),  # 1234.5 rounds half to even; no minor unit for the yen (ISO 4217: 0 decimals)
        (1234.5, "KWD", "KWD 1,234.500"),  # the Kuwaiti dinar has 1,000 fils (ISO 4217: 3 decimals)
        (1234.5, "SAR", "SAR 1,234.50"),
    ],
)
def test_money_in_the_currencys_minor_units(value, currency, shown):
    assert money(value, currency, 2) == shown


def test_chart_on_a_projection_draws_income_and_value_each_on_its_own_axis():
    text = table(scenario(drip=True), plot=True, width=80)
    assert "Net income per year\n$581 ┤" in text
    assert "Value at the end of each year\n$14,889 ┤" in text
    assert "lines meet" not in text  # one line each: nothing hides anything


def test_methods_guide_is_compact_and_names_every_command_whole():
    shown = in_terminal("passivecalc methods")
    assert len(shown.splitlines()) < 40  # 90 lines before
    for name in REGISTRY:
        assert re.search(rf"^ +{re.escape(name)}( |$)", shown, re.M), name
    one = in_terminal("passivecalc methods p2p")
    assert one.startswith("Peer-to-peer lending\n") and "Main risks" in one


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        # The answer, a table fitted to the terminal (more columns than fit: those on the right left out, with a
        # note), the summary and the risk line.
        "dividend --all-columns",
        "compare examples/dividend-vs-p2p.toml --simulate 200 --seed 2 --target 300",  # a scenario file, simulated
        "methods",  # the guide, whose width comes from the terminal
    ],
)
def test_in_process_runs_show_what_a_pseudo_terminal_shows(command):
    # The tests above run commands in this process; a real pseudo-terminal (a process, its own stdout and stderr
    # on a tty 80 columns wide) must show the same screen, or those tests check something a person never sees.
    assert in_terminal(f"passivecalc {command}") == run(f"passivecalc {command}")
