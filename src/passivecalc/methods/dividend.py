"""Dividend stocks and ETFs, with or without DRIP.

The model, month m = 1..N, per path:

- Price per share P[m] = share_price * (1 + price_growth) ** (m/12), times the
  simulated price multipliers under Monte Carlo (mean 1, so the deterministic
  path is the expected one; `Draws.price_path`).
- Annual dividend per share D[m] = yield * share_price * (1 + dividend_growth) ** (m/12):
  the yield is the starting annual dividend over the starting price, and the
  dividend grows on its own schedule, independently of the price. So the
  yield on the current price drifts when the two growth rates differ.
- In a payment month (the last month of each period of the frequency) the
  holding receives S[m-1] * D[m] / k, k payments a year: 4 % paid quarterly
  with no growth is 1 % of the holding's value in months 3, 6, 9, 12.
- Tax is withheld from each dividend (withholding at source, as brokers and
  funds withhold it on each payment). With DRIP, `reinvest` % of the dividend
  after tax buys shares, fractional ones included, at that month's price; the
  rest is paid out. This is the usual dividend reinvestment plan convention
  (the SEC's investor.gov description of DRIPs: cash dividends buy more
  shares, often fractional, on the payment date).
- The expense ratio accrues monthly, expense_ratio / 12 of the holding's
  value, and is paid by selling shares (a fund takes it out of its assets,
  as the SEC's bulletin on mutual fund fees and expenses describes). A fund's
  quoted yield (its distribution or SEC yield) is usually already after its
  expense ratio: give both only for a yield quoted before fees, or the fee
  counts twice.
- Initial capital buys shares at the start of month 1; each month's
  contribution buys at the end of the month, at that month's price. The
  contribution is raised once a year by `contribution_growth`.

Columns: contributed (capital, contributions), income (dividends), costs
(expense ratio), taxes (withholding), reinvested (DRIP purchases less the
shares sold for fees: negative without DRIP when the fund charges fees),
payout (dividends paid out in cash), returned (0: nothing is sold), value
(shares x price), hours (setup, then upkeep). Revaluation is
S[m-1] * (P[m] - P[m-1]).
Own columns: shares, dividend_per_share (annual, at that month), yield_on_cost_pct
(the annual dividend of the holding at that month over money put in so far).

Share counts follow the recurrence S[m] = a[m] S[m-1] + b[m], solved in closed
form with a cumulative product (no loop over months).
"""

from __future__ import annotations

import numpy as np
from pydantic import field_validator, model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.amounts import SMALLEST_SHARE_PRICE, money_or_nothing
from passivecalc.params import RISK_PANEL, Params, field, percent
from passivecalc.projection import Extra, Metric, Projection
from passivecalc.timeline import Frequency, annual_steps, growth_path, payment_months, previous_month


