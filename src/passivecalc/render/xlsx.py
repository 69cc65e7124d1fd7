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

import functools
import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from passivecalc.i18n import is_rtl, language, translate
from passivecalc.render import RenderOptions
from passivecalc.result import (
    BacktestResult,
    ComparisonResult,
    GoalResult,
    GridResult,
    GuideResult,
    HistoryGoalResult,
    HistoryStartResult,
    PortfolioResult,
    ProjectionResult,
    Scenario,
    SimulatedComparisonResult,
    SimulationResult,
    params_json,
)

if TYPE_CHECKING:
    from passivecalc.projection import Projection

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


def scenario_workbook(
    scenarios: Sequence[Scenario],
    period: str = "year",
    lang: str | None = None,
    locale: str | None = None,
    title: str | None = None,
) -> bytes:
    """A workbook for one or more projected scenarios (a run, a compare): summary side by side, rows per scenario.

    The currency is the first scenario's (compare runs share one). title: the summary sheet's first line
    (None: the scenario's method, or the scenarios' names).
    """
    code = language(lang)
    first = scenarios[0].projection
    lines = summary_lines([s.projection for s in scenarios], code)
    params = param_lines([s.params_dict() for s in scenarios])
    sheets = [projection_sheet(s.name, s.projection, period, code) for s in scenarios]
    if title is None:
        title = _title(scenarios[0], code) if len(scenarios) == 1 else ", ".join(s.name for s in scenarios)
    return workbook(title, [s.name for s in scenarios], lines, params, sheets, first.currency, code, locale)


def summary_lines(projections: Sequence[Projection], lang: str) -> list[SummaryLine]:
    """The projections' summaries as lines of the summary sheet: a label, one value per projection, the unit."""
    from passivecalc.render.table import SUMMARY_LABELS, header

    summaries = [p.summary() for p in projections]
    keys = list(dict.fromkeys(key for summary in summaries for key in summary))
    metric_units: dict[str, str] = {}
    for projection in projections:
        metric_units.update(projection.metric_units())
    lines: list[SummaryLine] = []
    for key in keys:
        label, unit = SUMMARY_LABELS.get(key, (header(key), metric_units.get(key, "money")))
        lines.append((translate(label, lang), [summary.get(key) for summary in summaries], unit))
    return lines


def param_lines(param_dicts: Sequence[dict[str, Any]]) -> list[tuple[str, Sequence[Cell]]]:
    """Parameters side by side: a key, one value per scenario (blank where a scenario has no such key)."""
    param_keys = list(dict.fromkeys(key for d in param_dicts for key in d))
    return [(key, [_param_cell(d.get(key)) for d in param_dicts]) for key in param_keys]


def projection_sheet(name: str, projection: Projection, period: str, lang: str) -> Sheet:
    """A projection's rows as a sheet: its period labels, then every column that is not zero in every row."""
    from passivecalc.render.table import header

    rows = projection.rows("month" if period == "month" else "year")
    units = projection.units()
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    texts = [header(column) for column in shown]
    headers = [translate(header(k), lang) for k in labels] + [
        translate(text, lang) + (" %" if column.endswith("_pct") and texts.count(text) > 1 else "")
        for column, text in zip(shown, texts, strict=True)
    ]
    column_units = ["year" if k != "date" else "text" for k in labels] + [str(units[column]) for column in shown]
    body = [[row[k] for k in labels] + [row[column] for column in shown] for row in rows]
    return (name, headers, column_units, body)


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


# -- the format: one handler per result type ------------------------------------------


@functools.singledispatch
def render(result: object, options: RenderOptions) -> bytes:
    """The result as an .xlsx workbook's bytes; TypeError for a type with no handler."""
    raise TypeError(f"the xlsx format cannot show a {type(result).__name__}")


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> bytes:
    return scenario_workbook([result.scenario], options.rows, options.lang)


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> bytes:
    """The goal's sentence, in the workbook's language, is the summary sheet's title."""
    from passivecalc.render.goal import goal_sentence

    title = goal_sentence(result, options.lang)
    return scenario_workbook([result.scenario], options.rows, options.lang, title=title)


