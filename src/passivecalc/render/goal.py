"""A goal's answer in one sentence a person can act on (tables lead with it; CSV and JSON carry it beside the data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from passivecalc.goals import TargetKind, lever_text, target_phrase
from passivecalc.render.numbers import money as money_text

if TYPE_CHECKING:
    from passivecalc.goals import Answer
    from passivecalc.result import GoalResult


def money_in(currency: str) -> Callable[[float], str]:
    """Money as goal answers write it: with cents, e.g. '$2,000.00'."""
    return lambda value: money_text(value, currency, 2)


def goal_sentence(result: GoalResult) -> str:
    return sentence(result.answer, money_in(result.currency))


def sentence(answer: Answer, money: Callable[[float], str]) -> str:
    """The answer in one line a person can act on, e.g.

    'Invest $600,000.00 now to have $2,000.00 a month of net income in year 10.'
    """
    goal, params = answer.goal, answer.params
    if answer.lever == "years":
        count = int(answer.value)
        wanted = target_phrase(goal, params, money, years=None)
        when = f"at the end of year {count}" if goal.kind is TargetKind.value else f"a month in year {count}"
        return f"It takes {count} year{'s' if count != 1 else ''} to have {wanted} ({money(answer.achieved)} {when})."
    wanted = target_phrase(goal, params, money, years=params.years)
    per = "" if goal.kind is TargetKind.value else " a month"
    gives = f" ({money(answer.achieved)}{per} exactly)" if answer.achieved - goal.target > 0.005 else ""
    if answer.lever == "capital":
        return f"Invest {money(answer.value)} now to have {wanted}{gives}."
    if answer.lever == "contribution":
        return f"Add {money(answer.value)} a month to have {wanted}{gives}."
    return f"Set {answer.option} to {lever_text(answer.method, answer.lever, answer.value, money)} to have {wanted}{gives}."
