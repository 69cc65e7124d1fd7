"""Liquidity pools (liquidity mining): trading fees and reward tokens against impermanent loss.

The pool pairs a volatile asset (weight w) with a stable one (1 - w, priced 1).
The model, month m = 1..N, per path:

- Price ratio r[m] of the volatile asset to its starting price. `--price-change`
  is the change over the whole horizon (`--price-change-over horizon`, the
  default: r[N] = 1 + change, reached geometrically, r[m] = (1 + change)^(m/N))
  or per year (`--price-change-over year`: r[m] = (1 + change)^(m/12)). Under
  Monte Carlo r[m] is also multiplied by lognormal monthly returns with mean 1
  at `--volatility`, so the deterministic path is the expected one.
- A weighted constant-product pool holds value r^w per unit deposited at
  r = 1: Balancer's weighted-pool value function V = prod B_i^W_i (the Balancer
  whitepaper, Martinelli and Mushegian, 2019), held constant by trades, puts
  the pool at that value after a price move of r. Holding the same tokens is
  worth w r + 1 - w, so the impermanent loss is r^w / (w r + 1 - w) - 1, the
  weighted-pool formula Balancer's documentation gives; for a 50/50 pool
  (Uniswap v2) it is 2 sqrt(r)/(1 + r) - 1, as in Uniswap's "Understanding
  Returns". The LP position is S[m] pool shares, each worth
  capital r[m]^w.
- Trading fees earn `--fee-apr` a year on the position's value. Rewards earn
  `--reward-apr` a year, quoted at the reward token's starting price, in a
  token whose price grows `--reward-price-growth` %/yr: the money they bring
  is reward_apr x (1 + growth)^(m/12) on the value. The reward token's price is
  not simulated. `--compound` adds fees and rewards to the position that
  often, exactly within the month as for staking ((1 + rate/n)^(n/12)); with
  `none` (the default) they are paid out.
- Tax: passivecalc's one policy (passivecalc.tax), as for staking: `--tax` %
  of each projection year's fees and rewards in money, losses carried forward
  (there are none here: the price move is not taxed), charged in the year's
  12th month, out of the payout or, compounding, by selling pool shares.
- Failure (a contract exploit or a rug pull), under Monte Carlo:
  `--failure-probability` %/yr; from that month the position is worth 0. The
  deterministic run has no failure.

Columns: contributed (capital, month 1, upfront), income (fees + rewards, in
money at that month's prices), costs (0), taxes (the yearly tax, month 12),
reinvested (fees and rewards added to the position), payout (those paid out),
returned (0), value (the LP position), hours. Revaluation carries the price
move and the impermanent loss together: S[m-1] capital (r[m]^w - r[m-1]^w),
and -S[m-1] capital r[m-1]^w in the month of a failure.
Own columns: price_ratio (r), hodl_value (the starting capital simply held:
capital (w r + 1 - w)), impermanent_loss (LP value minus holding the same
deposits, each from its own entry price: money, <= 0),
impermanent_loss_pct (that, as % of holding them), fees, rewards (money),
reward_tokens, lp_minus_hodl (LP value + fees and rewards paid out so far -
hodl_value: what providing liquidity gained over holding).
Summary metrics: impermanent_loss_pct and lp_minus_hodl at the end.
"""

from __future__ import annotations

import math
from enum import Enum

import numpy as np
from pydantic import field_validator, model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.amounts import money_or_nothing
from passivecalc.methods.staking import LARGEST_LOG_GROWTH, Compound, accrue, restaked_or_paid_out, survival
from passivecalc.params import RISK_PANEL, Params, field, percent
from passivecalc.projection import Extra, Metric, Projection
from passivecalc.timeline import MONTHS_PER_YEAR, growth_path, previous_month


class Span(str, Enum):
    """What --price-change is measured over."""

    horizon = "horizon"
    year = "year"


