"""`passivecalc goal METHOD --target 2000 [--solve LEVER] [method options]`: the reverse of a projection.

One command per registered method, built from its Params model like the
method commands, so that every method option works here too. The answer comes
first, in one line, then the projection at the answer in the usual formats:
in a table the line heads the output; with CSV or JSON it goes to stderr (and
into the JSON as `goal`), so the data stays clean.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from passivecalc.cli.app import user_errors
from passivecalc.cli.build import explicit, model_parameters, number_parser, split, with_signature
from passivecalc.cli.history import MAX_BLOCK_YEARS, BlockYearsOption, Returns, ReturnsOption
from passivecalc.cli.methods import OUTPUT_PARAMETERS, epilog, keyword
from passivecalc.cli.output import check_output, command_lang, message, note, write
from passivecalc.cli.usage import Command, Group
from passivecalc.errors import InputError, option_name
from passivecalc.methods import REGISTRY, Method
from passivecalc.render import Format, RenderOptions, format_for
from passivecalc.result import GoalResult, Scenario

GOAL_PANEL = "Goal"


class GoalGroup(Group):
    """`passivecalc goal`, whose per-method commands are built only when one is asked for (start-up time)."""

    def list_commands(self, ctx) -> list[str]:
        return list(REGISTRY)

    def get_command(self, ctx, name: str):
        method = REGISTRY.get(name)
        if method is None:
            return None
        single = typer.Typer(rich_markup_mode="rich", add_completion=False)
        single.command(
            name=name,
            cls=Command,
            help=f"{method.description}: what it takes to reach a target",
            epilog=epilog(goal_examples(name)),
        )(goal_command(method))
        return typer.main.get_command(single)


def goal_examples(name: str) -> list[str]:
    """Command lines for a goal's --help: the default lever, another lever, a confidence (tests run every one)."""
    from passivecalc.cli.methods import EXAMPLE_OPTIONS

    own = EXAMPLE_OPTIONS.get(name, ("", ""))[0]
    return [
        f"passivecalc goal {name} --target 500",
        f"passivecalc goal {name} --target 500 --solve years {own}".rstrip(),
        f"passivecalc goal {name} --target 500 --confidence 90",
    ]


GOAL_HELP = (
    "Solve for the capital, monthly contribution, years or effort that reaches a target income.\n\n"
    "Give the method and --target, the money to reach a month (e.g. --target 2000); passivecalc finds the "
    "method's scale (capital for investments, articles for a blog...) that reaches it, or what --solve names: "
    "--solve years, --solve contribution. Every option of the method sets the rest of the scenario."
)

