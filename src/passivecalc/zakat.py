"""Zakat on passive-income assets: 2.5 % of zakatable wealth once a lunar year, above the nisab.

Rules (as the common fiqh summaries state them; passivecalc does not rule):
- Rate: 2.5 % of zakatable wealth once per lunar year of 354 days. Who keeps
  a solar year of 365 days pays 2.577 % (2.5 % x 365 / 354, rounded as the
  zakat authorities publish it).
- Due only when zakatable wealth is at least the nisab: the value of 85 g of
  gold. The default nisab here is 85 g at the last monthly gold price shipped
  with passivecalc (data/gold-usd-monthly.csv), in US dollars; users should set
  it from today's gold price in their own currency.
- The condition is tested on the anniversary itself (the wealth held then);
  the common simplification of the hawl, which does not track dips below the
  nisab during the year.

Time convention (how a day maps to a projection month): a projection month
is 365.25 / 12 = 30.4375 days; month m (1-based) covers days
[(m-1) x 30.4375, m x 30.4375) counted from the start of the projection.
The k-th anniversary falls on day k x 354 (lunar) or k x 365 (solar); zakat
for it is due in the month containing that day, on that month's ending
value. Lunar anniversaries land in months 12, 24, 35, 47, 59, 70, 82, 94,
105, 117, ... (about 34 in 33 solar years).

Units: money in the scenario's currency; arrays shaped (paths, months);
zakat due is positive (an outflow the caller counts in costs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from passivecalc.projection import Projection

YearKind = Literal["lunar", "solar"]

DAYS_PER_MONTH = 365.25 / 12  # 30.4375
YEAR_DAYS: dict[str, int] = {"lunar": 354, "solar": 365}
RATE: dict[str, float] = {"lunar": 0.025, "solar": 0.02577}
NISAB_GOLD_GRAMS = 85.0
GRAMS_PER_TROY_OUNCE = 31.1035


@dataclass(frozen=True)
class Nisab:
    """The nisab as 85 g of gold at a stated price: `amount` in `currency`."""

    amount: float
    currency: str
    gold_month: str  # YYYY-MM of the price used
    usd_per_troy_ounce: float

    def describe(self, lang: str | None = None) -> str:
        """One line naming the amount, the gold price and its month, and that users should set their own."""
        from passivecalc.i18n import translate

        return translate(NISAB_LINE, lang).format(
            amount=f"{self.amount:,.0f}",
            currency=self.currency,
            grams=f"{NISAB_GOLD_GRAMS:g}",
            price=f"{self.usd_per_troy_ounce:,.0f}",
            month=self.gold_month,
        )


@lru_cache(maxsize=1)
def default_nisab() -> Nisab:
    """85 g of gold at the last price in data/gold-usd-monthly.csv, in USD (85 / 31.1035 troy ounces)."""
    text = resources.files("passivecalc").joinpath("data/gold-usd-monthly.csv").read_text(encoding="utf-8")
    last = text.strip().splitlines()[-1]
    month, price = last.split(",")
    ounces = NISAB_GOLD_GRAMS / GRAMS_PER_TROY_OUNCE
    return Nisab(ounces * float(price), "USD", month, float(price))


def anniversary_months(months: int, year: YearKind = "lunar") -> np.ndarray:
    """0-based month indices (into a series of `months` months) in which a zakat year ends.

    The k-th anniversary (k = 1, 2, ...) is day k x 354 (or 365), in month index floor(day / 30.4375).
    """
    if year not in YEAR_DAYS:
        raise ValueError(f"year must be 'lunar' or 'solar', not {year!r}")
    days = YEAR_DAYS[year]
    count = math.floor(months * DAYS_PER_MONTH / days)
    index = np.floor(np.arange(1, count + 1) * days / DAYS_PER_MONTH).astype(int)
    return index[index < months]


def zakat_due(
    value: np.ndarray,
    share: float = 1.0,
    nisab: float | None = None,
    year: YearKind = "lunar",
) -> np.ndarray:
    """Zakat due per month, shape like `value` (paths, months), in the value's currency.

    value: the holding's value at the end of each month (a Projection's `value`).
    share: the fraction of that value that is zakatable wealth (1.0 = all of it;
        0.30 for long-term shareholdings under the company-assets approach).
    nisab: the threshold in the same currency; None = `default_nisab()` (USD).
    year: "lunar" (354 days, 2.5 %) or "solar" (365 days, 2.577 %).

    In each anniversary month: rate x share x value when share x value >= nisab, else 0.
    Every other month is 0.
    """
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be a fraction between 0 and 1, not {share}")
    value = np.atleast_2d(np.asarray(value, dtype=float))
    threshold = default_nisab().amount if nisab is None else nisab
    due = np.zeros_like(value)
    index = anniversary_months(value.shape[1], year)
    wealth = share * value[:, index]
    due[:, index] = np.where(wealth >= threshold, RATE[year] * wealth, 0.0)
    return due


@dataclass(frozen=True)
class Zakatable:
    """What counts as zakatable wealth for a method, and the default share of its value."""

    wealth: str
    share: float = 1.0


# Per method: the zakatable wealth and the share of the projection's value it is (override with --zakatable %).
ZAKATABLE: dict[str, Zakatable] = {
    "dividend": Zakatable(
        "Shares and funds at market value (--zakatable 30 for long-term shareholdings under the company-assets approach)"
    ),
    "p2p": Zakatable("Principal outstanding on loans and cash waiting to be lent"),
    "staking": Zakatable("Staked tokens at market value"),
    "crypto-lending": Zakatable("Supplied tokens at market value"),
    "liquidity": Zakatable("The pool position at market value"),
    "blog": Zakatable("The value the business owns"),
    "ebook": Zakatable("The value the business owns"),
    "course": Zakatable("The value the business owns"),
    "dropship": Zakatable("The value the business owns"),
    "domains": Zakatable("Domains held for sale at their holding value"),
    "rank-rent": Zakatable("The value the business owns"),
}

# Sharia notes for the methods guide: what scholars say, without ruling. Keyed by the guide's commands.
SHARIA_NOTES: dict[str, str] = {
    "dividend": (
        "Permissible for most scholars after screening: the company's business and its financial ratios (debt, "
        "interest income); purify the share of income from non-compliant activity."
    ),
    "p2p": "Interest-bearing loans: riba for most scholars. Closest alternative modelled: screened dividend stocks.",
    "staking": "Disputed among scholars. Closest alternatives modelled: screened dividend stocks, the effort methods.",
    "crypto-lending": "Interest-bearing lending: riba for most scholars. Closest alternative modelled: screened dividend stocks.",
    "liquidity": "Disputed among scholars: pool fees come from trade, but the tokens and the protocol need screening.",
    "blog": "Generally permissible trade, if what is sold and advertised is permissible.",
    "ebook": "Generally permissible trade, if what is sold and advertised is permissible.",
    "course": "Generally permissible trade, if what is sold and advertised is permissible.",
    "dropship": (
        "Generally permissible trade; many scholars ask that you own or hold the goods before selling them "
        "(a salam or agency arrangement with the supplier)."
    ),
    "domains": "Generally permissible trade and rent.",
    "rank-rent": "Generally permissible trade and rent.",
}


def sharia_note(commands: Sequence[str], lang: str | None = None, isolate: bool = True) -> str:
    """The sharia note of a guide line in `lang`: its command's note, or one note per command ("staking: ...").

    isolate: wrap command names in Unicode isolates (LRI ... PDI) so that an Arabic line keeps them whole.
    """
    from passivecalc.i18n import translate

    notes = [translate(SHARIA_NOTES[command], lang) for command in commands]
    if len(notes) == 1:
        return notes[0]
    left, right = ("\u2066", "\u2069") if isolate else ("", "")
    return " ".join(f"{left}{command}{right}: {note}" for command, note in zip(commands, notes, strict=True))


def sharia_notes(rows: Sequence[dict]) -> list[str]:
    """The sharia note of each row of passivecalc.guide.rows, in English, for the guide's data (CSV, JSON, tables)."""
    from passivecalc.guide import GUIDES

    commands = {entry.name: entry.commands for entry in GUIDES}
    return [sharia_note(commands[row["method"]], "en", isolate=False) for row in rows]


