"""Goal seeking: the capital, contribution, years or effort that reaches a target.

A projection answers "what does this pay?"; a goal answers the reverse: "I
want 2,000 a month: how much do I need?". The solver works for every method in
the registry without knowing any of them: it varies one field of the method's
Params (the lever) within that field's declared bounds and runs the method's
own projection at each step.

The target is one of:

- income: monthly_income_end, the mean net income a month over the last 12
  months of the horizon (the default);
- payout: the mean payout a month over the last 12 months (what the user takes
  home when part of the income is reinvested);
- value: the ending value.

`real` deflates the target to today's money with the scenario's inflation.
With `confidence` (a percent), the target must be reached on that share of
simulated paths; the paths come from `risk.summary_paths` with one seed. When
the lever does not change the horizon (capital, contribution, effort), every
step of the search sees the same draws and the search stays monotone. Solving
for years under a confidence changes the horizon, and with it the paths per
chunk (`risk.chunk_size`), so each horizon sees draws of its own and the
figure need not rise with the years: the answer is a horizon that reaches the
target next to one that does not.

The search assumes the target figure never falls when the lever rises (more
capital, a larger contribution, more articles, more years). Continuous levers
use regula falsi with the Illinois modification inside a bracket, which lands
in one step when the figure is linear in the lever (income is linear in
capital for many methods: the solver finds that out numerically, it does not
assume it) and keeps a bracket otherwise. Integer levers (years, books,
domains) get the smallest whole number that reaches the target, from a secant
guess checked against its neighbour, then bisection. Years, in a deterministic
run, come from one long projection read year by year, confirmed by a
projection at the answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from passivecalc.errors import InputError, NoAnswer, option_name
from passivecalc.methods import Method
from passivecalc.params import Params, bounds_of, build, keys, number_type, unit_of
from passivecalc.projection import Projection, rollup
from passivecalc.timeline import deflators

# A target counts as reached within a tenth of a cent, or within 1e-12 of its size when it is huge.
ABSOLUTE_TOLERANCE = 1e-3
RELATIVE_TOLERANCE = 1e-12
MAX_STEPS = 100
# 10,000 paths keep a goal at a confidence within 1 % from seed to seed where 2,000 did not: with
# `goal dividend --target 2000 --yield 4 --confidence 90`, 90.8 % of paths reach the target at 800,000
# (the rest had a 25 % dividend cut), so 2,000 paths fall short of 90 % for about one seed in eight
# (853,333 at seed 1), 10,000 paths for about one in 200. A solve at a confidence costs about three
# simulations of these paths (under a second for ten years of dividends).
DEFAULT_PATHS = 10_000
MIN_PATHS = 10  # fewer paths cannot tell 90 % from 95 %
SIMULATIONS_PER_SEARCH = 4
DEFAULT_SEED = 1
# The levers every method may offer besides its declared scale, when its Params has the field.
COMMON_LEVERS = ("capital", "contribution", "years")


class TargetKind(str, Enum):
    income = "income"
    payout = "payout"
    value = "value"


@dataclass(frozen=True)
class Goal:
    """What to reach: `target` money of the given kind, in the last year of the scenario's horizon.

    confidence: percent of simulated paths that must reach the target (None: the
    deterministic projection must). paths and seed set the simulation;
    block_years draws the paths from history (`--returns history`) in blocks of
    that many years, instead of the lognormal model.
    """

    target: float
    kind: TargetKind = TargetKind.income
    real: bool = False
    confidence: float | None = None
    paths: int = DEFAULT_PATHS
    seed: int = DEFAULT_SEED
    max_work: float = 1.0  # multiplies the work budget of a search under a confidence (risk.check_work)
    block_years: int | None = None  # draw from history (block bootstrap of Shiller's data) instead of lognormal

    @property
    def tolerance(self) -> float:
        return max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * abs(self.target))


@dataclass(frozen=True)
class Answer:
    """The lever's value that reaches the goal, the parameters with it, and what they achieve."""

    method: Method
    goal: Goal
    lever: str  # the Params field solved for
    value: float
    params: Params
    achieved: float  # the target figure at the answer (at the goal's confidence, when given)
    projection: Projection  # the deterministic projection at the answer
    steps: int  # projections (or simulations) the search ran

    @property
    def option(self) -> str:
        return option_name(key_of(self.method, self.lever))

    def as_dict(self, sentence: str) -> dict[str, Any]:
        """The goal and its answer under the user's keys, for JSON."""
        simulated = self.goal.confidence is not None
        return {
            "answer": sentence,
            "solve": key_of(self.method, self.lever),
            "value": int(self.value) if _is_integer(self.method, self.lever) else self.value,
            "target": self.goal.target,
            "target_kind": self.goal.kind.value,
            "real": self.goal.real,
            "confidence": self.goal.confidence,
            "paths": self.goal.paths if simulated else None,
            "seed": self.goal.seed if simulated else None,
            "achieved": self.achieved,
            "steps": self.steps,
        }


