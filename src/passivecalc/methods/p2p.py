"""Peer-to-peer lending: a book of amortising loans, interest net of defaults, fees and recoveries.

The loan book is a set of monthly cohorts, the way a lender sees it on the
platform, not one balance growing at a net rate. The initial capital is lent
at the start of month 1; each contribution, and with --reinvest the cash the
book pays back, is lent at the end of its month and earns from the next month
on. Every loan is a level-payment loan of `term` months at the nominal annual
`rate`, i = rate/12 a month: payment P*i/(1-(1+i)^-n), P/n at a rate of 0
(the standard annuity formula, numpy-financial's `pmt`).

In month m, for every cohort, in this order:

1. Defaults: a share f[m] of the performing principal stops paying at the
   start of the month. Deterministically f is the monthly hazard of the annual
   default rate d, 1 - (1-d)^(1/12). A loan that defaults pays nothing from
   then on, stays in the book at cost (in arrears), and is charged off
   `chargeoff_lag` months later (default 4: platforms charge off after about
   120-150 days of arrears; 0 charges it off at once).
2. The surviving loans pay their scheduled payment: interest i * balance, the
   rest principal.
3. The platform keeps the servicing `fee`, % of those payments (recoveries
   carry no servicing fee).
4. `recovery` % of each charge-off comes back `recovery_lag` months later (lag
   0: the same month). Recoveries due after the horizon are not counted.
5. With --reinvest, all the cash the book paid (principal, interest net of fees,
   recoveries; less the year's tax in its 12th month) waits `cash_drag` months, earning nothing, and is then
   lent as a new cohort.

Every cohort of a path loses the same share f[m], so a cohort's balance is its
surviving original amount times r[k], the balance left on a unit loan after k
payments, ((1+i)^n - (1+i)^k)/((1+i)^n - 1). The loop over months carries
that as a few running sums over the cohorts (see `_Book`), so a month costs
the same whatever the term.

Columns:
- contributed: capital (month 1, upfront) and contributions.
- income: interest received.
- costs: servicing fees + charge-offs - recoveries: loan losses are costs, as in
  LendingClub's net annualised return. In a late month, recoveries of earlier
  charge-offs can exceed that month's fees and charge-offs, and costs go below 0.
- taxes: passivecalc's one tax policy (passivecalc.tax): `tax` % of each
  projection year's profit, interest less servicing fees and charge-offs net
  of recoveries (income - costs), with a year's loss carried forward to later
  years and never a negative tax, charged in the year's 12th month. Charge-offs
  are deductible against interest in this model: a lender's loss on the loans
  is the cost of earning their interest, the platforms' yearly statements and
  LendingClub's NAR net them the same way, and a book that earns nothing net
  has no income to tax. Where the law treats a charged-off note as a capital
  loss, deductible only against capital gains (the US), this understates the
  tax. With --reinvest the tax comes out of the cash the book releases in the
  12th month; a bill larger than that cash is paid from the next months' cash
  before anything is lent, and until then counts against value.
- With --reinvest: reinvested = net_income, payout = 0, returned = 0. The
  principal paid back only rolls over inside value; what the book adds or loses
  is the net income.
- With --no-reinvest: payout = net_income (interest - fees - net charge-offs -
  taxes) and returned = principal repaid + principal charged off. The written-off
  principal counts in returned so that value[m] = value[m-1] + contributed -
  returned holds while the loss is counted once, in costs: payout + returned =
  interest - fees - taxes + principal repaid + recoveries, the cash received.
- value: principal outstanding (arrears included) + cash waiting to be lent -
  tax not yet paid; in the last month, less the losses still expected on the
  book (see `expected_losses`: (1 - recovery) x (each running cohort's surviving
  amount x S[k] + principal in arrears), S[k] = h r[k] + (1 - h) S[k+1], S[n] = 0,
  at the expected hazard h). revaluation: that markdown, in the last month only,
  so that the ending value is what the book is expected to return.
- hours: setup, then upkeep.
Own columns: fees, charge_offs, recoveries, principal_returned (repaid by
borrowers; recoveries not included), outstanding (principal at month end,
loans in arrears included until charged off) and
nar_pct, the net annualised return to date as LendingClub defines its Net
Annualized Return (its help page "How is Net Annualized Return calculated?"):
the monthly
return is the sum of (interest - fees - charge-offs + recoveries) over the sum
of principal outstanding at the start of each month, and nar_pct =
((1 + monthly)^12 - 1) * 100. Taxes are not part of it. Its last value, the NAR over
the whole horizon, is the summary's net_annualised_return_pct. The summary
also carries expected_losses, the markdown of the ending book.

Monte Carlo (the uncertain input is the default share f, drawn from `Draws`):
- The book is spread evenly over `loans` loans. Each month each defaults with
  the month's hazard, independently, so f = Binomial(loans, hazard) / loans:
  its mean is the hazard at any size, and its spread shrinks as 1/sqrt(loans).
- Bad years: each year of a path is a bad year with probability
  `bad_year_probability`; its hazard is `bad_year_multiplier` times a normal
  year's. Both are scaled by 1 / (1 + p (k - 1)), so that the average year
  keeps the default rate given (capped at a hazard of 1).
The deterministic run is one path at the mean: f = hazard, no bad years.
"""