@render.register(ComparisonResult)
def _comparison(result: ComparisonResult, options: RenderOptions) -> bytes:
    return scenario_workbook(result.scenarios, options.rows, options.lang)


@render.register(GridResult)
def _grid(result: GridResult, options: RenderOptions) -> bytes:
    """The scenarios side by side, a sheet each, and the grid of the metric as one more sheet."""
    from passivecalc.render.table import SUMMARY_LABELS, header
    from passivecalc.scenarios import show

    code = language(options.lang)
    scenarios = result.scenarios
    (row_key, row_values), (column_key, column_values) = result.axes
    label, unit = SUMMARY_LABELS.get(result.metric, (header(result.metric), "money"))
    values = [s.projection.summary().get(result.metric) for s in scenarios]
    width = len(column_values)
    grid: Sheet = (
        translate(label, code),
        [f"{row_key} \\ {column_key}", *(show(v) for v in column_values)],
        ["text", *([unit] * width)],
        [[show(rv), *values[r * width : (r + 1) * width]] for r, rv in enumerate(row_values)],
    )
    lines = summary_lines([s.projection for s in scenarios], code)
    params = param_lines([s.params_dict() for s in scenarios])
    sheets = [grid, *(projection_sheet(s.name, s.projection, options.rows, code) for s in scenarios)]
    title = f"{translate(label, code)}: {row_key} x {column_key}"
    return workbook(title, [s.name for s in scenarios], lines, params, sheets, scenarios[0].projection.currency, code)


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> bytes:
    """Summary: each stream and the total side by side; a sheet per stream and one for the total."""
    portfolio = result.portfolio
    code = language(options.lang)
    names = [*portfolio.names, "total"]
    projections = [*(portfolio.streams[n] for n in portfolio.names), portfolio.total]
    lines = summary_lines(projections, code)
    params = param_lines(
        [
            *(
                {
                    "method": portfolio.methods[n],
                    "start_month": portfolio.start_months[n],
                    **params_json(portfolio.params[n]),
                }
                for n in portfolio.names
            ),
            {},
        ]
    )
    sheets = [projection_sheet(n, p, options.rows, code) for n, p in zip(names, projections, strict=True)]
    title = f"{translate('Portfolio', code)}: {', '.join(portfolio.names)}"
    return workbook(title, names, lines, params, sheets, portfolio.total.currency, code)


FINAL_UNITS = {"worst_drop_pct": "percent"}


def _simulation_parts(name: str, sim: Any, code: str) -> tuple[list[SummaryLine], list[Sheet]]:
    """A simulation's end figures (a line per figure, a value per percentile) and a sheet of percentiles per year."""
    from passivecalc.render.html import FINAL_LABELS, YEARLY_TITLES
    from passivecalc.risk import PERCENTILES

    lines: list[SummaryLine] = [
        (translate(label, code), [float(v) for v in sim.final[key]], FINAL_UNITS.get(key, "money"))
        for key, label in FINAL_LABELS.items()
    ]
    lines.append(
        (translate("Losing money", code), [100 * sim.probability_of_loss] + [None] * (len(PERCENTILES) - 1), "percent")
    )
    headers = [translate("Year", code)]
    units = ["year"]
    for title in YEARLY_TITLES.values():
        headers += [f"{translate(title, code)} P{pct}" for pct in PERCENTILES]
        units += ["money"] * len(PERCENTILES)
    body = [
        [y + 1, *(float(sim.yearly[column][i, y]) for column in YEARLY_TITLES for i in range(len(PERCENTILES)))]
        for y in range(sim.years)
    ]
    if sim.reached is not None:
        headers.append(translate("Paths that reached the target", code))
        units.append("count")
        for y, row in enumerate(body):
            row.append(int(sim.reached[y]))
    return lines, [(name, headers, units, body)]


