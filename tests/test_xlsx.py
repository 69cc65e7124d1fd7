"""Excel workbooks read back with openpyxl (an independent reader): numbers, formats, panes, sheet names."""

from __future__ import annotations

import io

import openpyxl
import pytest

from passivecalc.methods import get
from passivecalc.params import build
from passivecalc.render.xlsx import _sheet_name, scenario_workbook, workbook
from passivecalc.result import Scenario


def scenario(name: str = "dividend", currency: str = "USD", **values) -> Scenario:
    method = get("dividend")
    given = {
        "capital": 10000,
        "contribution": 500,
        "yield": 4,
        "drip": True,
        "years": 20,
        "currency": currency,
        "tax": 10,
        **values,
    }
    params = build(method.params, given)
    return Scenario(name, "dividend", params, method.project(params))


def read(data: bytes) -> openpyxl.Workbook:
    assert data[:2] == b"PK"  # an .xlsx is a zip file
    return openpyxl.load_workbook(io.BytesIO(data))


def summary_cell(book: openpyxl.Workbook, label: str, column: int = 2):
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_col=1, max_col=column):
        if row[0].value == label:
            return row[column - 1]
    raise AssertionError(f"no summary line {label!r}")


def test_summary_sheet_numbers_and_formats():
    s = scenario()
    book = read(scenario_workbook([s]))
    assert book.sheetnames == ["Summary", "dividend"]
    summary = s.projection.summary()
    cell = summary_cell(book, "Ending value")
    assert isinstance(cell.value, float) and cell.value == pytest.approx(summary["ending_value"])
    assert cell.number_format == '"$"#,##0.00;-"$"#,##0.00'
    # Percent figures are stored as fractions with a percent format: Excel shows 3.67 % for 0.0367.
    irr = summary_cell(book, "IRR (annualised)")
    assert irr.value == pytest.approx(summary["irr_pct"] / 100) and irr.number_format == "0.00%"
    # Parameters under the summary, values as numbers where they are numbers.
    assert summary_cell(book, "capital").value == 10000
    assert book.worksheets[0].freeze_panes == "B3"


def test_rows_sheet_sums_like_the_projection():
    s = scenario()
    book = read(scenario_workbook([s]))
    sheet = book["dividend"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Year", "Contributed", "Income", "Taxes"]
    assert sheet.freeze_panes == "A2"
    income = [row[headers.index("Income")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, float) for v in income)
    # Oracle: the monthly income column summed directly with numpy.
    assert sum(income) == pytest.approx(float(s.projection.income.sum()))
    assert len(income) == 20
    assert sheet.cell(row=2, column=2).number_format == '"$"#,##0.00;-"$"#,##0.00'
    yield_column = headers.index("Yield on cost") + 1
    assert sheet.cell(row=2, column=yield_column).number_format == "0.00%"
    assert sheet.cell(row=2, column=yield_column).value == pytest.approx(
        s.projection.rows("year")[0]["yield_on_cost_pct"] / 100
    )


def test_column_widths_fit_the_headers():
    book = read(scenario_workbook([scenario()]))
    sheet = book["dividend"]
    for cell in sheet[1]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= len(cell.value), cell.value


def test_monthly_rows():
    book = read(scenario_workbook([scenario()], period="month"))
    sheet = book["dividend"]
    assert [c.value for c in sheet[1]][:2] == ["Year", "Month"]
    assert sheet.max_row == 1 + 240


def test_arabic_workbook_is_right_to_left_with_riyals():
    book = read(scenario_workbook([scenario(currency="SAR")], lang="ar"))
    assert book.sheetnames == ["الملخص", "dividend"]
    for sheet in book.worksheets:
        assert sheet.sheet_view.rightToLeft
    cell = summary_cell(book, "القيمة في النهاية")
    assert isinstance(cell.value, float) and cell.number_format == '#,##0.00 "ر.س.";-#,##0.00 "ر.س."'
    assert "صافي الدخل" in [c.value for c in book["dividend"][1]]


def test_three_decimal_and_no_decimal_currencies():
    # ISO 4217 minor units: KWD 3, JPY 0.
    kwd = read(scenario_workbook([scenario(currency="KWD")]))
    assert summary_cell(kwd, "Ending value").number_format == '"KWD "#,##0.000;-"KWD "#,##0.000'
    jpy = read(scenario_workbook([scenario(currency="JPY")]))
    assert summary_cell(jpy, "Ending value").number_format == '"¥"#,##0;-"¥"#,##0'


def test_compare_puts_scenarios_side_by_side():
    low, high = scenario("low yield", **{"yield": 3}), scenario("high yield", **{"yield": 5})
    book = read(scenario_workbook([low, high]))
    assert book.sheetnames == ["Summary", "low yield", "high yield"]
    assert [c.value for c in book.worksheets[0][2]] == ["Summary", "low yield", "high yield"]
    row = summary_cell(book, "Ending value", 3).row
    values = [book.worksheets[0].cell(row=row, column=c).value for c in (2, 3)]
    assert values == pytest.approx(
        [low.projection.summary()["ending_value"], high.projection.summary()["ending_value"]]
    )


def test_sheet_names_follow_excels_rules():
    taken: set[str] = set()
    assert _sheet_name("a/b:c*d?[e]", taken) == "a-b-c-d--e-"
    long = "x" * 40
    first, second = _sheet_name(long, taken), _sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second


def test_none_and_non_finite_are_blank_cells():
    data = workbook(
        "t",
        ["a"],
        [("Break-even", [None], "month"), ("IRR", [float("nan")], "percent")],
        [],
        [("rows", ["x"], ["money"], [[float("inf")]])],
    )
    book = read(data)
    assert summary_cell(book, "Break-even").value is None and summary_cell(book, "IRR").value is None
    assert book["rows"]["A2"].value is None


def test_xlsxwriter_is_imported_only_when_a_workbook_is_written():
    import subprocess
    import sys

    code = "import sys, passivecalc.render.xlsx; print('xlsxwriter' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