from __future__ import annotations

import numpy as np
from pydantic import field_validator, model_validator

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods.amounts import money_or_nothing
from passivecalc.params import RISK_PANEL, Params, field, percent
from passivecalc.projection import Extra, Metric, Projection
from passivecalc.tax import yearly_tax
from passivecalc.timeline import MONTHS_PER_YEAR, monthly_hazard

# numpy computes `a + b - c` in place in the temporary a + b when that holds at least this many bytes (temporary elision).
ELIDED_BYTES = 256 * 1024


class P2PParams(Params):
    capital: float = field(10_000, "Money lent at the start", "money", ge=0, le=1e12)
    contribution: float = field(0, "Money lent at the end of each month", "money/month", ge=0, le=1e10)
    rate: float = percent(9, "Borrower interest rate, nominal annual", "%/yr")
    term: int = field(36, "Loan term", "months", ge=1, le=360)
    default_rate: float = percent(3, "Share of outstanding principal charged off per year", "%/yr")
    recovery: float = percent(20, "Share of a charge-off recovered", "%")
    recovery_lag: int = field(0, "Months from a charge-off to its recovery", "months", ge=0, le=120)
    chargeoff_lag: int = field(
        4,
        "Months a defaulting loan goes unpaid before it is charged off (platforms: about 120-150 days)",
        "months",
        ge=0,
        le=24,
    )
    fee: float = percent(1, "Servicing fee, % of the payments received", "%")
    reinvest: bool = field(True, "Re-lend repayments (principal, interest net of fees and tax)")
    cash_drag: int = field(0, "Months cash waits, earning nothing, before it is re-lent", "months", ge=0, le=24)
    tax: float = percent(
        0, "Tax on each year's profit: interest less fees and net charge-offs, losses carried forward", "%"
    )
    setup_hours: float = field(2, "Hours to open an account and set lending criteria", "hours", ge=0, le=1e5)
    hours_per_month: float = field(0.5, "Hours a month to check the book and re-lend", "hours/month", ge=0, le=744)
    loans: int = field(
        100,
        "Loans the book is spread over (Monte Carlo: fewer loans, wider outcomes)",
        "loans",
        panel=RISK_PANEL,
        ge=1,
        le=1_000_000,
    )
    bad_year_probability: float = percent(
        10, "Chance a year is a bad year for defaults (Monte Carlo)", "%/yr", panel=RISK_PANEL
    )
    bad_year_multiplier: float = field(
        2,
        "Default rate in a bad year, as a multiple of a normal year's (Monte Carlo)",
        "x",
        panel=RISK_PANEL,
        ge=1,
        le=20,
    )

    no_dust = field_validator("capital", "contribution")(money_or_nothing)

    @model_validator(mode="after")
    def _cash_drag_needs_reinvest(self) -> P2PParams:
        if not self.reinvest and self.cash_drag != 0:
            raise InputError(
                "cash_drag",
                f"{self.cash_drag} is set but repayments are not re-lent; drop --no-reinvest or --cash-drag",
            )
        return self


