"""Ebooks self-published on Kindle Direct Publishing: a catalogue written book by book, paid in royalties.

The model, month m = 1..N, per path:

- Catalogue (at least one book: every other option describes the books, so
  `--books 0` is bad input, and a goal search for the number of books starts
  at 1): book k = 1..`books` is written over `months_per_book` months
  (`hours_per_book` spread evenly over them) and goes on sale at the end of
  month k * months_per_book. Its `production_cost` (cover, editing) is
  committed when the book is started: book 1's at the start of month 1, so
  that break-even counts from the first money spent. Books not finished
  within the horizon earn nothing.
- Sales of one book a months after release (a = 1 is its first month on
  sale): tail + (launch - tail) * (1 - decay) ** (a - 1), from `launch_sales`
  down (or up) towards the `tail_sales` floor at `sales_decay` %/month.
- Read-through: every reader of book k buys book k+1 with probability r,
  whenever they read book k: readers from before book k+1 came out buy it
  in its first month on sale, later readers in the month they buy book k.
  So by month m book j has sold its own copies so far plus r times every
  copy of book j-1 sold so far (once j is out), and passes r of those on.
  Book j's copies so far are sum over i <= j of r ** (j - i) * own copies
  of book i so far (a triangular matrix times the running sums of the
  books' own sales); a month's copies are the change in that total.
- Ads: `ads` a month from the first release on, at an advertising cost of
  sales `acos` % at small spend. Paid traffic saturates: the ACOS grows
  with the spend s as acos(s) = acos x (1 + s / S), S = `ad_saturation`
  (default 2,000 a month, an assumption for one catalogue's audience on
  Amazon Ads; 0 turns it off), so ads buy s / acos(s) of list-price sales,
  never more than S / acos. That is that many / price copies of book 1,
  which pass read-through on like its own sales.
- Under --simulate every copy sold and every KU page read is multiplied by
  the demand multipliers of `methods.demand` (a per-path level, a monthly
  random walk, marketplace shocks that cut sales for good), the month's
  read-through of earlier readers included. Ad spend is not.

Royalties as KDP pays them (kdp.amazon.com, "eBook Royalties"):
- 35 % plan: 0.35 x list price, any price.
- 70 % plan: 0.70 x (list price - delivery fee), only for list prices 2.99 to
  9.99 (amazon.com); the delivery fee is `delivery_fee` per MB of the file
  (0.15 USD/MB in the US store). A copy never pays less than 0.
- The 35 % plan pays more once 0.35 P > 0.70 (P - f M), that is once the file
  is larger than M = P / (2 f) MB: 3.33 MB per dollar of list price at 0.15/MB.
- `royalty` left out: the plan that pays more per copy among those the price
  allows (a note says which). `royalty` 70 at a price outside 2.99-9.99 is an
  error (KDP would not accept it), not a silent switch.
- Kindle Unlimited: each book is read `ku_pages` pages in its launch month,
  and its pages follow its own sales curve from then on: ku_pages * (tail +
  (launch - tail) * (1 - decay) ** (a - 1)) / launch (divided by tail
  instead when launch is 0, flat at ku_pages when both are 0); paid at
  `ku_rate` per page (KDP Select Global Fund: about 0.004-0.005 USD per page).

Columns: contributed = production costs (money you put in); income =
royalties from sales + KU; costs = ad spend; taxes = `tax` % of each
projection year's profit, charged in its 12th month (`passivecalc.tax`
policy: profit = income - costs - the year's production costs, which are
business spending and deductible; a year's loss carries forward; tax is
never negative); payout = net income;
returned = 0; value = 0 (a catalogue is what it earns); revaluation =
-contributed (production money is spent). hours = writing hours, plus
`hours_per_month` upkeep from the first release on.
Own columns: books_live, units, kindle_unlimited_pages, sales_royalties,
kindle_unlimited_royalties (under --simulate only books_live: the simulation
reads no other, so they are not computed).

Where the rules come from:
- Royalty plans, the 2.99-9.99 price band of the 70 % plan, the delivery fee
  per MB and the 0.99-200 list-price range: KDP Help, "eBook Royalties" and
  "List Prices" (kdp.amazon.com), amazon.com marketplace.
- ACOS is ad spend / attributed sales (Amazon Ads' definition of advertising
  cost of sales), so sales bought by ads = ad spend / ACOS.
- Kindle Unlimited pays from the KDP Select Global Fund per page read (KENP),
  about 0.004-0.005 USD a page in recent months (KDP Select Global Fund
  announcements).
"""

