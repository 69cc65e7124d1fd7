"""The table format: results for people, as rich tables (money right-aligned, thousands separators, the symbol).

`render(result, options)` dispatches on the result's type: one handler per
result type below. Several-scenario layouts live in compare.py, Monte Carlo
ones in risk.py; this module picks the one each result needs.
"""

from __future__ import annotations

import functools
import io
import shutil
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from passivecalc.render import RenderOptions, RowPeriod
from passivecalc.render.numbers import money, number
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

__all__ = ["render", "money", "number", "console", "header", "rows_table", "summary_table", "scenario_table", "tax_line"]

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


def console(stream: io.StringIO, color: bool, width: int | None) -> Console:
    return Console(
        file=stream,
        width=width or 200,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )


# An IRR above this many percent a year is shown as "over ..." in tables.
IRR_SHOWN_UP_TO = 1000

# Words kept in capitals in column headers.
ACRONYMS = {"roas": "ROAS", "cpa": "CPA", "lp": "LP", "hodl": "HODL", "nar": "NAR", "ku": "KU", "apy": "APY", "apr": "APR", "il": "IL", "rpm": "RPM", "irr": "IRR"}


def header(name: str) -> str:
    """`breakeven_roas` -> 'Breakeven ROAS', `yield_on_cost_pct` -> 'Yield on cost' (its values carry the %)."""
    words = name.removesuffix("_pct").split("_")
    words = [ACRONYMS.get(word, word) for word in words]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def rows_table(rows: list[dict], units: Mapping[str, str], currency: str, title: str | None = None) -> Table:
    """Period rows as a table; columns that are zero in every row are left out."""
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    table = Table(title=title, title_justify="left", header_style="bold")
    for label in labels:
        table.add_column(header(label), justify="right")
    headers = [header(name) for name in shown]
    for name, text in zip(shown, headers, strict=True):
        # A percent column beside a money column of the same name ('Impermanent loss') keeps its %.
        clash = name.endswith("_pct") and headers.count(text) > 1
        table.add_column(f"{text} %" if clash else text, justify="right")
    # Small amounts (a dividend per share) keep their cents; large ones read better without.
    decimals = {name: 0 if max(abs(row[name]) for row in rows) >= 1000 else 2 for name in shown if units[name] == "money"}
    for row in rows:
        table.add_row(
            *(str(row[label]) for label in labels),
            *(number(row[name], units[name], currency, decimals.get(name)) for name in shown),
        )
    return table


def summary_table(summary: dict, currency: str, units: Mapping[str, str] | None = None) -> Table:
    """The summary as label / value lines; `units` for figures beyond the standard ones (a method's metrics)."""
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        label, unit = SUMMARY_LABELS.get(key, (header(key), (units or {}).get(key, "money")))
        if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
            # Exact (the JSON has it), but beyond this an annual rate says only that little money went in.
            table.add_row(label, f"over {IRR_SHOWN_UP_TO:,} %")
            continue
        table.add_row(label, number(value, unit, currency, decimals=2 if unit in ("money", "hours") else None))
    return table


def scenario_table(scenario: Scenario, period: RowPeriod, color: bool = False, width: int | None = None) -> str:
    projection = scenario.projection
    stream = io.StringIO()
    out = console(stream, color, width)
    span = "1 year" if projection.years == 1 else f"{projection.years} years"
    title = f"{scenario.name}: {span}, {projection.currency}, by {period}"
    out.print(rows_table(projection.rows(period), projection.units(), projection.currency, title))
    out.print(summary_table(projection.summary(), projection.currency, projection.metric_units()))
    out.print(tax_line(projection.after_tax))
    return stream.getvalue()


def tax_line(after_tax: bool) -> str:
    return "Figures are after the tax rate given." if after_tax else "Figures are before tax (no tax rate given)."


def guide_table(rows: list[dict], advice: str | None, color: bool, width: int | None = None) -> str:
    """The methods guide as a rich table; ranked, with a Why column and the advice line under it, when advice is given."""
    ranked = advice is not None
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
    stream = io.StringIO()
    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if color else 160
    out = console(stream, color, width)
    out.print(grid)
    if ranked:
        out.print(advice)
    return stream.getvalue()


# -- one handler per result type -------------------------------------------------


@functools.singledispatch
def render(result: object, options: RenderOptions) -> str:
    raise TypeError(f"the table format cannot show a {type(result).__name__}")


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> str:
    return scenario_table(result.scenario, options.rows, color=options.color, width=options.width)


@render.register(ComparisonResult)
def _comparison(result: ComparisonResult, options: RenderOptions) -> str:
    if not result.side_by_side:
        return "\n".join(scenario_table(s, options.rows, color=options.color, width=options.width) for s in result.scenarios)
    from passivecalc.render.compare import compare_table

    return compare_table(list(result.scenarios), options.chart, color=options.color, width=options.width)


@render.register(GridResult)
def _grid(result: GridResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import grid_table

    return grid_table(list(result.scenarios), result.axes, result.metric, color=options.color, width=options.width)


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import portfolio_table

    return portfolio_table(result.portfolio, options.rows, options.chart, color=options.color, width=options.width)


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import simulation_table

    return simulation_table(result.name, result.simulation, color=options.color, width=options.width, chart=options.chart is not None)


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import comparison_table

    named = [(item.name, item.simulation) for item in result.items]
    return comparison_table(named, color=options.color, width=options.width, chart=options.chart is not None)


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> str:
    """The answer's sentence heads the projection at the answer."""
    from passivecalc.render.goal import goal_sentence

    table = scenario_table(result.scenario, options.rows, color=options.color, width=options.width)
    return f"{goal_sentence(result)}\n\n{table}"


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> str:
    from passivecalc.render import guide_text  # another language, or sharia notes

    if guide_text.wanted(result, options):
        return guide_text.guide_text(result, options)
    return guide_table(result.rows, result.advice, color=options.color, width=options.width)


# -- the history back-test (layouts in render/history.py) --------------------------

from passivecalc.result import BacktestResult, HistoryGoalResult, HistoryStartResult  # noqa: E402


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> str:
    from passivecalc.render.history import backtest_table

    return backtest_table(result, color=options.color, width=options.width)


@render.register(HistoryStartResult)
def _history_start(result: HistoryStartResult, options: RenderOptions) -> str:
    from passivecalc.render.history import start_table

    return start_table(result, options.rows, color=options.color, width=options.width)


@render.register(HistoryGoalResult)
def _history_goal(result: HistoryGoalResult, options: RenderOptions) -> str:
    from passivecalc.render.history import goal_table

    return goal_table(result, options.rows, color=options.color, width=options.width)
