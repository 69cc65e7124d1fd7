"""Online courses, on your own site or on a marketplace: built once, sold to students for years.

The model, month m = 1..N, per path:

- Creation: `hours_to_create` spread over the first `months_to_create`
  months; the course goes on sale in month L = months_to_create + 1 (month 1
  when it is 0). `equipment` is bought at the start of month 1.
- Students from month L on: students_per_month * (1 + g) ** ((m - L) / 12)
  at `student_growth` g %/yr, plus `launch_students` once in month L (a
  launch to your list). Under --simulate students are multiplied by the
  demand multipliers of `methods.demand` (a per-path level, a monthly random
  walk, and marketplace shocks: a ranking or revenue-share change that cuts
  sales for good).
- Money per month: gross = students * price; refunds = refund_rate * gross;
  platform cut = platform_share * (gross - refunds) (a marketplace keeps its
  share of what is not refunded); processing = processing % * gross plus
  `processing_fixed` per paying student (card processors keep their fee on a
  refund); net revenue = gross - refunds - platform cut - processing.
- Platforms, with defaults by `platform`:
  own (Teachable, Thinkific, Podia, your own site): no share, card
  processing 2.9 % + 0.30 a sale (Stripe's US card rate), a plan of 39 a
  month (Teachable's Basic plan billed yearly);
  marketplace (Udemy-style): the platform keeps 63 % of organic sales (Udemy
  pays instructors 37 % of organic sales since 2024; 97 % of sales from the
  instructor's own coupons, so set --platform-share lower if you bring your
  own students), handles payment itself (no processing fee, no monthly fee).
  Give --platform-share, --processing, --processing-fixed or --platform-fee to
  override a default.

Columns: contributed = equipment (money you put in, start of month 1);
income = gross sales; costs = refunds + platform cut + processing +
`marketing` and `platform_fee` a month (from month 1: you pay the plan while
you build); taxes = `tax` % of each projection year's profit, charged in
its 12th month (`passivecalc.tax` policy: profit = income - costs - the
year's contributed money, since equipment is business spending and
deductible; a year's loss carries forward; tax is never negative); payout =
net income; returned = 0; value = 0 (a course is
what it earns); revaluation = -contributed. hours = creation hours, then
`update_hours_per_year` / 12 + `hours_per_month` a month once on sale.
Own columns: students, refunds, platform_cut, processing_fees, net_revenue
(none under --simulate: the simulation reads none, so they are not computed).

Where the rules come from:
- Udemy's instructor revenue share (Udemy Instructor Support, "Instructor
  Revenue Share"): 37 % of organic sales to the instructor since 2024, 97 %
  of sales through the instructor's own coupons; Udemy processes payments.
- Card processing on your own site: Stripe's standard US card rate
  (stripe.com/pricing: 2.9 % + 0.30 per successful charge; the fee is not
  returned on a refund).
- Course-host plan: Teachable's Basic plan, billed yearly (teachable.com/pricing).
"""

from __future__ import annotations

from enum import Enum

import numpy as np

from passivecalc.draws import Draws
from passivecalc.methods.demand import demand_of
from passivecalc.methods.floors import EffortParams
from passivecalc.params import RISK_PANEL, field, percent
from passivecalc.projection import Extra, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR, month_numbers


class Platform(str, Enum):
    own = "own"
    marketplace = "marketplace"


# What each platform charges when the user does not say: share and processing as fractions, fixed per
# sale and monthly fee in money. Own: Stripe's US card rate (stripe.com/pricing: 2.9 % + 0.30) and
# Teachable's Basic plan billed yearly; marketplace: Udemy keeps 63 % of organic sales (Udemy's
# instructor revenue share, support.udemy.com "Instructor Revenue Share", 37 % to the instructor since
# 2024) and handles payment itself.
PLATFORM_DEFAULTS = {
    Platform.own: {"platform_share": 0.0, "processing": 0.029, "processing_fixed": 0.30, "platform_fee": 39.0},
    Platform.marketplace: {"platform_share": 0.63, "processing": 0.0, "processing_fixed": 0.0, "platform_fee": 0.0},
}


