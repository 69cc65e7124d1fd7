"""Several scenarios side by side, a sweep's grid, and a portfolio: as table, CSV or JSON.

Table: one column per scenario and one row per metric with the best of each
row marked, the net income of each year side by side, then a chart of value
(or income) over the years, one line per scenario.

The chart is drawn here with rich rather than a plotting library: one
marker per scenario (●, ▲, ■ ...) on a character grid reads without colour
(NO_COLOR, files, pipes), costs no dependency and no start-up time, and
gives the same text on every machine, so tests compare it exactly.

The format modules (table.py, csv.py, json.py) call these for a
ComparisonResult, a GridResult or a PortfolioResult; a comparison's table,
CSV and JSON stay side by side here, reading the same rows.

Renderers format; they never compute finance: every figure comes from the
projections' rows and summaries (or the portfolio's shares).
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from rich.table import Table
from rich.text import Text

from passivecalc.projection import STANDARD_COLUMNS, rollup
from passivecalc.render import RowPeriod
from passivecalc.render.columns import print_fitted
from passivecalc.render.csv import plain_number, rows_csv
from passivecalc.render.json import dumps, scenario_dict
from passivecalc.render.numbers import Words, words
from passivecalc.render.table import SUMMARY_LABELS, console, header, summary_table, tax_line, trimmed
from passivecalc.result import Scenario, params_json

# The metrics compared, and which way is better: +1 higher, -1 lower, 0 neither (money put in is a choice).
METRICS: dict[str, int] = {
    "total_contributed": 0,
    "ending_value": 1,
    "total_payout": 1,
    "net_gain": 1,
    "monthly_income_end": 1,
    "irr_pct": 1,
    "breakeven_month": -1,
    "total_hours": -1,
    "hourly_rate": 1,
}
BEST = "*"
MARKERS = "●▲■◆✚○△□"
OVERLAP = "×"  # a cell where two or more lines meet: no line hides another
COLORS = ("cyan", "magenta", "yellow", "green", "red", "blue", "bright_white", "bright_cyan")
CHART_WIDTH = 64
LABEL_WIDTH = 16
# What to do when scenarios are left out of a table for the width.
FEWER = "--format csv has them all"
CHART_HEIGHT = 14
NARROWEST = 20
# Words of these layouts (catalogue keys; render.numbers.Words says them).
BEST_IN_ROW = f"{BEST} best in its row"
BEST_CELL = f"{BEST} best"
MIXED_TAX = "Some figures are after tax, some before (see each scenario's tax rate)."
YEAR_N = "year {n}"
LINES_MEET = "lines meet"
VALUE_TITLE = "Value at the end of each year"
INCOME_TITLE = "Net income per year"
GRID_TITLE = "{label}: {rows} (rows) by {columns} (columns)"
PORTFOLIO_TITLES = {
    "year": "Portfolio: {span}, {currency}, by year",
    "month": "Portfolio: {span}, {currency}, by month",
}
# A portfolio's years are counted in the plural in English, one year too.
PORTFOLIO_YEARS = ("{n} years", "{n} years")
EVERY_STREAM = "--format csv has every stream"
LARGEST = "Largest stream: {name}, {share} of the net income {over}."
OVER = ("over {n} years", "over {n} years")
NO_STREAM = "No stream made money over the horizon."
ROUTED = "Routed: {share} of {source}'s payout into {target}, {moved} in all."
# The portfolio's own column of the sum of its streams, a stream's two columns (under its name), the largest stream.
TOTAL, NET_INCOME, VALUE, LARGEST_COLUMN = "total", "net income", "value", "largest"
TEXTS = (
    "Summary",
    "Year",
    "Total",
    "Share of net income per year",
    BEST_IN_ROW,
    BEST_CELL,
    MIXED_TAX,
    YEAR_N,
    LINES_MEET,
    VALUE_TITLE,
    INCOME_TITLE,
    GRID_TITLE,
    *PORTFOLIO_TITLES.values(),
    FEWER,
    EVERY_STREAM,
    LARGEST,
    NO_STREAM,
    ROUTED,
    TOTAL,
    NET_INCOME,
    VALUE,
    LARGEST_COLUMN,
)
PLURALS = (PORTFOLIO_YEARS, OVER)


# -- compare: table ----------------------------------------------------------------


def best_of(values: list[float | None], direction: int) -> set[int]:
    """Indices of the best values in a row (all tied ones); none when the row is all equal or has no direction."""
    present = [(i, v) for i, v in enumerate(values) if v is not None and math.isfinite(v)]
    if direction == 0 or not present:
        return set()
    target = max(v for _, v in present) if direction > 0 else min(v for _, v in present)
    best = {i for i, v in present if _same(v, target)}
    return set() if len(best) == len(values) else best


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def metrics_table(scenarios: list[Scenario], color: bool, said: Words | None = None) -> Table:
    """A column per scenario, a row per metric; the best of each row marked."""
    w = said or Words()
    table = Table(title=w.t("Summary"), title_justify="left", header_style="bold")
    # Labels wrap at words when there are many scenarios, so that more fit in 80 columns; up to three fit whole.
    table.add_column("", max_width=LABEL_WIDTH if len(scenarios) > 3 else None)
    for scenario in scenarios:
        table.add_column(scenario.name, justify="right")
    summaries = [s.projection.summary() for s in scenarios]
    for key, direction in METRICS.items():
        label, unit = SUMMARY_LABELS[key]
        values = [summary.get(key) for summary in summaries]
        best = best_of(values, direction)
        cells = []
        for i, (value, scenario) in enumerate(zip(values, scenarios, strict=True)):
            text = w.priced_in(scenario.projection.currency).number(value, unit)
            if i in best:
                cells.append(Text(f"{text} {BEST}", style="bold green" if color else ""))
            else:
                cells.append(Text(f"{text}  "))
        table.add_row(w.t(label), *cells)
    return table


def income_table(scenarios: list[Scenario], said: Words | None = None) -> Table:
    """Net income of each year, one column per scenario."""
    w = said or Words()
    table = Table(title=w.t(INCOME_TITLE), title_justify="left", header_style="bold")
    table.add_column(w.t("Year"), justify="right")
    for scenario in scenarios:
        table.add_column(scenario.name, justify="right")
    by_scenario = [s.projection.rows("year") for s in scenarios]
    for index in range(max(len(rows) for rows in by_scenario)):
        cells = [
            w.priced_in(s.projection.currency).number(rows[index]["net_income"], "money") if index < len(rows) else ""
            for rows, s in zip(by_scenario, scenarios, strict=True)
        ]
        table.add_row(w.integer(index + 1), *cells)
    return table


def chart(
    series: dict[str, list[float]],
    title: str,
    currency: str,
    color: bool,
    width: int = CHART_WIDTH,
    height: int = CHART_HEIGHT,
    said: Words | None = None,
    room: int | None = None,
) -> Text:
    """Lines over the years, one marker per series, on a character grid; a y axis in money, x in years.

    series: name -> one value per year (year 1 first). Values between the
    yearly points are drawn by straight lines, as any line chart does.
    title: in English, said in the words' language (said: None for English in `currency`).
    room: a terminal's width; the grid narrows (to 20 columns at least) when the money axis and `width`
    would not fit in it (long amounts, Arabic money: '١٢٣٬٤٥٦٬٧٨٩ ر.س.').
    """
    w = (said or Words()).priced_in(currency)
    names = list(series)
    count = max(len(v) for v in series.values())
    values = [v for s in series.values() for v in s if math.isfinite(v)]
    low, high = min(0.0, *values), max(0.0, *values)
    # Lines far from zero (values that all lie in the upper half) get the axis cut to their range, to tell them apart;
    # the axis labels say where it starts.
    if min(values) > 0.5 * max(values) > 0:
        low = min(values)
    if high == low:
        high = low + 1.0
    labels = {0: high, height // 2: low + (high - low) * (height - 1 - height // 2) / (height - 1), height - 1: low}
    label_width = max(len(w.number(v, "money")) for v in labels.values())
    if room is not None and label_width + 2 + width > room:
        width = max(NARROWEST, room - label_width - 2)
    grid: list[list[int | None]] = [[None] * width for _ in range(height)]
    overlaps = False

    def row_of(value: float) -> int:
        return height - 1 - round((value - low) / (high - low) * (height - 1))

    for index, name in enumerate(names):
        points = series[name]
        for column in range(width):
            x = column / (width - 1) * (count - 1) if count > 1 else 0.0
            if x > len(points) - 1 + 1e-9:
                break  # a scenario with fewer years ends where its years end
            left = min(int(x), len(points) - 1)
            right = min(left + 1, len(points) - 1)
            value = points[left] + (points[right] - points[left]) * (x - left)
            if math.isfinite(value):
                row = row_of(value)
                if grid[row][column] not in (None, index):
                    grid[row][column] = -1  # lines meet here: shown as such, not as the last one drawn
                    overlaps = True
                elif grid[row][column] is None:
                    grid[row][column] = index
    out = Text(f"{w.t(title)}\n", style="bold" if color else "")
    for r, cells in enumerate(grid):
        axis = w.number(labels[r], "money") if r in labels else ""
        out.append(f"{axis:>{label_width}} ┤")
        for cell in cells:
            if cell is None:
                out.append(" ")
            elif cell < 0:
                out.append(OVERLAP, style="bold" if color else "")
            else:
                out.append(MARKERS[cell % len(MARKERS)], style=COLORS[cell % len(COLORS)] if color else "")
        out.append("\n")
    out.append(" " * label_width + " └" + "─" * width + "\n")
    right_label = w.say(YEAR_N, n=w.integer(count))
    left_label = w.say(YEAR_N, n=w.integer(1))
    out.append(
        " " * (label_width + 2)
        + left_label.ljust(max(width - len(right_label), len(left_label) + 1))
        + right_label
        + "\n"
    )
    for index, name in enumerate(names):
        out.append("  ")
        out.append(MARKERS[index % len(MARKERS)], style=COLORS[index % len(COLORS)] if color else "")
        out.append(f" {name}")
    if overlaps:
        out.append(f"  {OVERLAP} {w.t(LINES_MEET)}")
    out.append("\n")
    return out


def chart_series(scenarios: list[Scenario], what: str) -> tuple[str, dict[str, list[float]]]:
    """The yearly points a chart draws: value at each year's end, or net income of each year."""
    column, title = ("value", VALUE_TITLE) if what == "value" else ("net_income", INCOME_TITLE)
    return title, {s.name: [row[column] for row in s.projection.rows("year")] for s in scenarios}