def _simulation_params(result: SimulationResult) -> dict[str, Any]:
    if result.params is not None:
        return params_json(result.params)
    return {f"{s.name}.method": s.method.name for s in result.streams}


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> bytes:
    """Summary: the end figures with a column per percentile; a sheet of percentiles per year."""
    from passivecalc.risk import PERCENTILES

    code = language(options.lang)
    sim = result.simulation
    lines, sheets = _simulation_parts(result.name, sim, code)
    params = param_lines([_simulation_params(result)])  # one value each, in the first column
    title = f"{result.name}: {sim.paths:,} paths, {sim.years} years, seed {sim.seed}"
    return workbook(title, [f"P{pct}" for pct in PERCENTILES], lines, params, sheets, sim.currency, code)


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> bytes:
    """Summary: the median end figures with a column per scenario; a sheet of percentiles per year per scenario."""
    code = language(options.lang)
    parts = [_simulation_parts(item.name, item.simulation, code) for item in result.items]
    lines: list[SummaryLine] = []
    for index, (label, _values, unit) in enumerate(parts[0][0]):
        pick = 0 if unit == "percent" and index == len(parts[0][0]) - 1 else 2  # the chance of loss is one figure
        lines.append((f"{label} P50" if pick == 2 else label, [p[0][index][1][pick] for p in parts], unit))
    params = param_lines([_simulation_params(item) for item in result.items])
    sheets = [sheet for _lines, item_sheets in parts for sheet in item_sheets]
    first = result.items[0].simulation
    title = f"{', '.join(i.name for i in result.items)}: {first.paths:,} paths, seed {first.seed}"
    return workbook(title, [i.name for i in result.items], lines, params, sheets, first.currency, code)


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> bytes:
    """The guide as one sheet of text (its summary sheet holds the advice line)."""
    from passivecalc.render.guide_text import said
    from passivecalc.render.html import guide_table
    from passivecalc.render.numbers import Words

    code = language(options.lang)
    caption, headers, body = guide_table(code, rows=said(result, Words(code, "USD")).rows)
    advice = result.advice or ""
    sheet: Sheet = (caption, headers, ["text"] * len(headers), body)
    return workbook(caption, [], [(advice, [], "text")] if advice else [], [], [sheet], "USD", code)


# -- history (Shiller back-tests) ---------------------------------------------------


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> bytes:
    """The distribution over every start on the summary sheet; one row per start on a sheet of its own."""
    from passivecalc.history import CREDIT
    from passivecalc.render.history import ROWS, backtest_rows

    code = language(options.lang)
    history = result.history
    units = history.units()
    lines: list[SummaryLine] = []
    for name, label in ROWS:
        d = history.distribution(name)
        text = label.strip() if label.strip() != "real" else f"{dict(ROWS)[name.removeprefix('real_')]}, real"
        lines.append(
            (translate(text, code), [d["worst"], d["p10"], d["median"], d["p90"], d["best"]], str(units[name]))
        )
    rows = backtest_rows(result)
    headers = list(rows[0]) if rows else []
    column_units = ["text" if key in ("start", "reached_target") else str(units.get(key, "money")) for key in headers]
    body = [
        [row[key] if not isinstance(row[key], bool) else ("yes" if row[key] else "no") for key in headers]
        for row in rows
    ]
    params = [(key, [_param_cell(value)]) for key, value in params_json(history.params).items()]
    title = f"{result.name} back-tested on the S&P 500 from {history.count:,} starts. {CREDIT}."
    columns = [translate(h, code) for h in ("Worst", "P10", "Median", "P90", "Best")]
    return workbook(
        title, columns, lines, params, [("Starts", headers, column_units, body)], history.params.currency, code
    )


@render.register(HistoryStartResult)
def _history_start(result: HistoryStartResult, options: RenderOptions) -> bytes:
    from passivecalc.render.history import start_line

    return scenario_workbook(
        [result.scenario], options.rows, options.lang, title=start_line(result.start, result.scenario.projection.months)
    )


@render.register(HistoryGoalResult)
def _history_goal(result: HistoryGoalResult, options: RenderOptions) -> bytes:
    from passivecalc.render.history import goal_sentence

    return scenario_workbook([result.scenario], options.rows, options.lang, title=goal_sentence(result))