ZAKAT_NOTE = (
    "Zakat is 2.5 % of zakatable wealth once a lunar year (2.577 % on a solar year) when that wealth is at least "
    "the nisab, 85 g of gold. This is an estimate, not a ruling: ask a scholar you trust."
)
NISAB_LINE = (
    "Nisab {amount} {currency}: {grams} g of gold at {price} USD a troy ounce ({month}). "
    "Set --nisab from today's gold price in your currency."
)
SHARIA_NOTE = "These notes report what scholars say; they are not a ruling. Ask a scholar you trust."


def charge(projection: Projection, share: float, nisab: float | None, year: YearKind) -> Projection:
    """The projection with zakat paid in cash: a `zakat` column, counted in costs and so in net income.

    Zakat is due on each anniversary on the month's ending value (see
    `zakat_due`). It is paid out of the money the user takes (payout), so
    payout falls by it (below zero when the month paid less than the zakat:
    the user pays it from other money); the holding is untouched, so value,
    reinvested and the conservation identity are unchanged. A method whose
    zakat is paid by selling part of the holding (dividends under DRIP)
    charges it itself and adds the `zakat` column, and this is not applied.
    """
    from dataclasses import replace

    from passivecalc.projection import Extra, Metric

    due = zakat_due(projection.value, share, nisab, year)
    return replace(
        projection,
        costs=projection.costs + due,
        net_income=projection.net_income - due,
        payout=projection.payout - due,
        extras={**projection.extras, "zakat": Extra(due, "sum", "money")},
        metrics={**projection.metrics, "total_zakat": Metric(due.sum(axis=1), "money")},
    )
