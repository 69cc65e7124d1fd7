"""What a command produces: one typed result per kind of answer, handed whole to `render(result, fmt, options)`.

A result holds what was computed (projections, simulations, an answer) and
what was asked that shapes the answer (a grid's metric); never formatted text.
How it is shown (period, colour, width, chart) is a `RenderOptions`.

    Scenario                    one projected scenario: its name, method, parameters and projection
    ProjectionResult            a single projection (a method command, a goal's answer's projection)
    ComparisonResult            several scenarios: compare, run, a one-key --vary
    GridResult                  a two-key --vary: the scenarios, row by row, and the metric the grid shows
    PortfolioResult             streams projected together (portfolio.Portfolio)
    SimulationResult            --simulate on one method, or on a portfolio's total
    SimulatedComparisonResult   compare --simulate, --vary with --simulate
    GoalResult                  goal: the answer and the projection at the answer
    GuideResult                 methods: the guide's rows, ranked when a situation is given
    BacktestResult              dividend --history: the plan replayed from every historical start
    HistoryStartResult          dividend --history --start-at: one historical start's projection
    HistoryGoalResult           goal dividend --history: the lever with which a share of starts reach a target

A new kind of result (a history back-test, a report) is a frozen dataclass
here plus one handler registered in each format module of render/ that can
show it; a format without a handler says so in one line (see render).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from passivecalc.params import Params
from passivecalc.projection import Projection

if TYPE_CHECKING:
    from passivecalc.goals import Answer
    from passivecalc.guide import Situation
    from passivecalc.history import HistoryGoal, HistoryResult
    from passivecalc.portfolio import Portfolio, Stream
    from passivecalc.risk import Simulation


def params_json(params: Params) -> dict[str, Any]:
    """The parameters under the user's keys (`yield`, not `yield_`) as JSON values: the one params dump of every output."""
    return params.model_dump(mode="json", by_alias=True)


@dataclass(frozen=True)
class Scenario:
    """One projected scenario. name: how the user calls it (a column of compare); method: the method's name."""

    name: str
    method: str
    params: Params
    projection: Projection

    def params_dict(self) -> dict[str, Any]:
        """The parameters under the user's keys, as JSON-friendly values (see params_json)."""
        return params_json(self.params)


@dataclass(frozen=True)
class ProjectionResult:
    """A single projection. risk: a seeded risk summary shown with it (None: none asked for or computed)."""

    scenario: Scenario
    risk: object | None = None


@dataclass(frozen=True)
class ComparisonResult:
    """Several projected scenarios (names unique). side_by_side False: shown one after another, as `run` does."""

    scenarios: tuple[Scenario, ...]
    side_by_side: bool = True


@dataclass(frozen=True)
class GridResult:
    """A two-key sweep: scenarios row by row (first key's values the rows), axes ((key, values), (key, values)).

    metric: the summary key the grid's cells show (e.g. monthly_income_end).
    """

    scenarios: tuple[Scenario, ...]
    axes: tuple[tuple[str, tuple[Any, ...]], ...]
    metric: str = "monthly_income_end"


@dataclass(frozen=True)
class PortfolioResult:
    """Several streams projected together, money routed between them."""

    portfolio: Portfolio


@dataclass(frozen=True)
class SimulationResult:
    """Monte Carlo percentiles of one scenario, or of a portfolio's total.

    One scenario: method is its name and params its parameters. A portfolio:
    method is "portfolio", params None and streams the portfolio's streams.
    """

    name: str
    method: str
    simulation: Simulation
    params: Params | None = None
    streams: tuple[Stream, ...] = ()


@dataclass(frozen=True)
class SimulatedComparisonResult:
    """Several simulated scenarios on the same seed (each sees the same draws)."""

    items: tuple[SimulationResult, ...]


@dataclass(frozen=True)
class GoalResult:
    """A goal's answer (the lever's value, what it achieves) and the projection at the answer, named `name`.

    currency: how money in the answer's sentence is written.
    """

    answer: Answer
    scenario: Scenario
    currency: str = "USD"


@dataclass(frozen=True)
class GuideResult:
    """The methods guide: one row per method (guide.rows), the situation when one was given, and the advice line."""

    rows: list[dict[str, Any]]
    situation: Situation | None = None
    advice: str | None = None


@dataclass(frozen=True)
class BacktestResult:
    """A plan replayed on Shiller's S&P 500 data from every start month that fits (history.HistoryResult).

    name: the method's name; target: real monthly net income to reach (money of
    each start month), None when no success rate was asked for.
    """

    name: str
    history: HistoryResult
    target: float | None = None


@dataclass(frozen=True)
class HistoryStartResult:
    """One historical start's standard projection (`--start-at YYYY-MM`): the scenario and its start month."""

    scenario: Scenario
    start: str


@dataclass(frozen=True)
class HistoryGoalResult:
    """A goal at a historical confidence: the answer (history.HistoryGoal), and the projection of the median start at it.

    confidence: percent of starts that must reach the target; start: the median
    start month whose rows `scenario` holds; currency: how money is written.
    """

    goal: HistoryGoal
    confidence: float
    scenario: Scenario
    start: str
    currency: str = "USD"
