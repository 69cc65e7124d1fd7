"""Numbers as people read them: the one money formatter, and the one formatter of a value by its unit.

Every amount shown in a table, a sentence, a chart axis or a guide goes
through `money`; CSV and JSON keep plain numbers and never use these.
"""

from __future__ import annotations

import math

# Currency code -> symbol written before the amount; other codes are written before it with a space ("SAR 1,000").
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "C$", "AUD": "A$"}


def money(value: float, currency: str, decimals: int = 0) -> str:
    """`$1,235` for 1234.5 USD: symbol, thousands separators, `decimals` places; a minus only when it shows."""
    symbol = SYMBOLS.get(currency, currency + " ")
    text = f"{symbol}{abs(value):,.{decimals}f}"
    return f"-{text}" if value < 0 and round(abs(value), decimals) != 0 else text


def number(value: float | int | None, unit: str, currency: str, decimals: int | None = None) -> str:
    """A value as shown in tables by its unit (money, percent, month, hours, tokens, other); '–' for none."""
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
    return f"{value:,.2f}" if decimals is None else f"{value:,.{decimals}f}"