def project(p: P2PParams, draws: Draws) -> Projection:
    n = draws.months
    term = p.term
    i = p.fractions.rate / MONTHS_PER_YEAR
    fee = p.fractions.fee
    tax = p.fractions.tax
    recovery = p.fractions.recovery
    lag = p.recovery_lag
    chargeoff_lag = p.chargeoff_lag
    drag = p.cash_drag
    # Month-major (months, paths) while the loop runs, so that each month reads and writes one contiguous row.
    # Over draws that stack several chunks of paths (risk.StackedDraws), each chunk's are drawn on their own.
    paths = draws.paths if draws.simulated else 1
    survives = _work(draws, "survives", (n, paths))
    first = 0
    for part in getattr(draws, "parts", None) or (draws,):
        default_share = _default_shares(p, part)
        np.subtract(1.0, default_share.T, out=survives[:, first : first + default_share.shape[0]])
        first += default_share.shape[0]
    start = _work(
        draws, "start", (n + 1, paths)
    )  # the performing principal at the start of each month (row n: after the last)
    start[0] = p.capital
    closing = _work(draws, "closing", (n, paths))
    kept = _work(draws, "kept", (n, paths))  # the performing principal left after each month's defaults
    stopped = _work(
        draws, "stopped", (n, paths)
    )  # principal of loans that stop paying, by the month they stop: start - kept
    # Recovered in month m: `recovery` of what was charged off lag months before, which stopped paying
    # chargeoff_lag months before that (0 until then; every later month is written before it is read).
    delay = lag + chargeoff_lag
    recovered = _work(draws, "recovered", (n, paths))
    recovered[:delay] = 0.0
    released = np.zeros((n + drag, paths)) if drag else None  # the book's cash, by the month-end it is lent at
    # The book's closing balance each month from running sums, at a cost linear in months (see _Book).
    running = _Book(i, term, survives, p.capital)
    # The yearly tax, charged in each year's 12th month (passivecalc.tax's rule, here inside the loop because
    # re-lent cash depends on it): the year's profit, losses carried forward, never below 0. A tax bill larger
    # than that month's cash is paid from the next months' cash before it is lent (`owed`, a negative in value).
    # (Kept in the draws' scratch, both are written in the same places by every group: the other months stay 0.)
    shape = (n, paths) if tax else (0, paths)
    taxes, owed_at = _work(draws, "taxes", shape, zeros=True), _work(draws, "owed_at", shape, zeros=True)
    year_profit, carried, owed = np.zeros(paths), np.zeros(paths), np.zeros(paths)
    payment, cash = np.empty(paths), np.empty(paths)
    # With --reinvest the loop reads what stopped paying `delay` months before (and, with a tax, chargeoff_lag
    # months before): those rows are made every `block` months, `block` at a time (every month with no lag).
    block = (min(delay, chargeoff_lag) if tax else delay) if p.reinvest else 0
    done = 0  # rows of `stopped` made so far
    # The cash of a month goes straight into the book when nothing is added to it or held back.
    straight = not (tax or drag or p.contribution)
    # Only what the next month depends on is computed in the loop; charge-offs, arrears and the book follow after it.
    for m in range(n):
        closing_now, kept_now, lent = closing[m], kept[m], running.slot(m + 1)
        running.close(m, closing_now)
        np.multiply(survives[m], start[m], out=kept_now)
        if not p.reinvest:
            lent[...] = p.contribution
        else:
            if block == 0:
                np.subtract(start[m], kept_now, out=stopped[m])
                done = m + 1
                if m >= delay:
                    np.multiply(recovery, stopped[m - delay], out=recovered[m])
            elif m and m % block == 0:
                np.subtract(start[m - block : m], kept[m - block : m], out=stopped[m - block : m])
                done = m
                due, until = max(m, delay), min(m + block, n)  # the months whose recoveries are now known
                if due < until:
                    np.multiply(recovery, stopped[due - delay : until - delay], out=recovered[due:until])
            np.multiply(1 + i, kept_now, out=payment)
            np.subtract(payment, closing_now, out=payment)
            np.multiply(1 - fee, payment, out=cash)
            np.add(cash, recovered[m], out=lent if straight else cash)
            if tax:
                charged = stopped[m - chargeoff_lag] if m >= chargeoff_lag else 0.0
                year_profit += i * kept_now - fee * payment - charged + recovered[m]
                if (m + 1) % MONTHS_PER_YEAR == 0:
                    taxable = year_profit - carried
                    carried = np.maximum(-taxable, 0.0)
                    taxes[m] = tax * np.maximum(taxable, 0.0)
                    owed = owed + taxes[m]
                    year_profit = np.zeros(paths)
                paid = np.minimum(owed, cash)
                owed = owed - paid
                owed_at[m] = owed
                np.subtract(cash, paid, out=cash)
            if not straight:
                ready = cash
                if released is not None:
                    released[m + drag] = cash
                    ready = released[m]
                # Lent: the contribution and the cash ready (cash is never -0, so with no contribution it is the cash).
                if p.contribution:
                    np.add(p.contribution, ready, out=lent)
                else:
                    lent[...] = ready
        running.lend(m + 1)
        # Next month's opening principal: what is left of this month's book, and the loans just made.
        np.add(closing_now, lent, out=start[m + 1])
    np.subtract(start[done:n], kept[done:], out=stopped[done:])
    if not p.reinvest and delay < n:
        np.multiply(recovery, stopped[: n - delay], out=recovered[delay:])

    lean = draws.lean
    # The ending book, valued net of the losses still expected on it (a markdown in the last month's revaluation):
    # its cohorts' surviving amounts, and what is in arrears at the end (summed as arrears_after is, below).
    arrears = np.zeros(paths)
    if chargeoff_lag:
        arrears = stopped[n - 1].copy()
        for back in range(1, min(chargeoff_lag, n)):
            arrears += stopped[n - 1 - back]
    losses = _expected_losses(p, running.surviving(n), arrears, n, draws)
    del running, survives  # the loop's inputs, no longer needed: memory for the columns
    # The month-major work arrays become the columns once nothing else needs them (in a Monte Carlo chunk, which
    # reads the standard columns only, also fees and recoveries, for costs and the arrears).
    principal = np.subtract(kept, closing, out=closing)
    interest = np.multiply(i, kept, out=kept)
    returned: np.ndarray | float = 0.0
    if not p.reinvest:  # principal repaid, and principal charged off (its loss counted in costs)
        charged_off = _work(draws, "charged_off", (n, paths))
        charged_off[...] = principal
        charged_off[chargeoff_lag:] += stopped[: max(n - chargeoff_lag, 0)]
        returned = charged_off.T
    fees = np.add(interest, principal, out=principal if lean else None)
    fees *= fee
    # Costs: fees + charge-offs - recoveries (charge-offs from chargeoff_lag on, recoveries from delay on).
    costs = fees if lean else fees.copy()
    costs[chargeoff_lag:] += stopped[: max(n - chargeoff_lag, 0)]
    costs[delay:] -= recovered[delay:]
    # In arrears at the end of month m: what stopped paying in the last chargeoff_lag months, not charged off yet,
    # summed in the order it always was (this month's, then the month before, and so on).
    arrears_after = None
    if chargeoff_lag:
        arrears_after = recovered if lean else np.empty((n, paths))
        arrears_after[0] = stopped[0]
        if chargeoff_lag == 1:
            arrears_after[1:] = stopped[1:]
        else:
            np.add(stopped[1:], stopped[:-1], out=arrears_after[1:])
        for back in range(2, min(chargeoff_lag, n)):
            arrears_after[back:] += stopped[: n - back]
    # Value starts from the principal outstanding at the end of each month, loans in arrears included.
    value = _work(draws, "value", (paths, n))
    if arrears_after is not None:
        np.add(start[1:].T, arrears_after.T, out=value)
    else:
        value[...] = start[1:].T
    if not lean:
        outstanding = value.T.copy()
        book = start[:n].copy()  # the principal at the start of each month, loans in arrears included
        if arrears_after is not None:
            book[1:] += arrears_after[:-1]
        charge_offs = np.zeros((n, paths))
        charge_offs[chargeoff_lag:] = stopped[: max(n - chargeoff_lag, 0)]
    del start, stopped, arrears_after
    # The layouts the columns always had, which the yearly sums read (`rollup` adds a year's months through
    # BLAS for a paths-major array, in numpy's own loop otherwise, and the two round differently): costs
    # months-major from 256 KiB on (numpy computed `fees + charge_offs - recoveries` in place in the temporary
    # `fees + charge_offs`, its temporary elision), paths-major below; value paths-major.
    costs = costs.T if costs.nbytes >= ELIDED_BYTES else np.ascontiguousarray(costs.T)
    taxes_paid: np.ndarray | float = 0.0
    if tax:
        taxes_paid = taxes.T if p.reinvest else yearly_tax(interest.T - costs, tax)
    contributed = np.full(n, p.contribution)
    contributed[0] += p.capital
    hours = np.full(n, p.hours_per_month)
    hours[0] += p.setup_hours
    # The NAR and the lender's own columns only for a caller that reads them (not a Monte Carlo chunk).
    nar = None if lean else net_annualised_return(interest.T - fees.T - charge_offs.T + recovered.T, book.T)
    revaluation = _work(draws, "revaluation", (n, paths), zeros=True)  # only its last month is ever written
    revaluation[-1] = -losses
    # Value: the book, the cash waiting to be lent (at the end of month m, what is lent at the ends of months
    # m+1..m+drag), less tax not yet paid, and the last month's markdown.
    if released is not None:
        waiting = np.zeros((n, paths))
        for k in range(1, drag + 1):
            waiting += released[k : n + k]
        value += waiting.T
    if tax:
        value -= owed_at.T
    value[:, -1] += revaluation[-1]

    return Projection.build(
        n,
        contributed=contributed,
        income=interest.T,
        costs=costs,
        taxes=taxes_paid,
        returned=returned,
        value=value,
        revaluation=revaluation.T,
        hours=hours,
        upfront=p.capital,
        after_tax=tax > 0,
        extras={}
        if nar is None
        else {
            "fees": Extra(fees.T, "sum", "money"),
            "charge_offs": Extra(charge_offs.T, "sum", "money"),
            "recoveries": Extra(recovered.T, "sum", "money"),
            "principal_returned": Extra(principal.T, "sum", "money"),
            "outstanding": Extra(outstanding.T, "last", "money"),
            "nar_pct": Extra(nar, "last", "percent"),
        },
        # The figure to hold against a platform's advertised return: the NAR over the whole horizon.
        metrics={}
        if nar is None
        else {
            "net_annualised_return_pct": Metric(nar[:, -1], "percent"),
            "expected_losses": Metric(losses, "money"),
        },
        # Re-lent, the net income is all reinvested and nothing is paid out; otherwise all of it is paid out.
        reinvested=None if p.reinvest else 0.0,
        payout=0.0 if p.reinvest else None,
    )


