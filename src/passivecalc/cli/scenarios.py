"""Scenario files, compare, sweeps and portfolios on the command line.

    passivecalc example dividend > plan.toml      a commented template for one method
    passivecalc run plan.toml                     every scenario of a file, one after another
    passivecalc compare plan.toml [more.toml]     side by side, best per row marked
    passivecalc compare "safe: dividend --yield 4 --drip" "p2p --rate 9"
    passivecalc dividend --vary yield=3:6:1       a sweep on any method command (two: a grid)
    passivecalc portfolio streams.toml            streams together, money routed between them

On the command line, compare takes each scenario as one quoted argument: an
optional `NAME:` then a method and its options, exactly as they are typed
after `passivecalc`. One argument per scenario needs no separator that the
shell or the option parser would claim (a bare `--` ends the options), and
the options are read by the method command itself, so every method and
option works, --vary included.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from passivecalc.cli.app import user_errors
from passivecalc.cli.methods import Extension, keyword
from passivecalc.cli.options import FormatOption, LangOption, OutputOption, PeriodOption
from passivecalc.cli.output import check_output, emit, note, write
from passivecalc.cli.simulate import SeedOption, SimulateOption, TargetOption, check_simulation_options
from passivecalc.errors import InputError
from passivecalc.methods import REGISTRY, Method
from passivecalc.projection import SUMMARY_KEYS
from passivecalc.render import Period, RenderOptions, format_for
from passivecalc.result import ComparisonResult, GridResult, PortfolioResult

SWEEP_PANEL = "Sweep"

Metric = Enum("Metric", {key: key for key in SUMMARY_KEYS}, type=str)  # type: ignore[misc]


class Chart(str, Enum):
    value = "value"
    income = "income"
    none = "none"


ChartOption = Annotated[
    Chart,
    typer.Option("--chart", help="Chart the value or the net income over the years, or none", rich_help_panel="Output"),
]
WideOption = Annotated[
    bool,
    typer.Option("--wide", help="CSV: one row per period, a column per scenario and column", rich_help_panel="Output"),
]
MetricOption = Annotated[
    Optional[Metric],
    typer.Option(
        "--metric",
        metavar="METRIC",
        help="The summary figure a grid (two --vary) shows, e.g. ending_value, irr_pct, breakeven_month [default: monthly_income_end]",
        rich_help_panel=SWEEP_PANEL,
        show_default=False,
    ),
]


# -- showing several scenarios ---------------------------------------------------


def show_compare(scenarios, sweep, options: dict[str, Any], side_by_side: bool = True) -> None:
    """Render projected scenarios (as a grid, when a two-key sweep made them) to stdout or the -o file."""
    output = options.get("output")
    period: Period = options.get("period") or Period.year
    metric = (options.get("metric") or Metric("monthly_income_end")).value
    chart = options.get("chart") or Chart.value
    for scenario in scenarios:
        for message in scenario.projection.notes:
            note(f"{scenario.name}: {message}")
    result: ComparisonResult | GridResult
    if sweep is not None and sweep.is_grid:
        result = GridResult(tuple(scenarios), sweep.axes, metric)
    else:
        result = ComparisonResult(tuple(scenarios), side_by_side=side_by_side)
    shown = RenderOptions(
        period=period, chart=None if chart is Chart.none else chart.value, wide=bool(options.get("wide", False))
    )
    write(result, format_for(output, options.get("format")), shown, output)


def _check_sweep_options(options: dict[str, Any], sweep) -> None:
    if options.get("metric") is not None and (sweep is None or not sweep.is_grid):
        raise InputError("metric", "picks what a grid shows; give two --vary (or a file whose vary has two keys)")


# -- --vary on every method command ----------------------------------------------


def _sweep_run(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> bool:
    varies = options.get("vary") or []
    if not varies:
        if options.get("metric") is not None:
            raise InputError(
                "metric", "picks what a grid shows; give two --vary, e.g. --vary yield=3,4,5 --vary price_growth=0,5"
            )
        if options.get("wide"):
            raise InputError("wide", "lays out several scenarios; give --vary NAME=V1,V2,...")
        return False

    # Imported only for a sweep: a plain run of a method does without them (start-up time).
    from passivecalc import scenarios as core
    from passivecalc.cli.build import explicit

    check_output(options.get("output"), options.get("format"))
    check_vary(varies)
    sweep = core.parse_vary(method.params, varies)
    _check_sweep_options(options, sweep)
    specs = core.expand("", method, explicit(fields, method.params), sweep)
    if options.get("simulate") is not None:
        # --vary with --simulate: every value simulated on the same seed, side by side, as compare --simulate does.
        from passivecalc.cli.simulate import simulate_scenarios

        check_simulation_options(options["simulate"], options.get("seed"), options.get("target"), options["period"])
        simulate_scenarios(specs, options)
        return True
    show_compare(core.project_all(specs), sweep, options)
    return True


def check_vary(varies: list[str]) -> None:
    """A range needs its step: `yield=3:6` names --vary and asks for NAME=START:END:STEP."""
    for text in varies:
        name, sep, values = text.partition("=")
        if sep and values.count(":") == 1:
            start, end = values.split(":")
            raise InputError(
                "vary",
                f"{text!r}: a range needs a step, START:END:STEP, e.g. {name}={start}:{end}:1 (or list the values: {name}={start},{end})",
            )


# A sweep takes over the run (so it comes before the simulation) and hands each value to the simulation when --simulate is given too.
SWEEP = Extension(
    parameters=[
        keyword(
            "vary",
            None,
            Annotated[
                Optional[list[str]],
                typer.Option(
                    "--vary",
                    help="Project one scenario per value and compare them: NAME=V1,V2,... or a range NAME=3:6:0.5 (3 to 6 by 0.5); twice for a grid",
                    rich_help_panel=SWEEP_PANEL,
                    show_default=False,
                ),
            ],
        ),
        keyword("metric", None, MetricOption),
        keyword("wide", False, WideOption),
    ],
    run=_sweep_run,
)


# -- commands ----------------------------------------------------------------------


# Commands whose extra words are read by another command: `example METHOD [the method's options]`.
CONTEXT_SETTINGS = {"example": {"allow_extra_args": True, "ignore_unknown_options": True}}

EXAMPLES = {
    "example": "Examples:\n\npassivecalc example dividend > plan.toml\n\npassivecalc example dividend --yield 5 --drip > plan.toml",
    "run": "Examples:\n\npassivecalc run plan.toml\n\npassivecalc run plan.toml -o plan.csv",
    "compare": 'Examples:\n\npassivecalc compare "safe: dividend --yield 4 --drip" "p2p --rate 9"\n\npassivecalc compare plan.toml more.toml',
    "portfolio": "Examples:\n\npassivecalc portfolio streams.toml\n\npassivecalc portfolio streams.toml --simulate 10000",
}


def example(
    ctx: typer.Context,
    method: Annotated[
        str, typer.Argument(metavar="METHOD", help="A method: " + ", ".join(REGISTRY), show_default=False)
    ],
    output: OutputOption = None,
) -> None:
    """Print a commented scenario file for a method; its options after the method set the values: passivecalc example dividend --drip > plan.toml"""
    from passivecalc.params import build
    from passivecalc.scenarios import did_you_mean, template

    with user_errors():
        check_output(output, formats=False)
        if method not in REGISTRY:
            raise InputError(
                "", f"{method!r} is not a method{did_you_mean(method, list(REGISTRY))}; one of {', '.join(REGISTRY)}"
            )
        chosen, _, given = _method_options(method, list(ctx.args), f"example {method}")
        build(chosen.params, given)  # the values given are checked as a run would check them
        emit(with_values(template(chosen), chosen, given), output)


def with_values(text: str, method: Method, given: dict[str, Any]) -> str:
    """A scenario template with the values given in place of the defaults (each line keeps its comment)."""
    import re

    for name, value in given.items():
        key = method.params.model_fields[name].alias or name
        pattern = re.compile(rf"^(?:# )?{re.escape(key)} = [^\n]*?(  # [^\n]*)?$", re.MULTILINE)
        line = f"{key} = {toml_value(value)}"
        found = pattern.search(text)
        if found:
            text = f"{text[: found.start()]}{line}{found.group(1) or ''}{text[found.end() :]}"
    return text


def toml_value(value: Any) -> str:
    """A value as TOML writes it: true/false, a quoted string, a whole number without .0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def run(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Scenario files (TOML)", show_default=False, dir_okay=False)
    ],
    format: FormatOption = None,
    period: PeriodOption = Period.year,
    output: OutputOption = None,
    wide: WideOption = False,
    metric: MetricOption = None,
    lang: LangOption = None,
) -> None:
    """Project every scenario of one or more scenario files (TOML), one after another."""
    from passivecalc import scenarios as core

    with user_errors():
        check_output(output, format, inputs=files)
    with user_errors(as_option=False):
        sets = [core.load(path) for path in files]
        sweep = sets[0].sweep if len(sets) == 1 else None
        _check_sweep_options({"metric": metric}, sweep)
        specs = _unique([spec for s in sets for spec in s.specs])
        options = {"format": format, "period": period, "output": output, "wide": wide, "metric": metric}
        show_compare(core.project_all(specs), sweep, options, side_by_side=False)


