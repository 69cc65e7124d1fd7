"""Translations of what people read: labels, headings, the guide, the zakat and sharia notes.

The English text is the key (gettext's convention); translations live in one
catalogue per language, src/passivecalc/locale/<lang>.po, read with Babel the
first time a non-English text is asked for (English never imports Babel nor
reads a file). A text the catalogue lacks comes back in English; a test walks
the user-facing English strings and fails when one has no Arabic entry.

Counted phrases ("5 years", "1,000 simulated paths") have one form per plural
category of the language (`plural`): English two, Arabic six (zero, one, two,
few: 3-10, many: 11-99, other: 100 and up), gettext plural entries of the
catalogue (msgid / msgid_plural / msgstr[0..5]) looked up by their English
plural. Their Plural-Forms header and `PLURAL_RULES` below say the same.

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


def plural(one: str, other: str, count: float, lang: str | None = None) -> str:
    """The form of a counted phrase for `count`, its placeholders left to the caller: `plural("{n} year", "{n} years", 5)`.

    English: `one` for 1, else `other`. Another language: the catalogue's form for
    the count's plural category (PLURAL_RULES), the entry found by its English
    plural `other`; the English forms when the catalogue lacks it.
    """
    code = language(lang)
    if code == "en":
        return one if count == 1 else other
    forms = plurals(code).get(other)
    if not forms:
        return one if count == 1 else other
    return forms[min(PLURAL_RULES[code](abs(count)), len(forms) - 1)]


def _arabic_plural(n: float) -> int:
    """CLDR's Arabic categories as the catalogue's Plural-Forms numbers them: zero, one, two, few, many, other.

    A fraction (2.5 articles) is "other", as in CLDR.
    """
    if not float(n).is_integer():
        return 5
    n = int(n)
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


# Language -> the index of a count's form in a plural entry (the catalogue's Plural-Forms expression).
PLURAL_RULES = {"ar": _arabic_plural}


def has_translation(text: str, lang: str) -> bool:
    return bool(catalogue(language(lang)).get(text))


@lru_cache(maxsize=4)
def catalogue(lang: str) -> dict[str, str]:
    """English -> translated text, from locale/<lang>.po (Babel's reader; fuzzy entries are left out)."""
    return _read(lang)[0]


@lru_cache(maxsize=4)
def plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """English plural -> the translated forms, one per plural category, from the catalogue's plural entries."""
    return _read(lang)[1]


@lru_cache(maxsize=4)
def _read(lang: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    from babel.messages.pofile import read_po

    source = resources.files("passivecalc").joinpath(f"locale/{lang}.po")
    with source.open("rb") as stream:
        parsed = read_po(stream, locale=lang)
    single: dict[str, str] = {}
    counted: dict[str, tuple[str, ...]] = {}
    for message in parsed:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(str(form) for form in message.string)
            if all(forms):
                counted[str(message.id[1])] = forms
        else:
            single[str(message.id)] = str(message.string)
    return single, counted
