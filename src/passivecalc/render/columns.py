"""Which columns a table shows, and fitting a table to the terminal without wrapping a row or cutting a number.

Each method shows by default the columns that answer its question and fit
80 columns: the period, money put in (contributed), net income, what is paid
out (or reinvested, when nothing is paid out), the value, and at most two of
the method's own (OWN_COLUMNS, the one table of them, keyed by method and
naming CSV columns). Effort methods show your hours too. `--columns a,b,c`
picks columns by their CSV names, `--all-columns` shows every column.

A table wider than the terminal loses columns from the right, with a
one-line note of what was left out (`fit`): a row is never wrapped and a
number is never cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from passivecalc.errors import InputError
from passivecalc.render.numbers import Words

# Method -> its own columns shown by default (CSV names), at most two; "hours" first for effort methods.
OWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "dividend": ("shares", "yield_on_cost_pct"),
    "p2p": ("charge_offs",),  # the NAR is in the summary
    "staking": ("tokens",),
    "crypto-lending": ("tokens",),
    "liquidity": ("impermanent_loss", "lp_minus_hodl"),
    "blog": ("hours", "articles_live", "views"),
    "ebook": ("hours", "books_live", "units"),
    "course": ("hours", "students", "refunds"),
    "dropship": ("hours", "orders", "ad_spend"),
    "domains": ("domains_let",),
    "rank-rent": ("hours", "sites_ranked", "sites_let"),
}

# Methods whose main cost is your time: their answer leads with the hours.
EFFORT = frozenset(method for method, own in OWN_COLUMNS.items() if own and own[0] == "hours")

LABELS = ("year", "month", "date")


def _nonzero(rows: list[dict], name: str) -> bool:
    return any(abs(row.get(name) or 0.0) > 1e-9 for row in rows)


def default_columns(method: str, rows: list[dict]) -> list[str]:
    """The columns a method shows by default: contributed, net income, payout (or reinvested), value, its own."""
    paid = "payout" if _nonzero(rows, "payout") or not _nonzero(rows, "reinvested") else "reinvested"
    names = ["contributed", "net_income", paid, "value", *OWN_COLUMNS.get(method, ())]
    return [name for name in names if rows and name in rows[0] and _nonzero(rows, name)]


def chosen_columns(
    method: str, rows: list[dict], available: Sequence[str], columns: Sequence[str] | None, all_columns: bool
) -> list[str]:
    """The columns to show, in order (CSV names, labels excluded); raises InputError naming --columns for an unknown one.

    --columns keeps the order given and shows a column even when it is zero;
    --all-columns shows every column that is not zero in every row.
    """
    if columns:
        unknown = [name for name in columns if name not in available and name not in LABELS]
        if unknown:
            raise InputError("columns", f"'{unknown[0]}' is not a column here; choose from {', '.join(available)}")
        return [name for name in columns if name not in LABELS]
    if all_columns:
        return [name for name in available if _nonzero(rows, name)]
    return default_columns(method, rows)


def parse_columns(text: str | None) -> tuple[str, ...] | None:
    """`--columns a,b, c` -> ('a', 'b', 'c'); None when not given. Hyphens read as underscores (net-income)."""
    if text is None:
        return None
    names = tuple(part.strip().replace("-", "_") for part in text.split(",") if part.strip())
    if not names:
        raise InputError("columns", f"'{text}' names no column; give CSV column names, e.g. --columns net_income,value")
    return names


def natural_width(out: Console, table: Table) -> int:
    """The width the table takes with nothing wrapped."""
    return Measurement.get(out, out.options.update(max_width=1_000_000), table).maximum


def fit(out: Console, table: Table, keep: int = 1) -> list[str]:
    """Drop columns from the right until the table fits the console unwrapped; the headers left out, in order.

    keep: the leftmost columns never dropped (the period).
    """
    dropped: list[str] = []
    while len(table.columns) > keep and natural_width(out, table) > out.width:
        column = table.columns.pop()
        dropped.append(str(column.header).replace("\n", " "))
    return dropped[::-1]


# The note under a table that lost columns, and its hints (catalogue keys; render.numbers.Words says them).
LEFT_OUT = "Left out to fit {width}: {dropped} ({hint}, or widen the terminal)."
WIDTH = ("{n} column", "{n} columns")
PICKS = "--columns picks columns"
TEXTS = (LEFT_OUT, PICKS)
PLURALS = (WIDTH,)


def left_out_line(dropped: list[str], width: int, hint: str = PICKS, said: Words | None = None) -> str:
    """The one-line note under a table that lost columns to the terminal's width (hint: an English text)."""
    w = said or Words()
    return w.say(LEFT_OUT, width=w.count(width, *WIDTH), dropped=w.comma.join(dropped), hint=w.t(hint))


def print_fitted(out: Console, table: Table, keep: int = 1, hint: str = PICKS, said: Words | None = None) -> None:
    """Print the table at its natural width, columns from the right left out (with a note) when it is too wide."""
    dropped = fit(out, table, keep)
    out.print(table)
    if dropped:
        out.print(left_out_line(dropped, out.width, hint, said))