class LiquidityParams(Params):
    capital: float = field(10_000, "Money put into the pool at the start", "money", ge=0, le=1e12)
    fee_apr: float = percent(10, "Trading fees the pool pays, simple annual on the position", "%/yr", le=1000)
    reward_apr: float = percent(
        0, "Liquidity-mining rewards, simple annual at the reward token's starting price", "%/yr", le=1000
    )
    reward_price: float = field(1, "Reward token's price at the start", "money", ge=1e-8, le=1e9)
    reward_price_growth: float = percent(0, "Growth of the reward token's price", "%/yr", ge=-99, le=1000)
    price_change: float = percent(
        0,
        "Change of the volatile asset's price against the stable one (see --price-change-over)",
        "%",
        ge=None,
        gt=-100,
        lt=100_000,
        le=None,
    )
    price_change_over: Span = field(Span.horizon, "--price-change is over the whole horizon or per year")
    weight: float = percent(
        50, "Pool weight of the volatile asset (50: a 50/50 pool)", "%", ge=None, gt=0, lt=100, le=None
    )
    compound: Compound = field(Compound.none, "How often fees and rewards are added to the position (none: paid out)")
    tax: float = percent(0, "Tax on each year's fees and rewards", "%")
    setup_hours: float = field(2, "Hours to choose a pool and provide liquidity", "hours", ge=0, le=1e5)
    hours_per_month: float = field(1, "Hours a month to watch the pool and claim rewards", "hours/month", ge=0, le=744)
    volatility: float = percent(
        80,
        "Volatility of the volatile asset's price, with --simulate (lognormal monthly returns)",
        "%/yr",
        panel=RISK_PANEL,
        le=300,
    )
    failure_probability: float = percent(
        3,
        "Chance a year of a contract exploit or rug pull that empties the pool, with --simulate",
        "%/yr",
        panel=RISK_PANEL,
    )

    no_dust = field_validator("capital")(money_or_nothing)

    @model_validator(mode="after")
    def _fits(self) -> LiquidityParams:
        ratio = math.log1p(self.fractions.price_change) * (self.years if self.price_change_over is Span.year else 1)
        if abs(ratio) > LARGEST_LOG_GROWTH:
            raise InputError(
                "price_change",
                f"{self.price_change:g} % a year for {self.years} years moves the price beyond "
                f"e^±{LARGEST_LOG_GROWTH:.0f}; give a smaller change or fewer years",
            )
        if self.years * self.earning_log_growth() + abs(ratio) > LARGEST_LOG_GROWTH:
            raise InputError(
                "years",
                f"{self.years} years at these rates grows beyond e^{LARGEST_LOG_GROWTH:.0f}; give fewer years or lower rates",
            )
        return self

    def earning_log_growth(self) -> float:
        """An upper bound on the log of what fees and rewards multiply the money by, per year on average.

        Paid out, the rewards' money grows with the reward token's price at most,
        log(1 + g) a year, on top of the rates. Compounded, at most continuously,
        the reward rate itself grows with that price, reward_apr (1 + g)^t in year
        t, and the position by exp of its integral: reward_apr ((1 + g)^Y - 1) / log(1 + g).
        """
        fee, reward, years = self.fractions.fee_apr, self.fractions.reward_apr, self.years
        growth = math.log1p(max(self.fractions.reward_price_growth, 0))
        if self.compound is Compound.none or growth == 0:
            return fee + reward + growth
        rewards_integral = math.expm1(min(years * growth, LARGEST_LOG_GROWTH)) / growth
        # The growth again for the month's income: the rate it earns at that price, on the grown position.
        return fee + reward * rewards_integral / years + growth


def impermanent_loss(ratio, weight=0.5):
    """Value of a pool position over holding the same tokens, minus 1: r^w / (w r + 1 - w) - 1 (fractions)."""
    ratio = np.asarray(ratio, dtype=float)
    return np.power(ratio, weight) / (weight * ratio + 1 - weight) - 1


def price_ratios(p: LiquidityParams, draws: Draws) -> np.ndarray:
    """r[m], (paths, N): the expected path times simulated lognormal multipliers with mean 1; read-only.

    A change over the horizon, change^(m/N), is the growth path of the annual rate change^(12/N) - 1.
    """
    n = draws.months
    change = 1 + p.fractions.price_change
    annual = change ** (MONTHS_PER_YEAR / n) - 1 if p.price_change_over is Span.horizon else p.fractions.price_change
    return np.broadcast_to(draws.price_path(p.fractions.volatility, growth=annual), draws.shape)


