"""`--simulate N`, `--seed`, `--target` on every method command: Monte Carlo instead of one projection.

Typer has no options with an optional value, so the number of paths is
always given: `--simulate 10000` is the usual run.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from passivecalc.cli.methods import EXTENSIONS, Extension, keyword
from passivecalc.cli.output import check_output, color_on, emit
from passivecalc.errors import InputError
from passivecalc.methods import Method
from passivecalc.params import build
from passivecalc.render import Period, format_for

PANEL = "Risk (Monte Carlo)"
MAX_PATHS = 1_000_000

SimulateOption = Annotated[
    Optional[int],
    typer.Option(
        "--simulate",
        metavar="N",
        help="Simulate N paths of the uncertain inputs (10000 is a good start) and show percentiles",
        rich_help_panel=PANEL,
    ),
]
SeedOption = Annotated[
    Optional[int],
    typer.Option("--seed", help="Seed for --simulate: the same seed gives the same numbers [default: a new one, shown]", rich_help_panel=PANEL),
]
TargetOption = Annotated[
    Optional[float],
    typer.Option("--target", help="Monthly net income to reach, with --simulate: how many paths reach it by each year", rich_help_panel=PANEL),
]

PARAMETERS = [keyword("simulate", None, SimulateOption), keyword("seed", None, SeedOption), keyword("target", None, TargetOption)]


def check_simulation_options(paths: int | None, seed: int | None, target: float | None) -> None:
    """The same checks for every command that takes --simulate."""
    if paths is None:
        for key, value in (("seed", seed), ("target", target)):
            if value is not None:
                raise InputError(key, f"{value:g} is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)")
        return
    if not 1 <= paths <= MAX_PATHS:
        raise InputError("simulate", f"{paths} is out of range (allowed: 1 to {MAX_PATHS:,} paths)")
    if seed is not None and not 0 <= seed < 2**63:
        raise InputError("seed", f"{seed} is out of range (allowed: 0 to {2**63 - 1})")
    if target is not None and target < 0:
        raise InputError("target", f"{target:g} is out of range (allowed: 0 or more, money a month)")


def run_simulation(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> bool:
    paths, seed, target = options["simulate"], options["seed"], options["target"]
    check_simulation_options(paths, seed, target)
    if paths is None:
        return False
    if options["period"] is Period.month:
        raise InputError("period", "month is not available with --simulate (percentiles are per year)")
    output = options["output"]
    check_output(output)
    params = build(method.params, fields)

    from passivecalc.render.risk import render_simulation
    from passivecalc.risk import simulate

    simulation = simulate(method, params, paths, seed, target=target, progress=True)
    fmt = format_for(output, options["format"])
    params_dict = params.model_dump(mode="json", by_alias=True)
    text = render_simulation(method.name, method.name, params_dict, simulation, fmt.value, color=color_on() and output is None)
    emit(text, output)
    return True


EXTENSIONS.append(Extension(PARAMETERS, run_simulation))
