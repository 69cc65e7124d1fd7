"""The JSON format: {"method", "params", "summary", "rows"} for a projection (and its kin for other results); null, never NaN.

`render(result, options)` dispatches on the result's type: one handler per result type below.
"""

from __future__ import annotations

import functools
import json
import math
from typing import Any

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
    params_json,
)


def scenario_dict(scenario: Scenario, period: RowPeriod) -> dict:
    projection = scenario.projection
    return {
        "method": scenario.method,
        "params": params_json(scenario.params),
        "summary": projection.summary(),
        "after_tax": projection.after_tax,
        "notes": list(projection.notes),
        "rows": projection.rows(period),
    }


def scenario_json(scenario: Scenario, period: RowPeriod) -> str:
    return dumps(scenario_dict(scenario, period))


def dumps(data: object) -> str:
    return json.dumps(_finite(data), indent=2, allow_nan=False) + "\n"


def _finite(data: object) -> object:
    """Replace any non-finite float by None, recursively (a last guard: results should have none)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


def simulation_params(result: SimulationResult) -> dict[str, Any]:
    """A simulated scenario's parameters; for a portfolio, each stream's routing and parameters."""
    if result.params is not None:
        return params_json(result.params)
    return {
        "streams": {
            s.name: {
                "method": s.method.name,
                "start_month": s.start_month,
                "fund_from": s.fund_from,
                "share": s.share if s.fund_from else None,
                "params": params_json(s.params),
            }
            for s in result.streams
        }
    }


# -- one handler per result type -------------------------------------------------


@functools.singledispatch
def render(result: object, options: RenderOptions) -> str:
    raise TypeError(f"the json format cannot show a {type(result).__name__}")


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> str:
    data = scenario_dict(result.scenario, options.rows)
    as_dict = getattr(result.risk, "as_dict", None)
    if callable(as_dict):
        data["risk"] = as_dict()  # after the summary's neighbours, before nothing: rows stay last to read
        data = {key: data[key] for key in [k for k in data if k != "rows"] + ["rows"]}
    return dumps(data)


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> str:
    from passivecalc.render.goal import goal_sentence

    return dumps({"goal": result.answer.as_dict(goal_sentence(result)), **scenario_dict(result.scenario, options.rows)})


@render.register(ComparisonResult)
def _comparison(result: ComparisonResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import compare_json

    return compare_json(list(result.scenarios), options.rows)


@render.register(GridResult)
def _grid(result: GridResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import compare_json

    return compare_json(list(result.scenarios), options.rows, result.axes, result.metric)


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> str:
    from passivecalc.render.compare import portfolio_json

    return portfolio_json(result.portfolio, options.rows)


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import simulation_dict

    return dumps(
        {"method": result.method, "params": simulation_params(result), "simulation": simulation_dict(result.simulation)}
    )


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> str:
    from passivecalc.render.risk import simulation_dict

    scenarios = [
        {
            "name": item.name,
            "method": item.method,
            "params": simulation_params(item),
            "simulation": simulation_dict(item.simulation),
        }
        for item in result.items
    ]
    return dumps({"scenarios": scenarios})


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> str:
    situation = result.situation.model_dump(mode="json") if result.situation is not None else None
    return dumps({"situation": situation, "methods": result.rows, "advice": result.advice})


# -- the history back-test (layouts in render/history.py) --------------------------

from passivecalc.result import BacktestResult, HistoryGoalResult, HistoryStartResult  # noqa: E402


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> str:
    from passivecalc.render.history import backtest_dict

    return dumps(backtest_dict(result))


@render.register(HistoryStartResult)
def _history_start(result: HistoryStartResult, options: RenderOptions) -> str:
    return dumps({"start": result.start, **scenario_dict(result.scenario, options.rows)})


@render.register(HistoryGoalResult)
def _history_goal(result: HistoryGoalResult, options: RenderOptions) -> str:
    from passivecalc.render.history import goal_dict

    return dumps(goal_dict(result, options.rows))