def levers(method: Method) -> dict[str, str]:
    """The levers a goal may solve for, user's key -> field name: the method's scale first, then the common ones."""
    fields = method.params.model_fields
    names = [method.scale, *(name for name in COMMON_LEVERS if name in fields and name != method.scale)]
    return {key_of(method, name): name for name in names if _is_number(method, name)}


def key_of(method: Method, name: str) -> str:
    return keys(method.params)[name]


def lever_field(method: Method, solve: str) -> str:
    """The field named by --solve: 'scale' (the method's declared scale), or one of levers()."""
    if solve == "scale":
        return method.scale
    choices = levers(method)
    if solve not in choices:
        raise InputError("solve", f"{solve!r} is not one of {', '.join(['scale', *choices])}")
    return choices[solve]


def check(method: Method, goal: Goal, params: Params) -> None:
    """Reject goals that are not questions: a non-positive target, a confidence outside 0-100, real money without inflation.

    With a confidence, the paths and seed are checked as `--simulate` checks them (at least MIN_PATHS paths).
    """
    if not math.isfinite(goal.target):
        raise InputError("target", f"{goal.target:g} is not a finite number")
    if goal.target <= 0:
        raise InputError("target", f"{goal.target:g} is out of range (allowed: above 0)")
    if goal.confidence is not None and not 0 < goal.confidence < 100:
        raise InputError("confidence", f"{goal.confidence:g} is out of range (allowed: above 0 and below 100 %)")
    if goal.confidence is not None:
        from passivecalc import risk

        risk.check_paths(goal.paths, minimum=MIN_PATHS, key="paths")
        risk.check_seed(goal.seed)
        # A search usually takes 3 or 4 simulations; the estimate counts SIMULATIONS_PER_SEARCH.
        work = risk.estimate_work([method.name], params.months, goal.paths, runs=SIMULATIONS_PER_SEARCH, yearly=False)
        risk.check_work(work, goal.max_work, reduce="fewer paths (--paths) or years (--years)")
    if goal.real and params.inflation <= 0:
        raise InputError(
            "real", "today's money needs --inflation above 0 (without it, today's money is the nominal figure)"
        )


# -- the target figure ---------------------------------------------------------


def by_year(projection: Projection, kind: TargetKind, real: bool) -> np.ndarray:
    """The target figure for a horizon ending at each year-end, shape (paths, years).

    income and payout: the mean a month over that year; value: the value at its end.
    Real figures divide each month's money by that month's deflator.
    """
    column = target_column(projection, kind, projection.inflation if real else None)
    return rollup(column, "last" if kind is TargetKind.value else "mean")


def target_column(projection: Projection, kind: TargetKind, inflation: float | None) -> np.ndarray:
    """The monthly column the target reads: net income, payout or value; in today's money at `inflation` (a fraction) when given."""
    column = {TargetKind.income: projection.net_income, TargetKind.payout: projection.payout}.get(
        kind, projection.value
    )
    return column if inflation is None else column / deflators(inflation, projection.months)


def figure(projection: Projection, kind: TargetKind, real: bool) -> np.ndarray:
    """The target figure at the horizon, per path: monthly_income_end, the monthly payout of the last year, or ending_value."""
    return by_year(projection, kind, real)[:, -1]


def target_figure(kind: TargetKind, real: bool) -> Callable[[Projection], np.ndarray] | None:
    """What a simulated path contributes to the goal, per path, when `risk.summary_paths` does not report it already.

    None for nominal income (monthly_income_end) and nominal value
    (ending_value), which every simulation reports; otherwise the target's
    own figure (the payout a month, or today's money), read from each chunk's
    projection as it is, so that the projection keeps its identities
    (payout = net_income - reinvested) and the draws stay the method's own.
    """
    if not real and kind is not TargetKind.payout:
        return None
    return lambda projection: figure(projection, kind, real)


def reached_by(values: np.ndarray, confidence: float) -> float:
    """The largest figure that at least `confidence` % of the paths reach: an order statistic of the paths."""
    values = np.sort(np.asarray(values, dtype=float).ravel())
    count = values.size
    needed = max(1, math.ceil(confidence / 100 * count - 1e-9))
    return float(values[count - needed])