def compare(
    scenarios: Annotated[
        list[str],
        typer.Argument(
            metavar="SCENARIO...",
            help='Scenario files (.toml), or scenarios typed as one quoted argument each: "[NAME:] METHOD [OPTIONS]", e.g. "safe: dividend --yield 4 --drip"',
            show_default=False,
        ),
    ],
    format: FormatOption = None,
    period: PeriodOption = Period.year,
    output: OutputOption = None,
    chart: ChartOption = Chart.value,
    wide: WideOption = False,
    metric: MetricOption = None,
    simulate: SimulateOption = None,
    seed: SeedOption = None,
    target: TargetOption = None,
    lang: LangOption = None,
) -> None:
    """Compare scenarios side by side: a column per scenario, the best of each row marked, income per year, a chart."""
    from passivecalc import scenarios as core

    with user_errors():
        check_simulation_options(simulate, seed, target, period)
    with user_errors():
        check_output(output, format, inputs=[Path(item) for item in scenarios if _is_file(item)])
    with user_errors(as_option=False):
        sets = [core.load(Path(item)) if _is_file(item) else _typed_scenario(item) for item in scenarios]
        sweep = sets[0].sweep if len(sets) == 1 else None
        _check_sweep_options({"metric": metric}, sweep)
        specs = _unique([spec for s in sets for spec in s.specs])
        options = {"format": format, "period": period, "output": output, "chart": chart, "wide": wide, "metric": metric}
        if simulate is not None:
            from passivecalc.cli.simulate import simulate_scenarios

            return simulate_scenarios(specs, {**options, "simulate": simulate, "seed": seed, "target": target})
        show_compare(core.project_all(specs), sweep, options)


