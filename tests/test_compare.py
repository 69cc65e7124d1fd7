"""compare: side by side from files and from the command line; best per row; CSV long and wide; JSON; the chart."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.render.compare import best_of, chart

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def table_columns(text: str) -> list[list[str]]:
    """The cells of a rich table's body rows, split on the vertical bars."""
    rows = [line for line in text.splitlines() if line.startswith("│")]
    return [[cell.strip() for cell in row.strip("│").split("│")] for row in rows]


def test_two_identical_scenarios_give_identical_columns():
    result = invoke("compare", "a: dividend --yield 4 --drip", "b: dividend --yield 4 --drip", "--chart", "none")
    assert result.exit_code == 0, result.output
    rows = table_columns(result.stdout)
    assert rows
    for row in rows:
        assert row[1] == row[2], row
    assert "*" not in result.stdout.split("* best in its row")[0]  # nothing is best when all are equal
    data = json.loads(
        invoke("compare", "a: dividend --yield 4 --drip", "b: dividend --yield 4 --drip", "-f", "json").stdout
    )
    a, b = data["scenarios"]
    assert (a["name"], b["name"]) == ("a", "b")
    assert a["summary"] == b["summary"] and a["rows"] == b["rows"] and a["params"] == b["params"]


def test_typed_scenarios_equal_the_method_commands():
    data = json.loads(invoke("compare", "dividend --yield 5 --years 4", "p2p --rate 9 --years 4", "-f", "json").stdout)
    dividend = json.loads(invoke("dividend", "--yield", "5", "--years", "4", "-f", "json").stdout)
    p2p = json.loads(invoke("p2p", "--rate", "9", "--years", "4", "-f", "json").stdout)
    assert [s["name"] for s in data["scenarios"]] == ["dividend --yield 5 --years 4", "p2p --rate 9 --years 4"]
    for got, expected in zip(data["scenarios"], (dividend, p2p), strict=True):
        assert got["method"] == expected["method"]
        assert got["summary"] == expected["summary"]
        assert got["rows"] == expected["rows"]


