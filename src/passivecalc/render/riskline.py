"""The risk line under a plain run's summary: what a seeded simulation says beside the expected path.

One text for people, built here and only here: its words are the templates
below (translated through the catalogue), its figures the RiskSummary's, each
written by the `Words` of the medium. The terminal shows it as lines
(`risk_lines`: a heading, an indented line per figure, a warning); the HTML
report as one paragraph (`risk_paragraph`) of the same sentences. The JSON
format carries the same figures as `RiskSummary.as_dict()`. Every terminal
line fits 80 columns for any amount up to a trillion.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from passivecalc.render.numbers import Words
from passivecalc.risk import RiskSummary

HEADING = "Risk, {futures} (seed {seed}); the table is the expected path:"
FUTURES = ("{n} simulated future", "{n} simulated futures")
INCOME = "monthly net income, last year: {spread}"
GAIN = "net gain: {spread}"
SPREAD = "{median} (P10 {low} to P90 {high})"
LOSS = "chance of losing money: {chance}"
WARNING = "Warning: the median future's net gain, {median}, is far from the table's {table}."
# The templates, for the catalogue's test.
TEXTS = (HEADING, INCOME, GAIN, SPREAD, LOSS, WARNING)
PLURALS = (FUTURES,)


class RiskText(NamedTuple):
    """The risk line's sentences: a heading, one item per figure, and a warning (None when the table is near the median)."""

    heading: str
    items: list[str]
    warning: str | None


def risk_words(risk: RiskSummary, words: Words) -> RiskText:
    """The risk line's sentences in the words' language, with its figures (money in whole units, the chance in whole percent)."""

    def spread(values: tuple[float, float, float]) -> str:
        low, median, high = (words.money(v) for v in values)
        return words.say(SPREAD, median=median, low=low, high=high)

    heading = words.say(HEADING, futures=words.count(risk.paths, *FUTURES), seed=risk.seed)
    items = [
        words.say(INCOME, spread=spread(risk.monthly_income_end)),
        words.say(GAIN, spread=spread(risk.net_gain)),
        words.say(LOSS, chance=words.percent(100 * risk.chance_of_loss, 0)),
    ]
    warning = None
    if risk.far_from_table:
        warning = words.say(WARNING, median=words.money(risk.net_gain[1]), table=words.money(risk.table_net_gain))
    return RiskText(heading, items, warning)


def risk_lines(risk: RiskSummary, words: Words | None = None, width: int | None = None) -> list[str]:
    """Four or five short lines for a terminal: the heading, the spread of monthly income and net gain, the chance of a loss, a warning.

    width: a terminal's; a line of another language than English that is wider is wrapped at words (its
    figures are longer: '٣٬٣٣٣ ر.س.'), an item's next lines indented under it. English lines are never wrapped.
    """
    said = words or Words("en", risk.currency)
    text = risk_words(risk, said)
    lines = [text.heading, *(f"  {item}" for item in text.items), *([text.warning] if text.warning else [])]
    if said.english or width is None:
        return lines
    return [
        textwrap.fill(line, width, subsequent_indent="    " if line.startswith("  ") else "", break_long_words=False)
        for line in lines
    ]


def risk_text(risk: RiskSummary, words: Words | None = None, width: int | None = None) -> str:
    return "\n".join(risk_lines(risk, words, width))


def risk_paragraph(risk: RiskSummary, words: Words) -> str:
    """The same sentences as one paragraph (the HTML report): the heading, the figures joined by semicolons, the warning."""
    text = risk_words(risk, words)
    paragraph = f"{text.heading} {words.semicolon.join(text.items)}."
    return f"{paragraph} {text.warning}" if text.warning else paragraph
