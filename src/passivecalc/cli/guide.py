"""`passivecalc methods`: the guide to the eight methods, ranked for a person's situation when one is given."""

from __future__ import annotations

import functools
import inspect
from typing import Annotated, Any, cast

import typer

from passivecalc.cli.app import TOOLS_PANEL, user_errors
from passivecalc.cli.build import model_parameters
from passivecalc.cli.methods import keyword
from passivecalc.cli.options import FormatOption, GuideMethodArgument, LangOption, OutputOption, WideGuideOption
from passivecalc.cli.output import check_output, write
from passivecalc.cli.usage import Command
from passivecalc.errors import InputError
from passivecalc.params import build
from passivecalc.render import RenderOptions, format_for
from passivecalc.result import GuideResult

HELP = (
    "Guide to the eight methods: what each takes, typical returns, main risks, how passive it is, and the command "
    "that models it. Give --capital, --hours-per-week or --risk to rank the methods that fit you, and why."
)


SHARIA = Annotated[
    bool,
    typer.Option(
        "--sharia",
        help="Add what scholars say of each method (riba, screening, trade), without ruling, and the closest alternatives modelled",
        rich_help_panel="Output",
    ),
]


class MethodsCommand:
    """`passivecalc methods`; its options (the Situation model's fields) are read only when typer first reads them.

    The guide module and its model are imported then, not at start-up: a
    run of any other command never builds them.
    """

    __name__ = "methods"
    __doc__ = HELP

    def __init__(self) -> None:
        self.__annotations__: dict[str, Any] = {}

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        from passivecalc.guide import Situation

        return inspect.Signature(
            [
                inspect.Parameter(
                    "method", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=GuideMethodArgument
                ),
                *model_parameters(Situation, "Your situation"),
                keyword("format", None, FormatOption),
                keyword("output", None, OutputOption),
                keyword("lang", None, LangOption),
                keyword("sharia", False, SHARIA),
                keyword("wide", False, WideGuideOption),
            ],
        )

    def __call__(self, **values: Any) -> None:
        from passivecalc.guide import Situation, advice, rows

        output = values.pop("output")
        fmt = values.pop("format")
        sharia = values.pop("sharia")
        wide = values.pop("wide")
        method = values.pop("method")
        values.pop("lang")  # read by output.write
        with user_errors():
            check_output(output, fmt)
            situation = cast(
                Situation, build(cast(Any, Situation), values)
            )  # build validates any model; typed for Params
            found = rows(situation)
            if method is not None:
                found = [
                    row
                    for row in found
                    if method in row["commands"].removeprefix("passivecalc ").split(" passivecalc ")
                ]
                if not found:
                    names = [
                        c.removeprefix("passivecalc ")
                        for row in rows(situation)
                        for c in row["commands"].split(" passivecalc ")
                    ]
                    raise InputError("", f"methods: '{method}' is not a method; choose from {', '.join(names)}")
            if sharia:
                from passivecalc.zakat import sharia_notes

                found = [{**row, "sharia": note} for row, note in zip(found, sharia_notes(found), strict=True)]
            result = GuideResult(found, situation if situation.given else None, advice(situation))
            write(result, format_for(output, fmt), RenderOptions(wide=wide), output)


def register(app: typer.Typer) -> None:
    """Add `passivecalc methods` to the app."""
    app.command(name="methods", cls=Command, help=HELP, rich_help_panel=TOOLS_PANEL)(MethodsCommand())
