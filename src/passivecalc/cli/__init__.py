"""The passivecalc command line: thin commands that parse, build Params, call the library, write a result.

Every command and extension is registered here, in `wire`, in the order
stated there; importing a module of cli/ registers nothing by itself. Every
command's output goes through one call, `cli.output.write(result, fmt,
options, output)`.
"""

from __future__ import annotations

import copy
import gc
import os
import sys
import types


def _without_pydantic_plugins() -> None:
    """Skip pydantic's plugin search, which imports importlib.metadata (tens of ms) at the first model: start-up time.

    pydantic looks for plugins when it builds a model's validator; none is
    used here. Setting PYDANTIC_DISABLE_PLUGINS to anything but its
    'disable all' values (e.g. an empty string) keeps the search.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS", "__all__") not in ("__all__", "1", "true"):
        return
    if "pydantic.plugin._loader" not in sys.modules:
        loader = types.ModuleType("pydantic.plugin._loader")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = loader


_without_pydantic_plugins()


def wire(app: typer.Typer) -> None:
    """Register every command and extension on the app, in the order `passivecalc --help` lists them.

    1. `methods` (the guide), then `example`, `run`, `compare`, `portfolio`
       (scenario files and analysis).
    2. One command per method (methods.REGISTRY order), each with the
       extensions' options in this order: the sweep (--vary, --metric,
       --wide), then Monte Carlo (--simulate, --seed, --target). On a run the
       first extension that takes over wins: a sweep hands each value to the
       simulation itself when --simulate is given too.
    3. The `goal` group, one subcommand per method, built when asked for.
    """
    from passivecalc.cli import goal, guide, history, scenarios, simulate

    guide.register(app)
    for command in (scenarios.example, scenarios.run, scenarios.compare, scenarios.portfolio):
        name = command.__name__
        app.command(
            cls=Command,
            rich_help_panel=TOOLS_PANEL,
            epilog=scenarios.EXAMPLES.get(name),
            context_settings=scenarios.CONTEXT_SETTINGS.get(name),
        )(command)
    extensions: list[Extension] = [
        history.HISTORY,
        scenarios.SWEEP,
        simulate.SIMULATE,
    ]  # history first: it claims --target and refuses --vary
    register_method_commands(app, extensions)
    app.add_typer(goal.goal_app, name="goal", rich_help_panel=TOOLS_PANEL)


# Start-up loads the libraries and wires the commands with the cyclic garbage collector off: what it makes
# (modules, classes, functions) lives until exit, so a collection would find nothing. Then gc.freeze() sets
# it aside, so that no later collection walks it again, the one at exit included (tens of ms of a start-up).
_collecting = gc.isenabled()
gc.disable()
try:  # Ctrl-C while the libraries load (start-up) ends quietly, as it does during a run
    import typer

    from passivecalc.cli.app import TOOLS_PANEL, app
    from passivecalc.cli.methods import Extension, register_method_commands
    from passivecalc.cli.usage import Command

    wire(app)
except KeyboardInterrupt:
    sys.stderr.write("passivecalc: interrupted\n")
    raise SystemExit(130) from None
finally:
    gc.freeze()
    if _collecting:
        gc.enable()


def main() -> None:
    """The console script. Errors and faults of a run are handled in cli/usage.py; Ctrl-C before it starts, here."""
    try:
        app_for(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.stderr.write("passivecalc: interrupted\n")
        sys.exit(130)


def app_for(args: list[str]) -> typer.Typer:
    """The app, with only the command or group that args name: the one start-up trick.

    Before it parses, typer turns every registered command into a click
    command, reading each signature (for a method command, its whole Params
    model); a run names one, so only that one is kept. --help, no arguments
    or an unknown name get the whole app. `app` itself stays whole (compare
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
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)
