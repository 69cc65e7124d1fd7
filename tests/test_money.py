"""Local money against CLDR facts checked by hand.

Expected values come from ISO 4217's minor-unit table (JPY 0, KWD/BHD/OMR/JOD 3,
USD/SAR/AED/EGP 2), from CLDR's symbols (¥ for JPY in English, ر.س. for SAR
and ج.م. for EGP in Arabic) and from CLDR's numbering systems: ar_SA and
ar_EG default to Arabic-Indic digits ('arab': ٠١٢٣٤٥٦٧٨٩, decimal ٫ U+066B,
group ٬ U+066C), ar_AE to Latin digits. Babel 2.19 swaps separators but not
digits; passivecalc.money maps the digits.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passivecalc.errors import InputError
from passivecalc.money import (
    currency_symbol,
    format_money,
    format_number,
    format_percent,
    locale_for,
    minor_units,
    normalise_currency,
    uses_arabic_digits,
)


@pytest.mark.parametrize(
    "given_code, expected", [("sar", "SAR"), ("Aed", "AED"), (" egp ", "EGP"), ("usd", "USD"), ("jpy", "JPY")]
)
def test_any_case_is_accepted(given_code, expected):
    assert normalise_currency(given_code) == expected


@pytest.mark.parametrize(
    "code, units",
    [("JPY", 0), ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("SAR", 2), ("AED", 2), ("EGP", 2), ("USD", 2)],
)
def test_minor_units_are_iso_4217s(code, units):
    # ISO 4217 list one, "Minor unit" column.
    assert minor_units(code.lower()) == units


def test_unknown_code_names_the_option_and_suggests():
    with pytest.raises(InputError) as caught:
        normalise_currency("SAA")
    assert caught.value.key == "currency"
    assert "'SAA'" in caught.value.message and "did you mean SAR?" in caught.value.message


def test_unknown_code_without_a_close_one():
    with pytest.raises(InputError) as caught:
        normalise_currency("riyal")
    assert "did you mean" not in caught.value.message


def test_english_amounts():
    assert format_money(1234.5, "usd") == "$1,234.50"
    assert format_money(1234567.891, "jpy") == "¥1,234,568"  # no minor unit: rounded to whole yen
    assert format_money(1234.5678, "kwd") == "KWD\u00a01,234.568"  # three decimals (fils)
    assert format_money(1234.5, "sar") == "SAR\u00a01,234.50"  # CLDR currencySpacing: letters stand apart
    assert format_money(-1234.5, "usd") == "-$1,234.50"
    assert format_money(1234.5, "usd", decimals=0) == "$1,234"  # whole amounts for tables (1234.5 rounds half to even)
    assert format_money(-0.001, "usd") == "$0.00"  # no minus on a zero
    assert currency_symbol("jpy") == "¥"


def test_arabic_saudi_amounts_use_arabic_indic_digits():
    text = format_money(1234.5, "SAR", "ar_SA")
    assert "١٬٢٣٤٫٥٠" in text and "ر.س." in text
    assert uses_arabic_digits("ar_SA") and uses_arabic_digits("ar_EG")
    assert "١٬٢٣٤٫٥٠" in format_money(1234.5, "EGP", "ar_EG") and "ج.م." in format_money(1234.5, "EGP", "ar_EG")
    assert format_money(1234.5678, "KWD", "ar_KW").count("٫٥٦٨") == 1  # three decimals in Arabic too


def test_arabic_emirati_amounts_use_latin_digits():
    text = format_money(1234.5, "AED", "ar_AE")
    assert "1,234.50" in text and "د.إ." in text
    assert not uses_arabic_digits("ar_AE")


def test_latin_digits_on_request():
    assert "1,234.50" in format_money(1234.5, "SAR", "ar_SA", digits="latn")


def test_numbers_and_percents():
    assert format_number(1234.5, decimals=2) == "1,234.50"
    assert format_number(1234.5, "ar_EG", 2) == "١٬٢٣٤٫٥٠"
    assert format_percent(2.577) == "2.58 %"
    assert format_percent(2.577, "ar_SA").startswith("٢٫٥٨٪")  # CLDR arab percent sign U+066A
    assert format_percent(2.577, "ar_AE") == "2.58%"
    assert format_money(float("nan"), "usd") == "–"


def test_locale_for():
    assert locale_for("en", "SAR") == "en"
    assert locale_for("ar", "SAR") == "ar_SA"
    assert locale_for("ar", "EGP") == "ar_EG"
    assert locale_for("ar", "AED") == "ar_AE"
    assert locale_for("ar", "USD") == "ar"
    assert locale_for("ar_EG", "SAR") == "ar_EG"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(["USD", "SAR", "JPY", "KWD"]))
def test_english_amount_reads_back(value, code):
    # Oracle: Python's own rounding of the value to the currency's minor units.
    places = {"USD": 2, "SAR": 2, "JPY": 0, "KWD": 3}[code]
    text = format_money(value, code)
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    expected = round(abs(value), places)
    # One unit in the last place either way: Babel rounds the decimal text half to even, Python the binary float.
    assert float(digits) == pytest.approx(expected, abs=1.5 * 10**-places)
    assert text.startswith("-") == (value < 0 and expected != 0)


def test_a_dollar_run_does_not_import_babel():
    code = (
        "import sys, passivecalc.money as m;"
        "m.normalise_currency('usd'); m.format_money(1.5, 'USD'); m.minor_units('usd'); m.format_percent(2.0); m.format_number(3.0);"
        "print('babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
