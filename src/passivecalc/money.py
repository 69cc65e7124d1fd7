"""Local money: ISO 4217 codes, their symbols and minor units, amounts written the way a locale writes them.

Currency and locale data come from the Unicode CLDR through Babel. Babel is
imported only when it is needed (start-up time): a run in US dollars and
English never imports it; any other currency, or Arabic, does.

Conventions:
- `code` is an ISO 4217 code in any case; `normalise_currency` returns it in
  capitals or raises `InputError("currency", ...)`.
- `locale` is a CLDR locale name: "en" (the default), "ar", "ar_SA", "ar_EG",
  "ar_AE", ... `locale_for(lang, currency)` picks one from a language and a
  currency (Arabic with SAR -> ar_SA, with EGP -> ar_EG, ...).
- Digits follow the locale's CLDR default numbering system: ar_SA, ar_EG and
  ar_KW write Arabic-Indic digits (١٬٢٣٤٫٥٠), ar_AE and ar_MA Latin digits.
  Babel swaps the separators but keeps the digits 0-9, so the digits are
  mapped here. `digits="latn"` keeps Latin digits in any locale.
- Amounts are in the currency's units (riyals, not halalas). Negative amounts
  carry a minus sign; an amount that rounds to zero is written without one.
"""

from __future__ import annotations

import difflib
import math
import re
from functools import lru_cache
from typing import Literal

from passivecalc.errors import InputError

Digits = Literal["default", "latn"]

# Arabic-speaking locales by the currency of their country: `--lang ar --currency EGP` reads as Egyptians write.
ARABIC_LOCALES = {
    "SAR": "ar_SA",
    "AED": "ar_AE",
    "EGP": "ar_EG",
    "KWD": "ar_KW",
    "BHD": "ar_BH",
    "OMR": "ar_OM",
    "QAR": "ar_QA",
    "JOD": "ar_JO",
    "LBP": "ar_LB",
    "IQD": "ar_IQ",
    "SYP": "ar_SY",
    "YER": "ar_YE",
    "LYD": "ar_LY",
    "SDG": "ar_SD",
    "TND": "ar_TN",
    "DZD": "ar_DZ",
    "MAD": "ar_MA",
}

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_FAST_LOCALES = ("en", "en_US")


def locale_for(lang: str, currency: str = "USD") -> str:
    """The CLDR locale for a language ("en", "ar") and a currency code (already normalised)."""
    if lang.lower().startswith("ar"):
        if "_" in lang:
            return lang
        return ARABIC_LOCALES.get(currency, "ar")
    return "en"


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(code for code in list_currencies() if len(code) == 3 and code.isalpha())


@lru_cache(maxsize=1)
def _current_codes() -> frozenset[str]:
    """Codes legal tender somewhere today (CLDR territory data): the ones worth suggesting."""
    from babel.core import get_global

    return frozenset(
        code
        for spans in get_global("territory_currencies").values()
        for code, _start, end, tender in spans
        if end is None and tender
    )


def normalise_currency(code: str) -> str:
    """`sar` -> 'SAR'. Raises InputError('currency', ...) for a code ISO 4217 does not have."""
    given = code.strip()
    upper = given.upper()
    if upper == "USD":  # the default; no Babel
        return upper
    codes = _codes()
    if upper in codes:
        return upper
    close = difflib.get_close_matches(upper, sorted(_current_codes()), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise InputError(
        "currency",
        f"'{code}' is not an ISO 4217 currency code{hint}; use a three-letter code such as USD, SAR, AED, EGP",
    )


def minor_units(code: str) -> int:
    """Decimals the currency is written with (ISO 4217 / CLDR): USD 2, JPY 0, KWD 3."""
    upper = normalise_currency(code)
    if upper == "USD":
        return 2
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(upper))


def currency_symbol(code: str, locale: str = "en") -> str:
    """The symbol a locale writes for a currency: '$' for USD in English, '¥' for JPY, 'ر.س.' for SAR in Arabic."""
    upper = normalise_currency(code)
    if upper == "USD" and locale in _FAST_LOCALES:
        return "$"
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(upper, locale=locale)).strip("\u200f\u200e")