def compare_table(
    scenarios: list[Scenario],
    chart_of: str | None = "value",
    color: bool = False,
    width: int | None = None,
    lang: str | None = "en",
) -> str:
    from passivecalc.render.answer import comparison_answer

    w = words(lang, scenarios[0].projection.currency)
    stream = io.StringIO()
    out = console(stream, color, width)
    answer = comparison_answer(scenarios, w)
    if answer:
        out.print(Text(w.fill(answer, out.width), style="bold" if color else ""))
        out.print()
    print_fitted(out, metrics_table(scenarios, color, w), keep=2, hint=FEWER, said=w)
    out.print(w.t(BEST_IN_ROW))
    out.print()
    print_fitted(out, income_table(scenarios, w), keep=2, hint=FEWER, said=w)
    if chart_of:
        title, series = chart_series(scenarios, chart_of)
        out.print()
        out.print(chart(series, title, scenarios[0].projection.currency, color, said=w, room=width))
    taxed = {s.projection.after_tax for s in scenarios}
    out.print(w.t(tax_line(True)) if taxed == {True} else w.t(tax_line(False)) if taxed == {False} else w.t(MIXED_TAX))
    return trimmed(stream.getvalue())


def grid_table(
    scenarios: list[Scenario],
    axes: tuple[tuple[str, tuple[Any, ...]], ...],
    metric: str,
    color: bool = False,
    width: int | None = None,
    lang: str | None = "en",
) -> str:
    """A two-key sweep as a matrix of one metric: rows the first key's values, columns the second's."""
    from passivecalc.scenarios import show

    (row_key, row_values), (column_key, column_values) = axes
    label, unit = SUMMARY_LABELS.get(metric, (header(metric), "money"))
    direction = METRICS.get(metric, 1) or 1
    currency = scenarios[0].projection.currency
    w = words(lang, currency)
    label = w.t(label)
    values = [s.projection.summary().get(metric) for s in scenarios]
    best = best_of(values, direction)
    table = Table(header_style="bold")
    table.add_column(f"{row_key} \\ {column_key}", justify="right")
    for value in column_values:
        table.add_column(show(value), justify="right")
    for r, row_value in enumerate(row_values):
        cells = []
        for c in range(len(column_values)):
            i = r * len(column_values) + c
            text = w.number(values[i], unit)
            cells.append(
                Text(f"{text} {BEST}", style="bold green" if color else "") if i in best else Text(f"{text}  ")
            )
        table.add_row(show(row_value), *cells)
    from passivecalc.render.answer import grid_answer

    places = [f"{row_key}={show(r)}, {column_key}={show(c)}" for r in row_values for c in column_values]
    stream = io.StringIO()
    out = console(stream, color, width)
    out.print(
        Text(
            w.fill(grid_answer(values, places, label, [w.number(v, unit) for v in values], best, w), out.width),
            style="bold" if color else "",
        )
    )
    out.print()
    out.print(w.say(GRID_TITLE, label=label, rows=row_key, columns=column_key))
    print_fitted(out, table, keep=2, hint=FEWER, said=w)
    out.print(w.t(BEST_CELL))
    return trimmed(stream.getvalue())


