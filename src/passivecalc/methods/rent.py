"""Digital real estate: leasing domain names, and rank-and-rent sites.

Two methods share the occupancy model: `domains` (domain leasing, optionally
lease-to-own) and `rank-rent` (sites built to rank for a local search, then
let to a business that takes the leads). Each has its own command, so that
goal seeking scales one lever: the number of domains, the number of sites.

Occupancy is the share of units (domains held, ranked sites) that have a
paying tenant in a month, on average. A deterministic run lets exactly that
share. Monte Carlo draws it per unit: each path gets its own occupancy,
Beta-distributed around the stated one with a standard deviation of
`occupancy_spread` % of it (capped where a Beta cannot be that wide), and in
each month each of the units is let with that path's probability (a binomial
count of the starting units). `occupancy_spread` 0 switches the draws off.

Tax at `tax` % of each projection year's profit, charged in its 12th month
(`passivecalc.tax` policy: a year's loss carries forward; tax is never
negative). Domains: profit = income - costs; the purchase buys an asset and
is not deductible, but a domain's book value is a cost (cost of the domain
sold) in the month it is sold on lease-to-own; a write-off below cost
(`holding_value` under 100) is a valuation, not a deductible loss.
Rank-and-rent: profit = income - costs - the build cost, since building a
site (content, design) is business spending and deductible.

Domains, month m = 1..N:
- The domains are bought at the start of month 1 (contributed, upfront) and
  held on the book at `holding_value` % of their acquisition cost: by
  default at cost (what was paid, not a guess at a resale price); 0 values
  them at nothing, so the break-even month waits until the leases have paid
  the purchase back. The part not held on the book is written off in month 1
  (revaluation).
- Let domains pay `lease` a month each; the marketplace keeps
  `marketplace_fee` % of it. Renewal, per domain held, falls in months 13, 25,
  ... (the purchase covers the first year).
- Lease-to-own (`lease_to_own_months` L > 0): a let domain is sold to its
  tenant once its lease is paid off. Leases are taken as spread over their
  term, so each month 1/L of the let domains make their last payment and
  leave the book; held domains follow H[m] = H[m-1] (1 - occupancy / L), and
  a domain is let for L months on average before it is sold. The lease
  payments are the price; at the sale the domain's book value is a cost
  (cost of the domain sold) and comes back as returned capital, so the cash
  received is exactly the lease payments and nothing counts twice.
- Columns: contributed (purchase), income (lease payments), costs
  (marketplace fees, renewals, book value of domains sold), taxes, payout
  (all of the profit), returned (book value of domains sold), value
  (domains held x book value), hours (setup, then per month). Revaluation
  is the write-off in month 1 (0 at the default holding value).

Rank-and-rent sites, month m = 1..N:
- All sites are built at the start of month 1: the build cost is contributed
  and spent, and a site is not valued (value 0; the build cost is written off
  at once, as revaluation -build cost in month 1). The build hours fall in
  month 1.
- No tenant before month `months_to_rank` + 1; from then on, an occupancy
  share of the sites pays `rent`. Hosting and upkeep hours run per site from
  month 1.
- Columns: contributed (build cost), income (rent), costs (hosting), taxes,
  payout (all of the profit), returned 0, value 0, hours (build, then upkeep).
  Own columns: sites, sites_ranked, sites_let (sites_let not under
  --simulate: the simulation reads it nowhere, so it is not computed).

Where the rules come from:
- Domain leasing and lease-to-own: domain marketplaces (Afternic, Dan.com,
  Sedo) let a buyer pay a domain in monthly instalments and transfer it
  after the last one, keeping a commission of about 10-20 % of each
  payment; .com renewal at registrars is about 10-20 a year.
- Rank and rent: the local-SEO practice of building a site that ranks for a
  local service search and renting it (or its leads) to a business in that
  trade for a flat monthly fee; the site stays the builder's.
"""

from __future__ import annotations

import numpy as np

from passivecalc.draws import Draws
from passivecalc.methods.floors import EffortParams
from passivecalc.params import RISK_PANEL, field, percent
from passivecalc.projection import Extra, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR, previous_month

SPREAD_HELP = "How far a path's occupancy strays: standard deviation, as % of --occupancy (0: no draws)"


