"""The CSV format: a header row, then one row per period (tidy: one per scenario and period for several); plain numbers that parse back exactly.

`render(result, options)` dispatches on the result's type: one handler per result type below.
"""

from __future__ import annotations

import csv
import functools
import io
import math

from passivecalc.render import RenderOptions, RowPeriod
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


def scenario_csv(scenario: Scenario, period: RowPeriod) -> str:
    return rows_csv(scenario.projection.rows(period))


def rows_csv(rows: list[dict], leading: dict[str, object] | None = None) -> str:
    """Rows of dicts as CSV text; `leading` columns (e.g. scenario name) go first on every row."""
    buffer = io.StringIO()
    if not rows:
        return ""
    header = [*(leading or {}), *rows[0]]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([plain_number(v) for v in [*(leading or {}).values(), *row.values()]])
    return buffer.getvalue()


# Significant digits a CSV number keeps: exact to the cent below ten billion (10 digits before the point, 2
# after), and short of the last digits where floating-point sums leave their noise (1001.2500000000001 -> 1001.25).
CSV_DIGITS = 12


def plain_number(value: object) -> object:
    """Floats rounded to CSV_DIGITS significant digits, in their shortest form, no -0; everything else as it is.

    JSON keeps every float whole; a CSV is for spreadsheets and people, where
    floating-point noise only gets in the way.
    """
    if isinstance(value, float):
        if value == 0:
            return "0.0"
        if not math.isfinite(value):
            return repr(value)
        return repr(float(f"{value:.{CSV_DIGITS}g}"))
    return value


# -- one handler per result type -------------------------------------------------


@functools.singledispatch
def render(result: object, options: RenderOptions) -> str:
    raise TypeError(f"the csv format cannot show a {type(result).__name__}")


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> str:
    return scenario_csv(result.scenario, options.rows)


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> str:
    """The projection at the answer; the answer's sentence goes beside the data (the CLI prints it on stderr)."""
    return scenario_csv(result.scenario, options.rows)


@render.register(ComparisonResult)
@render.register(GridResult)
def _scenarios(result: ComparisonResult | GridResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import compare_csv

    return compare_csv(list(result.scenarios), options.rows, wide=options.wide)


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import portfolio_csv

    return portfolio_csv(result.portfolio, options.rows)


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import simulation_csv

    return simulation_csv(result.simulation)


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import comparison_csv

    return comparison_csv([(item.name, item.simulation) for item in result.items])


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> str:
    return rows_csv(result.rows)


# -- the history back-test (layouts in render/history.py) --------------------------

from passivecalc.result import BacktestResult, HistoryGoalResult, HistoryStartResult  # noqa: E402


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> str:
    from passivecalc.render.history import backtest_rows

    return rows_csv(backtest_rows(result))


@render.register(HistoryStartResult)
@render.register(HistoryGoalResult)
def _history_rows(result: HistoryStartResult | HistoryGoalResult, options: RenderOptions) -> str:
    """One start's rows (the goal's sentence goes to stderr, as the goal command's does)."""
    return scenario_csv(result.scenario, options.rows)