class DividendParams(Params):
    capital: float = field(10_000, "Money invested at the start", "money", ge=0, le=1e12)
    contribution: float = field(0, "Money added at the end of each month", "money/month", ge=0, le=1e10)
    contribution_growth: float = percent(0, "Raise of the monthly contribution, once a year", "%/yr", le=50)
    yield_: float = percent(4, "Starting dividend yield: annual dividend per share / price", "%", alias="yield", le=100)
    dividend_growth: float = percent(0, "Growth of the dividend per share", "%/yr", ge=-50, le=50)
    price_growth: float = percent(0, "Growth of the share price", "%/yr", ge=-50, le=100)
    share_price: float = field(100, "Starting price of one share", "money", ge=SMALLEST_SHARE_PRICE, le=1e9)
    frequency: Frequency = field(Frequency.quarterly, "How often dividends are paid")
    drip: bool = field(False, "Reinvest dividends (DRIP)")
    reinvest: float = percent(100, "Share of each dividend reinvested when DRIP is on", "%")
    tax: float = percent(0, "Tax withheld on dividends", "%")
    expense_ratio: float = percent(
        0,
        "Fund's expense ratio, charged monthly on the value. A fund's quoted yield is usually already after its "
        "expense ratio, so giving both counts the fee twice",
        "%/yr",
        le=10,
    )
    setup_hours: float = field(2, "Hours to choose the fund and open an account", "hours", ge=0, le=1e5)
    hours_per_month: float = field(0.5, "Hours a month to follow and rebalance", "hours/month", ge=0, le=744)
    # Uncertain inputs: they act only under --simulate; the deterministic run is the expected path.
    # 15 %/yr is about the long-run volatility of a broad stock index; a single stock runs 25-40 %.
    volatility: float = percent(
        15,
        "Volatility of the share price, with --simulate (lognormal monthly returns)",
        "%/yr",
        panel=RISK_PANEL,
        le=200,
    )
    # Index dividends fell about a fifth in 2008-09; single companies cut more often and deeper.
    cut_probability: float = percent(5, "Chance of a dividend cut in a year, with --simulate", "%/yr", panel=RISK_PANEL)
    cut_size: float = percent(
        25, "How much a cut lowers the dividend per share, for good, with --simulate", "%", panel=RISK_PANEL
    )

    no_dust = field_validator("capital", "contribution")(money_or_nothing)

    @model_validator(mode="after")
    def _reinvest_needs_drip(self) -> DividendParams:
        if not self.drip and self.reinvest != 100:
            raise InputError("reinvest", f"{self.reinvest:g} is set but DRIP is off; add --drip to reinvest dividends")
        return self

    @model_validator(mode="after")
    def _dividend_stays_below_the_price(self) -> DividendParams:
        # Dividend and price grow on their own schedules, so the yield on the current price drifts by
        # ((1 + dividend_growth) / (1 + price_growth)) ** years. Past 100 % a year (a dividend bigger
        # than the share) the model means nothing, and DRIP share counts overflow to infinity.
        drift = ((1 + self.fractions.dividend_growth) / (1 + self.fractions.price_growth)) ** self.years
        final_yield = self.yield_ * drift
        if final_yield > 100:
            raise InputError(
                "dividend_growth",
                f"{self.dividend_growth:g} %/yr against price growth of {self.price_growth:g} %/yr lifts the yield "
                f"on the share price from {self.yield_:g} % to {final_yield:,.0f} % by year {self.years} "
                "(allowed: at most 100 %); bring the two growth rates closer or shorten --years",
            )
        return self


def project(p: DividendParams, draws: Draws) -> Projection:
    n = draws.months
    tax = p.fractions.tax
    drip = p.fractions.reinvest if p.drip else 0.0
    fee_rate = p.fractions.expense_ratio / 12
    start_shares = p.capital / p.share_price

    price = draws.price_path(p.fractions.volatility, growth=p.fractions.price_growth, start=p.share_price)
    dividend_per_share = p.fractions.yield_ * p.share_price * growth_path(p.fractions.dividend_growth, n)
    dividend_per_share = dividend_per_share * _dividend_cuts(p, draws)
    # Cash one share pays this month: 1/k of the annual dividend per share, in payment months only.
    cash_per_share = dividend_per_share * (payment_months(p.frequency, n) / p.frequency.per_year)
    contributions = p.contribution * annual_steps(p.fractions.contribution_growth, n)

    # S[m] = a[m] S[m-1] + b[m]: dividends reinvested, then fees sold, then the contribution bought;
    # S[m] = A[m] (S[0] + sum_j b[j] / A[j]) with A the running product of a. Without DRIP
    # or fees a = 1, and the holding is simply what capital and contributions bought.
    drip_growth = 1 + drip * (1 - tax) * cash_per_share / price if drip else 1.0
    if drip or fee_rate:
        factor = drip_growth * (1 - fee_rate)
        cumulative = np.cumprod(factor if np.ndim(factor) == 2 else np.full((1, n), factor), axis=1)
    else:
        cumulative = np.ones((1, n))
    shares = start_shares * cumulative
    if p.contribution > 0:
        shares = shares + cumulative * np.cumsum(contributions / price / cumulative, axis=1)
    zakat = None
    if p.zakat and drip:
        shares, zakat = _sell_for_zakat(p, np.broadcast_to(shares, price.shape).copy(), cumulative, price)
    held = previous_month(shares, start_shares)  # shares held during the month, which earn its dividend

    dividends = held * cash_per_share
    taxes = dividends * tax if tax else 0.0
    fees = held * drip_growth * price * fee_rate if fee_rate else 0.0
    extras: dict[str, Extra] = {}
    metrics: dict[str, Metric] = {}
    if zakat is not None:
        fees = fees + zakat
        extras["zakat"] = Extra(zakat, "sum", "money")
        metrics["total_zakat"] = Metric(zakat.sum(axis=1), "money")
    contributed = contributions.copy()
    contributed[0] += p.capital
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours

    return Projection.build(
        n,
        contributed=contributed,
        income=dividends,
        costs=fees,
        taxes=taxes,
        payout=(1 - drip) * (dividends - taxes) if (drip or tax) else dividends,
        value=shares * price,
        hours=hours,
        revaluation=held * (price - previous_month(price, p.share_price)),
        upfront=p.capital,
        after_tax=tax > 0,
        # A Monte Carlo chunk reads the standard columns only: the holding's own would be computed for nothing.
        extras=extras
        if draws.lean
        else {
            "shares": Extra(shares, "last", "count"),
            "dividend_per_share": Extra(dividend_per_share, "last", "money"),
            "yield_on_cost_pct": Extra(
                _yield_on_cost(shares, contributed, dividend_per_share),
                "last",
                "percent",
            ),
            **extras,
        },
        metrics=metrics,
    )


