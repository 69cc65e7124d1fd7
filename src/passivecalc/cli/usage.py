"""What the option parser finds wrong, as one line in passivecalc's style; and help in the user's words.

Typer bundles the option parser (click) and reports its errors in a boxed
panel, in its own words. passivecalc's commands use the classes below
instead: `Group.main` runs a command line and turns every usage error into
one line on stderr, `passivecalc: error: --option: what was given and what is
allowed`, exit 2, nothing on stdout. It also owns the run's faults: Ctrl-C
(exit 130, no traceback), a closed pipe (exit 0, as `| head` expects) and a
failed write to stdout (a full disk: exit 1 with a message).

This is the one module that reaches into the parser typer bundles
(`typer._click`) and into its coercion of values (`typer._coercion`, for
start-up time: LazyCoercion); the rest of the CLI uses typer's public names.
"""

from __future__ import annotations

import difflib
import errno
import os
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

import typer
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperCommand, TyperGroup

from passivecalc.cli.output import OutputError, message, stdout_closed

# Words people bring from one method to another: an unknown option is also matched against these.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "--yield": ("--rate", "--apy", "--apr", "--fee-apr"),
    "--rate": ("--yield", "--apy", "--apr"),
    "--apy": ("--apr", "--rate", "--yield"),
    "--apr": ("--apy", "--rate", "--yield"),
    "--interest": ("--rate", "--apy", "--yield"),
    "--amount": ("--capital",),
    "--capital": ("--amount", "--ad-spend"),
    "--investment": ("--capital", "--amount"),
    "--monthly": ("--contribution",),
    "--growth": ("--price-growth", "--dividend-growth", "--traffic-growth", "--student-growth"),
    "--fees": ("--fee", "--platform-fee"),
    "--tax-rate": ("--tax",),
    "--color": ("--format",),
    "--colour": ("--format",),
    "--out": ("--output",),
    "--file": ("--output",),
}


def run(command: Any, args: list[str], prog_name: str, extra: dict[str, Any]) -> int:
    """Parse args and run the command; every error and fault becomes one stderr line and an exit code."""
    try:
        try:
            with command.make_context(prog_name, list(args), **extra) as ctx:
                command.invoke(ctx)
            code = 0
        except typer.Exit as done:
            code = done.exit_code
        finally:
            sys.stdout.flush()  # a full disk shows here, not in Python's silent flush at exit
    except KeyboardInterrupt:
        message("passivecalc: interrupted")
        return 130
    except NoArgsIsHelpError:
        return 2  # the help is printed already
    except ClickException as error:
        message(f"passivecalc: error: {explain(error, args)}")
        return error.exit_code
    except typer.Abort:
        message("passivecalc: aborted")
        return 1
    except OutputError as error:
        message(f"passivecalc: error: {error}")
        return int(error.exit_code)
    except OSError as error:
        if error.errno == errno.EPIPE:
            stdout_closed()
            return 0  # the reader has all it wanted (`passivecalc --help | head -1`)
        if error.errno is not None and error.filename is None:  # stdout itself could not be written
            stdout_closed()
            message(f"passivecalc: error: cannot write the output: {os.strerror(error.errno)}")
            return 1
        raise
    return code


def main(
    command: Any,
    args: Sequence[str] | None,
    prog_name: str | None,
    complete_var: str | None,
    standalone_mode: bool,
    extra: dict[str, Any],
) -> int:
    """click's `main`, with passivecalc's error handling (`run`) instead of typer's panels."""
    argv = list(sys.argv[1:] if args is None else args)
    prog = prog_name or "passivecalc"
    command._main_shell_completion(extra, prog, complete_var)
    code = run(command, argv, prog, extra)
    if standalone_mode:
        sys.exit(code)
    return code


def show_help(command: Any, ctx: Any, formatter: Any, base: Any) -> None:
    """The help, with placeholders in the user's words; a closed pipe (`--help | head -1`) ends it quietly, exit 0.

    rich ends a print into a closed pipe with SystemExit(1), stdout already
    pointed at /dev/null: here that is the reader having read enough.
    """
    for param in command.get_params(ctx):
        name_placeholder(param)
    try:
        base.format_help(command, ctx, formatter)
    except SystemExit:
        raise typer.Exit(0) from None


