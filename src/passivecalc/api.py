"""passivecalc as a library: project a plan from Python (a notebook, a script), with no I/O.

    >>> import passivecalc
    >>> plan = passivecalc.project("dividend", capital=10_000, yield_=4, drip=True, years=20)
    >>> round(plan.summary()["ending_value"], 2)
    22167.15
    >>> plan.rows()[0]["income"]
    406.0401

`project` takes a method's name (any name `available_methods()` lists) and its
parameters as keyword arguments, under the names the command line and
scenario files use, with underscores: `dividend_growth=3` for
`--dividend-growth 3`. A parameter whose name is a Python keyword takes a
trailing underscore (`yield_=4`), or pass the file key itself
(`**{"yield": 4}`). Values are in the user's units, exactly as typed on the
command line: percent as percent (`yield_=4` is 4 %), money in the scenario's
currency, `years` whole years. Parameters left out take the command's
defaults. Bad input raises `passivecalc.InputError`, whose `key` names the
parameter and whose message says what was given and what is allowed.

Nothing here reads or writes files, prints, or imports the command line's
libraries (typer, rich); the command line is a layer over these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from passivecalc.errors import InputError
from passivecalc.methods import REGISTRY, Method
from passivecalc.params import Params, build, did_you_mean, keys
from passivecalc.projection import Projection
from passivecalc.result import Scenario

Period = Literal["year", "month"]
PERIODS: tuple[Period, ...] = ("year", "month")


@dataclass(frozen=True)
class Result:
    """One projected plan: the method's name, its validated parameters and the monthly projection.

    `projection` holds every monthly column as a (paths, months) numpy array,
    one path for a plan projected without randomness; money is nominal, in
    the scenario's currency, and flows are signed as the Projection contract
    says (contributed is money you put in, payout and returned are money you
    receive). `rows` and `summary` give the same figures as the CSV and JSON
    output of the command line, as plain Python numbers.
    """

    method: str
    params: Params
    projection: Projection

    def rows(self, period: Period = "year") -> list[dict[str, Any]]:
        """One dict per year (or per month with period="month"), keyed like the CSV columns.

        Keys: `year`, `month` (monthly rows only), `date` (with `start`), the
        standard columns, the method's own columns, then today's-money columns
        (with `inflation`). Flows (income, payout, hours...) are summed over
        the period; levels (value, shares...) are the period's last month.
        """
        if period not in PERIODS:
            raise InputError("period", f"{period!r} is not one of 'year', 'month'")
        return self.projection.rows(period)

    def summary(self) -> dict[str, float | int | None]:
        """The summary figures, keyed like JSON's "summary"; None where a figure does not exist.

        Money in the scenario's currency; keys ending in `_pct` in percent;
        `breakeven_month` is a month number (1 = the first month); the
        method's own figures (a P2P book's net annualised return, say) come last.
        """
        return self.projection.summary()

    @property
    def notes(self) -> tuple[str, ...]:
        """What the user should know about this result (the command line prints these on stderr)."""
        return self.projection.notes

    @property
    def after_tax(self) -> bool:
        """True when a tax rate was applied to the income."""
        return self.projection.after_tax

    def params_dict(self) -> dict[str, Any]:
        """Every parameter, defaults included, under its file key (`yield`, not `yield_`), as JSON values."""
        return self.params.model_dump(mode="json", by_alias=True)

    def scenario(self, name: str | None = None) -> Scenario:
        """This result as a named Scenario, what compare, portfolios and the renderers take."""
        return Scenario(name or self.method, self.method, self.params, self.projection)

    def __repr__(self) -> str:
        summary = self.summary()
        return (
            f"Result(method={self.method!r}, years={self.params.years}, currency={self.params.currency!r}, "
            f"ending_value={summary['ending_value']!r}, monthly_income_end={summary['monthly_income_end']!r})"
        )


def available_methods() -> dict[str, str]:
    """Every method's name -> its one-line description, in the order the command line lists them."""
    return {name: REGISTRY.description(name) for name in REGISTRY}


def method(name: str) -> Method:
    """The registered method of that name (dashes or underscores: `crypto_lending` is `crypto-lending`).

    An unknown name raises InputError with the names allowed.
    """
    if isinstance(name, str):
        for candidate in (name, name.replace("_", "-")):
            if candidate in REGISTRY:
                return REGISTRY[candidate]
    names = list(REGISTRY)
    hint = did_you_mean(name, names) if isinstance(name, str) else ""
    raise InputError("method", f"{name!r} is not a method{hint}; the methods are {', '.join(names)}")


def parameters(name: str, **values: Any) -> Params:
    """Validate a method's parameters (see `project`) into its Params model, without projecting."""
    chosen = method(name)
    return build(chosen.params, _by_key(chosen.params, values))


def project(name: str, /, **values: Any) -> Result:
    """Project a plan: the method's name, then its parameters as keyword arguments.

    Example: `project("dividend", capital=10_000, yield_=4, drip=True, years=20)`.
    Percent as percent, money in the scenario's currency; see the module's
    docstring for names and units. Raises InputError for an unknown method,
    an unknown parameter (with a "did you mean"), or a value out of range.
    """
    chosen = method(name)
    params = build(chosen.params, _by_key(chosen.params, values))
    return Result(chosen.name, params, chosen.project(params))


def _by_key(model: type[Params], values: dict[str, Any]) -> dict[str, Any]:
    """Values under their field names, refusing a parameter given twice (`yield_` and `yield`)."""
    aliases = {key: name for name, key in keys(model).items()}
    named: dict[str, Any] = {}
    given_as: dict[str, str] = {}
    for given, value in values.items():
        name = aliases.get(given, given)
        if name in named:
            raise InputError(keys(model).get(name, name), f"given twice, as {given_as[name]!r} and {given!r}")
        named[name] = value
        given_as[name] = given
    return named
