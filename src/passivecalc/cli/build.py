"""Typer commands built from pydantic models: a parameter is declared once, as a field.

Typer reads a function's `__signature__`, so a command's options are made
from the model's fields: option `--dividend-growth` for field
`dividend_growth`, `--drip/--no-drip` for a bool, a choice for an Enum, the
field's description and unit as help, its default as the default.
"""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import typer
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from passivecalc.errors import option_name
from passivecalc.params import allowed_range, is_percent, panel_of, unit_of


def model_parameters(model: type[BaseModel], default_panel: str = "Method") -> list[inspect.Parameter]:
    """One keyword-only typer option per model field: the method's own in declaration order, then the shared settings."""
    from passivecalc.params import Params

    shared = [n for n in model.model_fields if n in Params.model_fields]
    own = [n for n in model.model_fields if n not in Params.model_fields]
    parameters = []
    for name in [*own, *shared]:
        info = model.model_fields[name]
        key = info.alias or name
        option = option_name(key)
        declarations = [f"{option}/--no-{option[2:]}"] if info.annotation is bool else [option]
        unit = unit_of(info)
        # The unit in brackets, escaped: rich would take "[months]" for a markup tag and drop it.
        help_text = f"{info.description} \\[{unit}]" if unit and unit not in ("money",) else info.description
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, Enum) and placeholder(key, info) == "CHOICE":
            help_text = f"{help_text}: {', '.join(str(member.value) for member in kind)}"
        parameters.append(
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=info.default,
                annotation=Annotated[
                    info.annotation,
                    typer.Option(
                        *declarations,
                        metavar=placeholder(key, info),
                        help=help_text,
                        rich_help_panel=panel_of(info, default_panel),
                        parser=currency_parser if name == "currency" else parser_for(info),
                    ),
                ],
            )
        )
    return parameters


def placeholder(key: str, info: FieldInfo) -> str:
    """What --help shows for a field's value, in the user's words: %, MONEY, YEARS, HOURS, MONTH, NUMBER, the choices; none for a switch."""
    kind = info.annotation
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((arg for arg in get_args(kind) if arg is not type(None)), kind)
    unit = unit_of(info)
    if kind is bool:
        return ""
    if isinstance(kind, type) and issubclass(kind, Enum):
        return choices_placeholder([str(member.value) for member in kind])
    if key == "start":
        return "MONTH"
    if key == "currency":
        return "CODE"
    if kind not in (int, float):
        return "TEXT"
    if unit.startswith("%"):
        return "%"
    for word in ("money", "years", "months", "days", "hours"):
        if unit.startswith(word):
            return word.upper()
    return "NUMBER"


def choices_placeholder(choices: list[str]) -> str:
    """`table|csv|json` when short; CHOICE when the list would crowd the option names out of an 80-column help."""
    joined = "|".join(choices)
    return joined if len(joined) <= 17 else "CHOICE"


def parser_for(info: FieldInfo) -> Callable[[Any], Any] | None:
    """A parser whose error names the value given and what is allowed, for numbers and choices.

    Typer's own message for text where a number goes ("Input should be a
    valid number") names neither; the option's name comes from the error
    handler (cli/usage.py). A percent accepts a trailing %: `--yield 4%` is 4.
    """
    kind = info.annotation
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((arg for arg in get_args(kind) if arg is not type(None)), kind)
    if kind in (int, float):
        return number_parser(int if kind is int else float, lambda: allowed_range(info), percent=is_percent(info))
    if isinstance(kind, type) and issubclass(kind, Enum):
        choices = [member.value for member in kind]

        def choice(value: Any) -> Any:
            try:
                return kind(value)
            except ValueError:
                allowed = ", ".join(str(c) for c in choices)
                raise PydanticCustomError(
                    "cli_choice", "{given} is not one of {allowed}", {"given": repr(value), "allowed": allowed}
                ) from None

        return choice
    return None


def currency_parser(value: Any) -> Any:
    """--currency in any case ('sar' -> 'SAR'), checked against ISO 4217 (passivecalc.money) before validation.

    Three letters that are no ISO 4217 code are refused here, in one line (exit 2); anything else that is
    not a code ('dollars') is left as typed for the parameters' own check to refuse by name.
    """
    from passivecalc.errors import InputError
    from passivecalc.money import normalise_currency

    text = str(value).strip()
    try:
        return normalise_currency(text)
    except InputError as error:
        if len(text) == 3 and text.isascii() and text.isalpha():
            from passivecalc.cli.output import message

            message(f"passivecalc: error: {error.as_option()}")
            raise typer.Exit(2) from None
        return value


# A number written with thousands separators; a pattern, not compiled here: only an error reads it (start-up time).
THOUSANDS = r"[-+]?\d{1,3}([,_ ]\d{3})+(\.\d+)?"


def number_parser(kind: type, allowed: Callable[[], str], percent: bool = False) -> Callable[[Any], Any]:
    """A parser of int or float text whose error says what was given and what is allowed (`allowed()`, read on error only).

    percent: a trailing % is dropped (`4%` is 4). Thousands separators
    (`10,000`) are refused with a hint to write the plain number.
    """
    wanted = "a whole number" if kind is int else "a number"

    def number(value: Any) -> Any:
        text = value.strip() if isinstance(value, str) else value
        if percent and isinstance(text, str) and text.endswith("%"):
            text = text[:-1].strip()
        try:
            return kind(text)
        except (TypeError, ValueError):
            limits = allowed()
            hint = f" (allowed: {limits})" if limits else ""
            if isinstance(text, str) and re.fullmatch(THOUSANDS, text):
                plain = re.sub(r"[,_ ]", "", text)
                hint = f"; write {plain}, without thousands separators"
            raise PydanticCustomError(
                "cli_number", "{given} is not {wanted}{hint}", {"given": repr(value), "wanted": wanted, "hint": hint}
            ) from None

    return number


def with_signature(fn: Callable[..., Any], parameters: list[inspect.Parameter]) -> Callable[..., Any]:
    """Give fn (which takes **kwargs) the signature typer should read."""
    fn.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return fn


def split(values: dict[str, Any], model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate the model's fields from the command's other options."""
    fields = {k: v for k, v in values.items() if k in model.model_fields}
    others = {k: v for k, v in values.items() if k not in model.model_fields}
    return fields, others


def explicit(values: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """Only the fields whose value differs from the default (what the user actually set)."""
    return {k: v for k, v in values.items() if k in model.model_fields and v != model.model_fields[k].default}
