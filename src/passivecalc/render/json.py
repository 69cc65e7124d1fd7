"""JSON: {"method", "params", "summary", "rows"}; null, never NaN."""

from __future__ import annotations

import json
import math

from passivecalc.result import Scenario


def scenario_dict(scenario: Scenario, period: str) -> dict:
    projection = scenario.projection
    return {
        "method": scenario.method,
        "params": scenario.params_dict(),
        "summary": projection.summary(),
        "after_tax": projection.after_tax,
        "notes": list(projection.notes),
        "rows": projection.rows(period),
    }


def scenario_json(scenario: Scenario, period: str) -> str:
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
