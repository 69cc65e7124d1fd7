"""Dropshipping: a store that sells goods a supplier ships, with orders bought through ads.

The model, month m = 1..N, per path (every order is one item at `price`):

- Demand grows at `growth`: the month-1 levels of ad spend and organic
  orders are raised by (1 + growth) ** ((m - 1) / 12), so the store scales
  with ROAS and CPA unchanged.
- Orders from ads: ad spend x ROAS / price (ROAS, as the ad platforms report
  it, is ad-driven sales at full price over ad spend), or ad spend / CPA.
  Give exactly one of the two when there is ad spend. Organic orders come on
  top.
- Paid traffic saturates: ads reach the likeliest buyers first, so each
  extra unit of spend buys less. The stated ROAS (or CPA) is the one at
  small spend; at a monthly spend s the ROAS is roas(s) = roas / (1 + s / S)
  (the CPA cpa x (1 + s / S)), S = `ad_saturation`, default 10,000 a month
  (an assumption for a small store's audience on one ad platform: the ROAS
  has halved at that spend; 0 turns saturation off). Orders from ads are
  then s x roas / (price (1 + s / S)), never more than S x roas / price a
  month, so doubling the spend never doubles the orders, and profit from ads
  peaks where (1 + s / S)^2 = roas / break-even ROAS.
- Returns: `return_rate` % of orders are refunded in full (the price comes
  back out of revenue); the shipping paid on them is lost, the payment fee is
  not refunded, and the goods are written off (not resold: suppliers rarely
  take returns, and shipping an item back usually costs more than it is
  worth), so their cost of goods is lost too.
- Per order: cost of goods, shipping, and the payment fee (`payment_fee` % of
  the price plus `payment_fee_fixed`). Per month: the store subscription
  (`platform_fee`) and apps.
- Margin before ads, per order: price x (1 - return rate) - product cost -
  shipping - payment fees. Break-even ROAS = price / margin = 1 / (margin as
  a share of the price); break-even CPA = margin. With price 50 and 25 of
  costs per order (e.g. product cost 20 + shipping 5, no payment fee, no
  returns) the margin is 50 %, break-even ROAS 2.0 and break-even CPA 25.
  Below that ROAS (or above that CPA) each extra unit of ad spend loses
  money, and the result carries a note saying so.
- Tax at `tax` % of each projection year's profit, charged in its 12th
  month (`passivecalc.tax` policy: profit = income - costs; a year's loss
  carries forward; tax is never negative). The store books no money put in:
  its setup is hours, and every cost is already in the costs column.

Monte Carlo: the ROAS (orders per unit of ad spend, with --cpa) is drawn
around its value as a product of two mean-1 lognormal factors: one per path
for the whole run (`roas_spread`: the standard deviation of log ROAS, how
well the ads turn out to work for this store) and one per month
(`roas_volatility`: month-to-month swing). Both 0 (or a deterministic run)
give the stated ROAS in every month.

Columns: contributed 0 (the store is run from its monthly flows), income
(revenue: sales less refunds), costs (cost of goods, shipping, payment fees,
ad spend, subscription, apps), taxes, payout (all of the profit: a negative
payout is a loss the owner pays), returned 0, value 0 (the store is not
valued), hours (setup in month 1, per order, per month). Revaluation is 0.
Own columns: orders, returned_orders, cost_of_goods, shipping, ad_spend,
fees (payment fees + subscription + apps), contribution_margin (revenue less
every per-order cost and the ad spend), roas (achieved, when there are ads),
breakeven_roas and breakeven_cpa (when an order makes money before ads).
Under --simulate only breakeven_roas and breakeven_cpa: the simulation reads
none of the others, so they are not computed.

Where the rules come from:
- Payment fees: Shopify Payments' online card rate on the Basic plan and
  Stripe's standard US card rate, 2.9 % + 0.30 a charge (shopify.com/pricing,
  stripe.com/pricing); neither returns its fee on a refund.
- ROAS = conversion value / ad spend and CPA = ad spend / conversions, as
  Google Ads and Meta Ads define them in their help pages.
- Break-even ROAS = 1 / profit margin before ad spend (the definition
  Shopify's guides use): at that ROAS the margin on ad-driven sales pays
  exactly for the ads.
- Store subscription: Shopify Basic billed monthly (shopify.com/pricing).
"""

