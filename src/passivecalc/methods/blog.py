"""Blogs and content sites: articles that take hours now and earn from ads and affiliate links for years.

The model, month m = 1..N, per path:

- Publishing: `articles_per_month` go live in each of the first
  `publish_months` months (fractions are averages: 2.5 a month is 5 every two
  months). Articles live at month m: articles_per_month * min(m, publish_months).
- Traffic of one article of age a months (a = m - month published): nothing
  in the month it is published, then views_per_article * min(a / R, 1) with
  R = max(ramp_months, 1) (search engines take months to rank a new page),
  and once mature it fades by `decay` %/yr: * (1 - decay) ** ((a - R) / 12).
  All traffic grows by `traffic_growth` %/yr, (1 + g) ** (m / 12). Views in
  month m are the sum over the articles live, in closed form: with C[k] the
  running sum of that age profile, views = V * articles_per_month *
  (C[m-1] - C[m-1-min(m, P)]) * growth (no loop over months or articles).
- Revenue: ads pay `rpm` per 1,000 views; affiliate links pay
  views * ctr * conversion * order_value * commission; own products add
  `product_revenue` a month. Under --simulate, views and product sales are
  multiplied by the demand multipliers of `methods.demand` (a per-path level,
  a monthly random walk, and search-engine updates that cut traffic for good).

Columns: contributed = money you put in: `setup_cost` at the start of month 1
and `cost_per_article` for each outsourced article (end of the month it goes
live); income = ad + affiliate + product revenue; costs = `hosting` every
month and `domain` in the first month of each year; taxes = `tax` % of each
projection year's profit, charged in its 12th month (`passivecalc.tax`
policy: profit = income - costs - the year's contributed money, since setup
and outsourced articles are business spending and deductible; a year's loss
carries forward; tax is never negative); payout = net
income (nothing is reinvested); returned = 0; hours = `setup_hours` in month
1, `hours_per_article` for each article written, `hours_per_month` upkeep.

value is 0 by default: a blog is what it earns, and a sale price is a guess.
With `sale_multiple` > 0 the site is valued at what a sale through a broker
would leave you: that many times its average monthly profit (income -
costs) over the last 12 months (fewer in the first year), never below 0,
less the broker's fee `sale_fee` (content-site brokers charge about 15 % of
the sale price, less on large sales). The value is before any tax on the sale. The money put in is spent,
not held, so revaluation = value[m] - value[m-1] - contributed[m].

Own columns: articles_live, views, ad_revenue, affiliate_revenue, product_revenue
(under --simulate only articles_live: the simulation reads no other, so
they are not computed).

Where the rules come from:
- RPM is revenue per 1,000 views, as ad networks report it (Google AdSense
  Help, "Page RPM": estimated earnings / page views x 1,000).
- Affiliate income is clicks x conversion x order value x commission, the
  way affiliate programmes pay (Amazon Associates' standard commission
  income statement: a percentage of qualifying purchases, by category).
- Sale value: content-site brokers (Empire Flippers, Motion Invest) list a
  site at a multiple of its average monthly net profit over the last 12
  months, commonly 30-45x.
- Hours per article: Orbit Media's annual blogger survey (about 4 hours a post).
"""

from __future__ import annotations

import numpy as np

from passivecalc.draws import Draws
from passivecalc.methods.demand import demand_of
from passivecalc.methods.floors import EffortParams
from passivecalc.params import RISK_PANEL, field, percent
from passivecalc.projection import Extra, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR, growth_path, month_numbers, previous_month


class BlogParams(EffortParams):
    articles_per_month: float = field(
        4,
        "Articles published a month (Orbit Media's blogger survey: most bloggers post weekly or less)",
        "articles/month",
        ge=0,
        le=1000,
    )
    publish_months: int = field(24, "Months you keep publishing; the site earns on afterwards", "months", ge=0, le=1200)
    hours_per_article: float = field(
        4,
        "Your hours per article: writing, images, publishing (Orbit Media 2023: about 4 h per post); "
        "when outsourced, your editing time",
        "hours",
        ge=0,
        le=1000,
    )
    cost_per_article: float = field(
        0, "Money per outsourced article (writers charge about 50-200 for 1,500 words)", "money", ge=0, le=1e6
    )
    hours_per_month: float = field(
        4, "Upkeep hours a month: updates, comments, refreshing old posts", "hours/month", ge=0, le=744
    )
    setup_hours: float = field(20, "Hours in month 1 to pick a niche, set up the site and theme", "hours", ge=0, le=1e5)
    views_per_article: float = field(
        200,
        "Monthly views of a ranking article once mature (most pages get far fewer: treat it as the average "
        "over your articles)",
        "views/month",
        ge=0,
        le=1e8,
    )
    ramp_months: int = field(
        12, "Months a new article takes to reach full traffic (search ranking takes months)", "months", ge=0, le=120
    )
    traffic_growth: float = percent(
        0, "Growth of all traffic (the site's authority, the niche's search volume)", "%/yr", ge=-50, le=100
    )
    decay: float = percent(10, "Yearly loss of a mature article's traffic (content decay, newer competitors)", "%/yr")
    rpm: float = field(
        8,
        "Display ad revenue per 1,000 views (AdSense-level networks about 2-10; premium networks 15-40 "
        "from about 50,000 sessions a month)",
        "per 1,000 views",
        ge=0,
        le=1000,
    )
    ctr: float = percent(2, "Share of views that click an affiliate link", "%")
    conversion: float = percent(5, "Share of affiliate clicks that buy", "%")
    order_value: float = field(50, "Average order value of an affiliate sale", "money", ge=0, le=1e6)
    commission: float = percent(4, "Affiliate commission on the order (Amazon Associates 1-10 % by category)", "%")
    product_revenue: float = field(
        0, "Revenue a month from your own digital products sold on the blog", "money/month", ge=0, le=1e9
    )
    hosting: float = field(20, "Hosting a month (shared about 5, managed WordPress 15-30)", "money/month", ge=0, le=1e6)
    domain: float = field(15, "Domain a year, paid in the first month of each year", "money/yr", ge=0, le=1e6)
    setup_cost: float = field(200, "Money at the start: theme, plugins, logo", "money", ge=0, le=1e9)
    tax: float = percent(
        0, "Tax on each year's profit: income less costs, setup and outsourced articles; losses carry forward", "%"
    )
    sale_multiple: float = field(
        0,
        "Value the site at this many times its average monthly profit over the last year (brokers price "
        "content sites at about 30-45); 0: no value, income only",
        "months",
        ge=0,
        le=120,
    )
    sale_fee: float = percent(
        15, "Broker's fee on selling the site, share of the sale price (content-site brokers: about 15 %)", "%"
    )
    spread: float = percent(
        60,
        "How far the site's traffic may land from the estimate: sigma of a lognormal level per path",
        "%",
        panel=RISK_PANEL,
        le=300,
    )
    volatility: float = percent(
        20, "Month-to-month drift of traffic: lognormal, annualised", "%/yr", panel=RISK_PANEL, le=300
    )
    shock_probability: float = percent(
        15,
        "Chance a year that a search-engine core update hits the site (there are several a year; most "
        "leave a given site alone)",
        "%/yr",
        panel=RISK_PANEL,
    )
    shock_cut: float = percent(30, "Share of traffic such an update takes away for good", "%", panel=RISK_PANEL)


