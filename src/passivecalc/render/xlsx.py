"""Excel workbooks: a summary sheet (summary and parameters), then one sheet of rows per scenario.

Written with XlsxWriter (imported only when a workbook is asked for): it writes
real .xlsx files, number formats, frozen panes, right-to-left sheets and
column widths that fit, with no Excel needed. Numbers stay numbers so that a
spreadsheet can sum them; formats only change how they look:
- money: the currency's symbol and minor units ("$"#,##0.00, #,##0.000 "د.ك."),
- percent: stored as a FRACTION (0.0524) with the 0.00% format, so Excel shows 5.24 %;
  passivecalc's *_pct figures (in percent) are divided by 100 on the way in,
- counts, hours and tokens: thousands separators, 0, 0 and 4 decimals.
Arabic (`lang="ar"`) writes right-to-left sheets with Arabic labels.

`workbook(...)` takes plain data; `scenario_workbook(scenarios, ...)` builds it from
passivecalc.result.Scenario objects. Both return the file's bytes.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import Any

from passivecalc.i18n import is_rtl, language, translate
from passivecalc.result import Scenario

Cell = float | int | str | None
# A rows sheet: name, column headers, each column's unit, rows of cells.
Sheet = tuple[str, Sequence[str], Sequence[str], Sequence[Sequence[Cell]]]
# A summary line: label, one value per scenario, unit.
SummaryLine = tuple[str, Sequence[Cell], str]

UNITS = ("money", "percent", "count", "hours", "tokens", "ratio", "month", "year", "text")


def workbook(
    title: str,
    columns: Sequence[str],
    summary: Sequence[SummaryLine],
    params: Sequence[tuple[str, Sequence[Cell]]],
    sheets: Sequence[Sheet],
    currency: str = "USD",
    lang: str = "en",
    locale: str | None = None,
) -> bytes:
    """The .xlsx file as bytes.

    title: the first line of the summary sheet. columns: one heading per scenario
    (the summary and parameters have one value column each). Values in percent
    (unit "percent") are given in percent (5.24) and stored as fractions (0.0524).
    """
    import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type hints

    from passivecalc.money import currency_symbol, locale_for, minor_units, normalise_currency

    code = language(lang)
    money_code = normalise_currency(currency)
    where = locale or locale_for(code, money_code)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    formats = _formats(book, currency_symbol(money_code, where), minor_units(money_code), symbol_first=not is_rtl(code))
    names: set[str] = set()

    sheet = book.add_worksheet(_sheet_name(translate("Summary", code), names))
    if is_rtl(code):
        sheet.right_to_left()
    sheet.write(0, 0, title, formats["title"])
    sheet.write_row(1, 0, [translate("Summary", code), *columns], formats["header"])
    row = 2
    for label, values, unit in summary:
        sheet.write(row, 0, label)
        for col, value in enumerate(values, start=1):
            _write(sheet, row, col, value, unit, formats)
        row += 1
    row += 1
    sheet.write_row(row, 0, [translate("Parameters", code), *columns], formats["header"])
    for key, values in params:
        row += 1
        sheet.write(row, 0, key)
        for col, value in enumerate(values, start=1):
            _write(sheet, row, col, value, "text" if isinstance(value, str) else "ratio", formats)
    sheet.freeze_panes(2, 1)
    sheet.autofit()
    sheet.set_column(0, 0, max(14, _width([label for label, _v, _u in summary] + [key for key, _v in params])))

    for name, headers, units, rows in sheets:
        sheet = book.add_worksheet(_sheet_name(name, names))
        if is_rtl(code):
            sheet.right_to_left()
        sheet.write_row(0, 0, list(headers), formats["header"])
        for r, cells in enumerate(rows, start=1):
            for c, value in enumerate(cells):
                _write(sheet, r, c, value, units[c], formats)
        sheet.freeze_panes(1, 0)
        sheet.autofit()
        for c, text in enumerate(headers):  # a header wider than every value still fits
            sheet.set_column(c, c, max(_width([text]), _width([_shown(row[c], units[c]) for row in rows[:500]])))
    book.close()
    return buffer.getvalue()


def scenario_workbook(scenarios: Sequence[Scenario], period: str = "year", lang: str | None = None, locale: str | None = None) -> bytes:
    """A workbook for one or more projected scenarios (a run, a compare): summary side by side, rows per scenario.

    The currency is the first scenario's (compare runs share one).
    """
    from passivecalc.render.table import SUMMARY_LABELS, header

    code = language(lang)
    first = scenarios[0].projection
    summaries = [s.projection.summary() for s in scenarios]
    keys = list(dict.fromkeys(key for summary in summaries for key in summary))
    metric_units: dict[str, str] = {}
    for s in scenarios:
        metric_units.update(s.projection.metric_units())
    lines: list[SummaryLine] = []
    for key in keys:
        label, unit = SUMMARY_LABELS.get(key, (header(key), metric_units.get(key, "money")))
        lines.append((translate(label, code), [summary.get(key) for summary in summaries], unit))
    param_dicts = [s.params_dict() for s in scenarios]
    param_keys = list(dict.fromkeys(key for d in param_dicts for key in d))
    params = [(key, [_param_cell(d.get(key)) for d in param_dicts]) for key in param_keys]

    sheets: list[Sheet] = []
    for s in scenarios:
        rows = s.projection.rows("month" if period == "month" else "year")
        units = s.projection.units()
        labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
        shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
        texts = [header(name) for name in shown]
        headers = [translate(header(k), code) for k in labels] + [
            translate(text, code) + (" %" if name.endswith("_pct") and texts.count(text) > 1 else "")
            for name, text in zip(shown, texts, strict=True)
        ]
        column_units = ["year" if k != "date" else "text" for k in labels] + [str(units[name]) for name in shown]
        body = [[row[k] for k in labels] + [row[name] for name in shown] for row in rows]
        sheets.append((s.name, headers, column_units, body))
    title = _title(scenarios[0], code) if len(scenarios) == 1 else ", ".join(s.name for s in scenarios)
    return workbook(title, [s.name for s in scenarios], lines, params, sheets, first.currency, code, locale)


# -- helpers -------------------------------------------------------------------------


def _formats(book: Any, symbol: str, decimals: int, symbol_first: bool) -> dict[str, Any]:
    fraction = "." + "0" * decimals if decimals else ""
    # A symbol ending in a letter stands apart from the digits ("KWD 1,234.500"), as CLDR's currencySpacing says.
    spaced = symbol + " " if symbol_first and symbol[-1:].isalpha() else symbol
    quoted = '"' + spaced.replace('"', "") + '"'
    number = f"#,##0{fraction}"
    if symbol_first:
        money = f"{quoted}{number};-{quoted}{number}"
    else:
        money = f"{number} {quoted};-{number} {quoted}"
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "header": book.add_format({"bold": True, "bg_color": "#F3F5F8", "bottom": 1, "text_wrap": False}),
        "money": book.add_format({"num_format": money}),
        "percent": book.add_format({"num_format": "0.00%"}),
        "count": book.add_format({"num_format": "#,##0.##"}),
        "hours": book.add_format({"num_format": "#,##0"}),
        "tokens": book.add_format({"num_format": "#,##0.0000"}),
        "ratio": book.add_format({"num_format": "#,##0.00"}),
        "month": book.add_format({"num_format": "0"}),
        "year": book.add_format({"num_format": "0"}),
    }


def _write(sheet: Any, row: int, col: int, value: Cell, unit: str, formats: dict[str, Any]) -> None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        sheet.write_blank(row, col, None)
    elif isinstance(value, str):
        sheet.write_string(row, col, value)
    elif unit == "percent":
        sheet.write_number(row, col, float(value) / 100, formats["percent"])
    else:
        sheet.write_number(row, col, value, formats.get(unit, formats["ratio"]))


_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    base = _BAD.sub("-", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _shown(value: Cell, unit: str) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if unit == "percent":
        return f"{value:,.2f}%"
    return f"{value:,.2f}" if unit in ("money", "ratio") else f"{value:,.0f}"


def _width(texts: Sequence[str]) -> float:
    return min(60.0, max((len(text) for text in texts), default=8) * 1.1 + 4)


def _title(scenario: Scenario, lang: str) -> str:
    from passivecalc.methods import REGISTRY

    if scenario.method in REGISTRY:
        return f"{scenario.name}: {translate(REGISTRY.description(scenario.method), lang)}"
    return scenario.name


def _param_cell(value: object) -> Cell:
    if value is None or isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