# -- compare: CSV and JSON -----------------------------------------------------------


def compare_csv(scenarios: list[Scenario], period: RowPeriod, wide: bool = False) -> str:
    """Tidy long (scenario, year, [month,] columns...): one row per scenario and period; or wide, one row per period.

    Columns are the union over scenarios (a method's own columns are empty for the others).
    """
    rows = {s.name: s.projection.rows(period) for s in scenarios}
    labels = [k for k in ("year", "month", "date") if any(r and k in r[0] for r in rows.values())]
    columns: list[str] = []
    for scenario_rows in rows.values():
        for key in scenario_rows[0]:
            if key not in labels and key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not wide:
        writer.writerow(["scenario", *labels, *columns])
        for name, scenario_rows in rows.items():
            for row in scenario_rows:
                writer.writerow(
                    [name, *(row.get(k, "") for k in labels), *(plain_number(row.get(k, "")) for k in columns)]
                )
        return buffer.getvalue()
    # Scenarios may run for different years: the longest sets the rows, the others' cells are empty after their end.
    longest = max(rows.values(), key=len)
    writer.writerow([*labels, *(f"{name}:{k}" for name in rows for k in columns if k in rows[name][0])])
    for index, row in enumerate(longest):
        cells = [
            plain_number(rows[name][index][k]) if index < len(rows[name]) else ""
            for name in rows
            for k in columns
            if k in rows[name][0]
        ]
        writer.writerow([*(row.get(k, "") for k in labels), *cells])
    return buffer.getvalue()


