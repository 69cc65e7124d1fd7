"""Renderers: a table at a fixed width with colour off, CSV that parses back to the projection, JSON in the user's keys."""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest

from passivecalc import result as result_module
from passivecalc.methods import get
from passivecalc.params import build
from passivecalc.render import EXTENSIONS, Format, Period, RenderOptions, format_for, render
from passivecalc.render.csv import plain_number, rows_csv
from passivecalc.render.json import dumps
from passivecalc.render.numbers import money, number
from passivecalc.result import ProjectionResult, Scenario


def scenario(**values) -> Scenario:
    method = get("dividend")
    params = build(method.params, values)
    return Scenario("dividend", "dividend", params, method.project(params))


def show(chosen: Scenario, fmt: Format, period: Period, **options) -> str:
    """One projection rendered as a command renders it."""
    text = render(ProjectionResult(chosen), fmt, RenderOptions(period=period, **options))
    assert isinstance(text, str)
    return text


# 100 shares at $100; 100 a month buys one more share at each month's end; $4 a share paid once a
# year, 15 % withheld: year 1 pays 111 shares x $4 = $444, year 2 pays 123 x $4 = $492.
EXPECTED_TABLE = """\
After 2 years: $35 a month ($418 a year) from $12,400 put in; the holding is worth $12,400. 14 hours of your time.

dividend: 2 years, USD, by year
┏━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Year ┃ Contributed ┃ Net income ┃  Payout ┃   Value ┃ Shares ┃ Yield on cost ┃
┡━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━┩
│    1 │     $11,200 │    $377.40 │ $377.40 │ $11,200 │    112 │        4.00 % │
│    2 │      $1,200 │    $418.20 │ $418.20 │ $12,400 │    124 │        4.00 % │
└──────┴─────────────┴────────────┴─────────┴─────────┴────────┴───────────────┘
4 more columns: --all-columns shows them, --columns picks (names as in --format csv).
  Money in and out
    Money put in                   $12,400.00
    Total income                      $936.00
    Total taxes                       $140.40
    Paid out to you                   $795.60
  The result
    Ending value                   $12,400.00
    Net gain                          $795.60
    Monthly net income, last year      $34.85
    Yield on cost, last year           3.37 %
    IRR (annualised)                   3.57 %
    Break-even                        month 1
  Your time
    Your hours                        14.00 h
    Net gain per hour                  $56.83
Figures are after the tax rate given.
The ending value is before any tax on selling what you own.
"""


def test_table_at_a_fixed_width_without_colour():
    # The answer is year 2 of the worked example above: 123 shares x $4 = $492 less 15 % = $418.20 a year, $34.85
    # a month ($35 whole). Columns: dividend's default set (shares and yield on cost beside the standard ones).
    text = show(
        scenario(years=2, contribution=100, frequency="annual", tax=15),
        Format.table,
        Period.year,
        color=False,
        width=120,
    )
    assert "\x1b[" not in text
    assert text.splitlines() == EXPECTED_TABLE.splitlines()  # no trailing padding either


def test_table_with_colour_has_escape_codes():
    assert "\x1b[" in show(scenario(years=1), Format.table, Period.year, color=True, width=120)


def test_table_leaves_out_columns_that_are_always_zero():
    text = show(scenario(years=1), Format.table, Period.year, width=200, all_columns=True)
    header = text.splitlines()[4]
    assert "Costs" not in header and "Returned" not in header and "Income" in header


def test_table_shows_dates_and_todays_money():
    text = show(
        scenario(years=1, start="2027-03", inflation=2), Format.table, Period.month, width=250, all_columns=True
    )
    assert "2027-03" in text and "2028-02" in text
    assert "Real value" in text and "Ending value, today's money" in text


@pytest.mark.parametrize(
    ("value", "currency", "decimals", "shown"),
    [
        (1234567.891, "USD", 0, "$1,234,568"),
        (1234.5, "EUR", 2, "€1,234.50"),
        (-50.0, "GBP", 2, "-£50.00"),
        (-0.001, "USD", 2, "$0.00"),  # no minus sign on what rounds to zero
        (10.0, "CHF", 0, "CHF 10"),
    ],
)
def test_money(value, currency, decimals, shown):
    assert money(value, currency, decimals) == shown


def test_number_formats_each_unit_and_none():
    assert number(None, "money", "USD") == "–"
    assert number(float("nan"), "percent", "USD") == "–"
    assert number(4.256, "percent", "USD") == "4.26 %"
    assert number(7, "month", "USD") == "month 7"
    assert number(1234.4, "hours", "USD") == "1,234 h"
    assert number(0.123456, "tokens", "USD") == "0.1235"


@pytest.mark.parametrize("period", ["year", "month"])
def test_csv_parses_back_to_the_projection(period):
    chosen = scenario(years=3, contribution=75, drip=True, **{"yield": 3.3}, price_growth=7, inflation=2)
    text = show(chosen, Format.csv, Period(period))
    parsed = list(csv.DictReader(io.StringIO(text)))
    rows = chosen.projection.rows(period)
    assert len(parsed) == len(rows)
    assert list(parsed[0]) == list(rows[0])
    for back, row in zip(parsed, rows, strict=True):
        for key, value in row.items():
            # CSV keeps 12 significant digits: within half a unit of the 12th digit of the exact figure.
            assert float(back[key]) == pytest.approx(value, rel=5e-12, abs=0), key
    if period == "month":
        values = np.array([float(r["value"]) for r in parsed])
        assert np.allclose(values, chosen.projection.value[0], rtol=5e-12, atol=0)