# -- the search ----------------------------------------------------------------


def solve(
    method: Method,
    values: dict[str, Any],
    lever: str,
    goal: Goal,
    money: Callable[[float], str] | None = None,
) -> Answer:
    """The value of field `lever` that reaches `goal`, the other fields as in `values`.

    values: the method's fields by name or key, as for `params.build` (the
    lever's own value, if given, is replaced). money formats amounts in the
    messages of an unreachable goal. Raises InputError for bad input and
    NoAnswer (with the reason and the best that can be reached) when no value
    of the lever within its bounds reaches the target.
    """
    base = build(method.params, values)
    check(method, goal, base)
    search = _Search(method, base, lever, goal, money or _plain_money(base.currency))
    search.limit_to_valid_values()
    value: float
    if lever == "years" and goal.confidence is None:
        value = search.years_by_scan()
    elif _is_integer(method, lever):
        value = search.integer()
    else:
        value = search.continuous()
    params = search.params_at(value)
    projection = method.project(params)
    return Answer(method, goal, lever, float(value), params, search.evaluate(value), projection, search.steps)


class _Search:
    """One goal search: the figure as a function of the lever, evaluated with a cache."""

    def __init__(self, method: Method, base: Params, lever: str, goal: Goal, money: Callable[[float], str]):
        self.method = method
        self.base = base
        self.fields = base.model_dump(by_alias=False)
        self.lever = lever
        self.goal = goal
        self.money = money
        self.cache: dict[float, float] = {}
        self.steps = 0
        self.low, self.high = _bounds(method, lever)
        self.limited = False  # True when the other inputs allow less than the lever's declared upper bound
        self.target_figure = target_figure(goal.kind, goal.real)

    def limit_to_valid_values(self) -> None:
        """Lower the top of the search to the largest value the other inputs allow.

        A method's cross-field checks can cap the lever (a dividend growing faster
        than the price caps the years). When nothing above the lowest value is
        allowed, the inputs cannot be solved for this lever: say why.
        """
        whole = _is_integer(self.method, self.lever)
        try:
            self.params_at(self.low)
        except InputError as error:
            raise self._cannot_solve(error) from None
        try:
            self.params_at(self.high)
            return
        except InputError as error:
            refused = error
        allowed, not_allowed = self.low, self.high
        for _ in range(MAX_STEPS):
            if not_allowed - allowed <= (1 if whole else 1e-9 * max(abs(not_allowed), 1.0)):
                break
            middle = (allowed + not_allowed) // 2 if whole else allowed + (not_allowed - allowed) / 2
            try:
                self.params_at(middle)
                allowed = middle
            except InputError:
                not_allowed = middle
        if allowed - self.low <= (0 if whole else 1e-9 * (self.high - self.low)):
            raise self._cannot_solve(refused) from None
        self.high, self.limited = allowed, True

    def _cannot_solve(self, error: InputError) -> InputError:
        option = option_name(key_of(self.method, self.lever))
        return InputError(error.key, f"{error.message} (goal tries {option} from {self.low:g} to {self.high:g})")

    def params_at(self, value: float) -> Params:
        return build(self.method.params, {**self.fields, self.lever: value})

    def evaluate(self, value: float) -> float:
        """The target figure with the lever at value (at the goal's confidence, when given)."""
        if value in self.cache:
            return self.cache[value]
        params = self.params_at(value)
        self.steps += 1
        if self.goal.confidence is None:
            result = float(figure(self.method.project(params), self.goal.kind, self.goal.real)[0])
        else:
            result = reached_by(self._simulated(params), self.goal.confidence)
        self.cache[value] = result
        return result

    def _simulated(self, params: Params) -> np.ndarray:
        from passivecalc import risk

        factory = None
        if self.goal.block_years is not None:
            from functools import partial

            from passivecalc.history_data import HistoryDraws

            factory = partial(HistoryDraws, block_years=self.goal.block_years)
        summary = risk.summary_paths(
            self.method, params, self.goal.paths, self.goal.seed, figure=self.target_figure, draws_factory=factory
        )
        if self.target_figure is not None:
            return summary["target"]
        return summary["ending_value" if self.goal.kind is TargetKind.value else "monthly_income_end"]

    def gap(self, value: float) -> float:
        """Figure minus target: reached when >= -tolerance."""
        return self.evaluate(value) - self.goal.target

    def reached(self, value: float) -> bool:
        return self.gap(value) >= -self.goal.tolerance

    # -- the bracket -----------------------------------------------------------

    def bracket(self) -> bool:
        """True when the lowest value already reaches the target; NoAnswer when the highest does not."""
        if self.reached(self.low):
            return True
        if not self.reached(self.high):
            # The figure may fall as the lever rises (cut dividends over more years): report the higher end.
            best = max((self.high, self.low), key=self.evaluate)
            self.unreachable(best, self.evaluate(best))
        return False

    def continuous(self) -> float:
        """Regula falsi with the Illinois modification, bisecting when the bracket shrinks too slowly."""
        if self.bracket():
            return self.low
        low, high = self.low, self.high
        # The Illinois method halves the kept end's weight when the same end is kept twice.
        weight_low, weight_high = self.gap(low), self.gap(high)
        kept = 0  # +1: the low end was kept last time, -1: the high end
        for step in range(MAX_STEPS):
            if step % 3 == 0:
                width_before = high - low
            x = high - weight_high * (high - low) / (weight_high - weight_low)
            # Every third step, bisect unless the last two halved the bracket.
            if (step % 3 == 2 and high - low > width_before / 2) or not low < x < high:
                x = _middle(low, high)
            gap = self.gap(x)
            if abs(gap) <= self.goal.tolerance:
                return x
            if gap < 0:
                low, weight_low = x, gap
                if kept == +1:
                    weight_high /= 2
                kept = +1
            else:
                high, weight_high = x, gap
                if kept == -1:
                    weight_low /= 2
                kept = -1
            if high - low <= 4 * np.spacing(max(abs(high), 1.0)):
                break
        return high  # a jump in the figure: the smallest value found that reaches it

    def integer(self) -> int:
        """The smallest whole value that reaches the target: a secant guess checked against its neighbour, then bisection."""
        if self.bracket():
            return int(self.low)
        low, high = int(self.low), int(self.high)
        gap_low, gap_high = self.gap(low), self.gap(high)
        if gap_high > gap_low:
            guess = math.ceil(low + (high - low) * (-gap_low) / (gap_high - gap_low) - 1e-9)
            guess = min(max(guess, low + 1), high)
            if self.reached(guess):
                high = guess
                if guess - 1 > low and not self.reached(guess - 1):
                    low = guess - 1
            else:
                low = guess
        while high - low > 1:
            middle = (low + high) // 2
            if self.reached(middle):
                high = middle
            else:
                low = middle
        return high

    def years_by_scan(self) -> int:
        """Years, deterministic: read one projection at the longest horizon year by year, confirm at the answer.

        A method whose first Y years do not depend on the horizon (every method
        that only looks back) gives the same figure in a Y-year run as in year
        Y of the long run; if the confirming run disagrees, bisect instead.
        """
        longest = self.params_at(self.high)
        self.steps += 1
        scanned = by_year(self.method.project(longest), self.goal.kind, self.goal.real)[0]
        first_year = int(self.low)
        window = scanned[first_year - 1 : int(self.high)]
        reaching = np.flatnonzero(window - self.goal.target >= -self.goal.tolerance)
        if reaching.size == 0:
            best = int(np.argmax(window)) + first_year
            if math.isclose(self.evaluate(best), float(scanned[best - 1]), rel_tol=1e-9, abs_tol=1e-6):
                self.unreachable(best, self.evaluate(best))
            return self.integer()
        answer = int(reaching[0]) + first_year
        if math.isclose(self.evaluate(answer), float(scanned[answer - 1]), rel_tol=1e-9, abs_tol=1e-6):
            return answer
        return self.integer()

    # -- no answer -------------------------------------------------------------

    def unreachable(self, at: float, best: float) -> None:
        """Raise NoAnswer with the reason and the best that can be reached (`best`, with the lever at `at`)."""
        option = option_name(key_of(self.method, self.lever))
        wanted = target_phrase(
            self.goal, self.base, self.money, years=None if self.lever == "years" else self.base.years
        )
        per = "" if self.goal.kind is TargetKind.value else " a month"
        lowest, highest = self.evaluate(self.low), self.evaluate(self.high)
        confidence = self.goal.confidence
        # Under confidence the figure is the one that share of paths reach: say so.
        most = "the most" if confidence is None else f"the most that {confidence:g} % of the paths reach"
        if all(abs(best - end) <= self.goal.tolerance for end in (lowest, highest)):
            if confidence is None:
                reason = f"it stays at {self.money(best)}{per} whatever {option} is"
            else:
                reason = f"more than {100 - confidence:g} % of the paths stay at or below {self.money(best)}{per} whatever {option} is"
        elif self.lever == "years":
            longest = "the longest these inputs allow" if self.limited else "the longest horizon"
            reason = f"within {int(self.high)} years ({longest}) {most} is {self.money(best)}{per}, in year {int(at)}"
        elif highest < lowest - self.goal.tolerance:
            reason = (
                f"it falls as {option} rises, from {self.money(lowest)}{per} at {self._text(self.low)}"
                f" to {self.money(highest)}{per} at {self._text(self.high)}"
            )
        else:
            limit = "the most these inputs allow" if self.limited else "its upper limit"
            reason = f"{most} is {self.money(highest)}{per}, with {option} at {limit} of {self._text(self.high)}"
        raise NoAnswer(f"cannot reach {wanted}: {reason}{self._longer_horizon_hint()}")

    def _text(self, value: float) -> str:
        return lever_text(self.method, self.lever, value, self.money)

    def _longer_horizon_hint(self) -> str:
        """'; a longer --years can reach it' when the lever at its top reaches the target over the longest horizon."""
        longest = _bounds(self.method, "years")[1]
        if self.lever == "years" or self.goal.confidence is not None or self.base.years >= longest:
            return ""
        try:
            params = build(self.method.params, {**self.fields, self.lever: self.high, "years": longest})
        except InputError:  # the other inputs do not allow that horizon
            return ""
        self.steps += 1
        reached = figure(self.method.project(params), self.goal.kind, self.goal.real)[0] >= self.goal.target
        return "; a longer --years can reach it" if reached else ""