class _Book:
    """The book's scheduled balance month by month from a few running sums: a cost of paths x months, not x term.

    A unit level-payment loan of n months at i a month has repaid, after k
    payments, the share e[k] = 1 - r[k] = ((1+i)^k - 1)/((1+i)^n - 1) (k/n at a
    rate of 0) of its principal, and e[x + y] = e[x] + (1+i)^x e[y]. Every
    running cohort of a path loses the same share each month, so the months are
    taken in blocks of `term`, and a cohort first pays in one block and expires
    in the same block or the next:
    - the cohorts lent in the current block are two running sums, their
      surviving amount U and their repaid share G = sum of amount x e[k]: each
      month both take the month's survival, then G becomes e[1] U + (1+i) G;
      their balance is U - G;
    - the cohorts lent in the block before are fixed at its end: a cohort that
      had made y payments then had the surviving amount a[y], and x payments
      into this block it owes a[y] times the block's survival to date times
      r[x + y] = r[x] - (1+i)^x e[y], so their balance is that survival times
      r[x] sum a[y] - (1+i)^x sum a[y] e[y], summed over the y still running
      (y < term - x): two cumulative sums made once a block.
    Each sum stays within a block, so no rounding error carries past one term
    (a single running sum over all months would carry it, multiplied by
    (1+i) a month, to the end). Amounts: money, (paths,) per month.
    """

    def __init__(self, monthly_rate: float, term: int, survives: np.ndarray, capital: float) -> None:
        self.term = term
        self.survives = survives  # (months, paths): each month's surviving share of every cohort
        self.growth = 1 + monthly_rate
        self.remaining = remaining_balance(monthly_rate, term)
        k = np.arange(term + 1, dtype=float)
        log_growth = np.log1p(monthly_rate)
        self.power = np.exp(k * log_growth)  # (1+i)^k, 1 at a rate of 0
        # e[k]: the repaid share; a rate of 0 has no (1+i)^n - 1 to divide by, and repays k/n.
        self.repaid = k / term if monthly_rate == 0 else np.expm1(k * log_growth) / np.expm1(term * log_growth)
        paths = survives.shape[1]
        self.lent = np.zeros((term, paths))  # the amount lent at t (t = 0: start of month 1), in slot t % term
        self.lent[0] = capital
        self.amount, self.paid = np.zeros(paths), np.zeros(paths)  # U and G of the cohorts lent in this block
        # Set at each block's start: its months' survival x (1+i), and the balance of the cohorts lent in the block before.
        self.survives_growth = self.older_balance = self.scratch = np.zeros((0, paths))
        self.running = 0

    def close(self, m: int, out: np.ndarray) -> None:
        """Write into `out` the book's principal after month m's defaults and payments (loans in arrears not included)."""
        row = m % self.term
        if row == 0:
            self._start_block(m)
        np.multiply(self.amount, self.survives[m], out=self.amount)
        np.multiply(self.paid, self.survives_growth[row], out=self.paid)
        np.multiply(self.amount, self.repaid[1], out=self.scratch)
        self.paid += self.scratch
        np.subtract(self.amount, self.paid, out=out)
        if row < self.running:  # the cohorts of the block before (adding the zero balance of none would change nothing)
            out += self.older_balance[row]

    def slot(self, t: int) -> np.ndarray:
        """Where the amount lent at the end of month t - 1 goes: write it there, then call lend(t)."""
        return self.lent[t % self.term]

    def lend(self, t: int) -> None:
        """Lend what was written into slot(t) at the end of month t - 1: a cohort that first pays in month t."""
        if t % self.term:
            self.amount += self.lent[t % self.term]

    def _start_block(self, c: int) -> None:
        term = self.term
        block = self.survives[c : c + term]
        self.survives_growth = block * self.growth
        self.amount = self.lent[0].copy()
        self.paid = np.zeros_like(self.amount)
        self.scratch = np.empty_like(self.amount)
        # The block's months x = 1..running still have cohorts of the block before running (none from x = term - 1 on).
        self.running = 0 if c == 0 else min(max(term - 2, 0), len(block))
        if self.running == 0:
            return
        running, paths = self.running, block.shape[1]
        # The cohort lent at c - y (y = 1..term-2, slot term - y as c is a whole number of terms) made y payments in
        # the block before: its amount a[y] times that block's survival since. older[k] and older_paid[k] are the
        # sums of a[y] and a[y] e[y] over y = 1..k. Running products and sums are taken row by row, each in the
        # order numpy's cumprod and cumsum take it (which along the first axis go column by column, slowly).
        older, older_paid = np.empty((term - 1, paths)), np.empty((term - 1, paths))
        surviving, amount = self.survives[c - 1].copy(), np.empty(paths)
        for y in range(1, term - 1):
            if y > 1:
                surviving *= self.survives[c - y]
            np.multiply(surviving, self.lent[term - y], out=amount)
            if y == 1:
                older[1] = amount
            else:
                np.add(older[y - 1], amount, out=older[y])
            amount *= self.repaid[y]
            if y == 1:
                older_paid[1] = amount
            else:
                np.add(older_paid[y - 1], amount, out=older_paid[y])
        # Their balance in the block's month x = 1..running: the block's survival to date times
        # r[x] sum a[y] - (1+i)^x sum a[y] e[y] over y = 1..term-1-x.
        sums = slice(term - 2, term - 2 - running, -1)  # the sums over y = 1..term-1-x, x = 1..running
        scheduled = self.remaining[1 : running + 1, None] * older[sums]
        scheduled -= self.power[1 : running + 1, None] * older_paid[sums]
        survival = np.empty((running, paths))
        survival[0] = block[0]
        for x in range(1, running):
            np.multiply(survival[x - 1], block[x], out=survival[x])
        self.older_balance = np.multiply(survival, scheduled, out=scheduled)

    def surviving(self, months: int) -> np.ndarray:
        """Each cohort's surviving amount at the end of the last month, (paths, term), the cohort lent at t in slot t % term."""
        term = self.term
        amounts = self.lent.copy()
        survival = np.empty(amounts.shape[1])
        # The cohort lent at months - y made y payments: its amount times the survival of the last y months.
        for y in range(1, min(term - 1, months) + 1):
            if y == 1:
                survival[:] = self.survives[months - 1]
            else:
                survival *= self.survives[months - y]
            amounts[(months - y) % term] *= survival
        return amounts.T