from __future__ import annotations

import numpy as np
from pydantic import model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.floors import EffortParams
from passivecalc.params import RISK_PANEL, field, percent
from passivecalc.projection import Extra, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR

# The default store buys its traffic: 500 a month of ads at a ROAS of 2.5, about the average that
# ad platforms and store owners report for e-commerce; this store breaks even at about 2.16, so the
# default shows the thin margin the method is known for. The stated ROAS is the one at small spend,
# so the default is 2.5 x (1 + 500 / 10,000) = 2.625: 2.5 at the default spend and saturation.
DEFAULT_AD_SPEND = 500.0
DEFAULT_AD_SATURATION = 10_000.0
DEFAULT_ROAS = 2.625


class DropshipParams(EffortParams):
    price: float = field(
        40,
        "Selling price of one order (dropshipped goods often sell at 2.5-3x what the supplier charges)",
        "money",
        ge=0.01,
        le=1e6,  # a cent: a price below it is a typo, and a subnormal one would overflow every ratio
    )
    product_cost: float = field(
        12,
        "Supplier's price for the goods of one order (12: a 40 item at about 3x cost)",
        "money",
        ge=0,
        le=1e6,
    )
    shipping: float = field(
        6,
        "Shipping you pay per order (small parcels from a supplier: about 3-8; lost when the order is returned)",
        "money",
        ge=0,
        le=1e6,
    )
    payment_fee: float = percent(
        2.9,
        "Payment fee, share of each order's price (Shopify Payments and Stripe in the US: 2.9 % + 0.30; "
        "not refunded on returns)",
        "%",
        le=50,
    )
    payment_fee_fixed: float = field(0.3, "Payment fee, fixed part per order", "money", ge=0, le=1e4)
    platform_fee: float = field(
        39,
        "Store subscription per month (Shopify Basic: 39 billed monthly)",
        "money/month",
        ge=0,
        le=1e7,
    )
    apps: float = field(
        20,
        "Apps and tools per month (reviews, upsells, email: often 10-50)",
        "money/month",
        ge=0,
        le=1e7,
    )
    return_rate: float = percent(
        5,
        "Orders refunded in full; their shipping and goods are lost (everyday goods: about 5 %; clothing far more)",
        "%",
    )
    ad_spend: float = field(
        DEFAULT_AD_SPEND,
        "Ad spend per month in month 1, grows with --growth (500: a small store's first paid traffic)",
        "money/month",
        ge=0,
        le=1e9,
    )
    roas: float | None = field(
        None,
        "Return on ad spend: ad-driven sales / ad spend, as the ad platform reports it (or give --cpa; "
        f"with neither, {DEFAULT_ROAS:g} at small spend: 2.5 at the default 500 a month, a common figure for store "
        "ads and just above this store's break-even)",
        "ratio",
        ge=0,
        le=1000,
    )
    cpa: float | None = field(None, "Ad cost per order (or give --roas)", "money", ge=0.01, le=1e6)
    ad_saturation: float = field(
        DEFAULT_AD_SATURATION,
        "Monthly ad spend at which the ROAS has halved (the CPA doubled): the stated ROAS or CPA holds at "
        "small spend and falls as roas / (1 + spend / this); 0: no saturation",
        "money/month",
        ge=0,
        le=1e12,
    )
    organic_orders: float = field(0, "Orders per month without ads, in month 1", "orders/month", ge=0, le=1e8)
    growth: float = percent(0, "Growth of orders and ad spend alike", "%/yr", ge=-90, le=1000)
    tax: float = percent(0, "Tax on each year's profit (income less costs); losses carry forward", "%")
    setup_hours: float = field(30, "Hours to set up the store and the first products", "hours", ge=0, le=1e5)
    hours_per_order: float = field(
        0.1,
        "Hours per order: customer service, tracking, returns (about 6 minutes)",
        "hours/order",
        ge=0,
        le=100,
    )
    hours_per_month: float = field(
        10, "Hours a month on ads, products and the store, besides orders", "hours/month", ge=0, le=744
    )
    roas_spread: float = percent(
        30,
        "How well the ads turn out for this store: standard deviation of log ROAS per path",
        "%",
        le=200,
        panel=RISK_PANEL,
    )
    roas_volatility: float = percent(
        20, "Month-to-month swing of ROAS: standard deviation of log ROAS per month", "%", le=200, panel=RISK_PANEL
    )

    @model_validator(mode="before")
    @classmethod
    def _default_roas(cls, data):
        """Neither --roas nor --cpa: a ROAS of DEFAULT_ROAS (so that params and JSON show what was used)."""
        if isinstance(data, dict) and data.get("roas") is None and data.get("cpa") is None:
            return {**data, "roas": DEFAULT_ROAS}
        return data

    @model_validator(mode="after")
    def _one_way_to_buy_orders(self) -> DropshipParams:
        if self.roas is not None and self.cpa is not None:
            raise InputError("cpa", "give --roas or --cpa, not both")
        if self.ad_spend > 0 and self.roas == 0:
            raise InputError(
                "roas", "0 with ad spend set brings no sales; give a ROAS above 0 (ad-driven sales / ad spend)"
            )
        return self

    @property
    def fee_per_order(self) -> float:
        """The payment processor's fee on one order: a share of the price plus a fixed part."""
        return self.price * self.fractions.payment_fee + self.payment_fee_fixed

    @property
    def margin_per_order(self) -> float:
        """Money an order leaves before ads: expected revenue after refunds less every per-order cost."""
        return self.price * (1 - self.fractions.return_rate) - self.product_cost - self.shipping - self.fee_per_order

    @property
    def orders_per_ad_money(self) -> float:
        """Orders that one unit of ad spend buys, at the stated ROAS or CPA (0 without ads)."""
        if self.roas is not None:
            return self.roas / self.price
        if self.cpa is not None:
            return 1 / self.cpa
        return 0.0