from __future__ import annotations

import numpy as np
from pydantic import model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.demand import demand_of
from passivecalc.methods.floors import EffortParams
from passivecalc.params import RISK_PANEL, field, percent
from passivecalc.projection import Extra, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import month_numbers

PLAN_70_PRICES = (2.99, 9.99)  # amazon.com list prices the 70 % plan allows
KDP_LOWEST_PRICE = 0.99  # the lowest list price KDP accepts on amazon.com (0: a free book)
KDP_HIGHEST_PRICE = 200.0  # the highest list price KDP accepts on amazon.com (35 % plan)


class EbookParams(EffortParams):
    books: int = field(3, "Books you write, one after another", "books", ge=1, le=100)
    months_per_book: int = field(4, "Months to write and publish one book", "months", ge=1, le=120)
    hours_per_book: float = field(
        150,
        "Your hours per book: drafting, revising, publishing (a 60,000-word book at about 500 "
        "finished words an hour, plus revision)",
        "hours",
        ge=0,
        le=1e5,
    )
    production_cost: float = field(
        800,
        "Money per book for the cover and editing (covers about 100-500, copyediting 500-2,000)",
        "money",
        ge=0,
        le=1e7,
    )
    price: float = field(
        4.99,
        "List price of each ebook (KDP on amazon.com: 0.99 to 200; 0 for a free book)",
        "money",
        ge=0,
        le=KDP_HIGHEST_PRICE,
    )
    launch_sales: float = field(60, "Copies a new book sells in its first month", "copies/month", ge=0, le=1e8)
    sales_decay: float = percent(20, "Monthly fall of a book's sales after launch, towards the tail", "%/month")
    tail_sales: float = field(5, "Copies a month a book keeps selling for good", "copies/month", ge=0, le=1e8)
    read_through: float = percent(
        30, "Share of a book's buyers who buy the next one (series: often 30-60 %; 0 for unrelated books)", "%"
    )
    royalty: int | None = field(
        None, "KDP royalty plan, 70 or 35 (%); left out: the plan that pays more at this price and file size", "%"
    )
    file_mb: float = field(1, "File size of the ebook (text-only books about 0.5-2 MB)", "MB", ge=0, le=650)
    delivery_fee: float = field(
        0.15, "KDP delivery fee on the 70 % plan (amazon.com: 0.15 per MB)", "money/MB", ge=0, le=10
    )
    ku_pages: float = field(
        0,
        "Kindle Unlimited pages read of each book in its launch month; later months follow the book's "
        "sales curve (needs KDP Select)",
        "pages/month",
        ge=0,
        le=1e9,
    )
    ku_rate: float = field(0.0045, "KDP Select payout per page read (about 0.004-0.005)", "money/page", ge=0, le=1)
    ads: float = field(0, "Amazon ads a month from the first release on", "money/month", ge=0, le=1e8)
    acos: float = percent(
        60,
        "Advertising cost of sales: ad spend / list-price sales it brings (ebooks often 40-100 %)",
        "%",
        ge=1,
        le=1000,
    )
    ad_saturation: float = field(
        2000,
        "Monthly ad spend at which the ACOS has doubled: ads reach the buyers most likely to buy first, "
        "so each extra unit of spend buys less (0: no saturation)",
        "money/month",
        ge=0,
        le=1e9,
    )
    hours_per_month: float = field(
        1, "Upkeep hours a month once a book is out: ads, metadata, readers", "hours/month", ge=0, le=744
    )
    tax: float = percent(
        0, "Tax on each year's profit: royalties less ad spend and production costs; losses carry forward", "%"
    )
    spread: float = percent(
        50,
        "How far sales may land from the estimate: sigma of a lognormal level per path",
        "%",
        panel=RISK_PANEL,
        le=300,
    )
    volatility: float = percent(
        20, "Month-to-month drift of sales: lognormal, annualised", "%/yr", panel=RISK_PANEL, le=300
    )
    shock_probability: float = percent(
        10,
        "Chance a year of a marketplace shock (ranking change, lost category, account issue)",
        "%/yr",
        panel=RISK_PANEL,
    )
    shock_cut: float = percent(30, "Share of sales such a shock takes away for good", "%", panel=RISK_PANEL)

    @model_validator(mode="after")
    def _consistent(self) -> EbookParams:
        if 0 < self.price < KDP_LOWEST_PRICE:
            raise InputError(
                "price", f"{self.price:g} is below KDP's lowest list price of {KDP_LOWEST_PRICE} (0 for a free book)"
            )
        if self.royalty is not None and self.royalty not in (35, 70):
            raise InputError("royalty", f"{self.royalty} is not a KDP royalty plan (allowed: 35 or 70)")
        low, high = PLAN_70_PRICES
        if self.royalty == 70 and not low <= self.price <= high:
            raise InputError(
                "royalty",
                f"the 70 % plan needs a list price of {low} to {high}, given {self.price:g}; "
                "use --royalty 35 or leave --royalty out",
            )
        return self


