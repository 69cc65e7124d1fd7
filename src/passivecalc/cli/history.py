"""`--history`, `--start-at`, `--returns history`, `--block-years` on the dividend command; `goal dividend --history`.

    passivecalc dividend --capital 100000 --drip --years 30 --history            every start since 1871
    passivecalc dividend --capital 100000 --drip --years 30 --history --target 1000
    passivecalc dividend --capital 100000 --drip --years 30 --history --start-at 1929-09
    passivecalc dividend --drip --simulate 10000 --returns history --block-years 5
    passivecalc goal dividend --history --confidence 95 --target 2000 --solve capital

The options are an `Extension` of every method command (only the dividend
command accepts them: the data is the S&P 500's prices and dividends). The
back-test reads --target (the Monte Carlo extension's option) as the success
rate's target; options that history replaces are refused, naming why
(history.REFUSED, history.BOOTSTRAP_REFUSED). Data: Robert Shiller's monthly
S&P 500 series (history_data.CREDIT).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import typer

from passivecalc.cli.methods import Extension, keyword
from passivecalc.cli.output import check_output, command_lang, message, note, write
from passivecalc.errors import InputError, option_name
from passivecalc.methods import Method
from passivecalc.render import Format, Period, RenderOptions, format_for

if TYPE_CHECKING:
    from passivecalc.methods.dividend import DividendParams

PANEL = "History (S&P 500 since 1871)"
HISTORY_METHOD = "dividend"
MAX_BLOCK_YEARS = 50


class Returns(str, Enum):
    lognormal = "lognormal"
    history = "history"


HistoryOption = Annotated[
    bool,
    typer.Option(
        "--history",
        help=(
            "Back-test the plan on Robert Shiller's monthly S&P 500 data, 1871-2023 (econ.yale.edu/~shiller/data.htm, "
            "public domain): what it would have paid from every start month; with --target X, the share of starts "
            "whose real monthly income reached X; dividend only"
        ),
        rich_help_panel=PANEL,
    ),
]
StartAtOption = Annotated[
    Optional[str],
    typer.Option(
        "--start-at",
        metavar="YYYY-MM",
        help="With --history: the projection rows of one start month, e.g. 1929-09",
        rich_help_panel=PANEL,
    ),
]
ReturnsOption = Annotated[
    Returns,
    typer.Option(
        "--returns",
        help="Where --simulate draws the market from: lognormal prices with dividend cuts, or blocks of months of S&P 500 history (Shiller's data)",
        rich_help_panel=PANEL,
    ),
]
BlockYearsOption = Annotated[
    Optional[int],
    typer.Option(
        "--block-years",
        help="With --returns history: years of consecutive months drawn together [default: 5]",
        rich_help_panel=PANEL,
    ),
]

PARAMETERS = [
    keyword("history", False, HistoryOption),
    keyword("start_at", None, StartAtOption),
    keyword("returns", Returns.lognormal, ReturnsOption),
    keyword("block_years", None, BlockYearsOption),
]


def _given(fields: dict[str, Any], method: Method) -> dict[str, Any]:
    from passivecalc.cli.build import explicit

    return explicit(fields, method.params)


def run_history(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> bool:
    """Take over the run for --history or --returns history; refuse their options without them."""
    history, start_at, block = options["history"], options["start_at"], options["block_years"]
    bootstrap = options["returns"] is Returns.history
    if not history and not bootstrap:
        if start_at is not None:
            raise InputError("start_at", f"{start_at} is set but nothing is replayed; add --history")
        if block is not None:
            raise InputError(
                "block_years", f"{block} is set but nothing draws from history; add --simulate N --returns history"
            )
        return False
    flag = "history" if history else "returns"
    if method.name != HISTORY_METHOD:
        raise InputError(
            flag,
            f"replays the S&P 500's prices and dividends, so only the {HISTORY_METHOD} command takes it (not {method.name})",
        )
    if options.get("vary"):
        raise InputError("vary", f"does not combine with {option_name(flag)}; run one plan at a time")
    if history and bootstrap:
        raise InputError(
            "returns", "history draws futures for --simulate; --history replays the past instead: give one of them"
        )
    if history:
        backtest(method, fields, options)
    else:
        simulate_history(method, fields, options)
    return True


def backtest(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> None:
    """dividend --history [--target X | --start-at YYYY-MM]: every start since 1871, or one start's rows."""
    from passivecalc.history import check_fields, projection_at, replay
    from passivecalc.params import build
    from passivecalc.result import BacktestResult, HistoryStartResult, Scenario

    start_at, target = options["start_at"], options.get("target")
    for key in ("simulate", "seed"):
        if options.get(key) is not None:
            raise InputError(
                key,
                f"{options[key]} is set, but --history replays every start of the data instead of simulating; drop {option_name(key)} or use --returns history",
            )
    if options["block_years"] is not None:
        raise InputError("block_years", "acts with --returns history (bootstrapped futures), not with --history")
    if target is not None and target < 0:
        raise InputError("target", f"{target:g} is out of range (allowed: 0 or more, money a month)")
    if target is not None and start_at is not None:
        raise InputError("target", "gives the share of all starts that reach it; drop --start-at (one start) to see it")
    if start_at is None and options["period"] is Period.month:
        raise InputError("period", "month shows one start's rows by month; add --start-at YYYY-MM")
    output = options["output"]
    check_output(output)
    check_fields(_given(fields, method))
    params = cast("DividendParams", build(method.params, fields))
    fmt = format_for(output, options["format"])
    shown = RenderOptions(period=options["period"])
    if start_at is not None:
        projection = projection_at(params, start_at)
        scenario = Scenario(f"{method.name} from {start_at}", method.name, params, projection)
        write(HistoryStartResult(scenario, start_at), fmt, shown, output)
        return
    write(BacktestResult(method.name, replay(params), target), fmt, shown, output)