class DomainParams(EffortParams):
    domains: int = field(20, "Domains bought at the start", "domains", ge=0, le=1_000_000)
    acquisition_cost: float = field(
        300, "Price of each domain (brandable names on the aftermarket: a few hundred and up)", "money", ge=0, le=1e9
    )
    renewal: float = field(
        12,
        "Registration renewal per domain per year (.com at registrars: about 10-20)",
        "money/yr",
        ge=0,
        le=1e6,
    )
    lease: float = field(100, "Lease a tenant pays per domain per month", "money/month", ge=0, le=1e7)
    occupancy: float = percent(
        5,
        "Share of the domains held that are let, on average (most domains sit unlet for years)",
        "%",
    )
    marketplace_fee: float = percent(
        15,
        "Marketplace's cut of the lease payments (domain marketplaces: about 10-20 %)",
        "%",
    )
    lease_to_own_months: int = field(
        0, "Lease-to-own term: after it a let domain is sold to its tenant (0: plain leases)", "months", ge=0, le=1200
    )
    tax: float = percent(
        0,
        "Tax on each year's profit: leases less fees, renewals and domains sold (the purchase is an asset, "
        "not deducted); losses carry forward",
        "%",
    )
    setup_hours: float = field(10, "Hours to choose, buy and list the domains", "hours", ge=0, le=1e5)
    hours_per_month: float = field(2, "Hours a month for enquiries, leases and renewals", "hours/month", ge=0, le=744)
    holding_value: float = percent(
        100, "Book value of a domain held, % of its acquisition cost (0: not valued)", "%", le=100
    )
    occupancy_spread: float = percent(50, SPREAD_HELP, "%", le=1000, panel=RISK_PANEL)


class SiteParams(EffortParams):
    sites: int = field(3, "Sites built at the start", "sites", ge=0, le=100_000)
    build_cost: float = field(300, "Money to build each site: domain, content, design", "money", ge=0, le=1e9)
    build_hours: float = field(40, "Hours to build each site", "hours", ge=0, le=1e5)
    months_to_rank: int = field(
        6,
        "Months before a site ranks; no tenant before that (local searches: often 3-12 months)",
        "months",
        ge=0,
        le=1200,
    )
    rent: float = field(
        500,
        "Rent a tenant pays per site per month (a ranked local lead site: about 300-1,000)",
        "money/month",
        ge=0,
        le=1e7,
    )
    occupancy: float = percent(70, "Share of ranked sites that have a tenant, on average", "%")
    hosting: float = field(10, "Hosting and tools per site per month", "money/month", ge=0, le=1e7)
    upkeep_hours: float = field(
        2, "Hours per site per month: content, reports, the tenant", "hours/month", ge=0, le=744
    )
    tax: float = percent(
        0, "Tax on each year's profit: rent less hosting and the build cost; losses carry forward", "%"
    )
    occupancy_spread: float = percent(30, SPREAD_HELP, "%", le=1000, panel=RISK_PANEL)


def project_domains(p: DomainParams, draws: Draws) -> Projection:
    f = p.fractions
    n = draws.months
    share_let = occupancy_draws(f.occupancy, f.occupancy_spread, p.domains, draws)
    renewal_month = (np.arange(1, n + 1) % MONTHS_PER_YEAR == 1) & (np.arange(1, n + 1) > 1)
    book_value = p.acquisition_cost * f.holding_value
    held: np.ndarray | float
    if p.lease_to_own_months > 0:
        kept = np.cumprod(1 - share_let / p.lease_to_own_months, axis=1)
        held = p.domains * kept
        held_before = previous_month(held, float(p.domains))
        let = share_let * held_before
        sold = held_before - held
        lease_income = let * p.lease
        renewals = np.where(renewal_month, held_before * p.renewal, 0.0)
        book_value_sold: np.ndarray | float = sold * book_value
    else:
        # Plain leases: every domain stays held, so the lease income is one pass over the drawn share let.
        held = float(p.domains)
        lease_income = share_let * (p.domains * p.lease)
        renewals = np.where(renewal_month, p.domains * p.renewal, 0.0)
        book_value_sold = 0.0
    marketplace_fees = lease_income * f.marketplace_fee
    costs = marketplace_fees + renewals + book_value_sold
    taxes = yearly_tax(np.atleast_2d(lease_income - costs), f.tax) if f.tax > 0 else 0.0
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours
    purchase = p.domains * p.acquisition_cost
    contributed = np.zeros(n)
    contributed[0] = purchase
    written_off = np.zeros(n)
    written_off[0] = -p.domains * (p.acquisition_cost - book_value)

    extras = {
        "domains_held": Extra(np.broadcast_to(held, np.shape(held) or (n,)), "last", "count"),
        "renewals": Extra(renewals, "sum", "money"),
    }
    if not draws.simulated:  # a simulation reads none of the columns that vary by path: they are not computed
        extras = {
            "domains_held": extras["domains_held"],
            "domains_let": Extra(let if p.lease_to_own_months > 0 else share_let * held, "mean", "count"),
            "marketplace_fees": Extra(marketplace_fees, "sum", "money"),
            "renewals": Extra(renewals, "sum", "money"),
        }
        if p.lease_to_own_months > 0:
            extras["domains_sold"] = Extra(sold, "sum", "count")
    return Projection.build(
        n,
        contributed=contributed,
        income=lease_income,
        costs=costs,
        taxes=taxes,
        reinvested=0.0,  # all profit is paid out; payout follows as net income, exactly
        returned=book_value_sold,
        value=held * book_value,
        hours=hours,
        revaluation=written_off,
        upfront=purchase,
        after_tax=p.tax > 0,
        extras=extras,
    )