def royalty_per_copy(price, plan, file_mb, delivery_fee):
    """What KDP pays per copy on a plan (70 or 35), never below 0; arrays broadcast."""
    seventy = 0.70 * np.maximum(np.asarray(price, dtype=float) - delivery_fee * np.asarray(file_mb, dtype=float), 0.0)
    thirty_five = 0.35 * np.asarray(price, dtype=float)
    return np.where(np.asarray(plan) == 70, seventy, thirty_five)


def ad_sales(ads, acos: float, saturation: float):
    """List-price sales that `ads` a month buy: ads / ACOS at small spend, ads / (ACOS (1 + ads / saturation)) as spend grows.

    acos as a fraction; saturation in money a month (0: none). The ACOS
    doubles at a spend equal to `saturation`, so sales approach
    saturation / acos and never exceed it.
    """
    if saturation > 0:
        return ads / (acos * (1 + ads / saturation))
    return ads / acos


def crossover_mb(price: float, delivery_fee: float = 0.15) -> float:
    """File size above which the 35 % plan pays more than the 70 % plan: P / (2 f) MB."""
    return price / (2 * delivery_fee) if delivery_fee > 0 else float("inf")


def choose_plan(p: EbookParams) -> tuple[int, str | None]:
    """The plan used and a note for the user (None when nothing needs saying)."""
    low, high = PLAN_70_PRICES
    allowed_70 = low <= p.price <= high
    pays_70 = float(royalty_per_copy(p.price, 70, p.file_mb, p.delivery_fee))
    pays_35 = float(royalty_per_copy(p.price, 35, p.file_mb, p.delivery_fee))
    if p.royalty == 70:
        if pays_35 > pays_70:
            return 70, (
                f"the 35 % plan would pay {pays_35:.2f} a copy against {pays_70:.2f}: a {p.file_mb:g} MB file "
                f"is over the {crossover_mb(p.price, p.delivery_fee):.2f} MB where 35 % starts to pay more"
            )
        return 70, None
    if p.royalty == 35 or p.price == 0:
        return 35, None
    if not allowed_70:
        return 35, f"royalty plan 35 %: the 70 % plan needs a list price of {low} to {high}, given {p.price:g}"
    if pays_35 > pays_70:
        return 35, (
            f"royalty plan 35 %: it pays {pays_35:.2f} a copy against {pays_70:.2f} on the 70 % plan, whose "
            f"delivery fee for {p.file_mb:g} MB is {p.delivery_fee * p.file_mb:.2f}"
        )
    return 70, None


