"""Translations of what people read: labels, headings, the guide, the zakat and sharia notes.

The English text is the key (gettext's convention); translations live in one
catalogue per language, src/passivecalc/locale/<lang>.po, read with Babel the
first time a non-English text is asked for (English never imports Babel nor
reads a file). A text the catalogue lacks comes back in English; a test walks
the user-facing English strings and fails when one has no Arabic entry.

Language: the `lang` argument, else the PASSIVECALC_LANG environment variable,
else English. "ar_SA" and "ar-EG" count as "ar" (locales for numbers are
passivecalc.money.locale_for's business). CSV and JSON keys are never
translated.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

from passivecalc.errors import InputError

LANGUAGES = ("en", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
ENV = "PASSIVECALC_LANG"

# Texts of the reports (headings, chart titles, notes) that do not live elsewhere in passivecalc.
REPORT_STRINGS: tuple[str, ...] = (
    "Summary",
    "Parameters",
    "Parameter",
    "Value",
    "Charts",
    "Notes",
    "Rows by year",
    "Rows by month",
    "Income and value over the years",
    "Net income per year",
    "Value at year end",
    "Range of outcomes",
    "Median",
    "Middle 80 % of outcomes (10th to 90th percentile)",
    "Scenarios",
    "By stream",
    "By start year",
    "Start year",
    "Year",
    "Month",
    "Date",
    "Zakat",
    "Total zakat",
    "Risk",
    "Figures are after the tax rate given.",
    "Figures are before tax (no tax rate given).",
    "Made with passivecalc. Estimates, not advice.",
)

# Column headers of the methods guide, and the words inside its cells.
GUIDE_STRINGS: tuple[str, ...] = (
    "Method",
    "Commands",
    "Takes",
    "Capital",
    "Hours up front",
    "Hours per month",
    "Typical return",
    "Main risks",
    "How passive",
    "Why",
    "Sharia notes",
    "Zakatable wealth",
    "Passive income methods",
    "Capital: {capital}",
    "{hours} h up front",
    "{hours} h a month",
    "low",
    "medium",
    "high",
)


def language(lang: str | None = None) -> str:
    """'en' or 'ar' from an argument, PASSIVECALC_LANG or the default; InputError('lang', ...) otherwise."""
    given = lang if lang is not None else os.environ.get(ENV, "") or "en"
    base = given.strip().replace("-", "_").split("_")[0].lower()
    if base not in LANGUAGES:
        if lang is None:  # from the environment: the message names the variable
            raise InputError("", f"{ENV}: '{given}' is not a language passivecalc speaks; use en or ar")
        raise InputError("lang", f"'{given}' is not a language passivecalc speaks; use en or ar")
    return base


def is_rtl(lang: str | None = None) -> bool:
    """True when the language is written right to left (Arabic)."""
    return language(lang) in RIGHT_TO_LEFT


def translate(text: str, lang: str | None = None) -> str:
    """`text` (English) in `lang`; English when the catalogue has no entry for it."""
    code = language(lang)
    if code == "en":
        return text
    return catalogue(code).get(text) or text


def has_translation(text: str, lang: str) -> bool:
    return bool(catalogue(language(lang)).get(text))


@lru_cache(maxsize=4)
def catalogue(lang: str) -> dict[str, str]:
    """English -> translated text, from locale/<lang>.po (Babel's reader; fuzzy entries are left out)."""
    from babel.messages.pofile import read_po

    source = resources.files("passivecalc").joinpath(f"locale/{lang}.po")
    with source.open("rb") as stream:
        parsed = read_po(stream, locale=lang)
    return {
        str(message.id): str(message.string)
        for message in parsed
        if message.id and message.string and not message.fuzzy
    }