def compare_json(
    scenarios: list[Scenario],
    period: RowPeriod,
    axes: tuple[tuple[str, tuple[Any, ...]], ...] | None = None,
    metric: str = "monthly_income_end",
) -> str:
    """The scenarios' dicts; with a grid's axes, the grid too, its matrix read from those dicts' summaries."""
    dicts = [{"name": s.name, **scenario_dict(s, period)} for s in scenarios]
    data: dict[str, Any] = {"scenarios": dicts}
    if axes is not None:
        data["grid"] = grid_dict([d["summary"] for d in dicts], axes, metric)
    return dumps(data)


def grid_dict(summaries: list[dict], axes: tuple[tuple[str, tuple[Any, ...]], ...], metric: str) -> dict:
    """{"rows": {key, values}, "columns": {key, values}, "metric", "matrix"}: the grid as the table shows it.

    summaries: one per cell, row by row (the scenarios' summaries, as already computed for their own dicts).
    """
    (row_key, row_values), (column_key, column_values) = axes
    values = [summary.get(metric) for summary in summaries]
    width = len(column_values)
    return {
        "rows": {"key": row_key, "values": list(row_values)},
        "columns": {"key": column_key, "values": list(column_values)},
        "metric": metric,
        "matrix": [values[r * width : (r + 1) * width] for r in range(len(row_values))],
    }


