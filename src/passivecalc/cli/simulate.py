"""`--simulate N`, `--seed`, `--target` on every method command: Monte Carlo instead of one projection.

Typer has no options with an optional value, so the number of paths is
always given: `--simulate 10000` is the usual run.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from passivecalc.cli.build import number_parser
from passivecalc.cli.methods import Extension, keyword
from passivecalc.cli.output import check_output, note, write
from passivecalc.errors import InputError
from passivecalc.methods import Method
from passivecalc.params import Params, build
from passivecalc.render import Period, RenderOptions, format_for
from passivecalc.result import SimulatedComparisonResult, SimulationResult

PANEL = "Risk (Monte Carlo)"


def _paths_allowed() -> str:
    from passivecalc.risk import MAX_PATHS

    return f"1 to {MAX_PATHS:,} paths, e.g. --simulate 10000"


def _seed_allowed() -> str:
    from passivecalc.risk import MAX_SEED

    return f"0 to {MAX_SEED}"


def shown(value: float) -> str:
    """A number as typed: a whole number whole (a seed of 19 digits), others short."""
    return str(value) if isinstance(value, int) else f"{value:g}"


SimulateOption = Annotated[
    Optional[int],
    typer.Option(
        "--simulate",
        metavar="N",
        parser=number_parser(int, _paths_allowed),
        help="Simulate N paths of the uncertain inputs (10000 is a good start) and show percentiles",
        rich_help_panel=PANEL,
    ),
]
SeedOption = Annotated[
    Optional[int],
    typer.Option(
        "--seed",
        metavar="NUMBER",
        parser=number_parser(int, _seed_allowed),
        help="Seed for --simulate: the same seed gives the same numbers [default: a new one, shown]",
        rich_help_panel=PANEL,
    ),
]
TargetOption = Annotated[
    Optional[float],
    typer.Option(
        "--target",
        metavar="MONEY",
        parser=number_parser(float, lambda: "0 or more, money a month, e.g. --target 2000"),
        help="Monthly net income to reach, with --simulate: how many paths reach it by each year",
        rich_help_panel=PANEL,
    ),
]

PARAMETERS = [
    keyword("simulate", None, SimulateOption),
    keyword("seed", None, SeedOption),
    keyword("target", None, TargetOption),
]


def check_simulation_options(
    paths: int | None, seed: int | None, target: float | None, period: Period | None = None
) -> None:
    """The same checks for every command that takes --simulate (and --period: percentiles are per year)."""
    if paths is None:
        for key, value in (("seed", seed), ("target", target)):
            if value is not None:
                raise InputError(
                    key, f"{shown(value)} is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)"
                )
        return
    from passivecalc.risk import check_paths, check_seed

    check_paths(paths)
    if seed is not None:
        check_seed(seed)
    if target is not None and target < 0:
        raise InputError("target", f"{target:g} is out of range (allowed: 0 or more, money a month)")
    if period is Period.month:
        raise InputError("period", "month is not available with --simulate (percentiles are per year)")


def note_method(method: Method, params: Params, scenario: str | None = None) -> None:
    """Print what a method has to say about these inputs (ads that lose money, the royalty plan used).

    It holds on every path; the expected run, at a negligible cost next to the
    paths, says it. With several scenarios each note starts with the scenario's
    name, as compare prints them without --simulate.
    """
    for message in method.project(params).notes:
        note(message if scenario is None else f"{scenario}: {message}")


def run_simulation(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> bool:
    paths, seed, target = options["simulate"], options["seed"], options["target"]
    check_simulation_options(paths, seed, target, options["period"])
    if paths is None:
        return False
    output = options["output"]
    check_output(output, options["format"])
    params = build(method.params, fields)
    note_method(method, params)

    from passivecalc.risk import simulate

    simulation = simulate(
        method, params, paths, seed, target=target, progress=True, max_work=options.get("max_work", 1.0)
    )
    result = SimulationResult(method.name, method.name, simulation, params=params)
    write(result, format_for(output, options["format"]), RenderOptions(), output)
    return True


def simulate_scenarios(specs: list, options: dict[str, Any]) -> None:
    """compare --simulate: every scenario simulated with the same seed, so each sees the same draws."""
    from passivecalc.risk import fresh_seed, simulate

    seed = fresh_seed() if options["seed"] is None else options["seed"]
    for spec in specs:
        note_method(spec.method, spec.params, spec.name)
    items = tuple(
        SimulationResult(
            spec.name,
            spec.method.name,
            simulate(spec.method, spec.params, options["simulate"], seed, target=options["target"], progress=True),
            params=spec.params,
        )
        for spec in specs
    )
    output = options["output"]
    chart = options.get("chart") is None or options["chart"].value != "none"
    write(
        SimulatedComparisonResult(items),
        format_for(output, options["format"]),
        RenderOptions(chart="value" if chart else None),
        output,
    )


def simulate_portfolio(name: str, streams: list, months: int, options: dict[str, Any]) -> None:
    """portfolio --simulate: the portfolio's total, path by path, each stream drawing from the path's generator."""
    from passivecalc import portfolio
    from passivecalc.risk import run

    for stream in streams:
        note_method(stream.method, stream.params, stream.name)
    simulation = run(
        lambda draws: portfolio.project(streams, months, draws).total,
        months,
        options["simulate"],
        options["seed"],
        target=options["target"],
        progress=True,
    )
    output = options["output"]
    result = SimulationResult(name, "portfolio", simulation, streams=tuple(streams))
    write(result, format_for(output, options["format"]), RenderOptions(), output)


# Monte Carlo on every method command: --simulate N, --seed, --target.
SIMULATE = Extension(PARAMETERS, run_simulation)
