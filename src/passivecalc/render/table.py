"""Tables for people: rich, money right-aligned with thousands separators and the currency symbol."""

from __future__ import annotations

import io
import math

from rich.console import Console
from rich.table import Table

from passivecalc.result import Scenario

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "C$", "AUD": "A$"}

# Summary lines in the order a person reads them, with how each is shown.
SUMMARY_LABELS = {
    "total_contributed": ("Money put in", "money"),
    "total_income": ("Total income", "money"),
    "total_costs": ("Total costs", "money"),
    "total_taxes": ("Total taxes", "money"),
    "total_reinvested": ("Reinvested", "money"),
    "total_payout": ("Paid out to you", "money"),
    "total_returned": ("Capital returned", "money"),
    "ending_value": ("Ending value", "money"),
    "net_gain": ("Net gain", "money"),
    "monthly_income_end": ("Monthly net income, last year", "money"),
    "yield_on_cost_pct": ("Yield on cost, last year", "percent"),
    "irr_pct": ("IRR (annualised)", "percent"),
    "breakeven_month": ("Break-even", "month"),
    "total_hours": ("Your hours", "hours"),
    "hourly_rate": ("Net gain per hour", "money"),
    "real_ending_value": ("Ending value, today's money", "money"),
    "real_monthly_income_end": ("Monthly net income, today's money", "money"),
}


def console(stream: io.StringIO, color: bool, width: int | None) -> Console:
    return Console(
        file=stream,
        width=width or 200,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )


def money(value: float, currency: str, decimals: int = 0) -> str:
    symbol = SYMBOLS.get(currency, currency + " ")
    text = f"{symbol}{abs(value):,.{decimals}f}"
    return f"-{text}" if value < 0 and round(abs(value), decimals) != 0 else text


def number(value: float | int | None, unit: str, currency: str, decimals: int | None = None) -> str:
    """A value as shown in tables; '-' for none."""
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


# An IRR above this many percent a year is shown as "over ..." in tables.
IRR_SHOWN_UP_TO = 1000

# Words kept in capitals in column headers.
ACRONYMS = {"roas": "ROAS", "cpa": "CPA", "lp": "LP", "hodl": "HODL", "nar": "NAR", "ku": "KU", "apy": "APY", "apr": "APR", "il": "IL", "rpm": "RPM", "irr": "IRR"}


def header(name: str) -> str:
    """`breakeven_roas` -> 'Breakeven ROAS', `yield_on_cost_pct` -> 'Yield on cost' (its values carry the %)."""
    words = name.removesuffix("_pct").split("_")
    words = [ACRONYMS.get(word, word) for word in words]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def rows_table(rows: list[dict], units: dict[str, str], currency: str, title: str | None = None) -> Table:
    """Period rows as a table; columns that are zero in every row are left out."""
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    table = Table(title=title, title_justify="left", header_style="bold")
    for label in labels:
        table.add_column(header(label), justify="right")
    headers = [header(name) for name in shown]
    for name, text in zip(shown, headers):
        # A percent column beside a money column of the same name ('Impermanent loss') keeps its %.
        clash = name.endswith("_pct") and headers.count(text) > 1
        table.add_column(f"{text} %" if clash else text, justify="right")
    # Small amounts (a dividend per share) keep their cents; large ones read better without.
    decimals = {name: 0 if max(abs(row[name]) for row in rows) >= 1000 else 2 for name in shown if units[name] == "money"}
    for row in rows:
        table.add_row(
            *(str(row[label]) for label in labels),
            *(number(row[name], units[name], currency, decimals.get(name)) for name in shown),
        )
    return table


def summary_table(summary: dict, currency: str, units: dict[str, str] | None = None) -> Table:
    """The summary as label / value lines; `units` for figures beyond the standard ones (a method's metrics)."""
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        label, unit = SUMMARY_LABELS.get(key, (header(key), (units or {}).get(key, "money")))
        if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
            # Exact (the JSON has it), but beyond this an annual rate says only that little money went in.
            table.add_row(label, f"over {IRR_SHOWN_UP_TO:,} %")
            continue
        table.add_row(label, number(value, unit, currency, decimals=2 if unit in ("money", "hours") else None))
    return table


def scenario_table(scenario: Scenario, period: str, color: bool = False, width: int | None = None) -> str:
    projection = scenario.projection
    stream = io.StringIO()
    out = console(stream, color, width)
    span = "1 year" if projection.years == 1 else f"{projection.years} years"
    title = f"{scenario.name}: {span}, {projection.currency}, by {period}"
    out.print(rows_table(projection.rows(period), projection.units(), projection.currency, title))
    out.print(summary_table(projection.summary(), projection.currency, projection.metric_units()))
    out.print(tax_line(projection.after_tax))
    return stream.getvalue()


def tax_line(after_tax: bool) -> str:
    return "Figures are after the tax rate given." if after_tax else "Figures are before tax (no tax rate given)."