class CourseParams(EffortParams):
    price: float = field(
        99, "Price a student pays (own site: often 50-300; Udemy sales average 10-20)", "money", ge=0, le=1e6
    )
    students_per_month: float = field(
        5,
        "Paying students a month once the course is on sale (without an audience, a handful)",
        "students/month",
        ge=0,
        le=1e7,
    )
    student_growth: float = percent(
        0, "Yearly growth of the students a month (compounded monthly)", "%/yr", ge=-90, le=1000
    )
    launch_students: float = field(
        0, "Extra students in the launch month (a launch to your list)", "students", ge=0, le=1e8
    )
    platform: Platform = field(Platform.own, "Where the course sells: own (your site or a course host) or marketplace")
    platform_share: float | None = percent(
        None, "Share of sales the platform keeps (default: 0 own, 63 marketplace: Udemy's organic split)", "%"
    )
    processing: float | None = percent(None, "Card processing per sale (default: 2.9 own, 0 marketplace)", "%", le=50)
    processing_fixed: float | None = field(
        None, "Fixed processing fee per sale (default: 0.30 own, 0 marketplace)", "money", ge=0, le=1000
    )
    refund_rate: float = percent(5, "Share of sales refunded (30-day guarantees: often 3-10 %)", "%")
    months_to_create: int = field(2, "Months to build the course before it goes on sale", "months", ge=0, le=120)
    hours_to_create: float = field(
        80,
        "Hours to build the course: about 25 hours per finished hour of video, for a 3-hour course",
        "hours",
        ge=0,
        le=1e5,
    )
    equipment: float = field(
        300, "Money at the start: microphone, camera, lights, screen recorder", "money", ge=0, le=1e7
    )
    update_hours_per_year: float = field(
        20, "Hours a year keeping the course current once on sale", "hours/yr", ge=0, le=8784
    )
    hours_per_month: float = field(
        4, "Hours a month once on sale: answering students, promoting the course", "hours/month", ge=0, le=744
    )
    marketing: float = field(0, "Marketing a month (ads, promotions)", "money/month", ge=0, le=1e8)
    platform_fee: float | None = field(
        None,
        "Platform plan a month (default: 39 own, like Teachable Basic; 0 marketplace)",
        "money/month",
        ge=0,
        le=1e6,
    )
    tax: float = percent(0, "Tax on each year's profit: sales less costs and equipment; losses carry forward", "%")
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
        "Chance a year of a marketplace shock (search ranking, revenue-share or pricing change)",
        "%/yr",
        panel=RISK_PANEL,
    )
    shock_cut: float = percent(30, "Share of sales such a shock takes away for good", "%", panel=RISK_PANEL)

    def platform_terms(self) -> dict[str, float]:
        """Share and processing (fractions), fixed fee and monthly fee (money): the user's figures, else the platform's defaults."""
        defaults = PLATFORM_DEFAULTS[self.platform]
        given = self.fractions
        return {
            key: default if getattr(given, key) is None else getattr(given, key) for key, default in defaults.items()
        }


def project(p: CourseParams, draws: Draws) -> Projection:
    n = draws.months
    month = month_numbers(n)
    f = p.fractions
    terms = p.platform_terms()
    launch = p.months_to_create + 1
    selling = month >= launch
    expected_students = np.where(
        selling, p.students_per_month * np.power(1 + f.student_growth, (month - launch) / MONTHS_PER_YEAR), 0.0
    )
    expected_students = expected_students + np.where(month == launch, p.launch_students, 0.0)

    demand = demand_of(p, draws)
    # A free course charges no card, so no fixed fee either.
    fixed_fee = terms["processing_fixed"] if p.price > 0 else 0.0
    refund_rate, share, processing = f.refund_rate, terms["platform_share"], terms["processing"]
    # Per student: refund r P, platform cut share (1 - r) P, processing proc P + fixed. Sales and costs are
    # linear in demand: the month's expected figures times the multiplier, one pass over the paths each.
    cost_per_student = p.price * (refund_rate + share * (1 - refund_rate) + processing) + fixed_fee
    gross = (expected_students * p.price) * demand
    costs = (expected_students * cost_per_student) * demand + (p.marketing + terms["platform_fee"])

    contributed = np.zeros(n)
    contributed[0] = p.equipment
    # Equipment is business spending: deductible from the year's profit.
    taxes = yearly_tax(np.atleast_2d(gross - costs - contributed), f.tax) if f.tax > 0 else 0.0
    # Creation hours spread over the months of creation; with none, all in month 1 (the launch month).
    span = max(p.months_to_create, 1)
    hours = np.where(month <= span, p.hours_to_create / span, 0.0)
    hours = hours + np.where(selling, p.update_hours_per_year / MONTHS_PER_YEAR + p.hours_per_month, 0.0)

    return Projection.build(
        n,
        contributed=contributed,
        income=gross,
        costs=costs,
        taxes=taxes,
        reinvested=0.0,
        value=0.0,
        hours=hours,
        revaluation=-contributed,
        upfront=p.equipment,
        after_tax=p.tax > 0,
        extras={}
        if draws.simulated
        else _extras(expected_students * demand, p.price, refund_rate, share, processing, fixed_fee),
    )


def _extras(
    students, price: float, refund_rate: float, share: float, processing: float, fixed_fee: float
) -> dict[str, Extra]:
    """The course's own columns, for a plain run (a simulation reads none of them, so it gets none)."""
    gross = students * price
    refunds = refund_rate * gross
    platform_cut = share * (gross - refunds)
    processing_fees = processing * gross + fixed_fee * students
    return {
        "students": Extra(students, "sum", "count"),
        "refunds": Extra(refunds, "sum", "money"),
        "platform_cut": Extra(platform_cut, "sum", "money"),
        "processing_fees": Extra(processing_fees, "sum", "money"),
        "net_revenue": Extra(gross - refunds - platform_cut - processing_fees, "sum", "money"),
    }
