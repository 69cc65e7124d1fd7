"""The passivecalc command line: thin commands that parse, build Params, call the library, render.

Each feature's commands live in a module of their own, imported here; the
imports register commands on `app` (and Extensions of the method commands)
before the method commands are built.
"""

from __future__ import annotations

import copy
import sys

import typer

from passivecalc.cli.app import app
from passivecalc.cli.methods import register_method_commands

# Feature modules: importing one registers its commands and extensions.
# (one line per module, below)
import passivecalc.cli.goal  # noqa: E402,F401  `passivecalc goal METHOD`
from passivecalc.cli import guide  # noqa: F401,E402  (passivecalc methods)
from passivecalc.cli import simulate  # noqa: F401,E402  (--simulate, --seed, --target on method commands)
from passivecalc.cli import scenarios  # noqa: F401,E402  (run, example, compare, portfolio; --vary on method commands)

register_method_commands()


def main() -> None:
    app_for(sys.argv[1:])()


def app_for(args: list[str]) -> typer.Typer:
    """The app, with only the command or group that args name (start-up time).

    Before it parses, typer turns every registered command into a click
    command, reading each signature; a run names one. --help, no arguments or
    an unknown name get the whole app. `app` itself stays whole (compare
    reads method commands from it).
    """
    if not args:
        return app
    commands = [c for c in app.registered_commands if command_name(c) == args[0]]
    groups = [g for g in app.registered_groups if g.name == args[0]]
    if not commands and not groups:
        return app
    single = copy.copy(app)
    single.registered_commands = commands
    single.registered_groups = groups
    return single


def command_name(info: typer.models.CommandInfo) -> str:
    """The name a command is called by: the one given, else typer's from the function's name."""
    return info.name or typer.main.get_command_name(info.callback.__name__)