def name_placeholder(param: Any) -> None:
    """A placeholder for an option's value when none was declared: none for a switch, NUMBER, FILE, TEXT or the choices."""
    if getattr(param, "param_type_name", "") == "argument":
        # Its name says what it is (FILE, METHOD): no `{FILE}` in the usage line, no `<list[str]>` beside it.
        name = param.metavar or (param.name or "").upper()
        param._usage_display_name = lambda: name
        param.display_type_rich = lambda ctx: None
        return
    if getattr(param, "param_type_name", "") != "option" or param.metavar is not None:
        return
    if getattr(param, "is_flag", False):
        param.metavar = ""
        return
    descriptor = param.type_descriptor
    kind = descriptor.annotation
    args = getattr(kind, "__args__", ())
    if descriptor.choices:
        from passivecalc.cli.build import choices_placeholder

        param.metavar = choices_placeholder([str(c.value if isinstance(c, Enum) else c) for c in descriptor.choices])
    elif kind in (int, float) or int in args or float in args:
        param.metavar = "NUMBER"
    elif descriptor.is_path:
        param.metavar = "FILE"
    else:
        param.metavar = "TEXT"


class LazyCoercion(RuntimeParam):
    """typer's coercion of one option's value, with its pydantic adapter built only when there is work for it.

    typer builds a TypeAdapter for every option of the command that runs, even
    one left at None (most of them): tens of ms of a start-up. In its place
    (`coerce_lazily`), an option left at None builds nothing (RuntimeParam.coerce
    returns None first); a member of an Enum option's choices (a default) comes
    back as it is, as typer's choice returns it; a parser of ours (cli/build.py)
    is called directly, as typer's adapter calls it. Any other value, and a
    parser's error, goes through typer's own coercion, so every message is its own.
    """

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        kind = self.annotation
        if isinstance(kind, type) and issubclass(kind, Enum) and isinstance(value, kind):
            return value
        descriptor = param.type_descriptor
        parser = self.parameter_info.parser
        if parser is not None and not (descriptor.is_list or descriptor.is_tuple or descriptor.is_file):
            try:
                return parser(value)
            except (ValueError, AssertionError):  # what pydantic turns into a validation error: typer's words below
                pass
        param._runtime_param = build_runtime_param(descriptor)
        return param._runtime_param._coerce_value(value, param=param, ctx=ctx)


