"""The passivecalc command line: thin commands that parse, build Params, call the library, render."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Optional

import typer

from passivecalc import __version__
from passivecalc.cli.build import model_parameters, split, with_signature
from passivecalc.cli.options import FormatOption, OutputOption, PeriodOption
from passivecalc.cli.output import check_output, color_on, emit, note, stderr
from passivecalc.errors import InputError, PassivecalcError
from passivecalc.methods import REGISTRY, Method
from passivecalc.params import build
from passivecalc.render import Period, format_for, render
from passivecalc.result import Scenario

app = typer.Typer(
    name="passivecalc",
    help="Project passive income: what each method takes, what it pays month by month, and what can go wrong.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


@contextmanager
def user_errors():
    """The one place where the core's named errors become one line on stderr and an exit code."""
    try:
        yield
    except InputError as error:
        stderr.print(f"passivecalc: error: {error.as_option()}", markup=False, soft_wrap=True)
        raise typer.Exit(int(error.exit_code)) from None
    except PassivecalcError as error:
        stderr.print(f"passivecalc: {error}", markup=False, soft_wrap=True)
        raise typer.Exit(int(error.exit_code)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"passivecalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit")
    ] = None,
) -> None:
    """Project passive income: what each method takes, what it pays month by month, and what can go wrong."""


def method_command(method: Method):
    """`passivecalc METHOD [options]`: project one scenario of the method."""

    def command(**values):
        fields, options = split(values, method.params)
        output = options["output"]
        with user_errors():
            check_output(output)
            params = build(method.params, fields)
            projection = method.project(params)
            for message in projection.notes:
                note(message)
            fmt = format_for(output, options["format"])
            scenario = Scenario(method.name, method.name, params, projection)
            emit(render(scenario, fmt, options["period"], color=color_on() and output is None), output)

    output_parameters = [
        _keyword("format", None, FormatOption),
        _keyword("period", Period.year, PeriodOption),
        _keyword("output", None, OutputOption),
    ]
    command.__doc__ = method.description
    return with_signature(command, [*model_parameters(method.params), *output_parameters])


def _keyword(name, default, annotation):
    import inspect

    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


for _method in REGISTRY.values():
    app.command(name=_method.name, help=_method.description)(method_command(_method))


def main() -> None:
    app()
