"""A goal's answer in one sentence a person can act on (tables lead with it; CSV and JSON carry it beside the data).

English is built as ever from passivecalc.goals (target_phrase, lever_text),
the words the solver's own messages use. Another language is built here from
the templates below (the catalogue's keys, written to read as the English
does), with that language's numbers (render.numbers.Words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from passivecalc.goals import TargetKind, lever_text, target_phrase
from passivecalc.render.numbers import YEARS, Words, words
from passivecalc.render.numbers import money as money_text

if TYPE_CHECKING:
    from passivecalc.goals import Answer
    from passivecalc.result import GoalResult

INCOME_TARGET = "{target} a month of net income{when}"
PAYOUT_TARGET = "{target} a month paid out to you{when}"
VALUE_TARGET = "{target} in value{when}"
IN_YEAR = " in year {years}"
AT_END = " at the end of year {years}"
REAL = ", in today's money at {inflation} inflation"
CONFIDENCE = ", in {confidence} {paths}"
PATHS = ("of {n} simulated path", "of {n} simulated paths")
TAKES = "It takes {span} to have {wanted} ({achieved} {when})."
AT_END_OF_YEAR = "at the end of year {n}"
A_MONTH_IN_YEAR = "a month in year {n}"
EXACTLY = " ({achieved}{per} exactly)"
A_MONTH = " a month"
INVEST = "Invest {value} now to have {wanted}{gives}."
ADD = "Add {value} a month to have {wanted}{gives}."
SET = "Set {option} to {lever} to have {wanted}{gives}."
# A lever's value by its unit (params.unit_of): money and percent per period, and the counts a goal scales.
PER_PERIOD = {
    "money/month": "{value} a month",
    "money/yr": "{value} a year",
    "money/hour": "{value} an hour",
    "%/month": "{value} a month",
    "%/yr": "{value} a year",
}
COUNTED = {
    "articles/month": ("{n} article a month", "{n} articles a month"),
    "students/month": ("{n} student a month", "{n} students a month"),
    "books": ("{n} book", "{n} books"),
    "domains": ("{n} domain", "{n} domains"),
    "sites": ("{n} site", "{n} sites"),
}
TEXTS = (
    INCOME_TARGET,
    PAYOUT_TARGET,
    VALUE_TARGET,
    IN_YEAR,
    AT_END,
    REAL,
    CONFIDENCE,
    TAKES,
    AT_END_OF_YEAR,
    A_MONTH_IN_YEAR,
    EXACTLY,
    A_MONTH,
    INVEST,
    ADD,
    SET,
    *PER_PERIOD.values(),
)
PLURALS = (PATHS, YEARS, *COUNTED.values())


def money_in(currency: str) -> Callable[[float], str]:
    """Money as goal answers write it: with cents, e.g. '$2,000.00'."""
    return lambda value: money_text(value, currency, 2)


def goal_sentence(result: GoalResult, lang: str | None = "en") -> str:
    """The goal's sentence in a language (None: PASSIVECALC_LANG, else English)."""
    said = words(lang, result.currency)
    if said.english:
        return sentence(result.answer, money_in(result.currency))
    return said_sentence(result.answer, said)


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


def said_sentence(answer: Answer, w: Words) -> str:
    """`sentence` in the words' language: the same parts, from the templates above."""
    goal, params = answer.goal, answer.params

    def money(value: float) -> str:
        return w.money(value, 2)

    if answer.lever == "years":
        count = int(answer.value)
        wanted = _target(answer, w, years=None)
        when = w.say(AT_END_OF_YEAR if goal.kind is TargetKind.value else A_MONTH_IN_YEAR, n=w.integer(count))
        return w.say(TAKES, span=w.count(count, *YEARS), wanted=wanted, achieved=money(answer.achieved), when=when)
    wanted = _target(answer, w, years=params.years)
    per = "" if goal.kind is TargetKind.value else w.t(A_MONTH)
    gives = w.say(EXACTLY, achieved=money(answer.achieved), per=per) if answer.achieved - goal.target > 0.005 else ""
    if answer.lever == "capital":
        return w.say(INVEST, value=money(answer.value), wanted=wanted, gives=gives)
    if answer.lever == "contribution":
        return w.say(ADD, value=money(answer.value), wanted=wanted, gives=gives)
    return w.say(SET, option=answer.option, lever=_lever(answer, w), wanted=wanted, gives=gives)


def _target(answer: Answer, w: Words, years: int | None) -> str:
    """goals.target_phrase in the words' language."""
    goal, params = answer.goal, answer.params
    target = w.money(goal.target, 2)
    if goal.kind is TargetKind.value:
        text = w.say(VALUE_TARGET, target=target, when="" if years is None else w.say(AT_END, years=w.integer(years)))
    else:
        when = "" if years is None else w.say(IN_YEAR, years=w.integer(years))
        text = w.say(INCOME_TARGET if goal.kind is TargetKind.income else PAYOUT_TARGET, target=target, when=when)
    if goal.real:
        text += w.say(REAL, inflation=w.percent_as_given(params.inflation))
    if goal.confidence is not None:
        text += w.say(CONFIDENCE, confidence=w.percent_as_given(goal.confidence), paths=w.count(goal.paths, *PATHS))
    return text


def _lever(answer: Answer, w: Words) -> str:
    """goals.lever_text in the words' language, for the units a goal solves for; others as lever_text writes them."""
    from passivecalc.params import unit_of

    unit = unit_of(answer.method.params.model_fields[answer.lever])
    value = answer.value
    if unit == "money":
        return w.money(value, 2)
    if unit in PER_PERIOD:
        shown = w.money(value, 2) if unit.startswith("money") else w.percent(value)
        return w.say(PER_PERIOD[unit], value=shown)
    if unit == "%":
        return w.percent(value)
    if unit in COUNTED:
        whole = float(value).is_integer()
        return w.quantity(value, *COUNTED[unit], decimals=0 if whole else 2)
    return lever_text(answer.method, answer.lever, value, lambda amount: w.money(amount, 2))