# -- portfolio ---------------------------------------------------------------------


def portfolio_rows(portfolio, period: RowPeriod) -> list[dict]:
    """Tidy rows: one per stream and period, then the total's; with routed money and each stream's income share (yearly)."""
    shares = portfolio.income_shares() if period == "year" else None
    largest = _largest_by_year(shares) if shares is not None else None
    out = []
    for name in (*portfolio.names, "total"):
        projection = portfolio.total if name == "total" else portfolio.streams[name]
        standard = projection.rows(period)
        # Routing is internal to the portfolio: the total has none.
        routed_in = _by_period(portfolio.routed_in[name] if name != "total" else None, period, len(standard))
        routed_out = _by_period(portfolio.routed_out[name] if name != "total" else None, period, len(standard))
        for index, row in enumerate(standard):
            labels = {k: row[k] for k in ("year", "month", "date") if k in row}
            # The standard columns only: a method's own columns differ from stream to stream.
            values = {k: v for k, v in row.items() if k in STANDARD_COLUMNS or k.startswith("real_")}
            extra: dict[str, Any] = {"routed_in": routed_in[index], "routed_out": routed_out[index]}
            if shares is not None and largest is not None:
                share = 100.0 if name == "total" else float(shares[name][index])
                extra["income_share_pct"] = share if math.isfinite(share) else None
                extra["largest_share_pct"] = largest[index][1]
            out.append({"stream": name, **labels, **values, **extra})
    return out


def _by_period(values, period: RowPeriod, count: int) -> list[float]:
    if values is None:
        return [0.0] * count
    series = values[0]
    if period == "month":
        return [float(v) for v in series]
    return [float(v) for v in rollup(values[:1], "sum")[0]]


def _largest_by_year(shares: dict) -> list[tuple[str | None, float | None]]:
    years = len(next(iter(shares.values())))
    out: list[tuple[str | None, float | None]] = []
    for y in range(years):
        present = {n: float(s[y]) for n, s in shares.items() if math.isfinite(s[y])}
        if not present:
            out.append((None, None))
        else:
            name = max(present, key=lambda n: present[n])
            out.append((name, present[name]))
    return out


def portfolio_csv(portfolio, period: RowPeriod) -> str:
    return rows_csv(portfolio_rows(portfolio, period))


def portfolio_json(portfolio, period: RowPeriod) -> str:
    largest = portfolio.largest()
    shares = portfolio.income_shares()
    streams = []
    for name in portfolio.names:
        projection = portfolio.streams[name]
        source = portfolio.funding.get(name)
        streams.append(
            {
                "name": name,
                "method": portfolio.methods[name],
                "params": params_json(portfolio.params[name]),
                "start_month": portfolio.start_months[name],
                "fund_from": source[0] if source else None,
                "share": source[1] if source else None,
                "summary": projection.summary(),
                "routed_in": float(portfolio.routed_in[name][0].sum()),
                "routed_out": float(portfolio.routed_out[name][0].sum()),
                "rows": projection.rows(period),
            }
        )
    data = {
        "portfolio": {
            "streams": streams,
            "total": {"summary": portfolio.total.summary(), "rows": portfolio.total.rows(period)},
            "income_share_pct": [
                {"year": y + 1, **{n: float(shares[n][y]) for n in portfolio.names}}
                for y in range(portfolio.total.years)
            ],
            "largest_stream": {"name": largest[0], "share_pct": largest[1]} if largest else None,
        }
    }
    return dumps(data)