def test_files_and_typed_scenarios_mix(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('version = 1\n[scenarios.safe]\nmethod = "dividend"\nyield = 3\n', encoding="utf-8")
    data = json.loads(invoke("compare", str(path), "bold: dividend --yield 6", "-f", "json").stdout)
    assert [s["name"] for s in data["scenarios"]] == ["safe", "bold"]
    assert data["scenarios"][1]["summary"]["total_income"] > data["scenarios"][0]["summary"]["total_income"]


def test_best_per_row_is_marked():
    result = invoke("compare", "low: dividend --yield 3", "high: dividend --yield 6", "--chart", "none")
    rows = {row[0]: row[1:] for row in table_columns(result.stdout)}
    assert rows["Paid out to you"] == ["$3,000", "$6,000 *"]  # 10 years x 10,000 x 3 % / 6 %
    assert rows["Money put in"] == ["$10,000", "$10,000"]  # no better or worse: a choice
    assert rows["Your hours"] == ["62 h", "62 h"]


def test_best_of():
    assert best_of([1.0, 3.0, 2.0], 1) == {1}
    assert best_of([1.0, 3.0, 2.0], -1) == {0}
    assert best_of([3.0, 3.0, 2.0], 1) == {0, 1}  # ties are all marked
    assert best_of([2.0, 2.0], 1) == set()  # all equal: none
    assert best_of([None, 5.0, 2.0], -1) == {2}  # 'never' is not best
    assert best_of([1.0, 2.0], 0) == set()


def test_income_per_year_side_by_side():
    result = invoke("compare", "a: dividend --yield 4 --years 3", "b: dividend --yield 8 --years 3", "--chart", "none")
    text = result.stdout.split("Net income per year")[1]
    body = table_columns(text)
    assert body == [["1", "$400", "$800"], ["2", "$400", "$800"], ["3", "$400", "$800"]]


def test_csv_is_tidy_long_and_wide():
    args = ["compare", "a: dividend --yield 4 --years 3", "b: p2p --years 3", "-f", "csv"]
    rows = list(csv.DictReader(io.StringIO(invoke(*args).stdout)))
    assert [(r["scenario"], r["year"]) for r in rows] == [(s, str(y)) for s in "ab" for y in (1, 2, 3)]
    dividend = json.loads(invoke("dividend", "--yield", "4", "--years", "3", "-f", "json").stdout)
    for row, expected in zip(rows[:3], dividend["rows"][:3], strict=True):
        # parses back to the same numbers, to the 12 significant digits a CSV keeps
        assert float(row["net_income"]) == pytest.approx(expected["net_income"], rel=5e-12, abs=0)
        assert float(row["shares"]) == pytest.approx(expected["shares"], rel=5e-12, abs=0)
    assert rows[3]["shares"] == ""  # a method's own column is empty for the others
    wide = list(csv.reader(io.StringIO(invoke(*args, "--wide").stdout)))
    assert wide[0][0] == "year" and "a:net_income" in wide[0] and "b:net_income" in wide[0]
    assert len(wide) == 4
    assert float(wide[1][wide[0].index("a:net_income")]) == pytest.approx(
        dividend["rows"][0]["net_income"], rel=5e-12, abs=0
    )


def test_chart_draws_one_marker_per_scenario_exactly():
    # 'up' rises 0 -> 10 -> 20 over three years, 'flat' stays at 10: nine columns, five rows of $5 each.
    # Column c is year 1 + c/4; row = 4 - round(value / 5); where the lines meet (columns 3-5 of the $10 row) the
    # cell says so (×) rather than showing one line over the other.
    text = chart(
        {"up": [0.0, 10.0, 20.0], "flat": [10.0, 10.0, 10.0]}, "Value", "USD", color=False, width=9, height=5
    ).plain
    assert text == (
        "Value\n"
        "$20 ┤       ●●\n"
        "    ┤      ●  \n"
        "$10 ┤▲▲▲×××▲▲▲\n"
        "    ┤  ●      \n"
        " $0 ┤●●       \n"
        "    └─────────\n"
        "     year 1 year 3\n"
        "  ● up  ▲ flat  × lines meet\n"
    )


def test_chart_in_compare_has_a_legend_and_no_colour_codes():
    result = invoke("compare", "a: dividend --yield 4", "b: dividend --yield 6", "--chart", "income")
    assert "Net income per year\n$600 ┤" in result.stdout
    assert "  ● a  ▲ b" in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["dividend --yeild 4"],
            'scenario "dividend --yeild 4": --yeild: no such option for dividend; did you mean --yield?',
        ),
        (
            ["dividend --yield 400"],
            'scenario "dividend --yield 400": --yield: 400 is out of range (allowed: 0 to 100 %)',
        ),
        (
            ["dividnd --yield 4"],
            'scenario "dividnd --yield 4": \'dividnd\' is not a method or a .toml file (did you mean "dividend"?)',
        ),
        (["missing.toml"], "missing.toml: no such file"),
        (
            ["dividend -f csv"],
            'scenario "dividend -f csv": --format does not apply to one scenario of a comparison; give it to compare itself or leave it out',
        ),
        (
            ["dividend", "--metric", "irr_pct"],
            "metric: picks what a grid shows; give two --vary (or a file whose vary has two keys)",
        ),
    ],
)
def test_compare_errors(args, message):
    result = invoke("compare", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_compare_writes_a_file_whole(tmp_path):
    out = tmp_path / "c.json"
    result = invoke("compare", "a: dividend", "b: dividend --drip", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(json.loads(out.read_text())["scenarios"]) == 2


def test_repeated_names_are_told_apart():
    data = json.loads(invoke("compare", "dividend", "dividend", "-f", "json").stdout)
    assert [s["name"] for s in data["scenarios"]] == ["dividend", "dividend (2)"]


def test_scenarios_of_different_lengths():
    args = ["compare", "short: dividend --years 2", "long: dividend --years 3"]
    wide = list(csv.reader(io.StringIO(invoke(*args, "-f", "csv", "--wide").stdout)))
    assert [row[0] for row in wide] == ["year", "1", "2", "3"]
    assert wide[3][wide[0].index("short:net_income")] == ""
    assert wide[3][wide[0].index("long:net_income")] == "400.0"  # 10,000 x 4 %
    table = invoke(*args, "--chart", "income")
    assert table.exit_code == 0, table.output
    income = table.stdout.split("Net income per year")[1]
    assert ["3", "", "$400"] in table_columns(income)


def test_wide_csv_when_only_some_scenarios_have_dates():
    # The label columns come from any scenario (b has a date); a has none, so its rows leave the date empty.
    result = invoke("compare", "a: dividend", "b: dividend --start 2025-01", "-f", "csv", "--wide")
    assert result.exit_code == 0, result.output
    wide = list(csv.reader(io.StringIO(result.stdout)))
    assert wide[0][:2] == ["year", "date"]
    assert [row[0] for row in wide[1:]] == [str(y) for y in range(1, len(wide))]
    assert "a:net_income" in wide[0] and "b:net_income" in wide[0]
