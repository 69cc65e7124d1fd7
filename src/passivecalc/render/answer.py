"""The answer first: one or two plain sentences over a table, saying what the command was asked.

e.g. "After 10 years: $48 a month ($581 a year) from $10,000 put in; the
holding is worth $14,889. 62 hours of your time." Effort methods lead with
the hours. The figures are the summary's (renderers compute no finance):
a month is the last year's net income / 12, a year is that year's net income.

Each sentence is built from the templates below (the catalogue's keys), in
the language of the `Words` given (English when none is).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from passivecalc.render.columns import EFFORT
from passivecalc.render.numbers import YEARS, Words, stop

if TYPE_CHECKING:
    from passivecalc.result import Scenario
    from passivecalc.risk import Simulation

HOURS = ("{n} hour", "{n} hours")
# "After 5 years", a phrase of its own: Arabic declines the count after "after" (بعد سنتين).
AFTER = ("After {n} year", "After {n} years")
INCOME = "{monthly} a month ({yearly} a year)"
ALL_REINVESTED = ", all reinvested"
# Effort methods: the hours first.
EFFORT_ANSWER = "{after}: {spent} bring {income} of net income{kept}"
SPENT = "{hours} of your time"
SPENT_AND_PUT_IN = "{hours} of your time and {put_in} put in"
GAIN_IN_ALL = "; {gain} net gain in all"
PER_HOUR = ", {rate} an hour"
# Other methods: the income first. ANSWER has no words of its own (not in the catalogue: its order is the same in Arabic).
ANSWER = "{after}: {income}{put_in}{kept}"
PUT_IN = " from {put_in} put in"
WORTH = "; the holding is worth {value}"
LOSS = " A loss of {loss} overall."
TIME = " {hours} of your time."
# Several scenarios.
BEST = "{name} pays the most a month: {most} in its last year"
SAME = "{first} and {second} pay the same a month in the last year: {most}"
AGAINST = ", against {amount} for {name}"
AND_FOR = " and {amount} for {name}"
SAME_EVERYWHERE = "{label}: the same in every cell."
BEST_AT = "{label} is best at {cell}: {value}"
LARGEST = " Largest stream: {name} ({share} of the net income)."
# Simulations.
SIMULATED = (
    "{after}: {median} a month on the median path; eight paths in ten between {low} and {high}. "
    "Losing money overall: {loss} of paths."
)
SIMULATED_BEST = (
    "{name} pays the most a month on the median path: {median} in year {years}, "
    "eight paths in ten between {low} and {high}"
)
TEXTS = (
    INCOME,
    ALL_REINVESTED,
    EFFORT_ANSWER,
    SPENT,
    SPENT_AND_PUT_IN,
    GAIN_IN_ALL,
    PER_HOUR,
    PUT_IN,
    WORTH,
    LOSS,
    TIME,
    BEST,
    SAME,
    AGAINST,
    AND_FOR,
    SAME_EVERYWHERE,
    BEST_AT,
    LARGEST,
    SIMULATED,
    SIMULATED_BEST,
)
PLURALS = (YEARS, HOURS, AFTER)


def amount(value: float | None, currency: str) -> str:
    """Money in a sentence: whole units, with the minor units under 10 ($4.50, $48, $14,889)."""
    return Words("en", currency).amount(value)


def span(years: int) -> str:
    return Words().count(years, *YEARS)


def hours_text(hours: float, said: Words | None = None) -> str:
    return (said or Words()).count(round(hours), *HOURS)


def projection_answer(
    method: str, summary: dict[str, Any], years: int, currency: str, said: Words | None = None
) -> str:
    """What a projection comes to at its end, in the user's words."""
    w = said or Words("en", currency)
    monthly = summary.get("monthly_income_end") or 0.0
    put_in = summary.get("total_contributed") or 0.0
    value = summary.get("ending_value") or 0.0
    hours = summary.get("total_hours") or 0.0
    net_gain = summary.get("net_gain")
    reinvested = (summary.get("total_payout") or 0.0) <= 1e-9 and (summary.get("total_reinvested") or 0.0) > 1e-9
    income = w.say(INCOME, monthly=w.amount(monthly), yearly=w.amount(12 * monthly))
    kept = w.t(ALL_REINVESTED) if reinvested else ""
    after = w.count(years, *AFTER)
    if method in EFFORT and hours > 0:
        worked = hours_text(hours, w)
        spent = (
            w.say(SPENT_AND_PUT_IN, hours=worked, put_in=w.amount(put_in))
            if put_in > 1e-9
            else w.say(SPENT, hours=worked)
        )
        text = w.say(EFFORT_ANSWER, after=after, spent=spent, income=income, kept=kept)
        if net_gain is not None:
            text += w.say(GAIN_IN_ALL, gain=w.amount(net_gain))
            if net_gain > 0:
                text += w.say(PER_HOUR, rate=w.amount(net_gain / hours))
        return stop(text)
    given = w.say(PUT_IN, put_in=w.amount(put_in)) if put_in > 1e-9 else ""
    text = w.say(ANSWER, after=after, income=income, put_in=given, kept=kept)
    if value > 1e-9:
        text += w.say(WORTH, value=w.amount(value))
    text = stop(text)
    if net_gain is not None and net_gain < 0:
        text += w.say(LOSS, loss=w.amount(-net_gain))
    if hours > 0:
        text += w.say(TIME, hours=hours_text(hours, w))
    return text