def expected_losses(p: P2PParams, lent: np.ndarray, arrears: np.ndarray, months: int) -> np.ndarray:
    """Losses still expected on the book at the end of the horizon, net of recoveries, per path (money, >= 0).

    At the expected monthly hazard h = 1 - (1 - d)^(1/12), a unit loan that has
    made k of its n payments is charged off, over the rest of its life, an
    expected S[k] = h r[k] + (1 - h) S[k+1], S[n] = 0, with r[k] the remaining
    balance ratio ((1+i)^n - (1+i)^k)/((1+i)^n - 1): a default in the next month
    takes the balance r[k], the survivors pay down to r[k+1] and face the same
    again. So the book expects (1 - recovery) (sum over cohorts of surviving
    amount x S[k] + principal in arrears), arrears being charged off for certain.
    The ending value is the book less this; earlier months show the book at cost.
    """
    term = p.term
    h = float(monthly_hazard(p.fractions.default_rate))
    remaining = remaining_balance(p.fractions.rate / MONTHS_PER_YEAR, term)
    to_lose = np.zeros(term + 1)
    for k in range(term - 1, -1, -1):
        to_lose[k] = h * remaining[k] + (1 - h) * to_lose[k + 1]
    # The cohort in slot s has made ((months - 1) - s) % term + 1 payments, but for the one lent last (none yet).
    paid = (months - 1 - np.arange(term)) % term + 1
    paid[months % term] = 0
    return (1 - p.fractions.recovery) * (lent @ to_lose[paid] + arrears)