def test_csv_is_plain():
    text = show(scenario(years=2, contribution=1234.5), Format.csv, Period.year)
    assert "$" not in text and "\x1b[" not in text
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        [float(cell) for cell in row]  # every cell a plain number: no symbols, no thousands separators
    assert text.splitlines()[0].split(",")[:11] == [
        "year",
        "contributed",
        "income",
        "costs",
        "taxes",
        "net_income",
        "reinvested",
        "payout",
        "returned",
        "value",
        "hours",
    ]


def test_csv_numbers_and_leading_columns():
    assert plain_number(-0.0) == "0.0" and plain_number(0.1) == "0.1" and plain_number(3) == 3


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1001.25 + 1e-13, "1001.25"),  # 1001.2500000000001: the noise of a floating-point sum goes
        (0.1 + 0.2, "0.3"),  # 0.30000000000000004
        (6299.999999999999, "6300.0"),
        (9_999_999_999.99, "9999999999.99"),  # cents exact below ten billion
        (2.157497303128371, "2.15749730313"),  # 12 significant digits
        (10000.0, "10000.0"),
        (-64.33333333333334, "-64.3333333333"),
    ],
)
def test_csv_numbers_have_no_floating_point_noise(value, written):
    # Expected: the decimal figure itself, rounded to 12 significant digits by hand.
    assert plain_number(value) == written


def test_json_keeps_every_float_whole():
    chosen = scenario(years=3, contribution=75, drip=True, **{"yield": 3.3}, price_growth=7)
    data = json.loads(show(chosen, Format.json, Period.month))
    assert [row["value"] for row in data["rows"]] == list(chosen.projection.value[0])
    assert rows_csv([{"year": 1, "value": 2.5}], leading={"scenario": "a"}) == "scenario,year,value\na,1,2.5\n"
    assert rows_csv([]) == ""


def test_json_has_method_params_summary_rows_in_the_users_keys():
    data = json.loads(show(scenario(years=2, **{"yield": 5}), Format.json, Period.year))
    assert {"method", "params", "summary", "rows"} <= set(data)
    assert data["method"] == "dividend"
    assert data["params"]["yield"] == 5 and "yield_" not in data["params"]
    assert data["params"]["frequency"] == "quarterly"
    assert list(data["summary"])[:3] == ["total_contributed", "total_income", "total_costs"]
    assert data["rows"][1]["year"] == 2


def test_json_writes_null_never_nan():
    text = show(scenario(capital=0, years=1), Format.json, Period.year)
    assert "NaN" not in text and "Infinity" not in text
    summary = json.loads(text)["summary"]
    assert summary["yield_on_cost_pct"] is None and summary["irr_pct"] is None
    assert json.loads(dumps({"a": [math.nan, math.inf, 1.0]})) == {"a": [None, None, 1.0]}


@pytest.mark.parametrize(
    ("output", "given", "chosen"),
    [
        (None, None, Format.table),
        ("out.csv", None, Format.csv),
        ("OUT.JSON", None, Format.json),
        ("out.txt", None, Format.table),
        ("out.csv", Format.json, Format.json),
    ],
)
def test_format_for(output, given, chosen):
    assert format_for(Path(output) if output else None, given) is chosen


def test_a_percent_column_beside_a_money_column_of_the_same_name_keeps_its_percent_sign():
    from passivecalc.render.table import rows_table

    rows = [{"year": 1, "impermanent_loss": -50.0, "impermanent_loss_pct": -5.72, "yield_on_cost_pct": 4.0}]
    units = {"impermanent_loss": "money", "impermanent_loss_pct": "percent", "yield_on_cost_pct": "percent"}
    table = rows_table(rows, units, "USD")
    assert [str(column.header) for column in table.columns] == [
        "Year",
        "Impermanent loss",
        "Impermanent loss %",
        "Yield on cost",
    ]


# -- the dispatch: every format shows every result type ----------------------------

RESULT_TYPES = [
    value
    for name, value in vars(result_module).items()
    if isinstance(value, type)
    and dataclasses.is_dataclass(value)
    and name.endswith("Result")
    and value.__module__ == result_module.__name__
]


def test_the_result_types_are_the_ones_the_commands_produce():
    # A guard on the list below: a new result type must be added to every format module (and here).
    assert {t.__name__ for t in RESULT_TYPES} == {
        "ProjectionResult",
        "ComparisonResult",
        "GridResult",
        "PortfolioResult",
        "SimulationResult",
        "SimulatedComparisonResult",
        "GoalResult",
        "GuideResult",
        "BacktestResult",
        "HistoryStartResult",
        "HistoryGoalResult",
    }


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_module_registers_a_handler_for_every_result_type(fmt):
    module = importlib.import_module(f"passivecalc.render.{fmt.value}")
    registered = set(module.render.registry)
    missing = [t.__name__ for t in RESULT_TYPES if t not in registered]
    assert not missing, f"render/{fmt.value}.py has no handler for {missing}"


@pytest.mark.parametrize("fmt", list(Format))
def test_a_format_refuses_what_it_cannot_show_by_name(fmt):
    with pytest.raises(TypeError, match=f"the {fmt.value} format cannot show a str"):
        render("not a result", fmt)


def test_every_format_but_the_table_is_named_by_its_extension():
    assert EXTENSIONS == {".csv": Format.csv, ".json": Format.json, ".html": Format.html, ".xlsx": Format.xlsx}


def test_render_options_period_is_what_projection_rows_take():
    assert RenderOptions().rows == "year" and RenderOptions(period=Period.month).rows == "month"
