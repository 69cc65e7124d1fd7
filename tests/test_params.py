"""Params declared once: keys, bounds, and bad input turned into one line in the user's words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from passivecalc.errors import InputError, option_name
from passivecalc.methods.dividend import DividendParams
from passivecalc.params import allowed_range, bounds_of, build, keys, unit_of
from passivecalc.timeline import Frequency


def error_of(values: dict) -> str:
    with pytest.raises(InputError) as raised:
        build(DividendParams, values)
    return raised.value.as_option()


def test_keys_use_the_alias_of_a_python_keyword():
    found = keys(DividendParams)
    assert found["yield_"] == "yield"
    assert found["dividend_growth"] == "dividend_growth"
    assert list(found)[:4] == ["years", "inflation", "currency", "start"]


def test_build_takes_keys_or_field_names_and_converts_choices():
    by_key = build(DividendParams, {"yield": 5, "frequency": "monthly"})
    by_name = build(DividendParams, {"yield_": 5})
    assert by_key.yield_ == by_name.yield_ == 5
    assert by_key.frequency is Frequency.monthly
    assert by_key.months == 120


def test_params_are_frozen_and_dump_under_the_users_keys():
    params = build(DividendParams, {})
    with pytest.raises(ValidationError):
        params.capital = 5  # type: ignore[misc]
    dumped = params.model_dump(mode="json", by_alias=True)
    assert "yield" in dumped and "yield_" not in dumped
    assert dumped["frequency"] == "quarterly"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"capital": -1}, "--capital: -1 is out of range (allowed: 0 to 1,000,000,000,000)"),
        ({"yield": 500}, "--yield: 500 is out of range (allowed: 0 to 100 %)"),
        ({"years": 0}, "--years: 0 is out of range (allowed: 1 to 100 years)"),
        ({"years": 1000}, "--years: 1000 is out of range (allowed: 1 to 100 years)"),
        ({"yield": float("nan")}, "--yield: nan is not a finite number"),
        ({"capital": float("inf")}, "--capital: inf is not a finite number"),
        ({"capital": "abc"}, "--capital: 'abc' is not a number"),
        ({"years": 2.5}, "--years: 2.5 is not a whole number"),
        (
            {"frequency": "weekly"},
            "--frequency: 'weekly' is not one of 'monthly', 'quarterly', 'semiannual' or 'annual'",
        ),
        ({"currency": "US dollars"}, "--currency: 'US dollars' is not a three-letter currency code such as USD or EUR"),
        ({"start": "2026-13"}, "--start: '2026-13' is not a month in the form YYYY-MM"),
        ({"share_price": 0}, "--share-price: 0 is out of range (allowed: 0.0001 to 1,000,000,000)"),
        ({"reinvest": 40}, "--reinvest: 40 is set but DRIP is off; add --drip to reinvest dividends"),
        ({"yeild": 4}, '--yeild: unknown key (did you mean "yield"?)'),
        ({"colour": 4}, "--colour: unknown key"),
    ],
)
def test_bad_input_is_one_line_naming_option_value_and_allowed(values, message):
    assert error_of(values) == message


def test_file_keys_name_the_key_not_the_option():
    with pytest.raises(InputError) as raised:
        build(DividendParams, {"dividend_growth": 80})
    assert raised.value.as_key() == "dividend_growth: 80 is out of range (allowed: -50 to 50 %/yr)"
    assert option_name("dividend_growth") == "--dividend-growth"


def test_bounds_and_units_come_from_the_declaration():
    fields = DividendParams.model_fields
    assert bounds_of(fields["yield_"]) == {"ge": 0, "le": 100}
    assert unit_of(fields["contribution"]) == "money/month"
    assert allowed_range(fields["dividend_growth"]) == "-50 to 50 %/yr"
    assert allowed_range(fields["share_price"]) == "0.0001 to 1,000,000,000"
    assert allowed_range(fields["frequency"]) == ""


def test_every_shared_setting_has_help_and_a_default():
    for name in ("years", "inflation", "currency", "start"):
        info = DividendParams.model_fields[name]
        assert info.description
    assert DividendParams.model_fields["years"].default == 10


def test_currency_is_any_iso_4217_code_in_any_case():
    # ISO 4217: SAR, EGP and KWD are codes; "sar" is SAR written in lower case.

    assert build(DividendParams, {"currency": "sar"}).currency == "SAR"
    assert build(DividendParams, {"currency": "Egp"}).currency == "EGP"
    assert build(DividendParams, {"currency": "kwd"}).currency == "KWD"
