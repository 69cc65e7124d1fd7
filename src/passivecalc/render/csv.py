"""CSV: a header row, then one row per period; plain numbers that parse back exactly."""

from __future__ import annotations

import csv
import io

from passivecalc.result import Scenario


def scenario_csv(scenario: Scenario, period: str) -> str:
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


def plain_number(value: object) -> object:
    """Floats in their shortest exact form, no -0; everything else as it is."""
    if isinstance(value, float):
        if value == 0:
            return "0.0"
        return repr(value)
    return value
