"""Parameters, declared once.

Each method's Params is a pydantic model whose fields carry the unit, bounds,
default and help text. CLI options, scenario-file keys, JSON `params` and
`--help` all come from these declarations. A field's *key* is its alias when
it has one (`yield`, a Python keyword, is field `yield_` with alias `yield`),
otherwise its name; the CLI option is the key with dashes (`--dividend-growth`).

Percent inputs stay percent in the model (what the user typed, and what JSON
`params` shows). Methods read them as fractions through `params.fractions`, the
one place where a percent becomes a fraction: `params.fractions.yield_` is 0.04
for `--yield 4`; fields that are not percent read through unchanged.
"""

from __future__ import annotations

import difflib
import types
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonDict

from passivecalc.errors import InputError
from passivecalc.timeline import months, parse_start

# The help panel of every method's uncertain inputs: they act only under --simulate.
RISK_PANEL = "Risk (with --simulate)"


def field(default: Any, help: str, unit: str = "", *, panel: str | None = None, **bounds) -> Any:
    """A parameter: default, help text, unit (shown in --help and templates) and bounds (ge, le, gt, lt)."""
    extra: JsonDict = {"unit": unit}
    if panel:
        extra["panel"] = panel
    return Field(default, description=help, json_schema_extra=extra, **bounds)


def percent(default: float | None, help: str, unit: str = "%", *, le: float | None = 100, **bounds) -> Any:
    """A percentage the user types as percent (4 means 4 %), 0 to 100 unless bounds say otherwise.

    Methods read it as a fraction through `Params.fractions`.
    """
    bounds.setdefault("ge", 0)
    if le is not None:
        bounds["le"] = le
    info = field(default, help, unit, **bounds)
    info.json_schema_extra["percent"] = True
    return info


def is_percent(info: FieldInfo) -> bool:
    """Whether a field was declared with `percent` (the user types percent, methods read a fraction)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return bool(extra.get("percent"))


class Fractions:
    """A read-only view of a Params in which every percent field reads as a fraction.

    `params.fractions.tax` is 0.25 for `--tax 25`; a field that is not a
    percent (`capital`, `years`, `drip`) reads as it is; an optional percent
    left unset reads None. This is the model boundary: methods compute with
    fractions only and never divide by 100.
    """

    __slots__ = ("_params",)

    def __init__(self, params: BaseModel):
        object.__setattr__(self, "_params", params)

    def __getattr__(self, name: str) -> Any:
        params = object.__getattribute__(self, "_params")
        value = getattr(params, name)
        info = type(params).model_fields.get(name)
        if info is not None and value is not None and is_percent(info):
            return value / 100
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Fractions is read-only")


ZAKAT_PANEL = "Zakat"


class ZakatYear(str, Enum):
    """The year zakat is counted on: lunar (354 days, 2.5 %) or solar (365 days, 2.577 %)."""

    lunar = "lunar"
    solar = "solar"

    @property
    def kind(self) -> Literal["lunar", "solar"]:
        """The value, typed for passivecalc.zakat."""
        return "solar" if self is ZakatYear.solar else "lunar"


class Params(BaseModel):
    """Base of every method's parameters: the shared scenario settings live here."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        populate_by_name=True,
        frozen=True,
        defer_build=True,  # build a schema only for the model a run validates: start-up time
    )

    years: int = field(10, "Years to project", "years", panel="Scenario", ge=1, le=100)
    inflation: float = percent(0, "Inflation, to show today's money (0: nominal only)", "%/yr", panel="Scenario", le=50)
    currency: str = field(
        "USD",
        "Currency, any ISO 4217 code (SAR, AED, EGP...): how money is written; amounts are yours to give",
        panel="Scenario",
        pattern=r"^[A-Z]{3}$",
    )
    start: str | None = field(None, "First month, YYYY-MM, to label periods with dates", panel="Scenario")
    hour_value: float = field(
        0,
        "What an hour of your time is worth: adds net gain and IRR after your time to the summary (0: time is free)",
        "money/hour",
        panel="Scenario",
        ge=0,
        le=1e6,
    )

    zakat: bool = field(
        False, "Pay zakat: 2.5 % of zakatable wealth each lunar year when it is at least the nisab", panel=ZAKAT_PANEL
    )
    zakat_year: ZakatYear = field(
        ZakatYear.lunar, "lunar: every 354 days at 2.5 %; solar: every 365 days at 2.577 %", panel=ZAKAT_PANEL
    )
    nisab: float | None = field(
        None,
        "Zakat is due only when zakatable wealth is at least this (default: 85 g of gold at the last shipped gold price, in USD)",
        "money",
        panel=ZAKAT_PANEL,
        ge=0,
        le=1e12,
    )
    zakatable: float | None = percent(
        None, "Share of the value that is zakatable wealth (default: the method's, 100 % for most)", panel=ZAKAT_PANEL
    )

    @field_validator("currency", mode="before")
    @classmethod
    def _currency_in_any_case(cls, value: Any) -> Any:
        """`sar` is SAR: any ISO 4217 code, in any case (checked against Babel's list when it is not USD)."""
        if isinstance(value, str) and len(value.strip()) == 3:
            if value.strip().upper() == "USD":
                return "USD"
            from passivecalc.money import normalise_currency

            return normalise_currency(value)
        return value

    @field_validator("start")
    @classmethod
    def _start_is_a_month(cls, value: str | None) -> str | None:
        if value is not None:
            parse_start(value)
        return value

    @property
    def months(self) -> int:
        return months(self.years)

    @property
    def fractions(self) -> Any:
        """This model with every percent field as a fraction (see `Fractions`)."""
        return Fractions(self)