def project(p: DropshipParams, draws: Draws) -> Projection:
    f = p.fractions
    n = draws.months
    demand = (1 + f.growth) ** (np.arange(n) / MONTHS_PER_YEAR)
    ad_spend = p.ad_spend * demand
    # Orders a month: the expected orders from ads (saturated) times the ROAS draws, plus organic orders.
    ad_expected = ad_spend * p.orders_per_ad_money * saturation(ad_spend, p.ad_saturation)
    response = _ad_response(p, draws)
    ad_orders = response * ad_expected
    if p.organic_orders > 0:
        orders = ad_orders + p.organic_orders * demand
    else:
        orders = ad_orders  # no copy: the same orders
    fixed = p.platform_fee + p.apps
    # Per order: the price after refunds comes in; goods, shipping and payment fees go out.
    revenue = orders * (p.price * (1 - f.return_rate))
    costs = orders * (p.product_cost + p.shipping + p.fee_per_order) + (ad_spend + fixed)
    taxes = yearly_tax(np.atleast_2d(revenue - costs), f.tax) if f.tax > 0 else 0.0
    hours = orders * p.hours_per_order + p.hours_per_month
    hours[..., 0] += p.setup_hours

    extras: dict[str, Extra] = {}
    if not draws.simulated:  # a simulation reads none of the store's own columns: they are not computed
        returned_orders = orders * f.return_rate
        extras = {
            "orders": Extra(orders, "sum", "count"),
            "returned_orders": Extra(returned_orders, "sum", "count"),
            "cost_of_goods": Extra(orders * p.product_cost, "sum", "money"),
            "shipping": Extra(orders * p.shipping, "sum", "money"),
            "ad_spend": Extra(np.broadcast_to(ad_spend, orders.shape), "sum", "money"),
            "fees": Extra(orders * p.fee_per_order + fixed, "sum", "money"),
            "contribution_margin": Extra(revenue - costs + fixed, "sum", "money"),
        }
        if p.ad_spend > 0:
            # An ad spend that shrinks to nothing (a tiny one under steep decline) has no ROAS: 0, not 0/0.
            spend = np.broadcast_to(ad_spend, ad_orders.shape)
            achieved = np.divide(ad_orders * p.price, spend, out=np.zeros(ad_orders.shape), where=spend > 0)
            extras["roas"] = Extra(achieved, "mean", "ratio")
    margin = p.margin_per_order
    if margin > 0:
        extras["breakeven_roas"] = Extra(np.full(n, p.price / margin), "last", "ratio")
        extras["breakeven_cpa"] = Extra(np.full(n, margin), "last", "money")

    return Projection.build(
        n,
        income=revenue,
        costs=costs,
        taxes=taxes,
        reinvested=0.0,  # all profit is paid out; payout follows as net income, exactly
        hours=hours,
        after_tax=p.tax > 0,
        extras=extras,
        notes=_ad_notes(p),
    )


