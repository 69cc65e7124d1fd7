"""Numbers as people read them: the one money formatter, the one formatter of a value by its unit, and `Words`.

Every amount shown in a table, a sentence, a chart axis or a guide goes
through `money`; CSV and JSON keep plain numbers and never use these.

`Words` is what a renderer writes with: the words of one language
(passivecalc.i18n) and the numbers that go with them. In English on a
terminal it is `money` and `number` below, unchanged, and it imports no
Babel. In Arabic it writes numbers as the HTML report does for the language
and currency (passivecalc.money: Arabic-Indic digits for SAR, EGP, KWD; the
currency's Arabic symbol), less the invisible direction marks (below).
"""

from __future__ import annotations

import math
import textwrap

from passivecalc.i18n import language, plural, translate

# Currency code -> symbol written before the amount; other codes are written before it with a space ("SAR 1,000").
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "C$", "AUD": "A$"}


# Decimals of the currencies most written (ISO 4217); others are asked of passivecalc.money (Babel, loaded only then).
MINOR_UNITS = {
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "SAR": 2,
    "AED": 2,
    "EGP": 2,
    "QAR": 2,
    "MAD": 2,
    "JPY": 0,
    "KRW": 0,
    "KWD": 3,
    "BHD": 3,
    "OMR": 3,
    "JOD": 3,
}


def minor_units(currency: str) -> int:
    """How many decimals the currency's smallest unit takes: 2 for cents, 0 for the yen, 3 for the Kuwaiti fils."""
    known = MINOR_UNITS.get(currency.upper())
    if known is not None:
        return known
    try:
        from passivecalc.money import minor_units as looked_up

        return looked_up(currency)
    except Exception:  # an unknown code: written as if it had cents
        return 2


def money(value: float, currency: str, decimals: int = 0) -> str:
    """`$1,235` for 1234.5 USD: symbol, thousands separators; a minus only when it shows.

    decimals: 0 for whole units, any other number for the currency's minor
    units (cents: $1,234.50; none for JPY: ¥1,235; fils: KWD 1,234.500).
    """
    symbol = SYMBOLS.get(currency, currency + " ")
    if decimals:
        decimals = minor_units(currency)
    text = f"{symbol}{abs(value):,.{decimals}f}"
    return f"-{text}" if value < 0 and round(abs(value), decimals) != 0 else text


