"""Crypto staking and crypto lending: a token holding that earns rewards in the token itself.

The model, month m = 1..N, per path:

- Token price P[m] = price * (1 + price_growth) ** (m/12), times the simulated
  price multipliers under Monte Carlo (lognormal monthly returns with mean 1 at
  `volatility`, so the deterministic path is the expected one).
- The holding starts with `amount` tokens, or `capital / price` tokens when the
  user gives money (10,000 of money when neither is given).
- Rewards: `--apr` is a simple annual rate compounded `--compound` times a year
  (daily 365, weekly 52, monthly 12); `--apy` is the effective annual rate and
  becomes the APR of that compounding, n((1 + apy)^(1/n) - 1), so the APY given
  is the APY reached. These are the standard APR/APY conversions,
  APY = (1 + APR/n)^n - 1 and back (the effective annual yield of the US
  Truth in Savings rule, Regulation DD, Appendix A). With `--compound none`
  nothing compounds: rewards are paid out monthly, apr/12 of the tokens held.
  An `--apy` is then an effective rate too, paid as its monthly equivalent:
  apr = 12((1 + apy)^(1/12) - 1), so a balance earns the same each month
  whether its rewards are withdrawn or credited monthly (6 % APY pays
  12 x 1000 x (1.06^(1/12) - 1) = 58.41 a year on 1,000, not 60).
  Crypto lending takes a supply APY the same way.
- Commission (staking) or the platform fee (lending) is taken from each reward:
  a compounding period earns apr (1 - c) / n net. A compounding finer than
  monthly is applied within the month exactly: q = n/12 periods, the monthly
  token factor is (1 + apr (1 - c) / n)^q. With `--restake-cost` (gas, money
  per compounding) each restake also sells restake_cost / P[m] tokens; a
  holding that the gas eats up goes to zero and stops there.
- Tax: passivecalc's one policy (passivecalc.tax). `--tax` % of each
  projection year's profit, the rewards after commission at each month's
  price less the gas, with a year's loss carried forward and never a negative
  tax, charged in the year's 12th month: out of that month's payout when
  rewards are paid out, by selling tokens at that month's price when they are
  restaked (a tax larger than the whole holding is paid from the owner's
  pocket, a negative payout). Price moves are not taxed: nothing is sold
  before the end. A position lost to a failure owes no tax for its last year
  (and its loss is not deducted). The restake-interval note, a search over
  intervals, treats the tax as a share of each reward instead, which is the
  same whenever every year makes a profit.
- A failure (slashing, an exchange or platform collapse, a contract exploit)
  under Monte Carlo: `--failure-probability` %/yr, monthly hazard
  1 - (1 - p)^(1/12); from the month it happens the position is worth 0 and
  earns nothing. The deterministic run has no failure (its expected path has no
  shocks); the probability is there to be simulated.

Columns: contributed (the holding's money value, month 1, upfront), income
(gross rewards, before commission, in money at that month's price), costs
(commission or platform fee, plus restake gas), taxes (the yearly tax, in
each year's 12th month), reinvested (tokens restaked, less tokens sold for the
tax, at that month's price; 0 with compounding none), payout (rewards paid out
after commission and tax; 0 when restaking), returned (0: nothing is unstaked before the end), value (tokens x
price), hours (setup, then upkeep). Revaluation is T[m-1] (P[m] - P[m-1]), and
in the month of a failure -T[m-1] P[m-1] (the whole position is lost).
Own columns: tokens (held at month end), reward_tokens (after commission),
rewards (the same in money), token_price. Summary metric: tokens_held at the end.

Notes: the restake interval (in days) that maximises the end value when gas
is paid, the real reward rate (1 + r)/(1 + i) - 1 against `--network-inflation`,
and when money is available after `--unbonding-days`.

The token recurrence T[m] = f T[m-1] - h[m] G is solved in closed form with a
cumulative product (no loop over months or paths).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import numpy as np
from pydantic import field_validator, model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.amounts import gas_or_nothing, money_or_nothing
from passivecalc.params import RISK_PANEL, Params, field, percent
from passivecalc.projection import Extra, Metric, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR, growth_path, previous_month

DEFAULT_CAPITAL = 10_000.0
DEFAULT_APR = 5.0
DAYS_PER_YEAR = 365
# Money can hold e^600 comfortably (float max is e^709); beyond that a result would be infinite.
LARGEST_LOG_GROWTH = 600.0


class Compound(str, Enum):
    """How often rewards are restaked (compounded); none pays them out."""

    none = "none"
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"

    @property
    def per_year(self) -> int:
        return {"none": 0, "daily": 365, "weekly": 52, "monthly": 12}[self.value]


class TokenHolding(Params):
    """What staking and lending share: the holding, its price, tax, hours and the risks Monte Carlo draws."""

    amount: float | None = field(None, "Tokens held at the start (or give --capital)", "tokens", ge=1e-8, lt=1e15)
    capital: float | None = field(
        None,
        "Money put in at the start, bought at --price (10,000 when neither it nor --amount is given)",
        "money",
        ge=0,
        le=1e12,
    )
    price: float = field(1, "Token price at the start", "money", ge=1e-8, le=1e9)
    price_growth: float = percent(0, "Growth of the token price", "%/yr", ge=-99, le=1000)
    tax: float = percent(
        0,
        "Tax on each year's profit: rewards at each month's price less commission and gas, losses carried forward",
        "%",
    )
    setup_hours: float = field(1, "Hours to choose a platform and set up", "hours", ge=0, le=1e5)
    hours_per_month: float = field(0.25, "Hours a month to check on the position", "hours/month", ge=0, le=744)
    volatility: float = percent(
        80,
        "Volatility of the token price, with --simulate (lognormal monthly returns)",
        "%/yr",
        panel=RISK_PANEL,
        le=300,
    )
    failure_probability: float = percent(
        1,
        "Chance a year that slashing or a platform failure wipes out the position, with --simulate",
        "%/yr",
        panel=RISK_PANEL,
    )

    @model_validator(mode="before")
    @classmethod
    def _default_holding(cls, data):
        """Neither --amount nor --capital: 10,000 of money (so that params and JSON show what was used)."""
        if isinstance(data, dict) and data.get("amount") is None and data.get("capital") is None:
            return {**data, "capital": DEFAULT_CAPITAL}
        return data

    no_dust = field_validator("capital")(money_or_nothing)

    @model_validator(mode="after")
    def _one_holding(self):
        if self.amount is not None and self.capital is not None:
            raise InputError("amount", "give --amount (tokens) or --capital (money), not both")
        return self

    @property
    def tokens(self) -> float:
        return self.amount if self.amount is not None else (self.capital or 0.0) / self.price

    def _check_growth(self, annual_factor: float) -> None:
        """Refuse a rate and horizon whose money would not fit in a float (it would print as infinity)."""
        growth = math.log(annual_factor) + math.log1p(max(self.fractions.price_growth, 0))
        if self.years * growth > LARGEST_LOG_GROWTH:
            raise InputError(
                "years",
                f"{self.years} years at these rates grows beyond e^{LARGEST_LOG_GROWTH:.0f}; give fewer years or lower rates",
            )


class StakingParams(TokenHolding):
    apr: float | None = percent(
        None, "Reward rate, simple annual (5 when neither it nor --apy is given)", "%/yr", le=1000
    )
    apy: float | None = percent(None, "Reward rate, effective annual (instead of --apr)", "%/yr", le=100_000)
    compound: Compound = field(Compound.daily, "How often rewards are restaked (none: paid out)")
    commission: float = percent(0, "Validator or platform commission, taken from each reward", "%")
    restake_cost: float = field(0, "Cost of each restake (gas), in money", "money", ge=0, le=1e9)
    unbonding_days: int = field(0, "Days after unstaking before the tokens can be sold", "days", ge=0, le=365)
    network_inflation: float = percent(0, "Token supply inflation, to report the real reward rate", "%/yr", le=1000)

    no_dust = field_validator("restake_cost")(gas_or_nothing)

    @model_validator(mode="before")
    @classmethod
    def _default_rate(cls, data):
        """Neither --apr nor --apy: 5 % APR (so that params and JSON show what was used)."""
        if isinstance(data, dict) and data.get("apr") is None and data.get("apy") is None:
            return {**data, "apr": DEFAULT_APR}
        return data

    @model_validator(mode="after")
    def _one_rate(self) -> StakingParams:
        if self.apr is not None and self.apy is not None:
            raise InputError("apy", "give --apr or --apy, not both")
        if self.restake_cost > 0 and self.compound is Compound.none:
            raise InputError(
                "restake_cost",
                f"{self.restake_cost:g} is set but --compound is none (nothing is restaked); choose a compounding",
            )
        # With gas, the note searches restakes down to daily at the same APR, whose APY approaches e^APR.
        self._check_growth(
            max(1 + self.gross_apy, math.exp(self.annual_rate)) if self.restake_cost > 0 else 1 + self.gross_apy
        )
        return self

    @property
    def annual_rate(self) -> float:
        """Gross APR (fraction) at the chosen compounding; an APY paid out becomes its monthly-paid equivalent."""
        if self.apy is not None:
            return rate_of_apy(self.fractions.apy, self.compound)
        return self.fractions.apr

    @property
    def gross_apy(self) -> float:
        return apy_from_apr(self.annual_rate, self.compound.per_year)

    @property
    def cut(self) -> float:
        return self.fractions.commission


class LendingParams(TokenHolding):
    apy: float = percent(5, "Supply APY: interest, effective annual", "%/yr", le=100_000)
    platform_fee: float = percent(0, "Platform's cut of the interest", "%")
    compound: Compound = field(Compound.daily, "How often interest is credited to the balance (none: paid out)")
    failure_probability: float = percent(
        5,
        "Chance a year that the platform fails or the protocol is exploited, with --simulate",
        "%/yr",
        panel=RISK_PANEL,
    )

    @model_validator(mode="after")
    def _fits(self) -> LendingParams:
        self._check_growth(1 + self.fractions.apy)
        return self

    @property
    def annual_rate(self) -> float:
        """Gross APR (fraction) of the supply APY at the chosen compounding (paid out: monthly)."""
        return rate_of_apy(self.fractions.apy, self.compound)

    @property
    def cut(self) -> float:
        return self.fractions.platform_fee


def apr_from_apy(apy, per_year: int):
    """The simple annual rate that compounds per_year times to `apy` (fractions); the same rate without compounding."""
    if per_year == 0:
        return apy
    return per_year * np.expm1(np.log1p(apy) / per_year)


def rate_of_apy(apy: float, compound: Compound) -> float:
    """The simple annual rate (fraction) that pays an effective `apy` (fraction) with this compounding.

    Paid out (`none`), rewards are paid monthly, so an effective rate is paid as
    its monthly equivalent 12((1 + apy)^(1/12) - 1): interest on an unchanged
    balance does not depend on whether it is withdrawn or credited.
    """
    return float(apr_from_apy(apy, compound.per_year or MONTHS_PER_YEAR))


def apy_from_apr(apr, per_year: int):
    """Effective annual rate of a simple annual rate compounded per_year times (fractions)."""
    if per_year == 0:
        return apr
    return np.expm1(per_year * np.log1p(np.asarray(apr, dtype=float) / per_year))


# -- the shared engine: a holding that earns in units of itself -----------------------------


@dataclass(frozen=True)
class Accrual:
    """Per month (and path, where the price makes it differ), in units of the holding (tokens, pool shares).

    tax and cost are money; the rest are units.
    """

    units: np.ndarray  # held at month end
    held: np.ndarray  # held at month start
    gross: np.ndarray  # rewards before commission
    commission: np.ndarray
    tax: np.ndarray  # money: the yearly tax on profit, in each year's 12th month
    cost: np.ndarray  # restake gas, in money
    restaked: np.ndarray  # units added to the holding (negative when gas or the tax sells more than the rewards bring)


def accrue(units0: float, unit_price, annual_rate, per_year: int, commission=0.0, tax=0.0, restake_cost=0.0) -> Accrual:
    """Rewards accrued on a holding, compounded per_year times a year (0: paid out), month by month.

    unit_price: money per unit, (paths, N). annual_rate: gross simple annual
    rate as a fraction, a scalar, (N,) or (paths, N). Commission is a fraction
    of each reward; restake_cost is money per compounding.

    Tax follows passivecalc's one policy (passivecalc.tax): `tax` (a fraction)
    of each projection year's profit, the rewards after commission less the
    gas, in money at each month's price; a year's loss carries forward; never
    negative; charged in the year's 12th month. Paid out, it comes out of that
    month's payout. Restaked, the rewards compound whole and the tax is paid
    by selling units at the 12th month's price (all of them at most: a tax
    larger than the holding is paid from the owner's pocket, a negative
    payout), so each year is solved in turn. Without gas or tax the units do
    not depend on the price, and stay one row for all paths.
    """
    price = np.asarray(unit_price, dtype=float)
    months = price.shape[1]
    rate = np.atleast_2d(np.asarray(annual_rate, dtype=float))
    if per_year == 0:
        units = np.full((rate.shape[0], months), float(units0))
        gross = np.broadcast_to(rate / MONTHS_PER_YEAR * units0, units.shape)
        zero = np.zeros((1, months))
        taxes = yearly_tax((1 - commission) * gross * price, tax) if tax > 0 else zero
        return Accrual(units, units, gross, commission * gross, taxes, zero, zero)

    q = per_year / MONTHS_PER_YEAR
    x = rate * (1 - commission) / per_year  # growth per period of the restaked holding
    growth_sum, growth_curve = _period_sums(x, q)  # G = sum of (1+x)^k over the q periods, H = (G - q)/x
    cumulative = np.cumprod(np.broadcast_to(np.exp(q * np.log1p(x)), (x.shape[0], months)), axis=1)
    # T[m] = f[m] T[m-1] - h[m] G[m] - s[m], h = units sold for one restake, s = units sold for the tax
    #   =>  T[m] = F[m] (T0 - sum_k (h[k] G[k] + s[k]) / F[k]).
    gas_units = restake_cost / price if restake_cost > 0 else np.zeros((1, 1))
    drain = gas_units * growth_sum / cumulative
    if tax > 0:
        units, tax_money = _taxed_units(units0, price, cumulative, drain, tax)
    else:
        units = cumulative * (units0 - np.cumsum(drain, axis=1)) if restake_cost > 0 else units0 * cumulative
        tax_money = np.zeros((1, months))
    if restake_cost > 0 or tax > 0:
        units = np.where(np.logical_or.accumulate(units <= 0, axis=1), 0.0, units)  # used up: it stays gone
    held = previous_month(units, units0)
    # Units at the start of each period in the month, summed: what the rewards accrue on.
    accruing = np.maximum(held * growth_sum - gas_units * growth_curve, 0.0)
    gross = rate / per_year * accruing
    net = (1 - commission) * gross
    restaked = units - held
    # Gas sells q restakes' worth a month; the month the gas uses the holding up it sells what is left.
    if restake_cost > 0:
        sold_for_tax = np.divide(
            tax_money, price, out=np.zeros(np.broadcast_shapes(tax_money.shape, price.shape)), where=tax_money > 0
        )
        sold_for_gas = np.where(held > 0, net - restaked - sold_for_tax, 0.0)
        cost = np.maximum(sold_for_gas, 0.0) * price
    else:
        cost = np.zeros((1, months))
    return Accrual(
        units=units,
        held=held,
        gross=gross,
        commission=commission * gross,
        tax=tax_money,
        cost=cost,
        restaked=restaked,
    )


def _taxed_units(units0: float, price: np.ndarray, cumulative: np.ndarray, drain: np.ndarray, tax: float):
    """Units held (paths, N) and the yearly tax in money (paths, N) of a restaked holding, year by year.

    Within a year the closed form runs from the year's first units; in the
    12th month the tax on the year's profit (the units restaked before the
    tax, at each month's price: rewards after commission less gas) is paid by
    selling units at that month's price, and the next year starts from what
    is left. Losses carry forward.
    """
    shape = np.broadcast_shapes(price.shape, cumulative.shape, drain.shape)
    paths, months = shape
    units = np.empty(shape)
    taxes = np.zeros(shape)
    start = np.full(paths, float(units0))  # units at the start of the year
    carried = np.zeros(paths)
    price, cumulative, drain = (np.broadcast_to(a, shape) for a in (price, cumulative, drain))
    for first in range(0, months, MONTHS_PER_YEAR):
        year = slice(first, first + MONTHS_PER_YEAR)
        growth = cumulative[:, year] / (cumulative[:, first - 1 : first] if first else 1.0)
        inside = growth * (
            start[:, None] - np.cumsum(drain[:, year] * (cumulative[:, first - 1 : first] if first else 1.0), axis=1)
        )
        inside = np.where(np.logical_or.accumulate(inside <= 0, axis=1), 0.0, inside)
        before = np.concatenate([start[:, None], inside[:, :-1]], axis=1)
        profit = ((inside - before) * price[:, year]).sum(axis=1)
        taxable = profit - carried
        carried = np.maximum(-taxable, 0.0)
        due = tax * np.maximum(taxable, 0.0)
        end_price = price[:, first + MONTHS_PER_YEAR - 1]
        sold = np.divide(
            due, end_price, out=np.zeros(paths), where=end_price > 0
        )  # a unit worth 0 earns nothing to tax
        inside[:, -1] = np.maximum(inside[:, -1] - sold, 0.0)
        taxes[:, first + MONTHS_PER_YEAR - 1] = due
        units[:, year] = inside
        start = inside[:, -1]
    return units, taxes


def _period_sums(x: np.ndarray, q: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """G = ((1+x)^q - 1)/x and H = (G - q)/x, for fractional q, accurate as x -> 0 (binomial series)."""
    small = np.abs(x) < 1e-6
    safe = np.where(small, 1.0, x)
    exact_g = np.expm1(q * np.log1p(safe)) / safe
    c2, c3, c4 = q * (q - 1) / 2, q * (q - 1) * (q - 2) / 6, q * (q - 1) * (q - 2) * (q - 3) / 24
    g = np.where(small, q + c2 * x + c3 * x * x, exact_g)
    h = np.where(small, c2 + c3 * x + c4 * x * x, (exact_g - q) / safe)
    return g, h


def token_prices(p: TokenHolding, draws: Draws) -> np.ndarray:
    """P[m], (paths, N): expected growth times the simulated lognormal multipliers (mean 1); read-only."""
    return np.broadcast_to(
        draws.price_path(p.fractions.volatility, growth=p.fractions.price_growth, start=p.price), draws.shape
    )


def survival(failure_probability: float, draws: Draws) -> np.ndarray:
    """True while the position exists: False from the month a simulated failure happens, (paths, N).

    failure_probability: the annual chance of a failure, as a fraction.
    """
    return np.broadcast_to(~draws.first_event(failure_probability), draws.shape)


# -- the methods -------------------------------------------------------------------------


def project_staking(p: StakingParams, draws: Draws) -> Projection:
    notes = []
    rate = p.annual_rate
    n = p.compound.per_year
    # Notes belong to the expected run; a Monte Carlo chunk would compute them (the restake
    # search runs 365 intervals) only to throw them away.
    if p.restake_cost > 0 and n > 0 and not draws.simulated:
        notes.append(best_restake_note(p))
    if p.network_inflation > 0 and not draws.simulated:
        reward = float(apy_from_apr(rate * (1 - p.cut), n))
        real = (1 + reward) / (1 + p.fractions.network_inflation) - 1
        notes.append(
            f"real reward rate: {100 * real:.2f} %/yr ({100 * reward:.2f} % after commission, against "
            f"{p.network_inflation:g} % network inflation: (1 + r)/(1 + i) - 1)"
        )
    projection = _project_holding(p, draws, p.compound, rate, p.cut, p.restake_cost)
    if p.unbonding_days > 0 and not draws.simulated:  # the expected path: a simulated one would be one draw
        notes.append(unbonding_note(p, projection))
    if not draws.simulated and p.restake_cost > 0 and n > 0 and p.tokens > 0:
        depleted = np.flatnonzero(projection.extras["tokens"].values[0] == 0)
        if depleted.size:
            notes.append(
                f"restake gas uses the holding up by month {depleted[0] + 1}: restake less often or not at all"
            )
    return _with_notes(projection, notes)


def project_lending(p: LendingParams, draws: Draws) -> Projection:
    return _project_holding(p, draws, p.compound, p.annual_rate, p.cut, 0.0)


def _project_holding(
    p: TokenHolding, draws: Draws, compound: Compound, rate: float, cut: float, restake_cost: float
) -> Projection:
    n = draws.months
    price = token_prices(p, draws)
    previous_price = previous_month(price, p.price)
    tax = p.fractions.tax
    a = accrue(p.tokens, price, rate, compound.per_year, cut, tax, restake_cost)

    alive = survival(p.fractions.failure_probability, draws)
    failed_now = ~alive & previous_month(alive, True)

    def kept(x):
        return np.where(alive, x, 0.0)

    tokens = kept(a.units)
    net_reward = a.gross - a.commission
    revaluation = np.where(
        alive, a.held * (price - previous_price), np.where(failed_now, -a.held * previous_price, 0.0)
    )
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours
    start_value = p.tokens * p.price
    contributed = np.zeros(n)
    contributed[0] = start_value
    return Projection.build(
        n,
        contributed=contributed,
        income=kept(a.gross * price),
        costs=kept(a.commission * price + a.cost),
        taxes=kept(a.tax),
        value=tokens * price,
        hours=hours,
        revaluation=revaluation,
        upfront=start_value,
        after_tax=tax > 0,
        **restaked_or_paid_out(compound, kept(a.restaked * price) if tax > 0 else None),
        extras={
            "tokens": Extra(tokens, "last", "tokens"),
            "reward_tokens": Extra(kept(net_reward), "sum", "tokens"),
            "rewards": Extra(kept(net_reward * price), "sum", "money"),
            "token_price": Extra(price, "last", "money"),
        },
        metrics={"tokens_held": Metric(tokens[:, -1], "tokens")},
    )


def restaked_or_paid_out(compound: Compound, restaked: np.ndarray | None = None) -> dict[str, Any]:
    """Restaking keeps every reward in the holding (payout 0); paying out reinvests nothing.

    Naming the column that is exactly zero keeps stray rounding out of it; the
    other follows from net income. With a yearly tax on a restaked holding,
    pass the money restaked: a tax larger than the holding is then paid from
    the owner's pocket, a negative payout.
    """
    if compound.per_year == 0:
        return {"reinvested": 0.0}
    return {"payout": 0.0} if restaked is None else {"reinvested": restaked}


def _with_notes(projection: Projection, notes: list[str]) -> Projection:
    return replace(projection, notes=(*projection.notes, *notes))


# -- what the notes report ---------------------------------------------------------------


def restake_end_values(p: StakingParams, intervals: np.ndarray) -> np.ndarray:
    """End value in money of restaking every `intervals` days (an array of whole days), on the expected price path.

    Over the horizon of D = 365 x years days, restaking every d days makes
    K = floor(D / d) restakes. Each adds the simple reward of its d days,
    x = apr (1 - commission) (1 - tax) d / 365 of the holding, and sells
    restake_cost / P(k d) tokens for its gas, P(t) = price (1 + growth)^(t/365):
    T[k] = a T[k-1] - c / (P0 b^k), a = 1 + x, b = (1 + growth)^(d/365), c = restake_cost.
    Solved in closed form, T[K] = a^K (T0 - (c / P0) sum_{k=1..K} (a b)^-k);
    the bracket only falls with k, so a holding the gas uses up (bracket <= 0)
    ends at 0. At the end the rewards of the last D - K d days, not yet
    restaked, are claimed: end value T[K] (1 + apr_net (D - K d) / 365) P(D).
    One evaluation per interval, so the whole horizon is searched at once.
    """
    d = np.asarray(intervals, dtype=float)
    horizon = float(DAYS_PER_YEAR * p.years)
    net_rate = p.annual_rate * (1 - p.cut) * (1 - p.fractions.tax)
    restakes = np.floor(horizon / d)
    log_a = np.log1p(net_rate * d / DAYS_PER_YEAR)
    log_b = np.log1p(p.fractions.price_growth) * d / DAYS_PER_YEAR
    log_r = -(log_a + log_b)  # sum_{k=1..K} r^k, r = 1/(a b): r (r^K - 1)/(r - 1), K when r is 1
    with np.errstate(over="ignore", invalid="ignore"):
        series = np.where(
            np.abs(log_r) < 1e-12,
            restakes,
            np.exp(log_r) * np.expm1(restakes * log_r) / np.expm1(np.where(log_r == 0, 1.0, log_r)),
        )
    bracket = p.tokens - p.restake_cost / p.price * series
    units = np.where(bracket > 0, np.exp(restakes * log_a) * np.maximum(bracket, 0.0), 0.0)
    pending = net_rate * (horizon - restakes * d) / DAYS_PER_YEAR
    end_price = p.price * (1 + p.fractions.price_growth) ** p.years
    return units * (1 + pending) * end_price


def paid_out_end_value(p: StakingParams) -> float:
    """Ending value plus rewards paid out (after commission and tax), when nothing is restaked."""
    price = p.price * growth_path(p.fractions.price_growth, p.months)
    monthly = p.tokens * p.annual_rate / MONTHS_PER_YEAR * (1 - p.cut) * (1 - p.fractions.tax)
    return float(p.tokens * price[-1] + (monthly * price).sum())


def best_restake_note(p: StakingParams) -> str:
    intervals = np.arange(1, DAYS_PER_YEAR * p.years + 1, dtype=float)  # every whole day up to the horizon
    values = restake_end_values(p, intervals) if p.annual_rate > 0 else np.zeros(intervals.size)
    best = int(np.argmax(values))
    paid_out = paid_out_end_value(p)
    if values[best] <= paid_out:
        return (
            f"best restake interval: never; restaking at {money_text(p.restake_cost)} a time does not pay "
            f"(paid out, the end value plus rewards is {money_text(paid_out)})"
        )
    days = int(intervals[best])
    return (
        f"best restake interval: every {days} day{'s' if days > 1 else ''}, end value {money_text(values[best])} "
        f"(paid out instead: {money_text(paid_out)})"
    )


def unbonding_note(p: StakingParams, projection: Projection) -> str:
    value = projection.value[0, -1]
    price_then = (1 + p.fractions.price_growth) ** (p.unbonding_days / DAYS_PER_YEAR)
    return (
        f"unbonding: {p.unbonding_days} days; unstaked at the end of month {projection.months}, the money is "
        f"available {p.unbonding_days} days later, about {money_text(value * price_then)} at the expected price "
        f"(no rewards meanwhile)"
    )


def money_text(value: float) -> str:
    return f"{value:,.2f}"