def portfolio(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A portfolio file (TOML) with \\[streams.NAME] tables",
            show_default=False,
            dir_okay=False,
        ),
    ],
    format: FormatOption = None,
    period: PeriodOption = Period.year,
    output: OutputOption = None,
    chart: ChartOption = Chart.value,
    simulate: SimulateOption = None,
    seed: SeedOption = None,
    target: TargetOption = None,
    lang: LangOption = None,
) -> None:
    """Project several income streams together: start months, payout routed into other streams, the total and its mix."""
    from passivecalc import portfolio as core

    with user_errors():
        check_simulation_options(simulate, seed, target, period)
    with user_errors():
        check_output(output, format, inputs=[file])
    with user_errors(as_option=False):
        streams, months = core.load(file)
        if simulate is not None:
            from passivecalc.cli.simulate import simulate_portfolio

            options = {"format": format, "output": output, "simulate": simulate, "seed": seed, "target": target}
            return simulate_portfolio(file.stem, streams, months, options)
        result = core.project(streams, months)
        for name, projection in result.streams.items():
            for message in projection.notes:
                note(f"{name}: {message}")
        shown = RenderOptions(period=period, chart=None if chart is Chart.none else chart.value)
        write(PortfolioResult(result), format_for(output, format), shown, output)


# -- compare's typed scenarios -----------------------------------------------------


