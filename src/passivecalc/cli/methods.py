"""`passivecalc METHOD [options]`, one command per registered method, built from its Params model.

Features that apply to every method command (sweeps with --vary, Monte Carlo
with --simulate) are an `Extension`: its options are added to every method
command, and its `run` may take over the run when its options are given.
Without them, the command projects one scenario and renders it. The list of
extensions, in order, is given in one place: cli/__init__.py.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, NamedTuple

import typer

from passivecalc.cli.app import METHODS_PANEL, user_errors
from passivecalc.cli.build import model_parameters, split
from passivecalc.cli.options import (
    AllColumnsOption,
    ColumnsOption,
    FormatOption,
    LangOption,
    MaxWorkOption,
    NoRiskOption,
    OutputOption,
    PeriodOption,
    PlotOption,
)
from passivecalc.cli.output import check_output, note, write
from passivecalc.cli.usage import Command
from passivecalc.methods import REGISTRY, Method
from passivecalc.params import build
from passivecalc.render import Format, Period, RenderOptions, format_for
from passivecalc.result import ProjectionResult, Scenario


class Extension(NamedTuple):  # not a frozen dataclass, which compiles six methods at import (start-up time)
    """Options added to every method command, and what to do when they are given.

    run(method, fields, options) gets the method, the model's field values as
    typed (field names as keys, not yet validated) and every other option
    (format, period, output, and the extension's own); it returns True when
    it has handled the run, False to let the plain projection go ahead.
    """

    parameters: list[inspect.Parameter]
    run: Callable[[Method, dict[str, Any], dict[str, Any]], bool]


def keyword(name: str, default: Any, annotation: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


OUTPUT_PARAMETERS = [
    keyword("format", None, FormatOption),
    keyword("period", Period.year, PeriodOption),
    keyword("output", None, OutputOption),
    keyword("lang", None, LangOption),
    keyword("columns", None, ColumnsOption),
    keyword("all_columns", False, AllColumnsOption),
    keyword("plot", False, PlotOption),
    keyword("no_risk", False, NoRiskOption),
    keyword("max_work", 1.0, MaxWorkOption),
]


def project_and_render(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> None:
    """The plain run: validate, project, render to stdout or the -o file."""
    output = options["output"]
    check_output(output, options["format"])
    params = build(method.params, fields)
    projection = method.project(params)
    for message in projection.notes:
        note(message)
    risk = None
    fmt = format_for(output, options["format"])
    # CSV has rows only, so it shows no risk line: the simulation would be work for nothing.
    if not options.get("no_risk") and fmt is not Format.csv:
        from passivecalc.risk import risk_summary

        risk = risk_summary(method, params, expected=projection, max_work=options.get("max_work", 1.0))
    result = ProjectionResult(Scenario(method.name, method.name, params, projection), risk)
    columns = options.get("columns")
    if columns is not None:  # here: render/columns.py loads rich's console and table, which a CSV run never needs
        from passivecalc.render.columns import parse_columns

        columns = parse_columns(columns)
    shown = RenderOptions(
        period=options["period"],
        columns=columns,
        all_columns=bool(options.get("all_columns")),
        plot=bool(options.get("plot")),
    )
    write(result, fmt, shown, output)


class MethodCommand:
    """`passivecalc METHOD`: runs the extensions or the plain projection.

    Typer reads a command's options from its `__signature__`. Here that is
    built from the Params model only when typer first reads it: the console
    script builds only the command it runs, so the other methods' models are
    never turned into options (start-up time).
    """

    def __init__(self, name: str, extensions: list[Extension]):
        self.name = name
        self.extensions = extensions
        self.__name__ = "command"
        self.__doc__ = REGISTRY.description(name)
        self.__annotations__: dict[str, Any] = {}

    @property
    def method(self) -> Method:
        return REGISTRY[self.name]  # imports the method's module: only for the command that runs

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        extra = [p for extension in self.extensions for p in extension.parameters]
        return inspect.Signature([*model_parameters(self.method.params), *OUTPUT_PARAMETERS, *extra])

    def __call__(self, **values: Any) -> None:
        fields, options = split(values, self.method.params)
        with user_errors():
            if not any(extension.run(self.method, fields, options) for extension in self.extensions):
                project_and_render(self.method, fields, options)


# Each method's own options in a typical first run, and a sweep of its main input: the examples under its --help.
EXAMPLE_OPTIONS: dict[str, tuple[str, str]] = {
    "dividend": ("--capital 5000 --yield 4% --drip", "yield=3:6:1"),
    "p2p": ("--capital 5000 --rate 11 --default-rate 3", "rate=8,10,12"),
    "staking": ("--capital 2000 --apy 5", "apy=3:7:2"),
    "crypto-lending": ("--capital 2000 --apy 6", "apy=4,6,8"),
    "liquidity": ("--capital 2000 --fee-apr 15 --price-change -30", "fee_apr=10,20,30"),
    "blog": ("--articles-per-month 8 --rpm 15", "articles_per_month=4,8,12"),
    "ebook": ("--books 3 --price 4.99", "price=2.99,4.99,9.99"),
    "course": ("--price 49 --students-per-month 20", "price=29,49,99"),
    "dropship": ("--ad-spend 1000 --roas 2.5", "roas=2,2.5,3"),
    "domains": ("--domains 20 --lease 30", "occupancy=10,20,40"),
    "rank-rent": ("--sites 5 --rent 400", "occupancy=50,75,100"),
}


def examples(name: str) -> list[str]:
    """Three command lines for a method's --help: a first run, a sweep, a simulation (tests run every one)."""
    own, sweep = EXAMPLE_OPTIONS.get(name, ("--years 20", "years=5,10,20"))
    return [
        f"passivecalc {name} {own}",
        f"passivecalc {name} --vary {sweep}",
        f"passivecalc {name} --simulate 10000 --seed 1",
    ]


def epilog(lines: list[str]) -> str:
    """Examples as the end of a --help: one per line (typer joins lines that no blank line separates)."""
    return "\n\n".join(["Examples:", *lines])


def register_method_commands(app: typer.Typer, extensions: list[Extension]) -> None:
    """Add one command per registered method, each taking the extensions' options; the first extension whose run takes over wins."""
    for name in REGISTRY:
        app.command(
            name=name,
            cls=Command,
            help=REGISTRY.description(name),
            epilog=epilog(examples(name)),
            rich_help_panel=METHODS_PANEL,
        )(MethodCommand(name, extensions))
