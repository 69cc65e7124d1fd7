"""The guide to the eight methods: what each takes, what it typically pays, what can go wrong.

Figures are the ranges the common guides to passive income give (dividend
yields of 2-5 %, P2P 5-10 % before defaults, crypto staking and lending
5-25 % with severe risks, blogs and courses slow but scalable, dropshipping
on thin margins and constant ad spend, domains hard to let). They are a
starting point for choosing, not a projection: each row names the command
that projects the method with your own numbers.

`rank` orders the methods that fit a person's capital, hours a week and
appetite for risk, and says why each fits or not. Fitting methods come
safest first, then fewest hours a week, then least capital: the advice is
to start with one method and diversify later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict

from passivecalc.params import field
from passivecalc.render.numbers import Words

ADVICE = "A starting point, not advice: start with one method, learn it, and diversify later."
NOTHING_FITS = (
    "No method fits everything you gave: each row says what it lacks. More hours a week, more capital or a "
    "higher risk level opens the first ones."
)


# Why a method fits or not (guide.why): English templates, the catalogue's keys (render/numbers.Words says them).
FITS = "fits: {reasons}"
MISFIT = "does not fit: {reasons}"
RISK = "{risk} risk"
RISK_ACCEPTED = "{risk} risk (you accept {accepted})"
WEEKLY = "about {hours} h a week once running"
SET_UP = "{weekly}, {setup} h to set up ({weeks} at your {hours} h a week)"
UNDER_A_WEEK = "under a week"
WEEKS = ("about {n} week", "about {n} weeks")
STARTS_FROM = "starts from {minimum} (you have {capital})"
NEEDS_CAPITAL = "needs {minimum} to start (you have {capital})"
NEEDS_HOURS = "needs about {hours} h a week (you have {have})"
TEXTS = (FITS, MISFIT, RISK, RISK_ACCEPTED, WEEKLY, SET_UP, UNDER_A_WEEK, STARTS_FROM, NEEDS_CAPITAL, NEEDS_HOURS)


def advice(situation: Situation) -> str | None:
    """The line under a ranking: where to start, or why nothing is ranked; None without a situation."""
    if not situation.given:
        return None
    return ADVICE if any(fit.fits for fit in rank(situation)) else NOTHING_FITS


class Risk(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"

    @property
    def level(self) -> int:
        return ("low", "medium", "high").index(self.value)


@dataclass(frozen=True)
class Guide:
    """One method as the guides describe it; the numbers drive the ranking, the words are shown."""

    name: str
    commands: tuple[str, ...]
    capital: str
    hours_up_front: str
    hours_per_month: str
    returns: str
    risks: str
    passive: str
    risk: Risk
    min_capital: float  # the least money that makes a start
    setup_hours: float  # typical hours before it pays
    weekly_hours: float  # typical hours a week once running


GUIDES: tuple[Guide, ...] = (
    Guide(
        "Dividend stocks and ETFs",
        ("dividend",),
        "from $100; $1,000 a month at 4 % takes $300,000",
        "2-10",
        "1",
        "2-5 %/yr dividend yield, plus price growth",
        "market falls of 30-50 %, dividend cuts, too few stocks",
        "very: buy, hold, reinvest",
        Risk.low,
        100,
        5,
        0.25,
    ),
    Guide(
        "Peer-to-peer lending",
        ("p2p",),
        "from $1,000, spread over many small loans",
        "3-5",
        "1-2",
        "5-10 %/yr before defaults",
        "borrower defaults (worse in recessions), platform failure, money locked until loans repay",
        "mostly: auto-invest and check",
        Risk.medium,
        1000,
        4,
        0.5,
    ),
    Guide(
        "Crypto: staking, lending, liquidity pools",
        ("staking", "crypto-lending", "liquidity"),
        "from $100",
        "5-20",
        "2-5",
        "5-25 %/yr, paid in tokens",
        "severe price falls, smart-contract bugs, hacks, platform collapse, regulation",
        "mostly, but it needs watching",
        Risk.high,
        100,
        10,
        1,
    ),
    Guide(
        "Blog",
        ("blog",),
        "$100-1,000 a year: hosting, domain, tools",
        "100-300",
        "20-60",
        "slow (little for 6-24 months), then scalable: ads, affiliates",
        "search-engine updates that cut traffic, years of work before income",
        "not at first; partly once it ranks",
        Risk.low,
        100,
        200,
        10,
    ),
    Guide(
        "Ebook",
        ("ebook",),
        "$0-500: cover, editing",
        "50-200",
        "2-10",
        "slow and scalable: 35-70 % royalties, most books sell few copies",
        "few sales, marketplace rules and rankings that change",
        "once written, if it sells",
        Risk.low,
        0,
        120,
        2,
    ),
    Guide(
        "Online course",
        ("course",),
        "$0-1,000: microphone, camera, platform",
        "50-200",
        "5-20",
        "slow to start, scalable; marketplaces keep a large cut",
        "no audience, platform discounts and cuts, refunds, content going stale",
        "partly: students, support, updates",
        Risk.low,
        0,
        120,
        3,
    ),
    Guide(
        "Dropshipping",
        ("dropship",),
        "$500-2,000 to start, then ad spend every month",
        "20-60",
        "40-80",
        "thin margins: 10-30 % of sales before your time",
        "constant ad spend, rising ad costs, supplier delays, returns and chargebacks",
        "barely: a business you run",
        Risk.high,
        1000,
        40,
        15,
    ),
    Guide(
        "Digital real estate: domain leasing, rank-and-rent",
        ("domains", "rank-rent"),
        "$100s per domain or site",
        "10-40",
        "2-10 (1-3 per domain or site)",
        "domains are hard to let (most sit empty); a ranked local site rents for $300-1,000 a month",
        "empty domains with renewals to pay, search updates that unrank a site, tenants leaving",
        "mostly, once let",
        Risk.medium,
        300,
        40,
        2,
    ),
)


class Situation(BaseModel):
    """What a person brings; each left unset does not limit the ranking."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, defer_build=True)  # start-up time

    capital: float | None = field(None, "Money you can put in", "money", ge=0, le=1e12)
    hours_per_week: float | None = field(None, "Hours a week you can spend", "hours/week", ge=0, le=168)
    risk: Risk | None = field(None, "Risk you accept: low, medium or high")

    @property
    def given(self) -> bool:
        return self.capital is not None or self.hours_per_week is not None or self.risk is not None