def project(p: LiquidityParams, draws: Draws) -> Projection:
    n = draws.months
    w = p.fractions.weight
    tax = p.fractions.tax
    ratio = price_ratios(p, draws)
    share_price = p.capital * np.power(ratio, w)  # money per pool share; one share at the start
    reward_growth = growth_path(p.fractions.reward_price_growth, n)[None, :]
    fee_rate = p.fractions.fee_apr
    reward_rate = p.fractions.reward_apr * reward_growth
    rate = fee_rate + reward_rate
    a = accrue(1.0, share_price, rate, p.compound.per_year, tax=tax)

    alive = survival(p.fractions.failure_probability, draws)
    failed_now = ~alive & previous_month(alive, True)
    always = alive.shape[0] == 1 and bool(alive.all())  # no failure drawn: nothing to mask

    def kept(x):
        return x if always else np.where(alive, x, 0.0)

    paid_out = p.compound is Compound.none
    value = kept(share_price) if paid_out else kept(a.units) * share_price  # paid out, one pool share throughout
    income = kept(a.gross * share_price)
    reinvested = np.zeros((1, n)) if paid_out else kept(a.restaked * share_price)
    taxes = kept(a.tax)
    if always and paid_out:
        revaluation = np.empty(np.shape(share_price))  # one share: the share price's monthly change
        revaluation[:, 0] = share_price[:, 0] - p.capital
        np.subtract(share_price[:, 1:], share_price[:, :-1], out=revaluation[:, 1:])
    elif always:
        revaluation = a.held * (share_price - previous_month(share_price, p.capital))
    else:
        previous_share_price = previous_month(share_price, p.capital)
        revaluation = np.where(
            alive,
            a.held * (share_price - previous_share_price),
            np.where(failed_now, -a.held * previous_share_price, 0.0),
        )
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours
    contributed = np.zeros(n)
    contributed[0] = p.capital
    standard = dict(
        contributed=contributed,
        income=income,
        taxes=taxes,
        value=value,
        hours=hours,
        revaluation=revaluation,
        upfront=p.capital,
        after_tax=tax > 0,
        **restaked_or_paid_out(p.compound, reinvested if tax > 0 else None),
    )
    if draws.lean:  # a Monte Carlo chunk: the pool's own columns would be computed for nothing
        return Projection.build(n, **standard)

    fee_share = np.divide(fee_rate, rate, out=np.zeros_like(rate), where=rate > 0)
    fees = income * fee_share
    rewards = income - fees
    # Reward tokens: the reward APR is quoted at the token's starting price, so its money over that price.
    reward_tokens = income * np.divide(
        p.fractions.reward_apr, rate * p.reward_price, out=np.zeros_like(rate), where=rate > 0
    )
    payout = income - taxes if paid_out else np.zeros_like(income)
    # Holding what went into the pool instead: the capital at r = 1, each reinvestment at its month's r.
    deposited = p.capital + np.cumsum(reinvested, axis=1)
    deposited_at_ratio = p.capital + np.cumsum(reinvested / ratio, axis=1)
    held_instead = w * ratio * deposited_at_ratio + (1 - w) * deposited
    loss = kept(value - held_instead)
    loss_pct = np.divide(100 * loss, held_instead, out=np.zeros(np.shape(loss)), where=alive & (held_instead > 0))
    hodl = p.capital * (w * ratio + 1 - w)
    lp_minus_hodl = value + np.cumsum(payout, axis=1) - hodl
    return Projection.build(
        n,
        **standard,
        extras={
            "price_ratio": Extra(ratio, "last", "ratio"),
            "hodl_value": Extra(hodl, "last", "money"),
            "impermanent_loss": Extra(loss, "last", "money"),
            "impermanent_loss_pct": Extra(loss_pct, "last", "percent"),
            "fees": Extra(fees, "sum", "money"),
            "rewards": Extra(rewards, "sum", "money"),
            "reward_tokens": Extra(reward_tokens, "sum", "tokens"),
            "lp_minus_hodl": Extra(lp_minus_hodl, "last", "money"),
        },
        # At the end: what the pool's price move cost against holding, and what providing liquidity gained overall.
        metrics={
            "impermanent_loss_pct": Metric(loss_pct[:, -1], "percent"),
            "lp_minus_hodl": Metric(lp_minus_hodl[:, -1], "money"),
        },
    )