# -- words -----------------------------------------------------------------------


def target_phrase(goal: Goal, params: Params, money: Callable[[float], str], years: int | None) -> str:
    """'$2,000.00 a month of net income in year 10, in today's money, in 90 % of 2,000 simulated paths'."""
    when = "" if years is None else f" in year {years}"
    if goal.kind is TargetKind.income:
        text = f"{money(goal.target)} a month of net income{when}"
    elif goal.kind is TargetKind.payout:
        text = f"{money(goal.target)} a month paid out to you{when}"
    else:
        text = f"{money(goal.target)} in value" + ("" if years is None else f" at the end of year {years}")
    if goal.real:
        text += f", in today's money at {params.inflation:g} % inflation"
    if goal.confidence is not None:
        text += f", in {goal.confidence:g} % of {goal.paths:,} simulated paths"
    return text


def lever_text(method: Method, lever: str, value: float, money: Callable[[float], str]) -> str:
    """The lever's value in the user's terms: money as money, whole numbers whole, others to 2 decimals."""
    unit = unit_of(method.params.model_fields[lever]).replace("/month", " a month").replace("/yr", " a year")
    if unit.startswith("money"):
        return money(value) + unit.removeprefix("money")
    if _is_integer(method, lever):
        return f"{int(value):,}" + (f" {unit}" if unit and unit != lever else "")
    return f"{value:,.2f}" + (f" {unit}" if unit else "")