@dataclass(frozen=True)
class Fit:
    guide: Guide
    fits: bool
    why: str
    rank: int | None = None


def rank(situation: Situation) -> list[Fit]:
    """Every method with whether it fits and why: the fitting ones ranked (1 = start here), then the rest."""
    fits: list[Fit] = []
    misfits: list[Fit] = []
    for guide in GUIDES:
        fit = not _shortfalls(guide, situation, Words())
        (fits if fit else misfits).append(Fit(guide, fit, why(guide, situation)))
    fits.sort(key=lambda f: (f.guide.risk.level, f.guide.weekly_hours, f.guide.min_capital))
    ranked = [Fit(f.guide, True, f.why, rank=i) for i, f in enumerate(fits, start=1)]
    return ranked + misfits


def why(guide: Guide, situation: Situation, words: Words | None = None) -> str:
    """Why a method fits a situation or not, in the words' language (None: English, as rows and CSV give it)."""
    w = words or Words()
    against = _shortfalls(guide, situation, w)
    if against:
        return w.say(MISFIT, reasons=w.semicolon.join(against))
    return w.say(FITS, reasons=w.semicolon.join(_reasons(guide, situation, w)))


def why_in(rows: list[dict[str, Any]], situation: Situation, words: Words) -> list[dict[str, Any]]:
    """Ranked rows (rows()) with their "why" said in the words' language."""
    by_name = {g.name: g for g in GUIDES}
    return [{**row, "why": why(by_name[row["method"]], situation, words)} if "why" in row else row for row in rows]


def rows(situation: Situation) -> list[dict]:
    """The guide as plain rows (CSV, JSON); with a situation, ranked and with the reasons."""
    fits = rank(situation) if situation.given else [Fit(g, True, "") for g in GUIDES]
    out = []
    for fit in fits:
        g = fit.guide
        row: dict[str, Any] = {
            "method": g.name,
            "commands": " ".join(f"passivecalc {c}" for c in g.commands),
            "capital": g.capital,
            "hours_up_front": g.hours_up_front,
            "hours_per_month": g.hours_per_month,
            "typical_return": g.returns,
            "main_risks": g.risks,
            "how_passive": g.passive,
            "risk": g.risk.value,
        }
        if situation.given:
            row = {"rank": fit.rank, **row, "fits": fit.fits, "why": fit.why}
        out.append(row)
    return out


def _shortfalls(guide: Guide, s: Situation, w: Words) -> list[str]:
    against = []
    if s.capital is not None and s.capital < guide.min_capital:
        against.append(w.say(NEEDS_CAPITAL, minimum=w.money(guide.min_capital), capital=w.money(s.capital)))
    if s.hours_per_week is not None and s.hours_per_week < guide.weekly_hours:
        against.append(w.say(NEEDS_HOURS, hours=_hours(guide.weekly_hours, w), have=_hours(s.hours_per_week, w)))
    if s.risk is not None and guide.risk.level > s.risk.level:
        against.append(w.say(RISK_ACCEPTED, risk=w.t(guide.risk.value), accepted=w.t(s.risk.value)))
    return against


def _reasons(guide: Guide, s: Situation, w: Words) -> list[str]:
    if s.risk is None:
        reasons = [w.say(RISK, risk=w.t(guide.risk.value))]
    else:
        reasons = [w.say(RISK_ACCEPTED, risk=w.t(guide.risk.value), accepted=w.t(s.risk.value))]
    hours = w.say(WEEKLY, hours=_hours(guide.weekly_hours, w))
    if s.hours_per_week:
        weeks = guide.setup_hours / s.hours_per_week
        span = w.t(UNDER_A_WEEK) if weeks < 1 else w.count(round(weeks), *WEEKS)
        setup = _hours(guide.setup_hours, w)
        hours = w.say(SET_UP, weekly=hours, setup=setup, weeks=span, hours=_hours(s.hours_per_week, w))
    reasons.append(hours)
    if s.capital is not None:
        reasons.append(w.say(STARTS_FROM, minimum=w.money(guide.min_capital), capital=w.money(s.capital)))
    return reasons


def _hours(value: float, w: Words) -> str:
    """Hours as given: 0.25, 5, 120 (as many decimals as the number has, up to two)."""
    shown = f"{value:g}"
    return shown if w.plain else w.decimal(value, len(shown.partition(".")[2][:2]))
