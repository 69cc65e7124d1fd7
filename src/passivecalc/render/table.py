"""The table format: results for people, as rich tables (money right-aligned, thousands separators, the symbol).

`render(result, options)` dispatches on the result's type: one handler per
result type below. Several-scenario layouts live in compare.py, Monte Carlo
ones in risk.py; this module picks the one each result needs.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from passivecalc.render import RenderOptions, RowPeriod
from passivecalc.render.columns import chosen_columns, print_fitted
from passivecalc.render.numbers import YEARS, Words, column_decimals, money, number, words
from passivecalc.result import (
    ComparisonResult,
    GoalResult,
    GridResult,
    GuideResult,
    PortfolioResult,
    ProjectionResult,
    Scenario,
    SimulatedComparisonResult,
    SimulationResult,
)

__all__ = [
    "render",
    "money",
    "number",
    "console",
    "header",
    "rows_table",
    "summary_table",
    "scenario_table",
    "tax_line",
]

# Summary lines in the order a person reads them, with how each is shown.
SUMMARY_LABELS = {
    "total_contributed": ("Money put in", "money"),
    "total_income": ("Total income", "money"),
    "total_costs": ("Total costs", "money"),
    "total_taxes": ("Total taxes", "money"),
    "total_reinvested": ("Reinvested", "money"),
    "total_payout": ("Paid out to you", "money"),
    "total_returned": ("Capital returned", "money"),
    "ending_value": ("Ending value", "money"),
    "net_gain": ("Net gain", "money"),
    "monthly_income_end": ("Monthly net income, last year", "money"),
    "yield_on_cost_pct": ("Yield on cost, last year", "percent"),
    "irr_pct": ("IRR (annualised)", "percent"),
    "breakeven_month": ("Break-even", "month"),
    "total_hours": ("Your hours", "hours"),
    "hourly_rate": ("Net gain per hour", "money"),
    "real_ending_value": ("Ending value, today's money", "money"),
    "real_monthly_income_end": ("Monthly net income, today's money", "money"),
}


# Summary lines in groups, in the order a person reads them; a method's own figures join "The result".
SUMMARY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Money in and out",
        (
            "total_contributed",
            "total_income",
            "total_costs",
            "total_taxes",
            "total_payout",
            "total_reinvested",
            "total_returned",
        ),
    ),
    (
        "The result",
        (
            "ending_value",
            "net_gain",
            "monthly_income_end",
            "yield_on_cost_pct",
            "irr_pct",
            "breakeven_month",
            "real_ending_value",
            "real_monthly_income_end",
        ),
    ),
    ("Your time", ("total_hours", "hourly_rate")),
)
# Money-in-and-out lines shown even when zero (the others are left out then).
ALWAYS_SHOWN = {"total_contributed", "total_income"}
# The figure a summary emphasises on a terminal.
KEY_FIGURE = "monthly_income_end"

# The words of a projection's table (catalogue keys: English texts with {placeholders}).
TITLES = {"year": "{name}: {span}, {currency}, by year", "month": "{name}: {span}, {currency}, by month"}
# English says "columns" for one column too.
MORE_COLUMNS = "{n} more columns: --all-columns shows them, --columns picks (names as in --format csv)."
IRR_OVER = "over {value}"

# Width of a console whose output is not a terminal: wide enough that a table takes its natural width.
NATURAL = 100_000


def console(stream: io.StringIO, color: bool, width: int | None) -> Console:
    """A console writing to stream: `width` columns (a terminal's), or None for natural width (pipes, files)."""
    return Console(
        file=stream,
        width=width or NATURAL,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,  # names and values print as typed: "[red]a" is a name, not a colour
    )


# An IRR above this many percent a year is shown as "over ..." in tables.
IRR_SHOWN_UP_TO = 1000

# Words kept in capitals in column headers.
ACRONYMS = {
    "roas": "ROAS",
    "cpa": "CPA",
    "lp": "LP",
    "hodl": "HODL",
    "nar": "NAR",
    "ku": "KU",
    "apy": "APY",
    "apr": "APR",
    "il": "IL",
    "rpm": "RPM",
    "irr": "IRR",
}


def header(name: str) -> str:
    """`breakeven_roas` -> 'Breakeven ROAS', `yield_on_cost_pct` -> 'Yield on cost' (its values carry the %)."""
    words = name.removesuffix("_pct").split("_")
    words = [ACRONYMS.get(word, word) for word in words]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def rows_table(
    rows: list[dict],
    units: Mapping[str, str],
    currency: str,
    title: str | None = None,
    names: Sequence[str] | None = None,
    said: Words | None = None,
) -> Table:
    """Period rows as a table: the columns named (CSV names), else every column not zero in every row.

    Each column has one number of decimals (column_decimals): money whole
    from 1,000 up, else in minor units; counts whole where they are whole.
    said: the words and numbers (None: English).
    """
    w = said or Words("en", currency)
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    if names is None:
        shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    else:
        shown = list(names)
    table = Table(title=title, title_justify="left", header_style="bold")
    for label in labels:
        table.add_column(w.t(header(label)), justify="right")
    headers = [header(name) for name in shown]
    for name, text in zip(shown, headers, strict=True):
        # A percent column beside a money column of the same name ('Impermanent loss') keeps its %.
        clash = name.endswith("_pct") and headers.count(text) > 1
        table.add_column(f"{w.t(text)} %" if clash else w.t(text), justify="right")
    # Small amounts (a dividend per share) keep their cents; large ones read better without.
    decimals = {name: column_decimals([row[name] for row in rows], units[name]) for name in shown}
    body = [
        [
            *(str(row[label]) if label == "date" else w.integer(row[label]) for label in labels),
            *(w.number(row[name], units[name], decimals.get(name)) for name in shown),
        ]
        for row in rows
    ]
    for cells in body:
        table.add_row(*cells)
    if not w.english:
        headed_by_figures(table, body)
    return table


def headed_by_figures(table: Table, body: list[list[str]]) -> None:
    """Columns as wide as their figures, their headings wrapped at words under them (never a word cut).

    For a language whose headings run longer than English's (Arabic: 'المبالغ المردودة للعملاء' for
    'Refunds'), so that its default columns fit a terminal as the English ones do; figures are never wrapped.
    """
    for index, column in enumerate(table.columns):
        words = str(column.header).split()
        figures = [cell_len(cells[index]) for cells in body]
        column.max_width = max([*(cell_len(word) for word in words), *figures, 1])


def summary_table(
    summary: dict,
    currency: str,
    units: Mapping[str, str] | None = None,
    color: bool = False,
    said: Words | None = None,
) -> Table:
    """The summary as label / value lines in groups (money in and out; the result; your time), the key figure bold on a terminal.

    Money-in-and-out lines that are zero are left out, and so is the time
    group without hours; `units` for figures beyond the standard ones (a
    method's metrics, shown with the result). said: the words and numbers (None: English).
    """
    w = said or Words("en", currency)
    table = Table(show_header=False, box=None, padding=(0, 0, 0, 2))
    table.add_column("metric")
    table.add_column("value", justify="right")
    known = {key for _, keys in SUMMARY_GROUPS for key in keys}
    extra = tuple(key for key in summary if key not in known)
    for group, keys in SUMMARY_GROUPS:
        if group == "The result":
            keys = (*keys, *extra)
        present = [key for key in keys if key in summary]
        if group == "Money in and out":
            present = [key for key in present if key in ALWAYS_SHOWN or abs(summary[key] or 0.0) > 1e-9]
        if group == "Your time" and not (summary.get("total_hours") or 0.0) > 0:
            present = []
        if not present:
            continue
        table.add_row(Text(w.t(group), style="bold" if color else ""), "")
        for key in present:
            value = summary[key]
            label, unit = SUMMARY_LABELS.get(key, (header(key), (units or {}).get(key, "money")))
            label = w.t(label)
            if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
                # Exact (the JSON has it), but beyond this an annual rate says only that little money went in.
                table.add_row(f"  {label}", w.say(IRR_OVER, value=w.percent(IRR_SHOWN_UP_TO, 0)))
                continue
            text = w.number(value, unit, decimals=2 if unit in ("money", "hours") else None)
            style = "bold" if color and key == KEY_FIGURE else ""
            table.add_row(Text(f"  {label}", style=style), Text(text, style=style))
    return table


def scenario_table(
    scenario: Scenario,
    period: RowPeriod,
    color: bool = False,
    width: int | None = None,
    columns: Sequence[str] | None = None,
    all_columns: bool = False,
    plot: bool = False,
    answer: bool = True,
    lang: str | None = "en",
) -> str:
    """One projection: the answer in a sentence, the title, the period table fitted to the width, the summary, the tax line.

    columns / all_columns: as --columns / --all-columns (render/columns.py);
    plot: charts of net income and value over the years under it. lang: the
    words' language (None: PASSIVECALC_LANG, else English).
    """
    from passivecalc.render.answer import scenario_answer

    projection = scenario.projection
    w = words(lang, projection.currency)
    stream = io.StringIO()
    out = console(stream, color, width)
    span = w.count(projection.years, *YEARS)
    rows = projection.rows(period)
    units = projection.units()
    available = list(units)
    names = chosen_columns(scenario.method, rows, available, columns, all_columns)
    if answer:
        out.print(Text(w.fill(scenario_answer(scenario, w), out.width), style="bold" if color else ""))
        out.print()
    title = w.say(TITLES[period], name=scenario.name, span=span, currency=projection.currency)
    out.print(Text(title, style="bold" if color else ""))
    table = rows_table(rows, units, projection.currency, names=names, said=w)
    labels = sum(1 for k in ("year", "month", "date") if rows and k in rows[0])
    print_fitted(out, table, keep=labels + 1, said=w)
    hidden = [name for name in chosen_columns(scenario.method, rows, available, None, True) if name not in names]
    if hidden and not columns:
        out.print(w.count(len(hidden), MORE_COLUMNS, MORE_COLUMNS))
    summary = projection.summary()
    out.print(summary_table(summary, projection.currency, projection.metric_units(), color=color, said=w))
    out.print(w.t(tax_line(projection.after_tax)))
    if summary.get("ending_value"):
        out.print(w.t(SALE_TAX_NOTE))
    if money_only_irr(summary):
        out.print(w.t(IRR_NOTE))
    if plot:
        from passivecalc.render.chart import projection_charts

        for drawn in projection_charts(projection, color, width, said=w):
            out.print()
            out.print(drawn)
    return trimmed(stream.getvalue())


def trimmed(text: str) -> str:
    """Text with trailing spaces off each line (a table's padding); escape codes kept."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


# Under a summary with something owned at the end: the ending value is what it would sell for, before tax.
SALE_TAX_NOTE = "The ending value is before any tax on selling what you own."

# Beside an effort method's IRR on little money: the rate leaves the hours out.
IRR_NOTE = "The IRR measures money only, not your hours: --hour-value prices your time."


def money_only_irr(summary: dict) -> bool:
    """Whether the IRR needs IRR_NOTE: hours were worked, the rate is over 100 %, and no hour value was given."""
    irr, hours = summary.get("irr_pct"), summary.get("total_hours") or 0
    return hours > 0 and irr is not None and irr > 100 and "irr_after_time_pct" not in summary


def tax_line(after_tax: bool) -> str:
    return "Figures are after the tax rate given." if after_tax else "Figures are before tax (no tax rate given)."


def guide_table(rows: list[dict], advice: str | None, color: bool, width: int | None = None, wide: bool = False) -> str:
    """The methods guide: compact (one line a method: command, method, risk, return), or `wide` the full table.

    Ranked, with a Why column and the advice line under it, when advice is
    given; one row alone (`passivecalc methods METHOD`) is shown whole, as
    label / text lines. Command names are never wrapped or cut; prose wraps.
    """
    stream = io.StringIO()
    out = console(stream, color, width)
    ranked = advice is not None
    if len(rows) == 1 and not wide:
        out.print(guide_card(rows[0], color))
    elif wide:
        out.print(_guide_wide(rows, ranked))
    else:
        grid = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
        if ranked:
            grid.add_column("#", justify="right", no_wrap=True)
        grid.add_column("Command", no_wrap=True, min_width=14)
        if not ranked:
            grid.add_column("Method", ratio=2)
        grid.add_column("Risk", no_wrap=True)
        grid.add_column("Why" if ranked else "Typical return", ratio=3)
        for row in rows:
            commands = "\n".join(
                command.removeprefix("passivecalc ") for command in row["commands"].split(" passivecalc ")
            )
            cells = (
                [commands]
                + ([] if ranked else [row["method"]])
                + [row["risk"], row["why"] if ranked else row["typical_return"]]
            )
            if ranked:
                cells = [str(row["rank"]) if row["rank"] is not None else "–", *cells]
            grid.add_row(*cells)
        out.print(grid)
        out.print(
            "More on one method: passivecalc methods METHOD (e.g. passivecalc methods dividend); every column: --wide."
        )
    if ranked:
        out.print(advice)
    return trimmed(stream.getvalue())


def guide_card(row: dict, color: bool) -> Table:
    """One method of the guide, whole: what it takes, returns, risks, how passive, and its commands."""
    card = Table(
        show_header=False,
        box=None,
        padding=(0, 1, 0, 0),
        title=row["method"],
        title_justify="left",
        title_style="bold" if color else "",
    )
    card.add_column("label", no_wrap=True)
    card.add_column("text")
    card.add_row("Commands", row["commands"].replace(" passivecalc ", ", passivecalc "))
    card.add_row(
        "Takes", f"capital {row['capital']}; {row['hours_up_front']} h up front, {row['hours_per_month']} h a month"
    )
    card.add_row("Typical return", row["typical_return"])
    card.add_row("Main risks", row["main_risks"])
    card.add_row("How passive", row["how_passive"])
    card.add_row("Risk", row["risk"])
    if row.get("why"):
        card.add_row("For you", row["why"])
    return card


def _guide_wide(rows: list[dict], ranked: bool) -> Table:
    """Every column of the guide, a row a method (--wide)."""
    grid = Table(header_style="bold", show_lines=True)
    if ranked:
        grid.add_column("#", justify="right")
    for name in ("Method", "Takes", "Typical return", "Main risks", "How passive", "Risk"):
        grid.add_column(name)
    if ranked:
        grid.add_column("Why", ratio=None)
    for row in rows:
        cells = [
            f"{row['method']}\n{row['commands']}",
            f"capital {row['capital']}\n{row['hours_up_front']} h up front\n{row['hours_per_month']} h a month",
            row["typical_return"],
            row["main_risks"],
            row["how_passive"],
            row["risk"],
        ]
        if ranked:
            cells = [str(row["rank"]) if row["rank"] is not None else "–", *cells, row["why"]]
        grid.add_row(*cells)
    return grid


# Group headings of the summary, and the notes under it, for the catalogue's test.
TEXTS = (
    *TITLES.values(),
    IRR_OVER,
    *(group for group, _keys in SUMMARY_GROUPS),
    SALE_TAX_NOTE,
    IRR_NOTE,
    tax_line(True),
    tax_line(False),
)
PLURALS = (YEARS, (MORE_COLUMNS, MORE_COLUMNS))


# -- one handler per result type -------------------------------------------------


@functools.singledispatch
def render(result: object, options: RenderOptions) -> str:
    raise TypeError(f"the table format cannot show a {type(result).__name__}")


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> str:
    text = scenario_table(
        result.scenario,
        options.rows,
        color=options.color,
        width=options.width,
        columns=options.columns,
        all_columns=options.all_columns,
        plot=options.plot,
        lang=options.lang,
    )
    if result.risk is None:
        return text
    from passivecalc.render.riskline import risk_text
    from passivecalc.risk import RiskSummary

    assert isinstance(result.risk, RiskSummary)
    return f"{text}{risk_text(result.risk, words(options.lang, result.risk.currency), options.width)}\n"


@render.register(ComparisonResult)
def _comparison(result: ComparisonResult, options: RenderOptions) -> str:
    if not result.side_by_side:
        return "\n".join(
            scenario_table(s, options.rows, color=options.color, width=options.width, lang=options.lang)
            for s in result.scenarios
        )
    from passivecalc.render.compare import compare_table

    return compare_table(
        list(result.scenarios), options.chart, color=options.color, width=options.width, lang=options.lang
    )


@render.register(GridResult)
def _grid(result: GridResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import grid_table

    return grid_table(
        list(result.scenarios),
        result.axes,
        result.metric,
        color=options.color,
        width=options.width,
        lang=options.lang,
    )


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import portfolio_table

    return portfolio_table(
        result.portfolio, options.rows, options.chart, color=options.color, width=options.width, lang=options.lang
    )


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import simulation_table

    return simulation_table(
        result.name,
        result.simulation,
        color=options.color,
        width=options.width,
        chart=options.chart is not None,
        lang=options.lang,
    )


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import comparison_table

    named = [(item.name, item.simulation) for item in result.items]
    return comparison_table(
        named, color=options.color, width=options.width, chart=options.chart is not None, lang=options.lang
    )


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> str:
    """The answer's sentence heads the projection at the answer."""
    from passivecalc.render.goal import goal_sentence

    table = scenario_table(
        result.scenario,
        options.rows,
        color=options.color,
        width=options.width,
        columns=options.columns,
        all_columns=options.all_columns,
        answer=False,
        lang=options.lang,
    )
    sentence = goal_sentence(result, options.lang)
    if options.width is not None:  # a terminal's: another language than English is wrapped to it
        sentence = words(options.lang, result.currency).fill(sentence, options.width)
    return f"{sentence}\n\n{table}"


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> str:
    from passivecalc.render import guide_text  # another language, or sharia notes

    if guide_text.wanted(result, options):
        return guide_text.guide_text(result, options)
    return guide_table(result.rows, result.advice, color=options.color, width=options.width, wide=options.wide)


# -- the history back-test (layouts in render/history.py) --------------------------

from passivecalc.result import BacktestResult, HistoryGoalResult, HistoryStartResult  # noqa: E402


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> str:
    from passivecalc.render.history import backtest_table

    return backtest_table(result, color=options.color, width=options.width, lang=options.lang)


@render.register(HistoryStartResult)
def _history_start(result: HistoryStartResult, options: RenderOptions) -> str:
    from passivecalc.render.history import start_table

    return start_table(result, options.rows, color=options.color, width=options.width, lang=options.lang)


@render.register(HistoryGoalResult)
def _history_goal(result: HistoryGoalResult, options: RenderOptions) -> str:
    from passivecalc.render.history import goal_table

    return goal_table(result, options.rows, color=options.color, width=options.width, lang=options.lang)