def project(p: BlogParams, draws: Draws) -> Projection:
    f = p.fractions
    n = draws.months
    month = month_numbers(n)
    publishing = month <= p.publish_months
    published = np.where(publishing, p.articles_per_month, 0.0)
    articles_live = np.cumsum(published)

    ramp = max(p.ramp_months, 1)
    age = np.arange(n, dtype=float)
    profile = np.minimum(age / ramp, 1.0) * np.power(1 - f.decay, np.maximum(age - ramp, 0) / MONTHS_PER_YEAR)
    # running[k] = sum of profile[0..k-1], so running[m] - running[m - k] adds up the last k ages before m.
    running = np.concatenate([[0.0], np.cumsum(profile)])
    index = np.arange(1, n + 1)
    oldest = index - np.minimum(index, min(p.publish_months, n))
    article_months = running[index] - running[oldest]
    expected_views = p.views_per_article * p.articles_per_month * article_months * growth_path(f.traffic_growth, n)

    demand = demand_of(p, draws)
    ad_rate = p.rpm / 1000
    affiliate_rate = f.ctr * f.conversion * p.order_value * f.commission
    # Income is linear in demand: the month's expected income times the multiplier, one pass over the paths.
    income = (expected_views * (ad_rate + affiliate_rate) + p.product_revenue) * demand

    first_of_year = (index - 1) % MONTHS_PER_YEAR == 0
    costs = p.hosting + np.where(first_of_year, p.domain, 0.0)
    profit = income - costs if f.tax > 0 or p.sale_multiple > 0 else None

    contributed = published * p.cost_per_article
    contributed[0] += p.setup_cost
    # Setup and outsourced articles are business spending: deductible from the year's profit.
    taxes = yearly_tax(np.atleast_2d(profit - contributed), f.tax) if profit is not None and f.tax > 0 else 0.0
    hours = published * p.hours_per_article + p.hours_per_month
    hours[0] += p.setup_hours

    value: np.ndarray | float
    if profit is not None and p.sale_multiple > 0:
        value = _sale_value(profit, p.sale_multiple * (1 - f.sale_fee))
        revaluation = value - previous_month(value, 0.0) - contributed
    else:
        value, revaluation = 0.0, -contributed  # nothing saleable: money put in is spent

    return Projection.build(
        n,
        contributed=contributed,
        income=income,
        costs=costs,
        taxes=taxes,
        reinvested=0.0,
        value=value,
        hours=hours,
        revaluation=revaluation,
        upfront=p.setup_cost,
        after_tax=p.tax > 0,
        extras=_extras(articles_live, expected_views, demand, ad_rate, affiliate_rate, p.product_revenue, draws),
    )


def _extras(
    articles_live, expected_views, demand, ad_rate, affiliate_rate, product_revenue, draws: Draws
) -> dict[str, Extra]:
    """The blog's own columns. A simulation reads none of the ones that vary by path: it gets the rest only."""
    extras = {"articles_live": Extra(articles_live, "last", "count")}
    if draws.simulated:
        return extras
    views = expected_views * demand
    extras.update(
        views=Extra(views, "sum", "count"),
        ad_revenue=Extra(views * ad_rate, "sum", "money"),
        affiliate_revenue=Extra(views * affiliate_rate, "sum", "money"),
        product_revenue=Extra(product_revenue * demand, "sum", "money"),
    )
    return extras


def _sale_value(profit: np.ndarray, multiple: float) -> np.ndarray:
    """multiple x the average monthly profit over the last 12 months (fewer in the first year), at least 0."""
    profit = np.atleast_2d(profit)
    n = profit.shape[1]
    running = np.concatenate([np.zeros((profit.shape[0], 1)), np.cumsum(profit, axis=1)], axis=1)
    index = np.arange(1, n + 1)
    window = np.minimum(index, MONTHS_PER_YEAR)
    average = (running[:, index] - running[:, index - window]) / window
    return multiple * np.maximum(average, 0.0)