def project_sites(p: SiteParams, draws: Draws) -> Projection:
    f = p.fractions
    n = draws.months
    ranked = np.arange(1, n + 1) > p.months_to_rank
    share_let = occupancy_draws(f.occupancy, f.occupancy_spread, p.sites, draws)
    # Rent: the share let times the rent of every ranked site, one pass over the paths.
    rent = share_let * np.where(ranked, p.sites * p.rent, 0.0)
    hosting = p.sites * p.hosting
    build = p.sites * p.build_cost
    contributed = np.zeros(n)
    contributed[0] = build
    # Building the sites is business spending: deductible from the year's profit.
    taxes = yearly_tax(np.atleast_2d(rent - hosting - contributed), f.tax) if f.tax > 0 else 0.0
    written_off = -contributed  # the build is spent: nothing saleable stays on the book
    hours = np.full(n, p.sites * p.upkeep_hours)
    hours[0] += p.sites * p.build_hours

    return Projection.build(
        n,
        contributed=contributed,
        income=rent,
        costs=hosting,
        taxes=taxes,
        reinvested=0.0,  # all profit is paid out; payout follows as net income, exactly
        value=0.0,
        hours=hours,
        revaluation=written_off,
        upfront=build,
        after_tax=p.tax > 0,
        extras=_site_extras(p.sites, ranked, share_let, draws),
    )


def _site_extras(sites: int, ranked: np.ndarray, share_let: np.ndarray, draws: Draws) -> dict[str, Extra]:
    """The sites' own columns; a simulation reads sites_let nowhere, so it is left out there."""
    extras = {
        "sites": Extra(np.full(draws.months, float(sites)), "last", "count"),
        "sites_ranked": Extra(np.where(ranked, float(sites), 0.0), "last", "count"),
    }
    if not draws.simulated:
        extras["sites_let"] = Extra(np.where(ranked, share_let * sites, 0.0), "mean", "count")
    return extras


def occupancy_draws(occupancy: float, spread: float, units: int, draws: Draws) -> np.ndarray:
    """Share of `units` let in each month, shape (paths, months); the occupancy itself when not drawn.

    occupancy: expected share, as a fraction. spread: standard deviation of a
    path's occupancy as a fraction of the occupancy. A path's occupancy q is
    Beta(a, b) with mean `occupancy`; each month each unit is let with
    probability q, so the share let is Binomial(units, q) / units.
    """
    # Within a billionth of 0 or 1 nothing is left to draw (and a Beta's parameters would overflow).
    if not draws.simulated or spread == 0 or units == 0 or not 1e-9 < occupancy < 1 - 1e-9:
        return np.full((1, draws.months), occupancy)
    q = path_occupancy(occupancy, spread, draws)
    return draws.binomial(units, q) / units


def path_occupancy(occupancy: float, spread: float, draws: Draws) -> np.ndarray:
    """One occupancy per path, shape (paths, 1): Beta with mean `occupancy` and sd `spread` x occupancy.

    A Beta with mean p has variance p (1 - p) / (k + 1) for concentration k =
    a + b > 0, so the widest it can be is just under sqrt(p (1 - p)); a wider
    spread is held to 99 % of that.
    """
    sd = min(spread * occupancy, 0.99 * np.sqrt(occupancy * (1 - occupancy)))
    concentration = occupancy * (1 - occupancy) / sd**2 - 1
    if draws.rng is None:  # a deterministic run draws nothing: every path at the stated occupancy
        return np.full((1, 1), occupancy)
    return draws.rng.beta(occupancy * concentration, (1 - occupancy) * concentration, size=(draws.paths, 1))
