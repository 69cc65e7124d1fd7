"""`passivecalc methods`: the guide to the eight methods, ranked for a person's situation when one is given."""

from __future__ import annotations

import io
import shutil
from typing import Any

from passivecalc.cli.app import TOOLS_PANEL, app, user_errors
from passivecalc.cli.build import model_parameters, with_signature
from passivecalc.cli.methods import keyword
from passivecalc.cli.options import FormatOption, OutputOption
from passivecalc.cli.output import check_output, color_on, emit
from passivecalc.guide import Situation, advice, rows
from passivecalc.params import build
from passivecalc.render import Format, format_for

HELP = (
    "Guide to the eight methods: what each takes, typical returns, main risks, how passive it is, and the command "
    "that models it. Give --capital, --hours-per-week or --risk to rank the methods that fit you, and why."
)


def methods(**values: Any) -> None:
    output = values.pop("output")
    fmt = values.pop("format")
    with user_errors():
        check_output(output)
        situation = build(Situation, values)
        table = rows(situation)
        fmt = format_for(output, fmt)
        if fmt is Format.csv:
            from passivecalc.render.csv import rows_csv

            text = rows_csv(table)
        elif fmt is Format.json:
            from passivecalc.render.json import dumps

            situation_given = situation.model_dump(mode="json") if situation.given else None
            text = dumps({"situation": situation_given, "methods": table, "advice": advice(situation)})
        else:
            text = guide_table(table, advice(situation), color=color_on() and output is None)
        emit(text, output)


def guide_table(table: list[dict], advice: str | None, color: bool) -> str:
    """The guide as a rich table; ranked, with a Why column and the advice line under it, when advice is given."""
    from rich.table import Table

    from passivecalc.render.table import console

    ranked = advice is not None
    grid = Table(header_style="bold", show_lines=True)
    if ranked:
        grid.add_column("#", justify="right")
    for name in ("Method", "Takes", "Typical return", "Main risks", "How passive", "Risk"):
        grid.add_column(name)
    if ranked:
        grid.add_column("Why", ratio=None)
    for row in table:
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
    width = shutil.get_terminal_size((160, 24)).columns if color else 160
    out = console(stream, color, width)
    out.print(grid)
    if ranked:
        out.print(advice)
    return stream.getvalue()


app.command(name="methods", help=HELP, rich_help_panel=TOOLS_PANEL)(
    with_signature(
        methods,
        [
            *model_parameters(Situation, "Your situation"),
            keyword("format", None, FormatOption),
            keyword("output", None, OutputOption),
        ],
    )
)
