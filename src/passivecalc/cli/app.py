"""The typer app and the one error handler every command uses."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Optional

import typer

from passivecalc import __version__
from passivecalc.cli.output import message
from passivecalc.cli.usage import Group
from passivecalc.errors import InputError, OutputError, PassivecalcError

app = typer.Typer(
    name="passivecalc",
    cls=Group,
    help="Project passive income: what each method takes, what it pays month by month, and what can go wrong.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode="rich",
)

METHODS_PANEL = "Income methods"
TOOLS_PANEL = "Scenarios and analysis"


@contextmanager
def user_errors(as_option: bool = True):
    """The one place where the core's named errors become one line on stderr and an exit code.

    as_option: name parameters as options (`--dividend-growth`); False names
    them as file keys (`dividend_growth`), for messages about scenario files.
    """
    try:
        yield
    except InputError as error:
        message(f"passivecalc: error: {error.as_option() if as_option else error.as_key()}")
        raise typer.Exit(int(error.exit_code)) from None
    except OutputError as error:
        message(f"passivecalc: error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    except PassivecalcError as error:
        message(f"passivecalc: {error}")
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