def coerce_lazily(params: Sequence[Any]) -> None:
    """Give each of typer's options a LazyCoercion, unless its coercion is built already."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = LazyCoercion(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )


class Group(TyperGroup):
    """The passivecalc app: usage errors as one line, and unknown commands matched whatever their case."""

    def parse_args(self, ctx, args):
        coerce_lazily(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def main(
        self, args=None, prog_name=None, complete_var=None, standalone_mode=True, windows_expand_args=True, **extra
    ):
        return main(self, args, prog_name, complete_var, standalone_mode, extra)

    def format_help(self, ctx, formatter) -> None:
        show_help(self, ctx, formatter, TyperGroup)


class Command(TyperCommand):
    """Every passivecalc command: help in the user's words; run on its own (tests), the same one-line errors."""

    def parse_args(self, ctx, args):
        coerce_lazily(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def main(
        self, args=None, prog_name=None, complete_var=None, standalone_mode=True, windows_expand_args=True, **extra
    ):
        return main(self, args, prog_name, complete_var, standalone_mode, extra)

    def format_help(self, ctx, formatter) -> None:
        show_help(self, ctx, formatter, TyperCommand)


# -- the one line --------------------------------------------------------------------


def explain(error: ClickException, args: Sequence[str] = ()) -> str:
    """A usage error in passivecalc's words: `--option: ...`, or what the line is about first."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, NoSuchOption):
        return unknown_option(error.option_name, ctx)
    if isinstance(error, MissingParameter):
        return missing(error)
    if isinstance(error, BadParameter):
        return bad_value(error)
    if isinstance(error, BadOptionUsage):
        return option_usage(error, ctx)
    if isinstance(error, UsageError):
        text = error.message
        if text.startswith("No such command"):
            return unknown_command(text, ctx, args)
        if text.startswith("Got unexpected extra argument"):
            return extra_argument(text, ctx, args)
        return text
    return error.format_message()


def options_of(ctx: Any) -> list[Any]:
    return [p for p in (ctx.command.params if ctx is not None else []) if getattr(p, "param_type_name", "") == "option"]


def long_names(ctx: Any) -> list[str]:
    return [name for p in options_of(ctx) for name in (*p.opts, *p.secondary_opts) if name.startswith("--")]


def unknown_option(option: str, ctx: Any) -> str:
    """`--yield: no such option for p2p; did you mean --rate?`: close names and synonyms among this command's options."""
    name = option.split("=", 1)[0]
    known = long_names(ctx)
    close = nearest(name, known)
    related = [s for s in SYNONYMS.get(name, ()) if s in known]
    suggestions = (related or close)[:3]
    where = (
        f" for {ctx.command_path.removeprefix('passivecalc ')}"
        if ctx is not None and ctx.command_path != "passivecalc"
        else ""
    )
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    see = f" (see {ctx.command_path} --help)" if ctx is not None else ""
    return f"{name}: no such option{where}{hint}{see if not suggestions else ''}"


def nearest(word: str, names: list[str]) -> list[str]:
    """The names closest to word (difflib), only those nearly as close as the closest: `--yeild` gives --yield alone."""
    scored = sorted(((difflib.SequenceMatcher(None, word, n).ratio(), n) for n in names), reverse=True)
    scored = [(score, n) for score, n in scored if score >= 0.6]
    return [n for score, n in scored[:3] if score >= scored[0][0] - 0.05] if scored else []


def unknown_command(text: str, ctx: Any, args: Sequence[str]) -> str:
    """`'DIVIDEND' is not a command; did you mean dividend?`, the commands compared whatever their case."""
    given = text.split("'", 2)[1] if text.count("'") >= 2 else (args[0] if args else "")
    names = list(ctx.command.list_commands(ctx)) if ctx is not None else []
    lowered = {n.lower(): n for n in names}
    found = [lowered[m] for m in nearest(given.lower(), list(lowered))]
    hint = f"; did you mean {' or '.join(found)}?" if found else f"; one of {', '.join(names)}" if names else ""
    return f"{given!r} is not a command{hint}"


def extra_argument(text: str, ctx: Any, args: Sequence[str]) -> str:
    """A word no option takes: after a switch (`--drip yes`) say how a switch is written."""
    extra = text[text.rfind(" (") + 2 : text.rfind(")")]
    first = extra.split(" ", 1)[0]
    switches = {
        name: p for p in options_of(ctx) if getattr(p, "is_bool_flag", False) for name in (*p.opts, *p.secondary_opts)
    }
    for before, word in zip(args, args[1:], strict=False):
        if word == first and before in switches:
            return switch_message(switches[before])
    return f"{first!r} is not an option or the value of one (options start with --; see {ctx.command_path if ctx else 'passivecalc'} --help)"


def switch_message(param: Any) -> str:
    on = next((o for o in param.opts if o.startswith("--")), param.opts[0])
    off = next((o for o in param.secondary_opts if o.startswith("--")), None)
    return f"{on} is a switch: write {on} or {off}" if off else f"{on} is a switch: write {on} alone"


def option_usage(error: BadOptionUsage, ctx: Any) -> str:
    name = error.option_name
    param = next((p for p in options_of(ctx) if name in (*p.opts, *p.secondary_opts)), None)
    if "does not take a value" in error.message:
        return switch_message(param) if param is not None else f"{name} is a switch: write {name} or --no-{name[2:]}"
    if "requires an argument" in error.message or "requires" in error.message:
        return f"{name}: needs a value after it{example_of(param)}"
    return f"{name}: {error.message}"


def example_of(param: Any) -> str:
    metavar = getattr(param, "metavar", None)
    return f" ({param.opts[0]} {metavar})" if param is not None and metavar else ""


def option_of(error: BadParameter) -> str:
    param = error.param
    if param is None:
        return "value"
    if getattr(param, "param_type_name", "") == "argument":
        return (param.metavar or param.name or "argument").upper()
    return next((o for o in param.opts if o.startswith("--")), param.opts[0])


def missing(error: MissingParameter) -> str:
    param = error.param
    name = option_of(error)
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        return f"{name}: missing; give {name}"
    return f"{name}: missing; give {name}{' ' + param.metavar if param is not None and param.metavar else ' VALUE'}"


def bad_value(error: BadParameter) -> str:
    """`--option: 'x' is not ...`: our parsers' words as they are; the library's replaced by what is allowed."""
    name = option_of(error)
    cause = error.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    if not errors:
        return f"{name}: {error.message}"
    first = errors[0]
    if str(first.get("type", "")).startswith("cli_"):
        return f"{name}: {first['msg']}"
    given = first.get("input")
    shown = repr(given) if isinstance(given, str) else str(given)
    return f"{name}: {shown} is not {wanted(error.param)}"


def wanted(param: Any) -> str:
    """What a value of the parameter looks like, for a message: 'a number', 'one of table, csv, json'."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return "allowed"
    if descriptor.choices:
        return "one of " + ", ".join(str(c.value if isinstance(c, Enum) else c) for c in descriptor.choices)
    kind = descriptor.annotation
    args = getattr(kind, "__args__", ())
    if kind is int or int in args:
        return "a whole number"
    if kind is float or float in args:
        return "a number"
    return "allowed here"