def _sell_for_zakat(
    p: DividendParams, shares: np.ndarray, cumulative: np.ndarray, price: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Shares after zakat paid by selling units (under DRIP, as the expense ratio is), and the zakat a month.

    On each zakat anniversary (see passivecalc.zakat) the holding's value at
    the month's end, times the zakatable share, is tested against the nisab;
    where it is reached, rate x share of the units are sold. The recurrence
    S[m] = a[m] S[m-1] + b[m] is linear, so selling a fraction f of S[k]
    lowers every later S[j] by f S[k] A[j] / A[k] (A the running product of
    a): one pass per anniversary, in order, since a sale can take a later
    anniversary below the nisab. shares: (paths, N), changed in place.
    """
    from passivecalc.methods import zakat_share
    from passivecalc.zakat import RATE, anniversary_months, default_nisab

    year = p.zakat_year.kind
    share = zakat_share("dividend", p)
    nisab = default_nisab().amount if p.nisab is None else p.nisab
    sold = RATE[year] * share
    cumulative = np.broadcast_to(cumulative, shares.shape)
    zakat = np.zeros(shares.shape)
    for month in anniversary_months(shares.shape[1], year):
        value = shares[:, month] * price[:, month]
        fraction = np.where(share * value >= nisab, sold, 0.0)
        zakat[:, month] = fraction * value
        shares[:, month:] -= (
            (fraction * shares[:, month])[:, None] * cumulative[:, month:] / cumulative[:, month : month + 1]
        )
    return shares, zakat


def _yield_on_cost(shares: np.ndarray, contributed: np.ndarray, dividend_per_share: np.ndarray) -> np.ndarray:
    """The holding's annual dividend over the money put in so far, in percent (0 before any money)."""
    money_in = np.cumsum(contributed)
    # Shares per unit of money put in first: both scale with the capital, so the ratio stays finite.
    return np.divide(100 * shares, money_in, out=np.zeros(shares.shape), where=money_in > 0) * dividend_per_share


def _dividend_cuts(p: DividendParams, draws: Draws) -> np.ndarray:
    """Dividend multipliers from simulated cuts (ones when deterministic).

    A cut happens in a month with the monthly hazard of `cut_probability` and
    lowers the dividend per share by `cut_size` from that month on; growth
    continues from the lower level.
    """
    return draws.cuts(p.fractions.cut_probability, p.fractions.cut_size)