def _work(draws: Draws, name: str, shape: tuple[int, ...], *, zeros: bool = False) -> np.ndarray:
    """A work array: the one of that name kept in the draws' scratch (risk.StackedDraws: from the group of chunks
    before, in a Monte Carlo run) when there is one, else a new one.

    Without zeros, the caller writes all of it. With zeros, a new array is zeros and a kept one holds what the
    group before wrote in it: only for an array that every group writes in the same places.
    """
    scratch = getattr(draws, "scratch", None)
    if scratch is None or not draws.lean:
        return np.zeros(shape) if zeros else np.empty(shape)
    array = scratch.get(name)
    if array is None or array.shape != shape:
        array = scratch[name] = np.zeros(shape) if zeros else np.empty(shape)
    return array


def _expected_losses(p: P2PParams, lent: np.ndarray, arrears: np.ndarray, months: int, draws: Draws) -> np.ndarray:
    """expected_losses per path, over the draws of each chunk of paths that `draws` stacks (one: all of it).

    The losses are a matrix-vector product, whose rounding depends on which rows BLAS takes together: taken
    over each chunk's paths alone, as if that chunk were projected on its own, they are the same to the bit.
    """
    parts = getattr(draws, "parts", None)
    if not parts or len(parts) == 1:
        return expected_losses(p, lent, arrears, months)
    losses = np.empty(lent.shape[0])
    first = 0
    for part in parts:
        rows = slice(first, first + part.paths)
        # The chunk's cohorts as one array of their own, laid out as a chunk projected alone has them.
        losses[rows] = expected_losses(p, np.ascontiguousarray(lent[rows].T).T, arrears[rows], months)
        first += part.paths
    return losses