def format_money(
    value: float, code: str, locale: str = "en", decimals: int | None = None, digits: Digits = "default"
) -> str:
    """An amount (in the currency's units) as the locale writes it: `format_money(1234.5, "sar", "ar_SA")`.

    `decimals` None means the currency's minor units; give 0 for whole amounts in tables.
    A non-finite value is written '–'.
    """
    if not math.isfinite(value):
        return "–"
    upper = normalise_currency(code)
    places = minor_units(upper) if decimals is None else decimals
    value = _no_negative_zero(value, places)
    if upper == "USD" and locale in _FAST_LOCALES:
        text = f"${abs(value):,.{places}f}"
        return f"-{text}" if value < 0 else text
    from babel.numbers import format_currency

    babel_locale = _locale(locale)
    pattern = _with_decimals(babel_locale.currency_formats["standard"].pattern, places)
    text = format_currency(
        value, upper, format=pattern, locale=babel_locale, currency_digits=False, numbering_system=_system(digits)
    )
    return _finish(_currency_spacing(text), babel_locale, digits)


def format_number(value: float, locale: str = "en", decimals: int = 0, digits: Digits = "default") -> str:
    """A plain number with the locale's separators and exactly `decimals` decimals: 1,234.50 / ١٬٢٣٤٫٥٠."""
    if not math.isfinite(value):
        return "–"
    value = _no_negative_zero(value, decimals)
    if locale in _FAST_LOCALES:
        return f"{value:,.{decimals}f}"
    from babel.numbers import format_decimal

    babel_locale = _locale(locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=babel_locale, numbering_system=_system(digits))
    return _finish(text, babel_locale, digits)


def format_percent(percent: float, locale: str = "en", decimals: int = 2, digits: Digits = "default") -> str:
    """A value given IN PERCENT (2.57 for 2.57 %), as the locale writes percents: '2.57 %' in English.

    English keeps passivecalc's table style (a space before %); other locales use CLDR's percent pattern.
    """
    if not math.isfinite(percent):
        return "–"
    percent = _no_negative_zero(percent, decimals)
    if locale in _FAST_LOCALES:
        return f"{percent:,.{decimals}f} %"
    from babel.numbers import format_percent as babel_percent

    babel_locale = _locale(locale)
    pattern = _with_decimals(babel_locale.percent_formats[None].pattern, decimals)
    text = babel_percent(percent / 100, format=pattern, locale=babel_locale, numbering_system=_system(digits))
    return _finish(text, babel_locale, digits)


def uses_arabic_digits(locale: str, digits: Digits = "default") -> bool:
    """True when amounts in this locale are written with Arabic-Indic digits (٠-٩)."""
    if digits == "latn" or locale in _FAST_LOCALES:
        return False
    return _locale(locale).default_numbering_system == "arab"


# -- helpers ------------------------------------------------------------------


@lru_cache(maxsize=32)
def _locale(name: str):  # -> babel.Locale
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError) as exc:
        raise InputError("lang", f"'{name}' is not a known locale; use en, ar, ar_SA, ar_EG, ar_AE") from exc


def _system(digits: Digits) -> str:
    return "latn" if digits == "latn" else "default"


def _finish(text: str, babel_locale, digits: Digits) -> str:
    """Babel writes the locale's separators but keeps 0-9; write the digits the locale uses too."""
    if digits == "default" and babel_locale.default_numbering_system == "arab":
        percent_sign = babel_locale.number_symbols["arab"].get("percentSign", "%")
        return text.translate(_ARABIC_INDIC).replace("%", percent_sign)
    return text


_NUMBER_PART = re.compile(r"#,##0(?:\.0+)?")


def _with_decimals(pattern: str, decimals: int) -> str:
    """A CLDR pattern with exactly `decimals` fraction digits (both its positive and negative halves)."""
    return _NUMBER_PART.sub("#,##0" + ("." + "0" * decimals if decimals > 0 else ""), pattern)


_SYMBOL_THEN_DIGIT = re.compile(r"^(-?)([^\W\d]+)(\d)")
_DIGIT_THEN_SYMBOL = re.compile(r"(\d)([^\W\d]+)$")


def _currency_spacing(text: str) -> str:
    """CLDR's currencySpacing rule: a symbol ending in a letter stands apart from the digits ('SAR 1,234')."""
    text = _SYMBOL_THEN_DIGIT.sub(lambda m: f"{m[1]}{m[2]}\u00a0{m[3]}", text)
    return _DIGIT_THEN_SYMBOL.sub(lambda m: f"{m[1]}\u00a0{m[2]}", text)


def _no_negative_zero(value: float, decimals: int) -> float:
    return 0.0 if round(value, decimals) == 0 else value