def scenario_answer(scenario: Scenario, said: Words | None = None) -> str:
    projection = scenario.projection
    return projection_answer(scenario.method, projection.summary(), projection.years, projection.currency, said)


def comparison_answer(scenarios: list[Scenario], said: Words | None = None) -> str:
    """Which scenario pays the most a month in its last year, and against what."""
    figures = [(s, s.projection.summary().get("monthly_income_end")) for s in scenarios]
    present = sorted(((s, v) for s, v in figures if v is not None and math.isfinite(v)), key=lambda item: -item[1])
    if not present:
        return ""
    (best, most), rest = present[0], present[1:]
    w = said or Words("en", best.projection.currency)
    if rest and math.isclose(rest[0][1], most, rel_tol=1e-9, abs_tol=1e-9):
        return stop(w.say(SAME, first=best.name, second=rest[0][0].name, most=w.amount(most)))
    text = w.say(BEST, name=best.name, most=w.amount(most))
    if rest:
        text += w.say(AGAINST, amount=w.amount(rest[0][1]), name=rest[0][0].name)
        if len(rest) > 1:
            text += w.say(AND_FOR, amount=w.amount(rest[-1][1]), name=rest[-1][0].name)
    return stop(text)


def grid_answer(
    values: list[float | None],
    cells: list[str],
    label: str,
    shown: list[str],
    best: set[int],
    said: Words | None = None,
) -> str:
    """The grid's best cell in words: 'Monthly net income, last year is best at yield=5, growth=3: $60.'

    label: the metric's label in the words' language.
    """
    w = said or Words()
    if not best:
        return w.say(SAME_EVERYWHERE, label=label) if values else ""
    index = min(best)
    return stop(w.say(BEST_AT, label=label, cell=cells[index], value=shown[index]))


def portfolio_answer(portfolio, said: Words | None = None) -> str:
    """The portfolio's total at its end, and its largest stream."""
    total = portfolio.total
    w = said or Words("en", total.currency)
    text = projection_answer("portfolio", total.summary(), total.years, total.currency, w)
    largest = portfolio.largest()
    if largest:
        text += w.say(LARGEST, name=largest[0], share=w.percent(largest[1], 0))
    return text


def simulation_answer(sim: Simulation, said: Words | None = None) -> str:
    """The median path's monthly income in the last year, the range of eight paths in ten, the chance of loss."""
    low, _, median, _, high = (float(v) for v in sim.final["monthly_income_end"])
    w = said or Words("en", sim.currency)
    return w.say(
        SIMULATED,
        after=w.count(sim.years, *AFTER),
        median=w.amount(median),
        low=w.amount(low),
        high=w.amount(high),
        loss=w.percent(100 * sim.probability_of_loss, 1),
    )


def simulated_comparison_answer(named: list[tuple[str, Simulation]], said: Words | None = None) -> str:
    """Which simulated scenario has the highest median monthly income in its last year."""
    medians = sorted(
        ((name, float(sim.final["monthly_income_end"][2]), sim) for name, sim in named), key=lambda item: -item[1]
    )
    name, median, sim = medians[0]
    w = said or Words("en", sim.currency)
    low, high = (float(sim.final["monthly_income_end"][i]) for i in (0, 4))
    return stop(
        w.say(
            SIMULATED_BEST,
            name=name,
            median=w.amount(median),
            years=w.integer(sim.years),
            low=w.amount(low),
            high=w.amount(high),
        )
    )
