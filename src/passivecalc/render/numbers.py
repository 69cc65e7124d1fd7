"""Numbers as people read them: the one money formatter, and the one formatter of a value by its unit.

Every amount shown in a table, a sentence, a chart axis or a guide goes
through `money`; CSV and JSON keep plain numbers and never use these.
"""

from __future__ import annotations

import math

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