def _method_options(
    method_name: str,
    args: list[str],
    where: str,
    allowed: tuple[str, ...] = (),
    refusal: str = "does not apply here; leave it out",
):
    """A method's options as typed on a command line, read by the method's own command.

    Returns (method, the parse context, the model's fields given). An option
    of the command that is not one of the model's fields nor in allowed is
    refused: where names what is being read (a scenario, an example).
    """
    from typer.main import get_command

    from passivecalc.cli import app_for  # here: passivecalc.cli imports this module
    from passivecalc.cli.usage import ClickException, explain

    method = REGISTRY[method_name]
    # Only the method's own command is built (every command's options read from its signature otherwise).
    built = get_command(app_for([method_name]))
    command = built.commands[method_name] if hasattr(built, "commands") else built
    try:
        context = command.make_context(method_name, list(args))
    except ClickException as error:
        raise InputError("", f"{where}: {explain(error, args)}") from None
    typed = [key for key in context.params if getattr(context.get_parameter_source(key), "name", None) == "COMMANDLINE"]
    for key in typed:
        if key not in method.params.model_fields and key not in allowed:
            option = next(p.opts[0] for p in command.params if p.name == key)
            raise InputError("", f"{where}: {option} {refusal}")
    given = {key: context.params[key] for key in typed if key in method.params.model_fields}
    return method, context, given


def _is_file(item: str) -> bool:
    return item.endswith(".toml") or (" " not in item.strip() and Path(item).is_file())


def _typed_scenario(text: str):
    """`[NAME:] METHOD [OPTIONS]` read by the method's own command: its options, types and --vary."""
    import shlex  # here: only a scenario typed on the command line is split (start-up time)

    from passivecalc import scenarios as core

    name, sep, rest = text.partition(":")
    if not sep or not name.strip() or " " in name.strip():
        name, rest = "", text
    try:
        words = shlex.split(rest)
    except ValueError as error:
        raise InputError("", f'scenario "{text}": {error}') from None
    if not words:
        raise InputError("", f'scenario "{text}": give a method and its options, e.g. "dividend --yield 4"')
    method_name, args = words[0], words[1:]
    if method_name not in REGISTRY:
        raise InputError(
            "",
            f'scenario "{text}": {method_name!r} is not a method or a .toml file{core.did_you_mean(method_name, list(REGISTRY))}',
        )
    refusal = "does not apply to one scenario of a comparison; give it to compare itself or leave it out"
    method, context, given = _method_options(
        method_name, args, f'scenario "{text}"', allowed=("vary",), refusal=refusal
    )
    label = name.strip() or " ".join(words)
    try:
        varies = context.params.get("vary") or []
        check_vary(varies)
        sweep = core.parse_vary(method.params, varies) if varies else None
        specs = core.expand(label, method, given, sweep)
    except InputError as error:
        # Typed as options, so named as options: --yield, not yield.
        raise InputError("", f'scenario "{label}": {error.as_option()}') from None
    return core.ScenarioSet(tuple(specs), sweep)


def _unique(specs: list) -> list:
    """Scenario names must tell columns apart: a repeated name gets ' (2)', ' (3)'..."""
    seen: dict[str, int] = {}
    out = []
    for spec in specs:
        count = seen.get(spec.name, 0) + 1
        seen[spec.name] = count
        out.append(spec if count == 1 else type(spec)(f"{spec.name} ({count})", spec.method, spec.params))
    return out