def remaining_balance(monthly_rate: float, term: int) -> np.ndarray:
    """Balance left on a unit level-payment loan after k = 0..term payments, shape (term + 1,).

    ((1+i)^n - (1+i)^k) / ((1+i)^n - 1), written with expm1/log1p so that a tiny
    rate keeps its precision; 1 - k/n at a rate of 0.
    """
    k = np.arange(term + 1, dtype=float)
    if monthly_rate == 0:
        return 1.0 - k / term
    growth = np.log1p(monthly_rate)
    return (np.expm1(term * growth) - np.expm1(k * growth)) / np.expm1(term * growth)


def net_annualised_return(net: np.ndarray, outstanding: np.ndarray) -> np.ndarray:
    """LendingClub's NAR to date, in percent: ((1 + sum net / sum outstanding)^12 - 1) * 100, 0 before any loan."""
    lent = np.cumsum(outstanding, axis=1)
    monthly = np.divide(np.cumsum(net, axis=1), lent, out=np.zeros_like(lent), where=lent > 0)
    return (np.power(1 + monthly, MONTHS_PER_YEAR) - 1) * 100


def _default_shares(p: P2PParams, draws: Draws) -> np.ndarray:
    """Share of outstanding principal charged off each month, (paths, months); the hazard itself when deterministic."""
    hazard = monthly_hazard(p.fractions.default_rate)
    chance, multiplier = p.fractions.bad_year_probability, p.bad_year_multiplier
    if draws.simulated and chance > 0:
        bad_month = draws.events(chance)
        bad_year = _any_month(bad_month)
        # Each year's hazard, then repeated over its months (the same numbers as month by month, a twelfth of the work).
        scale = np.where(bad_year, multiplier, 1.0) / (1 + chance * (multiplier - 1))
        hazard = np.repeat(np.minimum(hazard * scale, 1.0), MONTHS_PER_YEAR, axis=1)
    shares = draws.binomial(p.loans, hazard)
    shares /= p.loans
    return shares


def _any_month(months: np.ndarray) -> np.ndarray:
    """(paths, years): whether any of a year's twelve months is True, in a boolean (paths, months) array.

    What .reshape(paths, years, 12).any(axis=2) gives, a dozen times faster: a year's twelve one-byte
    booleans are three 32-bit words, nonzero exactly when one of its months is True.
    """
    words = np.ascontiguousarray(months).view(np.uint32)
    return (words[:, 0::3] | words[:, 1::3] | words[:, 2::3]) != 0