def _plain_money(currency: str) -> Callable[[float], str]:
    return lambda value: f"{value:,.2f} {currency}"


# -- fields ----------------------------------------------------------------------


def _is_number(method: Method, name: str) -> bool:
    return number_type(method.params.model_fields[name]) is not None


def _is_integer(method: Method, name: str) -> bool:
    return number_type(method.params.model_fields[name]) is int


def _bounds(method: Method, lever: str) -> tuple[float, float]:
    """The lever's search range from its declared bounds (an open bound is stepped inside)."""
    bounds = bounds_of(method.params.model_fields[lever])
    whole = _is_integer(method, lever)
    if "ge" in bounds:
        low = bounds["ge"]
    elif "gt" in bounds:
        low = bounds["gt"] + 1 if whole else bounds["gt"] + max(abs(bounds["gt"]) * 1e-9, 1e-9)
    else:
        low = 0
    if "le" in bounds:
        high = bounds["le"]
    elif "lt" in bounds:
        high = bounds["lt"] - 1 if whole else bounds["lt"] * (1 - 1e-12)
    else:
        high = 1e12
    return (int(low), int(high)) if whole else (float(low), float(high))


def _middle(low: float, high: float) -> float:
    """The midpoint, geometric across a wide positive bracket so that it narrows by orders of magnitude."""
    if low > 0 and high > 1000 * low:
        return math.sqrt(low * high)
    if low == 0 and high > 1e6:
        return high * 1e-6 if high * 1e-6 > 0 else high / 2
    return low + (high - low) / 2