goal_app = typer.Typer(
    cls=GoalGroup,
    help=GOAL_HELP,
    epilog=epilog(
        [
            "passivecalc goal dividend --target 2000",
            "passivecalc goal dividend --target 2000 --solve contribution --capital 0",
            "passivecalc goal blog --target 500 --solve years",
        ]
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def goal_parameters(method: Method) -> list[inspect.Parameter]:
    """The goal's own options; --solve offers the method's scale and whichever common levers its Params has."""
    from passivecalc.goals import DEFAULT_PATHS, DEFAULT_SEED, TargetKind, levers

    choices = ["scale", *levers(method)]
    lever = Enum(f"{method.name.title().replace('-', '')}Lever", {name: name for name in choices}, type=str)  # type: ignore[misc]
    scale = option_name(method.scale)[2:]
    return [
        keyword(
            "goal_target",
            inspect.Parameter.empty,
            Annotated[
                float,
                typer.Option(
                    "--target",
                    metavar="MONEY",
                    parser=number_parser(float, lambda: "0 or more: money a month, e.g. --target 2000"),
                    help="The money to reach: a month for income and payout, in total for value, e.g. --target 2000",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_solve",
            lever("scale"),
            Annotated[
                lever,
                typer.Option(
                    "--solve", help=f"What to solve for; scale is {scale} for this method", rich_help_panel=GOAL_PANEL
                ),
            ],
        ),
        keyword(
            "goal_kind",
            TargetKind.income,
            Annotated[
                TargetKind,
                typer.Option(
                    "--target-kind",
                    help="income: net income a month over the last year; payout: what is paid out a month over the last year; value: the ending value",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_real",
            False,
            Annotated[
                bool,
                typer.Option(
                    "--real/--nominal",
                    help="Target in today's money, deflated with --inflation",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_confidence",
            None,
            Annotated[
                Optional[float],
                typer.Option(
                    "--confidence",
                    metavar="%",
                    parser=number_parser(float, lambda: "above 0, below 100 %, e.g. --confidence 90", percent=True),
                    help="Percent of simulated paths that must reach the target",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_paths",
            None,
            Annotated[
                Optional[int],
                typer.Option(
                    "--paths",
                    metavar="N",
                    parser=number_parser(int, lambda: "a whole number of paths, e.g. --paths 2000"),
                    help=f"Simulated paths, with --confidence [default: {DEFAULT_PATHS}]",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_seed",
            None,
            Annotated[
                Optional[int],
                typer.Option(
                    "--seed",
                    metavar="NUMBER",
                    parser=number_parser(int, lambda: "0 or more, e.g. --seed 1"),
                    help=f"Seed of the simulation, with --confidence [default: {DEFAULT_SEED}]",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword(
            "goal_history",
            False,
            Annotated[
                bool,
                typer.Option(
                    "--history",
                    help="dividend: --confidence is the percent of historical S&P 500 starts since 1871 (Robert Shiller's data)",
                    rich_help_panel=GOAL_PANEL,
                ),
            ],
        ),
        keyword("goal_returns", Returns.lognormal, ReturnsOption),
        keyword("goal_block_years", None, BlockYearsOption),
    ]


def goal_block_years(method: Method, fields: dict[str, Any], options: dict[str, Any], simulated: bool) -> int | None:
    """--returns history --block-years B on a goal under --confidence: B (default 5); None for the lognormal model."""
    from passivecalc.history import check_fields
    from passivecalc.history_data import DEFAULT_BLOCK_YEARS

    block = options.get("goal_block_years")
    if options.get("goal_returns", Returns.lognormal) is not Returns.history:
        if block is not None:
            raise InputError("block_years", f"{block} is set but nothing draws from history; add --returns history")
        return None
    if method.name != "dividend":
        raise InputError("returns", f"history is S&P 500 data: it drives the dividend method only, not {method.name}")
    if not simulated:
        raise InputError("returns", "history draws act with --confidence (a goal on simulated futures)")
    check_fields(explicit(fields, method.params), bootstrap=True)
    block = DEFAULT_BLOCK_YEARS if block is None else block
    if not 1 <= block <= MAX_BLOCK_YEARS:
        raise InputError("block_years", f"{block} is out of range (allowed: 1 to {MAX_BLOCK_YEARS} years)")
    return int(block)


def solve_and_render(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> None:
    """Solve the goal, then print the answer's line and the projection at the answer."""
    from passivecalc.goals import DEFAULT_PATHS, DEFAULT_SEED, Goal, key_of, lever_field, solve
    from passivecalc.render.goal import goal_sentence, money_in

    if options.get("goal_history"):
        from passivecalc.cli.history import solve_goal

        return solve_goal(method, fields, options)
    output = options["output"]
    check_output(output, options["format"])
    lever = lever_field(method, options["goal_solve"].value)
    if lever in explicit(fields, method.params):
        note(f"{option_name(key_of(method, lever))} is what the goal solves for; the value given is set aside")
    simulated = options["goal_confidence"] is not None
    if not simulated and (options["goal_paths"] is not None or options["goal_seed"] is not None):
        note("--paths and --seed act only with --confidence")
    block_years = goal_block_years(method, fields, options, simulated)
    goal = Goal(
        target=options["goal_target"],
        kind=options["goal_kind"],
        real=options["goal_real"],
        confidence=options["goal_confidence"],
        paths=DEFAULT_PATHS if options["goal_paths"] is None else options["goal_paths"],
        seed=DEFAULT_SEED if options["goal_seed"] is None else options["goal_seed"],
        block_years=block_years,
    )

    currency = fields.get("currency", "USD")
    answer = solve(method, fields, lever, goal, money_in(currency))
    result = GoalResult(
        answer, Scenario(f"{method.name} goal", method.name, answer.params, answer.projection), currency
    )
    fmt = format_for(output, options["format"])
    if fmt is not Format.table:
        message(goal_sentence(result, command_lang()))  # the data stays clean: the answer goes beside it
    for text in answer.projection.notes:
        note(text)
    if simulated:
        note("the rows show the expected path; the answer holds on the simulated paths")
    write(result, fmt, RenderOptions(period=options["period"]), output)


def goal_command(method: Method):
    def command(**values: Any) -> None:
        fields, options = split(values, method.params)
        with user_errors():
            solve_and_render(method, fields, options)

    command.__doc__ = f"{method.description}: what it takes to reach a target"
    return with_signature(command, [*model_parameters(method.params), *goal_parameters(method), *OUTPUT_PARAMETERS])