def portfolio_table(
    portfolio,
    period: RowPeriod,
    chart_of: str | None = "value",
    color: bool = False,
    width: int | None = None,
    lang: str | None = "en",
) -> str:
    """Per period: each stream's net income and value, the total's; then income shares, the total's summary, a chart."""
    total = portfolio.total
    currency = total.currency
    w = words(lang, currency)
    stream = io.StringIO()
    out = console(stream, color, width)
    rows = {name: portfolio.streams[name].rows(period) for name in portfolio.names}
    total_rows = total.rows(period)
    labels = [k for k in ("year", "month", "date") if k in total_rows[0]]
    title = w.say(PORTFOLIO_TITLES[period], span=w.count(total.years, *PORTFOLIO_YEARS), currency=currency)
    table = Table(title=title, title_justify="left", header_style="bold")
    for label in labels:
        table.add_column(w.t(header(label)), justify="right")
    # The total first: a narrow terminal leaves out streams from the right, never the total.
    for name in (w.t(TOTAL), *portfolio.names):
        table.add_column(f"{name}\n{w.t(NET_INCOME)}", justify="right")
        table.add_column(f"{name}\n{w.t(VALUE)}", justify="right")
    for index, row in enumerate(total_rows):
        cells = [str(row[k]) if k == "date" else w.integer(row[k]) for k in labels]
        cells += [w.number(row["net_income"], "money"), w.number(row["value"], "money")]
        for name in portfolio.names:
            cells += [
                w.number(rows[name][index]["net_income"], "money"),
                w.number(rows[name][index]["value"], "money"),
            ]
        table.add_row(*cells)
    from passivecalc.render.answer import portfolio_answer

    out.print(Text(w.fill(portfolio_answer(portfolio, w), out.width), style="bold" if color else ""))
    out.print()
    print_fitted(out, table, keep=len(labels) + 2, hint=EVERY_STREAM, said=w)
    print_fitted(out, _shares_table(portfolio, w), keep=2, hint=EVERY_STREAM, said=w)
    largest = portfolio.largest()
    if largest:
        over = w.count(total.years, *OVER)
        out.print(w.fill(w.say(LARGEST, name=largest[0], share=w.percent(largest[1], 1), over=over), out.width))
    else:
        out.print(w.t(NO_STREAM))
    for target, (source, share) in portfolio.funding.items():
        moved = float(portfolio.routed_in[target][0].sum())
        out.print(
            w.fill(
                w.say(
                    ROUTED,
                    share=w.percent_as_given(share),
                    source=source,
                    target=target,
                    moved=w.number(moved, "money"),
                ),
                out.width,
            )
        )
    out.print()
    out.print(Text(w.t("Total"), style="bold" if color else ""))
    out.print(summary_table(total.summary(), currency, color=color, said=w))
    if chart_of:
        column, title = ("value", VALUE_TITLE) if chart_of == "value" else ("net_income", INCOME_TITLE)
        series = {name: [r[column] for r in portfolio.streams[name].rows("year")] for name in portfolio.names}
        series[w.t(TOTAL)] = [r[column] for r in total.rows("year")]
        out.print()
        out.print(chart(series, title, currency, color, said=w, room=width))
    out.print(w.t(tax_line(total.after_tax)))
    return trimmed(stream.getvalue())


def _shares_table(portfolio, said: Words | None = None) -> Table:
    w = said or Words()
    shares = portfolio.income_shares()
    largest = _largest_by_year(shares)
    table = Table(title=w.t("Share of net income per year"), title_justify="left", header_style="bold")
    table.add_column(w.t("Year"), justify="right")
    for name in portfolio.names:
        table.add_column(name, justify="right")
    table.add_column(w.t(LARGEST_COLUMN), justify="right")
    for y in range(portfolio.total.years):
        cells = [w.number(float(shares[n][y]), "percent") for n in portfolio.names]
        name, share = largest[y]
        table.add_row(w.integer(y + 1), *cells, f"{name} {w.percent(share, 0)}" if name and share is not None else "–")
    return table