def saturation(spend, level: float):
    """The share of the small-spend ROAS left at a monthly ad spend: 1 / (1 + spend / level); 1 when level is 0."""
    if level > 0:
        return 1 / (1 + np.asarray(spend, dtype=float) / level)
    return np.ones_like(np.asarray(spend, dtype=float))


def _ad_response(p: DropshipParams, draws: Draws) -> np.ndarray:
    """Multiplier on the orders each unit of ad spend buys: mean 1, ones when deterministic."""
    f = p.fractions
    per_path = draws.lognormal_per_path(f.roas_spread)
    # lognormal_monthly takes an annual volatility and divides it by sqrt(12); roas_volatility is per month.
    per_month = draws.lognormal_monthly(f.roas_volatility * np.sqrt(MONTHS_PER_YEAR))
    if per_month.shape == draws.shape:
        per_month *= per_path  # a fresh array of our own: no temporary of its size
        return per_month
    return per_path * per_month


def _ad_notes(p: DropshipParams) -> tuple[str, ...]:
    """A clear flag when the ads, at their stated ROAS or CPA, lose money (or when nothing sells)."""
    if p.ad_spend == 0 and p.organic_orders == 0:
        return (
            "no orders: give --ad-spend with --roas or --cpa, or --organic-orders; only the store's fixed costs remain",
        )
    margin = p.margin_per_order
    if margin <= 0:
        notes = [
            f"every order loses {-margin:,.2f} before ads (price after refunds is below its costs): no ROAS breaks even"
        ]
        if p.ad_spend > 0:
            notes.append("the ads lose money: each order they buy adds to the loss")
        return tuple(notes)
    if p.ad_spend == 0:
        return ()
    if p.roas is not None and p.roas < p.price / margin:
        back = p.roas * margin / p.price
        return (
            f"the ads lose money: a ROAS of {p.roas:g} is below the break-even ROAS of {p.price / margin:.2f} "
            f"(each 1.00 of ad spend brings back {back:.2f} of margin)",
        )
    if p.cpa is not None and p.cpa > margin:
        return (
            f"the ads lose money: a CPA of {p.cpa:,.2f} is above the break-even CPA of {margin:,.2f} "
            f"(each order from ads loses {p.cpa - margin:,.2f})",
        )
    # Profitable at small spend, but saturated at the month-1 spend: say so with the figures at that spend.
    share = float(saturation(p.ad_spend, p.ad_saturation))
    spend = f"at {p.ad_spend:,.2f} a month of ads"
    if p.roas is not None and p.roas * share < p.price / margin:
        return (
            f"the ads lose money {spend}: the ROAS of {p.roas:g} at small spend falls to {p.roas * share:.2f}, "
            f"below the break-even ROAS of {p.price / margin:.2f} (see --ad-saturation)",
        )
    if p.cpa is not None and p.cpa / share > margin:
        return (
            f"the ads lose money {spend}: the CPA of {p.cpa:,.2f} at small spend rises to {p.cpa / share:,.2f}, "
            f"above the break-even CPA of {margin:,.2f} (see --ad-saturation)",
        )
    return ()
