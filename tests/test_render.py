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
dividend: 2 years, USD, by year
┏━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃      ┃             ┃         ┃        ┃            ┃         ┃         ┃       ┃        ┃    Dividend ┃     Yield on ┃
┃ Year ┃ Contributed ┃  Income ┃  Taxes ┃ Net income ┃  Payout ┃   Value ┃ Hours ┃ Shares ┃   per share ┃         cost ┃
┡━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│    1 │     $11,200 │ $444.00 │ $66.60 │    $377.40 │ $377.40 │ $11,200 │   8 h │ 112.00 │       $4.00 │       4.00 % │
│    2 │      $1,200 │ $492.00 │ $73.80 │    $418.20 │ $418.20 │ $12,400 │   6 h │ 124.00 │       $4.00 │       4.00 % │
└──────┴─────────────┴─────────┴────────┴────────────┴─────────┴─────────┴───────┴────────┴─────────────┴──────────────┘
  Money put in                     $12,400.00
  Total income                        $936.00
  Total costs                           $0.00
  Total taxes                         $140.40
  Reinvested                            $0.00
  Paid out to you                     $795.60
  Capital returned                      $0.00
  Ending value                     $12,400.00
  Net gain                            $795.60
  Monthly net income, last year        $34.85
  Yield on cost, last year             3.37 %
  IRR (annualised)                     3.57 %
  Break-even                          month 1
  Your hours                          14.00 h
  Net gain per hour                    $56.83
Figures are after the tax rate given.
"""


def test_table_at_a_fixed_width_without_colour():
    text = show(
        scenario(years=2, contribution=100, frequency="annual", tax=15), Format.table, Period.year, color=False, width=120
    )
    assert "\x1b[" not in text
    assert [line.rstrip() for line in text.splitlines()] == EXPECTED_TABLE.splitlines()


def test_table_with_colour_has_escape_codes():
    assert "\x1b[" in show(scenario(years=1), Format.table, Period.year, color=True, width=120)


def test_table_leaves_out_columns_that_are_always_zero():
    text = show(scenario(years=1), Format.table, Period.year, width=200)
    header = text.splitlines()[2]
    assert "Costs" not in header and "Returned" not in header and "Income" in header


def test_table_shows_dates_and_todays_money():
    text = show(scenario(years=1, start="2027-03", inflation=2), Format.table, Period.month, width=250)
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
            assert float(back[key]) == value, key  # exact: floats are written in their shortest exact form
    if period == "month":
        values = np.array([float(r["value"]) for r in parsed])
        assert np.array_equal(values, chosen.projection.value[0])


def test_csv_is_plain():
    text = show(scenario(years=2, contribution=1234.5), Format.csv, Period.year)
    assert "$" not in text and "\x1b[" not in text
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        [float(cell) for cell in row]  # every cell a plain number: no symbols, no thousands separators
    assert text.splitlines()[0].split(",")[:11] == [
        "year", "contributed", "income", "costs", "taxes", "net_income", "reinvested", "payout", "returned", "value", "hours",
    ]


def test_csv_numbers_and_leading_columns():
    assert plain_number(-0.0) == "0.0" and plain_number(0.1) == "0.1" and plain_number(3) == 3
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
    assert [str(column.header) for column in table.columns] == ["Year", "Impermanent loss", "Impermanent loss %", "Yield on cost"]


# -- the dispatch: every format shows every result type ----------------------------

RESULT_TYPES = [
    value
    for name, value in vars(result_module).items()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and name.endswith("Result") and value.__module__ == result_module.__name__
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
