"""The answer first: one or two plain sentences over a table, saying what the command was asked.

e.g. "After 10 years: $48 a month ($581 a year) from $10,000 put in; the
holding is worth $14,889. 62 hours of your time." Effort methods lead with
the hours. The figures are the summary's (renderers compute no finance):
a month is the last year's net income / 12, a year is that year's net income.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from passivecalc.render.columns import EFFORT
from passivecalc.render.numbers import money

if TYPE_CHECKING:
    from passivecalc.result import Scenario
    from passivecalc.risk import Simulation


def amount(value: float | None, currency: str) -> str:
    """Money in a sentence: whole units, with the minor units under 10 ($4.50, $48, $14,889)."""
    if value is None or not math.isfinite(value):
        return "–"
    return money(value, currency, 2 if 0 < abs(value) < 10 else 0)


def span(years: int) -> str:
    return "1 year" if years == 1 else f"{years} years"


def hours_text(hours: float) -> str:
    return f"{hours:,.0f} hour{'' if round(hours) == 1 else 's'}"


def projection_answer(method: str, summary: dict[str, Any], years: int, currency: str) -> str:
    """What a projection comes to at its end, in the user's words."""
    monthly = summary.get("monthly_income_end") or 0.0
    put_in = summary.get("total_contributed") or 0.0
    value = summary.get("ending_value") or 0.0
    hours = summary.get("total_hours") or 0.0
    net_gain = summary.get("net_gain")
    reinvested = (summary.get("total_payout") or 0.0) <= 1e-9 and (summary.get("total_reinvested") or 0.0) > 1e-9
    income = f"{amount(monthly, currency)} a month ({amount(12 * monthly, currency)} a year)"
    kept = ", all reinvested" if reinvested else ""
    if method in EFFORT and hours > 0:
        spent = (
            hours_text(hours) + " of your time" + (f" and {amount(put_in, currency)} put in" if put_in > 1e-9 else "")
        )
        text = f"After {span(years)}: {spent} bring {income} of net income{kept}"
        if net_gain is not None:
            text += f"; {amount(net_gain, currency)} net gain in all"
            if net_gain > 0:
                text += f", {amount(net_gain / hours, currency)} an hour"
        return text + "."
    text = (
        f"After {span(years)}: {income}" + (f" from {amount(put_in, currency)} put in" if put_in > 1e-9 else "") + kept
    )
    if value > 1e-9:
        text += f"; the holding is worth {amount(value, currency)}"
    text += "."
    if net_gain is not None and net_gain < 0:
        text += f" A loss of {amount(-net_gain, currency)} overall."
    if hours > 0:
        text += f" {hours_text(hours)} of your time."
    return text


def scenario_answer(scenario: Scenario) -> str:
    projection = scenario.projection
    return projection_answer(scenario.method, projection.summary(), projection.years, projection.currency)


def comparison_answer(scenarios: list[Scenario]) -> str:
    """Which scenario pays the most a month in its last year, and against what."""
    figures = [(s, s.projection.summary().get("monthly_income_end")) for s in scenarios]
    present = sorted(((s, v) for s, v in figures if v is not None and math.isfinite(v)), key=lambda item: -item[1])
    if not present:
        return ""
    (best, most), rest = present[0], present[1:]
    currency = best.projection.currency
    text = f"{best.name} pays the most a month: {amount(most, currency)} in its last year"
    if rest:
        if math.isclose(rest[0][1], most, rel_tol=1e-9, abs_tol=1e-9):
            return f"{best.name} and {rest[0][0].name} pay the same a month in the last year: {amount(most, currency)}."
        text += f", against {amount(rest[0][1], currency)} for {rest[0][0].name}"
        if len(rest) > 1:
            text += f" and {amount(rest[-1][1], currency)} for {rest[-1][0].name}"
    return text + "."


def grid_answer(values: list[float | None], cells: list[str], label: str, shown: list[str], best: set[int]) -> str:
    """The grid's best cell in words: 'Monthly net income, last year is highest at yield=5, growth=3: $60.'"""
    if not best:
        return f"{label}: the same in every cell." if values else ""
    index = min(best)
    return f"{label} is best at {cells[index]}: {shown[index]}."


def portfolio_answer(portfolio) -> str:
    """The portfolio's total at its end, and its largest stream."""
    total = portfolio.total
    text = projection_answer("portfolio", total.summary(), total.years, total.currency)
    largest = portfolio.largest()
    if largest:
        text += f" Largest stream: {largest[0]} ({largest[1]:.0f} % of the net income)."
    return text


def simulation_answer(sim: Simulation) -> str:
    """The median path's monthly income in the last year, the range of eight paths in ten, the chance of loss."""
    low, _, median, _, high = (float(v) for v in sim.final["monthly_income_end"])
    currency = sim.currency
    return (
        f"After {span(sim.years)}: {amount(median, currency)} a month on the median path; "
        f"eight paths in ten between {amount(low, currency)} and {amount(high, currency)}. "
        f"Losing money overall: {100 * sim.probability_of_loss:.1f} % of paths."
    )


def simulated_comparison_answer(named: list[tuple[str, Simulation]]) -> str:
    """Which simulated scenario has the highest median monthly income in its last year."""
    medians = sorted(
        ((name, float(sim.final["monthly_income_end"][2]), sim) for name, sim in named), key=lambda item: -item[1]
    )
    name, median, sim = medians[0]
    low, high = (float(sim.final["monthly_income_end"][i]) for i in (0, 4))
    return (
        f"{name} pays the most a month on the median path: {amount(median, sim.currency)} in year {sim.years}, "
        f"eight paths in ten between {amount(low, sim.currency)} and {amount(high, sim.currency)}."
    )
