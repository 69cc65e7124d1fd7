"""The passivecalc command line: thin commands that parse, build Params, call the library, render.

Each feature's commands live in a module of their own, imported here; the
imports register commands on `app` (and Extensions of the method commands)
before the method commands are built.
"""

from __future__ import annotations

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
    app()