def simulate_history(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> None:
    """--simulate N --returns history [--block-years B]: Monte Carlo on bootstrapped blocks of S&P 500 months."""
    import functools

    from passivecalc.cli.simulate import check_simulation_options, note_method
    from passivecalc.history import check_fields
    from passivecalc.history_data import DEFAULT_BLOCK_YEARS, HistoryDraws
    from passivecalc.params import build
    from passivecalc.result import SimulationResult

    paths, seed, target = options.get("simulate"), options.get("seed"), options.get("target")
    if paths is None:
        raise InputError("returns", "history draws the futures of --simulate; add --simulate N (e.g. --simulate 10000)")
    if options["start_at"] is not None:
        raise InputError("start_at", "picks one start of --history; with --returns history the futures are drawn")
    block = DEFAULT_BLOCK_YEARS if options["block_years"] is None else options["block_years"]
    if not 1 <= block <= MAX_BLOCK_YEARS:
        raise InputError("block_years", f"{block} is out of range (allowed: 1 to {MAX_BLOCK_YEARS} years)")
    check_simulation_options(paths, seed, target, options["period"])
    output = options["output"]
    check_output(output)
    check_fields(_given(fields, method), bootstrap=True)
    params = build(method.params, fields)
    note_method(method, params)
    note(
        f"futures drawn in blocks of {block} year{'s' if block != 1 else ''} of S&P 500 months (Robert Shiller's data, 1871-2023)"
    )

    from passivecalc.risk import run

    draws = functools.partial(HistoryDraws, block_years=block)
    simulation = run(
        lambda d: method.project(params, d),
        params.months,
        paths,
        seed,
        target=target,
        progress=True,
        draws_factory=draws,
    )
    result = SimulationResult(method.name, method.name, simulation, params=params)
    write(result, format_for(output, options["format"]), RenderOptions(), output)


# -- goal dividend --history ---------------------------------------------------------


def solve_goal(method: Method, fields: dict[str, Any], options: dict[str, Any]) -> None:
    """goal dividend --history --confidence C --target X --solve capital|contribution|years: the answer, then the median start's rows."""
    from passivecalc.goals import TargetKind, key_of, lever_field
    from passivecalc.history import check_fields, projection_at, replay, solve_history
    from passivecalc.params import build
    from passivecalc.render.history import goal_sentence
    from passivecalc.render.numbers import Words
    from passivecalc.result import HistoryGoalResult, Scenario

    if method.name != HISTORY_METHOD:
        raise InputError(
            "history",
            f"replays the S&P 500's prices and dividends, so only goal {HISTORY_METHOD} takes it (not {method.name})",
        )
    confidence = options["goal_confidence"]
    if confidence is None:
        raise InputError(
            "confidence",
            "is needed with --history: the percent of historical starts that must reach the target, e.g. --confidence 95",
        )
    for key in ("paths", "seed"):
        if options[f"goal_{key}"] is not None:
            raise InputError(key, "acts on simulated paths; --history replays every start of the data instead")
    if options["goal_kind"] is not TargetKind.income:
        raise InputError(
            "target_kind",
            f"{options['goal_kind'].value} is not available with --history (allowed: income, the real net income a month in the last year)",
        )
    target = options["goal_target"]
    if not target > 0:
        raise InputError("target", f"{target:g} is out of range (allowed: above 0, money a month)")
    lever = lever_field(method, options["goal_solve"].value)
    if lever not in ("capital", "contribution", "years"):
        raise InputError(
            "solve", f"{key_of(method, lever)} cannot be solved with --history (allowed: capital, contribution, years)"
        )
    output = options["output"]
    check_output(output)
    given = _given(fields, method)
    check_fields(given)
    if lever in given:
        note(f"{option_name(key_of(method, lever))} is what the goal solves for; the value given is set aside")
    params = cast("DividendParams", build(method.params, fields))
    goal = solve_history(params, target, confidence, lever)  # type: ignore[arg-type]
    start = replay(goal.params, irr=False).median_start()
    scenario = Scenario(f"{method.name} goal from {start}", method.name, goal.params, projection_at(goal.params, start))
    result = HistoryGoalResult(goal, confidence, scenario, start, goal.params.currency)
    fmt = format_for(output, options["format"])
    if fmt is not Format.table:
        message(
            goal_sentence(result, Words(command_lang(), result.currency))
        )  # the data stays clean: the answer goes beside it
    write(result, fmt, RenderOptions(period=options["period"]), output)


# On the method commands, before the sweep and the simulation: it refuses --vary and claims --target with --history.
HISTORY = Extension(PARAMETERS, run_history)
