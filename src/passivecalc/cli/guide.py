"""`passivecalc methods`: the guide to the eight methods, ranked for a person's situation when one is given."""

from __future__ import annotations

import inspect
from typing import Any, cast

import typer

from passivecalc.cli.app import TOOLS_PANEL, user_errors
from passivecalc.cli.build import model_parameters, with_signature
from passivecalc.cli.methods import keyword
from passivecalc.cli.options import FormatOption, GuideMethodArgument, OutputOption, WideGuideOption
from passivecalc.cli.output import check_output, write
from passivecalc.errors import InputError
from passivecalc.guide import Situation, advice, rows
from passivecalc.params import build
from passivecalc.render import RenderOptions, format_for
from passivecalc.result import GuideResult

HELP = (
    "Guide to the eight methods: what each takes, typical returns, main risks, how passive it is, and the command "
    "that models it. Give --capital, --hours-per-week or --risk to rank the methods that fit you, and why."
)


def methods(**values: Any) -> None:
    output = values.pop("output")
    fmt = values.pop("format")
    wide = values.pop("wide")
    method = values.pop("method")
    with user_errors():
        check_output(output)
        situation = cast(Situation, build(cast(Any, Situation), values))  # build validates any model; typed for Params
        found = rows(situation)
        if method is not None:
            found = [row for row in found if method in row["commands"].removeprefix("passivecalc ").split(" passivecalc ")]
            if not found:
                names = [c.removeprefix("passivecalc ") for row in rows(situation) for c in row["commands"].split(" passivecalc ")]
                raise InputError("", f"methods: '{method}' is not a method; choose from {', '.join(names)}")
        result = GuideResult(found, situation if situation.given else None, advice(situation))
        write(result, format_for(output, fmt), RenderOptions(wide=wide), output)


def register(app: typer.Typer) -> None:
    """Add `passivecalc methods` to the app."""
    app.command(name="methods", help=HELP, rich_help_panel=TOOLS_PANEL)(
        with_signature(
            methods,
            [
                inspect.Parameter("method", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=GuideMethodArgument),
                *model_parameters(Situation, "Your situation"),
                keyword("format", None, FormatOption),
                keyword("output", None, OutputOption),
                keyword("wide", False, WideGuideOption),
            ],
        )
    )