def keys(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> key (the user's word for it), in declaration order."""
    return {name: (info.alias or name) for name, info in model.model_fields.items()}


def number_type(info: FieldInfo) -> type | None:
    """int or float for a numeric field, optional ones (`float | None`) included; None for any other."""
    kind: Any = info.annotation
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((arg for arg in get_args(kind) if arg is not type(None)), kind)
    return kind if kind in (int, float) else None


def unit_of(info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("unit", ""))


def panel_of(info: FieldInfo, default: str) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("panel", default))


def bounds_of(info: FieldInfo) -> dict[str, float]:
    """The numeric bounds declared on a field: any of ge, gt, le, lt."""
    found: dict[str, float] = {}
    for item in info.metadata:
        for name in ("ge", "gt", "le", "lt"):
            value = getattr(item, name, None)
            if value is not None:
                found[name] = value
    return found


def upper_bound(info: FieldInfo) -> float | None:
    """A field's upper bound (le, else lt), None when it has none."""
    bounds = bounds_of(info)
    return bounds.get("le", bounds.get("lt"))


def allowed_range(info: FieldInfo) -> str:
    """'0 to 100 %', 'at least 0', 'above 0, up to 1,000', ... from a field's bounds and unit.

    Money needs no unit word (money a month reads 'a month'); whole bounds get
    thousands separators, so that a limit reads as a number, not as 1e+12.
    """
    b = bounds_of(info)
    unit = unit_of(info)
    if unit.startswith("money"):
        unit = unit.replace("money/", "a ").replace("money", "")
    suffix = f" {unit}" if unit else ""

    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"

    low = f"{fmt(b['ge'])}" if "ge" in b else (f"above {fmt(b['gt'])}" if "gt" in b else None)
    high = f"{fmt(b['le'])}" if "le" in b else (f"below {fmt(b['lt'])}" if "lt" in b else None)
    if "ge" in b and "le" in b:
        return f"{low} to {high}{suffix}"
    if "gt" in b and "le" in b:
        return f"{low}, up to {high}{suffix}"
    if low and high:
        return f"{low} and {high}{suffix}"
    if "ge" in b:
        return f"at least {low}{suffix}"
    if low:
        return f"{low}{suffix}"
    if "le" in b:
        return f"at most {high}{suffix}"
    return f"{high}{suffix}" if high else ""


def build(model: type[Params], values: dict[str, Any]) -> Params:
    """Validate values (keyed by key or field name) into a model; bad input raises InputError.

    The first problem is reported, in the user's words: the key, what was
    given and what is allowed. Unknown keys get a 'did you mean'.
    """
    known = keys(model)
    for given in values:
        if given not in known and given not in known.values():
            raise InputError(given, f"unknown key{did_you_mean(given, list(known.values()))}")
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise input_error(model, error) from None


def input_error(model: type[BaseModel], error: ValidationError) -> InputError:
    """The first error of a ValidationError as an InputError naming the key."""
    first = error.errors(include_url=False)[0]
    loc = first.get("loc") or ()
    name = str(loc[0]) if loc else ""
    info = model.model_fields.get(name) or next((i for i in model.model_fields.values() if i.alias == name), None)
    key = (info.alias or name) if info is not None and info.alias else name
    given = first.get("input")
    kind = first.get("type", "")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than") and info is not None:
        return InputError(key, f"{_show(given)} is out of range (allowed: {allowed_range(info)})")
    if kind == "finite_number":
        return InputError(key, f"{_show(given)} is not a finite number")
    if kind == "string_pattern_mismatch" and name == "currency":
        return InputError(key, f"{_show(given)} is not a three-letter currency code such as USD or EUR")
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        wanted = "a whole number" if kind.startswith("int") else "a number"
        return InputError(key, f"{_show(given)} is not {wanted}")
    if kind == "enum" or kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        return InputError(key, f"{_show(given)} is not one of {expected}")
    message = first.get("msg", "invalid value")
    message = message.removeprefix("Value error, ")
    if not key:
        return InputError("", message)
    # A validator's message may already name the value ('2026-13' is not a month...): say it once.
    names_value = given is None or isinstance(given, dict) or message.startswith(_show(given))
    return InputError(key, message if names_value else f"{_show(given)}: {message}")


# A value echoed in a message is cut to this many characters, so that a message stays one readable line.
SHOW_AT_MOST = 60


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        text = f"{value:g}"
    elif isinstance(value, str):
        text = repr(value)
    else:
        text = str(value)
    return text if len(text) <= SHOW_AT_MOST else text[: SHOW_AT_MOST - 3] + "..."


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean "yield"?)' for a close match among choices, else nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