def number(value: float | int | None, unit: str, currency: str, decimals: int | None = None) -> str:
    """A value as shown in tables by its unit (money, percent, month, hours, tokens, count, other); '–' for none.

    decimals: places for money (0 or the currency's minor units), hours and
    counts; None for each unit's own (counts: whole when whole, else 2).
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if unit == "money":
        return money(value, currency, 0 if decimals is None else decimals)
    if unit == "percent":
        return f"{value:,.2f} %"
    if unit == "month":
        return f"month {int(value)}"
    if unit == "hours":
        return f"{value:,.0f} h" if decimals is None else f"{value:,.{decimals}f} h"
    if unit == "tokens":
        return f"{value:,.4f}"
    if unit == "count" and decimals is None and float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}" if decimals is None else f"{value:,.{decimals}f}"


def column_decimals(values: list[float], unit: str) -> int | None:
    """One number of decimals for a whole column, so that its figures line up.

    Money: none from 1,000 up (large amounts read better whole), else the
    minor units. Counts: none when every value is whole (orders, students) or
    the column reaches 1,000 (views); else 2. Other units: their own (None).
    """
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    largest = max(finite, default=0.0)
    if unit == "money":
        return 0 if largest >= 1000 else 2
    if unit == "count":
        return 0 if largest >= 1000 or all(abs(v - round(v)) < 1e-9 for v in finite) else 2
    return None


# Invisible direction marks (LRM, RLM, ALM, the isolates) that Arabic locale numbers and catalogue texts carry for a
# right-to-left page. A terminal lays out its cells left to right whatever they hold, and terminals disagree on whether
# these marks take a cell (rich counts none), which would shift a table's columns: a terminal's words are written
# without them. A report keeps them.
DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"))

# The list comma and the semicolon of a language ("، " and "؛ " in Arabic).
COMMAS = {"ar": "، "}
SEMICOLONS = {"ar": "؛ "}
# Money in a sentence: whole units, with the minor units under this amount ($4.50, $48).
WHOLE_FROM = 10


class Words:
    """The words and numbers of one result in one language and currency.

    lang: "en" or "ar" (already resolved, passivecalc.i18n.language). currency:
    the ISO code. locale: a report's number locale (passivecalc.money, e.g.
    "ar_SA" or "en"), keeping direction marks; None for a terminal: English as
    `money` and `number` write it, another language in the locale
    passivecalc.money.locale_for picks for it and the currency, marks left out.
    Templates are English texts with {placeholders} (the catalogue's keys);
    `say` translates one and fills it. A plain class, not a dataclass: it is
    built on every run, and a dataclass's generated methods cost start-up time.
    """

    __slots__ = ("lang", "currency", "locale", "_code", "_where")

    def __init__(self, lang: str = "en", currency: str = "USD", locale: str | None = None):
        self.lang, self.currency, self.locale = lang, currency, locale
        self._code: str | None = None
        self._where: str | None = None

    def __repr__(self) -> str:
        return f"Words({self.lang!r}, {self.currency!r}, {self.locale!r})"

    @property
    def english(self) -> bool:
        return self.lang == "en"

    @property
    def plain(self) -> bool:
        """True for English on a terminal: every number as `money` and `number` write it, no Babel."""
        return self.english and self.locale is None

    @property
    def code(self) -> str:
        """The currency's ISO code in capitals (passivecalc.money; Babel for any code but USD)."""
        if self._code is None:
            from passivecalc.money import normalise_currency

            self._code = normalise_currency(self.currency)
        return self._code

    @property
    def where(self) -> str:
        """The number locale: the report's, else the language's for the currency (ar with SAR -> ar_SA)."""
        if self._where is None:
            from passivecalc.money import locale_for

            self._where = self.locale or locale_for(self.lang, self.code)
        return self._where

    def priced_in(self, currency: str) -> Words:
        """The same words with money in another currency (a scenario of a comparison in its own)."""
        return self if currency == self.currency else Words(self.lang, currency, self.locale)

    def _shown(self, text: str) -> str:
        return text.translate(DIRECTION_MARKS) if self.locale is None and not self.english else text

    # -- words ---------------------------------------------------------------

    def t(self, text: str) -> str:
        """`text` (English) in the language."""
        return text if self.english else self._shown(translate(text, self.lang))

    def say(self, template: str, **values: object) -> str:
        """A template in the language, filled: `say("month {n}", n=words.integer(3))`."""
        return self.t(template).format(**values)

    def count(self, n: int, one: str, other: str) -> str:
        """A counted phrase: `count(5, "{n} year", "{n} years")` is '5 years', 'سنة واحدة' for 1 in Arabic.

        n fills {n} with separators (1,000); other is the catalogue's key (passivecalc.i18n.plural).
        """
        form = (one if n == 1 else other) if self.english else self._shown(plural(one, other, n, self.lang))
        return form.format(n=self.grouped(n))

    def quantity(self, value: float, one: str, other: str, decimals: int = 2) -> str:
        """A measured phrase: `quantity(23.88, "{n} article a month", "{n} articles a month")`, n with `decimals`."""
        form = (one if value == 1 else other) if self.english else self._shown(plural(one, other, value, self.lang))
        return form.format(n=self.decimal(value, decimals))

    def fill(self, text: str, width: int) -> str:
        """A sentence for a console `width` columns wide: in English as it is (rich wraps it, as ever); in
        another language wrapped at spaces here, so that an amount ('٣٣ ر.س.', whose space is a no-break
        one, which rich would break at) is never cut in two."""
        if self.english:
            return text
        return "\n".join(
            textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) for line in text.split("\n")
        )

    @property
    def comma(self) -> str:
        return COMMAS.get(self.lang, ", ")

    @property
    def semicolon(self) -> str:
        return SEMICOLONS.get(self.lang, "; ")

    # -- numbers -------------------------------------------------------------

    def money(self, value: float, decimals: int = 0) -> str:
        """As `money`: whole units for decimals 0, else the currency's minor units."""
        if self.plain:
            return money(value, self.currency, decimals)
        from passivecalc.money import format_money

        return self._shown(format_money(float(value), self.code, self.where, None if decimals else 0))

    def amount(self, value: float | None) -> str:
        """Money in a sentence: whole units, with the minor units under 10 ($4.50, $48, $14,889); '–' for none."""
        if value is None or not math.isfinite(value):
            return "–"
        return self.money(value, 2 if 0 < abs(value) < WHOLE_FROM else 0)

    def percent(self, value: float, decimals: int = 2, grouping: bool = True) -> str:
        """A value in percent: '4.06 %' in English, '٤٫٠٦٪' in Arabic with SAR; grouping False: no separators in English."""
        if self.plain:
            return f"{value:,.{decimals}f} %" if grouping else f"{value:.{decimals}f} %"
        from passivecalc.money import format_percent

        return self._shown(format_percent(value, self.where, decimals))

    def percent_as_given(self, value: float) -> str:
        """A percent the user gave ('50 %', '12.5 %', '95 %'): as many decimals as it has (Python's :g)."""
        shown = f"{value:g}"
        if self.plain or "e" in shown:
            return f"{shown} %"
        return self.percent(value, len(shown.partition(".")[2]))

    def decimal(self, value: float, decimals: int = 0) -> str:
        """A plain number with separators and exactly `decimals` decimals."""
        if self.plain:
            return f"{value:,.{decimals}f}"
        from passivecalc.money import format_number

        return self._shown(format_number(float(value), self.where, decimals))

    def grouped(self, n: int) -> str:
        """A whole count with separators: 1,000."""
        return f"{n:,}" if self.plain else self.decimal(n, 0)

    def integer(self, n: int) -> str:
        """A year or a month's number, without separators: 2026, 12."""
        return str(n) if self.plain else self.decimal(n, 0).replace(",", "").replace("٬", "")

    def number(self, value: float | int | None, unit: str, decimals: int | None = None) -> str:
        """As `number`: a value by its unit; '–' for none. In another language, as the HTML report writes it."""
        if self.plain:
            return number(value, unit, self.currency, decimals)
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return "–"
        if unit == "money":
            return self.money(value, 0 if decimals is None else decimals)
        if unit == "percent":
            return self.percent(float(value))
        if unit == "month":
            return self.say(MONTH_N, n=self.integer(int(value)))
        if unit == "hours":
            return self.decimal(float(value), 0 if decimals is None else decimals)
        if unit == "tokens":
            return self.decimal(float(value), 4)
        if unit == "count" and decimals is None and float(value).is_integer():
            return self.decimal(float(value), 0)
        return self.decimal(float(value), 2 if decimals is None else decimals)


MONTH_N = "month {n}"
# Counted phrases every layout uses.
YEARS = ("{n} year", "{n} years")


def stop(text: str) -> str:
    """A sentence ended with a full stop, unless it ends with one already (an amount in riyals ends 'ر.س.')."""
    return text if text.endswith(".") else f"{text}."


def words(lang: str | None, currency: str) -> Words:
    """The terminal's Words for a language (None: PASSIVECALC_LANG, else English) and a currency."""
    return Words(language(lang), currency)
