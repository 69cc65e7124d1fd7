"""`--simulate N`, `--seed`, `--target` on every method command: Monte Carlo instead of one projection.

Typer has no options with an optional value, so the number of paths is
always given: `--simulate 10000` is the usual run.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from passivecalc.cli.methods import EXTENSIONS, Extension, keyword
from passivecalc.cli.output import check_output, color_on, emit, note
from passivecalc.errors import InputError
from passivecalc.methods import Method
from passivecalc.params import Params, build
from passivecalc.render import Period, format_for

PANEL = "Risk (Monte Carlo)"

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


def check_simulation_options(paths: int | None, seed: int | None, target: float | None, period: Period | None = None) -> None:
    """The same checks for every command that takes --simulate (and --period: percentiles are per year)."""
    if paths is None:
        for key, value in (("seed", seed), ("target", target)):
            if value is not None:
                raise InputError(key, f"{value:g} is set but nothing is simulated; add --simulate N (e.g. --simulate 10000)")
        return
    from passivecalc.risk import check_paths, check_seed

    check_paths(paths)
    if seed is not None:
        check_seed(seed)
    if target is not None and target < 0:
        raise InputError("target", f"{target:g} is out of range (allowed: 0 or more, money a month)")
    if period is Period.month:
        raise InputError("period", "month is not available with --simulate (percentiles are per year)")


def params_dict(params: Params) -> dict[str, Any]:
    """The parameters under the user's keys, as JSON shows them (Scenario.params_dict for a bare Params)."""
    return params.model_dump(mode="json", by_alias=True)


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
    check_output(output)
    params = build(method.params, fields)
    note_method(method, params)

    from passivecalc.render.risk import render_simulation
    from passivecalc.risk import simulate

    simulation = simulate(method, params, paths, seed, target=target, progress=True)
    fmt = format_for(output, options["format"])
    text = render_simulation(method.name, method.name, params_dict(params), simulation, fmt.value, color=color_on() and output is None)
    emit(text, output)
    return True


def simulate_scenarios(specs: list, options: dict[str, Any]) -> None:
    """compare --simulate: every scenario simulated with the same seed, so each sees the same draws."""
    from passivecalc.render.risk import render_comparison
    from passivecalc.risk import fresh_seed, simulate

    seed = fresh_seed() if options["seed"] is None else options["seed"]
    for spec in specs:
        note_method(spec.method, spec.params, spec.name)
    items = [
        (
            spec.name,
            spec.method.name,
            params_dict(spec.params),
            simulate(spec.method, spec.params, options["simulate"], seed, target=options["target"], progress=True),
        )
        for spec in specs
    ]
    output = options["output"]
    fmt = format_for(output, options["format"])
    chart = options.get("chart") is None or options["chart"].value != "none"
    emit(render_comparison(items, fmt.value, color=color_on() and output is None, chart=chart), output)


def simulate_portfolio(name: str, streams: list, months: int, options: dict[str, Any]) -> None:
    """portfolio --simulate: the portfolio's total, path by path, each stream drawing from the path's generator."""
    from passivecalc import portfolio
    from passivecalc.render.risk import render_simulation
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
    params = {
        "streams": {
            s.name: {"method": s.method.name, "start_month": s.start_month, "fund_from": s.fund_from, "share": s.share if s.fund_from else None, "params": params_dict(s.params)}
            for s in streams
        }
    }
    output = options["output"]
    fmt = format_for(output, options["format"])
    emit(render_simulation(name, "portfolio", params, simulation, fmt.value, color=color_on() and output is None), output)


EXTENSIONS.append(Extension(PARAMETERS, run_simulation))