def project(p: EbookParams, draws: Draws) -> Projection:
    n = draws.months
    month = month_numbers(n)
    plan, plan_note = choose_plan(p)
    per_copy = float(royalty_per_copy(p.price, plan, p.file_mb, p.delivery_fee))

    # books x months: release month of each book and its age in each month (age 1 = first month on sale).
    book = np.arange(1, p.books + 1, dtype=float)[:, None]
    release = book * p.months_per_book
    age = month[None, :] - release
    on_sale = age >= 1
    f = p.fractions
    decay = 1 - f.sales_decay
    curve = np.where(
        on_sale, p.tail_sales + (p.launch_sales - p.tail_sales) * np.power(decay, np.maximum(age - 1, 0)), 0.0
    )
    own = curve.copy()
    first_release = p.months_per_book
    ad_copies = ad_sales(p.ads, f.acos, p.ad_saturation) / p.price if p.price > 0 else 0.0
    own[0] += np.where(month > first_release, ad_copies, 0.0)
    # Read-through in the cumulative domain: by month m, book j has sold its own copies so far plus r of
    # every copy of book j-1 sold so far, once j is out (readers of book j-1 from before j's release buy
    # it in its first month on sale). Unrolled: sum over i <= j of r ** (j - i) x own copies of book i so
    # far (a triangular matrix times the running sums of own sales); each month's copies are the
    # difference of that running total from the month before.
    steps = np.arange(p.books)[:, None] - np.arange(p.books)[None, :]
    through = np.where(steps >= 0, np.power(f.read_through, np.maximum(steps, 0)), 0.0)
    sold_so_far = np.where(on_sale, through @ np.cumsum(own, axis=1), 0.0).sum(axis=0)
    copies = np.diff(sold_so_far, prepend=0.0)
    books_live = on_sale.sum(axis=0).astype(float)
    # Kindle Unlimited reads follow each book's own sales curve: ku_pages in its launch month (at its tail
    # when it launches at 0 copies, flat when it sells none).
    scale = p.launch_sales if p.launch_sales > 0 else p.tail_sales
    ku_shape = (curve / scale).sum(axis=0) if scale > 0 else books_live

    demand = demand_of(p, draws)
    ku_pages = p.ku_pages * ku_shape
    # Income is linear in demand: the month's expected royalties times the multiplier, one pass over the paths.
    income = (copies * per_copy + ku_pages * p.ku_rate) * demand
    costs = np.where(month > first_release, p.ads, 0.0)

    started = (book - 1) * p.months_per_book + 1
    contributed = (month[None, :] == started).sum(axis=0) * p.production_cost
    # Production (cover, editing) is business spending: deductible from the year's profit.
    taxes = yearly_tax(np.atleast_2d(income - costs - contributed), f.tax) if f.tax > 0 else 0.0
    writing = (started <= month[None, :]) & (month[None, :] <= release)
    hours = writing.sum(axis=0) * (p.hours_per_book / p.months_per_book)
    hours = hours + np.where(books_live > 0, p.hours_per_month, 0.0)

    return Projection.build(
        n,
        contributed=contributed,
        income=income,
        costs=costs,
        taxes=taxes,
        reinvested=0.0,
        value=0.0,
        hours=hours,
        revaluation=-contributed,
        upfront=p.production_cost,
        after_tax=p.tax > 0,
        notes=(plan_note,) if plan_note else (),
        extras=_extras(books_live, copies, ku_pages, per_copy, p.ku_rate, demand, draws),
    )


def _extras(books_live, copies, ku_pages, per_copy: float, ku_rate: float, demand, draws: Draws) -> dict[str, Extra]:
    """The catalogue's own columns. A simulation reads none of the ones that vary by path: it gets the rest only."""
    extras = {"books_live": Extra(books_live, "last", "count")}
    if draws.simulated:
        return extras
    units = copies * demand
    pages = ku_pages * demand
    extras.update(
        units=Extra(units, "sum", "count"),
        kindle_unlimited_pages=Extra(pages, "sum", "count"),
        sales_royalties=Extra(units * per_copy, "sum", "money"),
        kindle_unlimited_royalties=Extra(pages * ku_rate, "sum", "money"),
    )
    return extras
