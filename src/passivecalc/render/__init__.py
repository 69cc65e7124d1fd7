"""One output switch, one dispatcher: a result rendered as table, CSV or JSON, as text.

Renderers format; they never compute finance. The CLI decides where the text
goes (stdout, or a file written whole) and whether colour is on.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from passivecalc.result import Scenario


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Period(str, Enum):
    year = "year"
    month = "month"


def format_for(output: Path | None, given: Format | None) -> Format:
    """The format asked for, else the one the output file's extension names, else a table."""
    if given is not None:
        return given
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("csv", "json"):
            return Format(suffix)
    return Format.table


def render(scenario: Scenario, fmt: Format, period: Period, color: bool = False, width: int | None = None) -> str:
    if fmt is Format.csv:
        from passivecalc.render.csv import scenario_csv

        return scenario_csv(scenario, period.value)
    if fmt is Format.json:
        from passivecalc.render.json import scenario_json

        return scenario_json(scenario, period.value)
    from passivecalc.render.table import scenario_table

    return scenario_table(scenario, period.value, color=color, width=width)
