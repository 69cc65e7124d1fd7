"""Back-testing a dividend plan on Shiller's monthly S&P 500 data (`--history`).

The plan (a `DividendParams`: capital, contribution and its yearly raise, DRIP
and the share reinvested, tax withheld on each dividend, the fund's expense
ratio, years, hours) is replayed against every start month of the data whose
horizon fits: with N = 12 x years months and L months of data, the starts are
months 0..L-1-N (1,470 starts for 30 years). All starts are computed at once,
as paths: every array is shaped (starts, N).

The model, for a start month s and months m = 1..N (data month s + m):

- The capital buys index units at the start month's price P[s] (Shiller's
  price is the month's average of daily closes).
- Each month, a unit held during the month (bought by the end of the month
  before) pays D[s+m] / 12: Shiller's dividend is an annual rate.
- Tax is withheld from each dividend. With DRIP, `reinvest` % of the dividend
  after tax buys units at that month's price P[s+m]; the rest is paid out.
- The expense ratio accrues monthly, expense_ratio / 12 of the holding's
  value, paid by selling units (after the reinvestment, as the dividend method).
- Each month's contribution buys units at the end of the month, at P[s+m]; it
  is raised once a year by `contribution_growth`.
- Today's money is money of the start month: a month's money divided by
  CPI[s+m] / CPI[s].

So a start month is the month the capital is invested; the projection's month
1 is the month after it. With DRIP, no tax and no fee, the value grows by
(P[m] + D[m]/12) / P[m-1] a month: the total return of the data's README.

Sign conventions: money paid in is positive in `contributed`; IRR flows are
the user's view (paid in negative, received positive). Money is nominal unless
named real. Percent figures are percent (6.9 means 6.9 %).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from passivecalc.errors import InputError, NoAnswer, option_name
from passivecalc.history_data import CREDIT, ShillerData, load
from passivecalc.methods.dividend import DividendParams
from passivecalc.projection import Extra, Projection, irr_pct
from passivecalc.timeline import MONTHS_PER_YEAR, annual_steps

__all__ = [
    "CREDIT",
    "BOOTSTRAP_REFUSED",
    "REFUSED",
    "FailedRun",
    "HistoryGoal",
    "HistoryResult",
    "Success",
    "check_fields",
    "refused_fields",
    "replay",
    "solve_history",
    "success_rate",
]

# Options the data replaces, with why; keyed by the parameter's key (its CLI option without dashes).
REFUSED: dict[str, str] = {
    "yield": "the dividend each month is the index's",
    "dividend_growth": "the dividend grows as the index's did",
    "price_growth": "the price moves as the index's did",
    "share_price": "units are bought at the index's price",
    "frequency": "the index pays its dividend every month (1/12 of the annual rate)",
    "volatility": "the price moves as the index's did",
    "cut_probability": "dividend cuts are the index's own",
    "cut_size": "dividend cuts are the index's own",
    "inflation": "today's money comes from the CPI of each month",
    "start": "every start month of the data is replayed (choose one start's rows with --start-at)",
}
# With --returns history (bootstrapped futures) the user's yield, share price and frequency stay: the draws
# move them. These would be applied on top of the drawn changes, or are the lognormal model's own.
BOOTSTRAP_REFUSED: dict[str, str] = {
    "dividend_growth": "the dividend grows as the drawn months of the index's did",
    "price_growth": "the price moves as the drawn months of the index's did",
    "volatility": "the price moves as the drawn months of the index's did",
    "cut_probability": "dividend cuts come from the drawn months of the index",
    "cut_size": "dividend cuts come from the drawn months of the index",
}
_FIELD_OF = {"yield": "yield_"}  # keys whose field name differs

# Figures per start: name -> (unit, True when higher is better).
FIGURES: dict[str, tuple[str, bool]] = {
    "ending_value": ("money", True),
    "real_ending_value": ("money", True),
    "monthly_income_end": ("money", True),
    "real_monthly_income_end": ("money", True),
    "total_dividends": ("money", True),
    "total_contributed": ("money", True),
    "irr_pct": ("percent", True),
    "real_irr_pct": ("percent", True),
    "worst_income_drop_pct": ("percent", False),
    "worst_real_income_drop_pct": ("percent", False),
}
Lever = Literal["capital", "contribution", "years"]


def refused_fields(explicit_keys: Iterable[str], *, bootstrap: bool = False) -> list[str]:
    """The keys among those the user set explicitly that history replaces, in `REFUSED` order.

    explicit_keys: keys or field names (`yield` or `yield_`, `dividend-growth` or `dividend_growth`).
    bootstrap: check against `BOOTSTRAP_REFUSED` (`--returns history`) instead of `REFUSED` (`--history`).
    """
    table = BOOTSTRAP_REFUSED if bootstrap else REFUSED
    given = {k.lstrip("-").replace("-", "_") for k in explicit_keys}
    return [key for key in table if key in given or _FIELD_OF.get(key, key) in given]


def check_fields(explicit_keys: Iterable[str], *, bootstrap: bool = False) -> None:
    """Raise InputError for the first explicitly set key that history replaces.

    The message reads, as an option: `--yield: history replaces --yield: the dividend each month is
    the index's; drop it with --history` (with bootstrap=True: `... drop it with --returns history`).
    """
    refused = refused_fields(explicit_keys, bootstrap=bootstrap)
    if refused:
        key = refused[0]
        reason = (BOOTSTRAP_REFUSED if bootstrap else REFUSED)[key]
        flag = "--returns history" if bootstrap else "--history"
        raise InputError(key, f"history replaces {option_name(key)}: {reason}; drop it with {flag}")


# -- the replay ---------------------------------------------------------------


@dataclass(frozen=True)
class _Paths:
    """Monthly arrays of a replay, each (starts, N) unless noted; month m = 1..N is data month s + m."""

    starts: np.ndarray  # (k,) data indices of the start months
    price: np.ndarray  # P[s+m]
    first_price: np.ndarray  # (k,) P[s]
    cash: np.ndarray  # D[s+m] / 12 per unit
    cpi: np.ndarray  # CPI[s+m] / CPI[s]
    shares: np.ndarray  # units held at the end of month m
    held: np.ndarray  # units held during month m
    contributions: np.ndarray  # (N,)
    dividends: np.ndarray
    taxes: np.ndarray
    fees: np.ndarray
    payout: np.ndarray

    @property
    def net_income(self) -> np.ndarray:
        return self.dividends - self.taxes - self.fees

    @property
    def value(self) -> np.ndarray:
        return self.shares * self.price


def _paths(p: DividendParams, data: ShillerData, starts: np.ndarray, n: int) -> _Paths:
    f = p.fractions
    tax = float(f.tax)
    drip = float(f.reinvest) if p.drip else 0.0
    fee_rate = float(f.expense_ratio) / MONTHS_PER_YEAR
    index = starts[:, None] + np.arange(1, n + 1)[None, :]
    price = data.price[index]
    first_price = data.price[starts]
    cash = data.dividend[index] / MONTHS_PER_YEAR
    cpi = data.cpi[index] / data.cpi[starts][:, None]
    contributions = float(p.contribution) * annual_steps(float(f.contribution_growth), n)

    # S[m] = a[m] S[m-1] + b[m]: reinvest, sell for fees, buy the contribution; closed form with A = cumprod(a).
    drip_growth = 1.0 + drip * (1.0 - tax) * cash / price if drip else np.ones_like(price)
    start_shares = float(p.capital) / first_price
    if drip or fee_rate:
        cumulative = np.cumprod(drip_growth * (1.0 - fee_rate), axis=1)
        shares = start_shares[:, None] * cumulative
        if p.contribution > 0:
            shares += cumulative * np.cumsum(contributions / (price * cumulative), axis=1)
    else:
        shares = start_shares[:, None] + np.cumsum(contributions / price, axis=1)
    held = np.empty_like(shares)
    held[:, 0] = start_shares
    held[:, 1:] = shares[:, :-1]
    dividends = held * cash
    taxes = dividends * tax
    fees = held * drip_growth * price * fee_rate
    payout = (1.0 - drip) * (dividends - taxes)
    return _Paths(starts, price, first_price, cash, cpi, shares, held, contributions, dividends, taxes, fees, payout)


def _worst_drop_pct(income: np.ndarray) -> np.ndarray:
    """Largest fall of a monthly series from its running peak, in % of the peak, per row (0 if it never falls)."""
    peak = np.maximum.accumulate(income, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = np.where(peak > 0, 1.0 - income / peak, 0.0)
    return 100.0 * drop.max(axis=1)


def _irr_flows(x: _Paths, capital: float) -> np.ndarray:
    """(k, N+1) flows at t = 0..N months, the user's view: -capital, then payout - contribution, + ending value."""
    k, n = x.price.shape
    flows = np.empty((k, n + 1))
    flows[:, 0] = -capital
    flows[:, 1:] = x.payout - x.contributions
    flows[:, -1] += x.value[:, -1]
    return flows


def fast_irr_pct(flows: np.ndarray) -> np.ndarray:
    """Annualised IRR in percent per row of monthly flows (rows, T+1); NaN where none exists.

    The same root as `projection.irr_pct`, found faster for many rows: NPV is
    first evaluated on a grid of monthly log-rates x in [-0.2, 0.2] (annual
    -91 % to +1,000 %) with one matrix product, which brackets the root within
    0.01; then safeguarded Newton steps inside that bracket. Rows whose root is
    not bracketed on the grid fall back to `projection.irr_pct`.
    """
    flows = np.asarray(flows, dtype=float)
    rows, columns = flows.shape
    t = np.arange(columns, dtype=float)
    grid = np.linspace(-0.2, 0.2, 41)
    # e^(0.2 t) stays finite for t up to 3,500 months, beyond the data's length.
    with np.errstate(under="ignore"):
        weights = np.exp(-grid[None, :] * t[:, None])  # (T+1, G)
    npv = flows @ weights  # (rows, G), sign of NPV at each grid point
    sign = np.sign(npv)
    change = (sign[:, :-1] * sign[:, 1:]) <= 0
    change &= (sign[:, :-1] != 0) | (sign[:, 1:] != 0)
    has = change.any(axis=1) & (flows > 0).any(axis=1) & (flows < 0).any(axis=1)
    # The last sign change on the grid (the highest rate), as irr_pct's bisection finds for ordinary plans.
    j = np.where(has, change.shape[1] - 1 - np.argmax(change[:, ::-1], axis=1), 0)
    low, high = grid[j], grid[j + 1]
    f_low, f_high = npv[np.arange(rows), j], npv[np.arange(rows), j + 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(f_low != f_high, low - f_low * (high - low) / (f_high - f_low), (low + high) / 2)
    x = np.clip(np.nan_to_num(x, nan=0.0), low, high)
    active = np.flatnonzero(has)
    columns = np.ascontiguousarray(flows.T)  # (T+1, rows): Horner walks the months
    for _ in range(20):
        if active.size == 0:
            break
        xa = x[active]
        value, slope = _npv_and_slope(columns if active.size == rows else columns[:, active], xa)
        # Keep the bracket: the side whose sign matches the value moves to x.
        same_low = np.sign(value) == np.sign(f_low[active])
        low[active] = np.where(same_low, xa, low[active])
        high[active] = np.where(same_low, high[active], xa)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = xa - value / slope
        bad = ~np.isfinite(new) | (new <= low[active]) | (new >= high[active])
        new = np.where(value == 0, xa, np.where(bad, (low[active] + high[active]) / 2, new))  # a root stays
        x[active] = new
        active = active[(np.abs(new - xa) > 1e-11) & (high[active] - low[active] > 1e-11) & (value != 0)]
    out = np.where(has, np.expm1(12 * x) * 100, np.nan)
    missing = ~has & (flows > 0).any(axis=1) & (flows < 0).any(axis=1)
    if missing.any():
        out[missing] = irr_pct(flows[missing])
    return out


def _npv_and_slope(columns: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """NPV = sum_t CF_t e^(-x t) per row, and its derivative in x, by Horner's rule in v = e^(-x).

    columns: the flows transposed, (T+1, rows). A loop over the T+1 months on
    vectors of rows: no (rows, T+1) exponential per step.
    """
    v = np.exp(-x)
    value = columns[-1].copy()
    derivative = np.zeros_like(value)  # d NPV / d v
    for column in columns[-2::-1]:
        derivative = derivative * v + value
        value = value * v + column
    return value, -v * derivative  # d/dx = d/dv * dv/dx, dv/dx = -v


@dataclass(frozen=True)
class HistoryResult:
    """The plan replayed from every start month whose horizon fits in the data.

    Per-start figures are arrays shaped (starts,), in the order of `start_dates`:

    - ending_value: value at the end of the horizon (nominal); real_ending_value: in money of the start month;
    - monthly_income_end: mean net income a month (dividends - tax - fees) over the last 12 months,
      nominal; real_monthly_income_end: the same with each month in money of the start month;
    - total_dividends: dividends received over the horizon, before tax (nominal);
    - total_contributed: capital plus contributions (nominal);
    - irr_pct: annualised IRR of the user's flows (capital and contributions in, payouts and the
      ending value out), nominal; real_irr_pct: the same flows in money of the start month;
    - worst_income_drop_pct: largest fall of monthly net income from its running peak, in %
      (nominal); worst_real_income_drop_pct: the same on real monthly net income.
      Above 100 when fees outgrow the dividends and net income turns negative.
    """

    params: DividendParams
    months: int
    start_index: np.ndarray
    start_dates: tuple[str, ...]
    figures: dict[str, np.ndarray]

    @property
    def count(self) -> int:
        return len(self.start_dates)

    def units(self) -> dict[str, str]:
        """Figure name -> unit for renderers: 'money' (in the plan's currency) or 'percent'."""
        return {name: FIGURES.get(name, ("money", True))[0] for name in self.figures}

    def __getattr__(self, name: str) -> np.ndarray:
        figures = object.__getattribute__(self, "figures")
        if name in figures:
            return figures[name]
        raise AttributeError(name)

    def starts(self) -> list[dict[str, str | float | None]]:
        """One dict per start (JSON `history.starts`, CSV rows): {"start": "1929-09", figure: value, ...}; None for NaN."""
        names = list(self.figures)
        columns = [self.figures[name].tolist() for name in names]
        return [
            {"start": date, **{name: (v if math.isfinite(v) else None) for name, v in zip(names, values, strict=True)}}
            for date, *values in zip(self.start_dates, *columns, strict=True)
        ]

    def distribution(self, name: str) -> dict[str, str | float | None]:
        """worst, p10, median, p90, best of one figure over the starts, and the start months of worst and best.

        Directional: p10 is the figure that 10 % of starts did worse than (for a
        drop, where larger is worse, it is the 90th percentile of the drops).
        NaN figures (no IRR) are left out; None when no start has the figure.
        """
        values = self.figures[name]
        higher_is_better = FIGURES.get(name, ("", True))[1]
        ok = np.flatnonzero(np.isfinite(values))
        if ok.size == 0:
            return dict.fromkeys(("worst", "p10", "median", "p90", "best", "worst_start", "best_start"))
        v = values[ok] if higher_is_better else -values[ok]
        sign = 1.0 if higher_is_better else -1.0
        worst, best = ok[np.argmin(v)], ok[np.argmax(v)]
        p10, median, p90 = np.percentile(v, [10, 50, 90])
        return {
            "worst": float(values[worst]),
            "p10": float(sign * p10),
            "median": float(sign * median),
            "p90": float(sign * p90),
            "best": float(values[best]),
            "worst_start": self.start_dates[worst],
            "best_start": self.start_dates[best],
        }

    def summary(self) -> dict[str, dict[str, str | float | None]]:
        """The distribution of every figure (JSON `history.summary`): {figure: {worst, p10, median, p90, best, ...}}."""
        return {name: self.distribution(name) for name in self.figures}

    def by_start_year(self, name: str = "real_monthly_income_end") -> list[tuple[int, float]]:
        """(year, mean of the figure over that year's start months), one per start year: a chart's points.

        The last start year may have fewer than 12 start months.
        """
        years = np.array([int(date[:4]) for date in self.start_dates])
        values = self.figures[name]
        first = int(years[0])
        sums = np.bincount(years - first, weights=values)
        counts = np.bincount(years - first)
        return [(first + i, float(sums[i] / counts[i])) for i in range(counts.size) if counts[i]]

    def as_dict(self, target: float | None = None) -> dict:
        """The JSON `history` object: starts, summary, and the success rate when a target is given.

        {"data": credit, "months": N, "first_start", "last_start", "median_start",
        "starts": [{"start": "1929-09", figure: value, ...}], "summary": {figure: {worst, p10, ...}},
        "success": {...} (with a target)}. NaN figures are null.
        """
        out: dict = {
            "data": CREDIT,
            "months": self.months,
            "first_start": self.first_start,
            "last_start": self.last_start,
            "median_start": self.median_start(),
            "starts": self.starts(),
            "summary": self.summary(),
        }
        if target is not None:
            out["success"] = success_rate(self, target).as_dict()
        return out

    @property
    def first_start(self) -> str:
        return self.start_dates[0]

    @property
    def last_start(self) -> str:
        return self.start_dates[-1]

    def median_start(self) -> str:
        """The start whose real monthly income in the last year is the median (the lower middle for an even count)."""
        order = np.argsort(self.figures["real_monthly_income_end"], kind="stable")
        return self.start_dates[int(order[(self.count - 1) // 2])]

    def projection(self, start_at: str | None = None) -> Projection:
        """The standard projection of one start (the median start when None); see `projection_at`."""
        return projection_at(self.params, start_at or self.median_start(), months=self.months)


def _start_indices(data: ShillerData, n: int) -> np.ndarray:
    count = len(data) - n
    if count < 1:
        years = (len(data) - 1) // MONTHS_PER_YEAR
        raise InputError(
            "years",
            f"{n // MONTHS_PER_YEAR} years do not fit in the data ({data.dates[0]} to {data.dates[-1]}); allowed with --history: at most {years}",
        )
    return np.arange(count)


def replay(
    params: DividendParams, *, months: int | None = None, irr: bool = True, data: ShillerData | None = None
) -> HistoryResult:
    """Replay the plan from every start month whose horizon fits; figures per start (see `HistoryResult`).

    months: the horizon, 12 x params.years by default (any whole number of
    months from 1 up to the data's length - 1 is allowed here: 1829 replays
    1871-01 to 2023-06). irr=False skips both IRRs (NaN), the slowest figures,
    when only incomes and values are needed (goal solving). data: the packaged
    series by default.
    """
    d = data or load()
    n = int(months if months is not None else params.years * MONTHS_PER_YEAR)
    if n < 1:
        raise InputError("years", f"{n} months is no horizon (allowed: at least 1 month)")
    starts = _start_indices(d, n)
    x = _paths(params, d, starts, n)
    net = x.net_income
    real_net = net / x.cpi
    last_year = slice(max(n - MONTHS_PER_YEAR, 0), n)
    value = x.value
    figures: dict[str, np.ndarray] = {
        "ending_value": value[:, -1],
        "real_ending_value": value[:, -1] / x.cpi[:, -1],
        "monthly_income_end": net[:, last_year].mean(axis=1),
        "real_monthly_income_end": real_net[:, last_year].mean(axis=1),
        "total_dividends": x.dividends.sum(axis=1),
        "total_contributed": np.full(starts.size, float(params.capital) + float(x.contributions.sum())),
    }
    if irr:
        flows = _irr_flows(x, float(params.capital))
        deflator = np.ones((starts.size, n + 1))
        deflator[:, 1:] = x.cpi
        figures["irr_pct"] = fast_irr_pct(flows)
        figures["real_irr_pct"] = fast_irr_pct(flows / deflator)
    else:
        figures["irr_pct"] = figures["real_irr_pct"] = np.full(starts.size, np.nan)
    figures["worst_income_drop_pct"] = _worst_drop_pct(net)
    figures["worst_real_income_drop_pct"] = _worst_drop_pct(real_net)
    return HistoryResult(
        params=params,
        months=n,
        start_index=starts,
        start_dates=tuple(d.dates[i] for i in starts),
        figures=figures,
    )


def projection_at(
    params: DividendParams, start_at: str, *, months: int | None = None, data: ShillerData | None = None
) -> Projection:
    """The standard projection (one path) of the plan started in month `start_at` ('YYYY-MM').

    Month 1 is the month after the start month (the capital buys at the start
    month's price), so `Projection.start` is that next month and rows are
    labelled with the data months they use. Standard columns as the dividend
    method's (income: dividends before tax; costs: the expense ratio; taxes:
    withholding; payout: dividends paid out in cash; value: units x price;
    hours). Own columns: shares (index units), dividend_per_share (the index's
    annual dividend per unit that month), and today's money from the CPI, in
    money of the start month: real_net_income, real_payout, real_value.
    Raises InputError('start_at') when the month is not a start whose horizon fits.
    """
    d = data or load()
    n = int(months if months is not None else params.years * MONTHS_PER_YEAR)
    count = len(d) - n
    try:
        s = d.index_of(start_at)
    except ValueError as error:
        raise InputError("start_at", str(error)) from None
    if s >= count:
        last = d.dates[count - 1] if count > 0 else "none"
        raise InputError(
            "start_at",
            f"{start_at} leaves too few months of data for {n // MONTHS_PER_YEAR} years (last start that fits: {last})",
        )
    x = _paths(params, d, np.array([s]), n)
    contributed = x.contributions[None, :].copy()
    contributed[:, 0] += params.capital
    previous_price = np.concatenate([x.first_price[:, None], x.price[:, :-1]], axis=1)
    hours = np.full(n, float(params.hours_per_month))
    hours[0] += float(params.setup_hours)
    net = x.net_income
    projection = Projection.build(
        n,
        contributed=contributed,
        income=x.dividends,
        costs=x.fees,
        taxes=x.taxes,
        payout=x.payout,
        value=x.value,
        hours=hours,
        revaluation=x.held * (x.price - previous_price),
        upfront=float(params.capital),
        after_tax=params.tax > 0,
        extras={
            "shares": Extra(x.shares, "last", "count"),
            "dividend_per_share": Extra(x.cash * MONTHS_PER_YEAR, "last", "money"),
            "real_net_income": Extra(net / x.cpi, "sum", "money"),
            "real_payout": Extra(x.payout / x.cpi, "sum", "money"),
            "real_value": Extra(x.value / x.cpi, "last", "money"),
        },
        notes=(f"history: started {start_at} (capital invested at that month's index price); {CREDIT}",),
    )
    return replace(projection, currency=params.currency, start=d.dates[s + 1])


# -- success rate ---------------------------------------------------------------


@dataclass(frozen=True)
class FailedRun:
    """Consecutive failed start months, first to last ('YYYY-MM'); `count` months."""

    first: str
    last: str
    count: int

    @property
    def years(self) -> str:
        """'1901-1920', or '1901' when the run stays within one year."""
        a, b = self.first[:4], self.last[:4]
        return a if a == b else f"{a}-{b}"


@dataclass(frozen=True)
class Success:
    """How many starts reached the target: real monthly net income in the last year >= target.

    rate_pct: reached / total x 100; failed: the failed start months in runs of consecutive months.
    """

    target: float
    reached: int
    total: int
    failed: tuple[FailedRun, ...]

    @property
    def rate_pct(self) -> float:
        return 100.0 * self.reached / self.total if self.total else float("nan")

    def failed_years(self) -> list[str]:
        """The failed runs as year ranges, runs in the same years merged: ['1901-1920', '1929-1932']."""
        spans: list[list[int]] = []
        for run in self.failed:
            a, b = int(run.first[:4]), int(run.last[:4])
            if spans and a <= spans[-1][1] + 1:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        return [str(a) if a == b else f"{a}-{b}" for a, b in spans]

    def as_dict(self) -> dict:
        return {
            "target": self.target,
            "success_rate_pct": self.rate_pct,
            "reached": self.reached,
            "starts": self.total,
            "failed": [{"first": r.first, "last": r.last, "months": r.count} for r in self.failed],
            "failed_years": self.failed_years(),
        }


def success_rate(result: HistoryResult, target: float) -> Success:
    """The share of starts whose REAL monthly net income in the last year reached `target` (FIRECalc's success rate).

    target: money a month, in money of each start month (today's money of the start).
    """
    reached = result.figures["real_monthly_income_end"] >= target
    failed_index = np.flatnonzero(~reached)
    runs: list[FailedRun] = []
    if failed_index.size:
        breaks = np.flatnonzero(np.diff(failed_index) > 1)
        firsts = np.concatenate([[0], breaks + 1])
        lasts = np.concatenate([breaks, [failed_index.size - 1]])
        for a, b in zip(firsts, lasts, strict=True):
            runs.append(
                FailedRun(result.start_dates[failed_index[a]], result.start_dates[failed_index[b]], int(b - a + 1))
            )
    return Success(target=float(target), reached=int(reached.sum()), total=result.count, failed=tuple(runs))


# -- historical-confidence goal ------------------------------------------------------


@dataclass(frozen=True)
class HistoryGoal:
    """The answer of `solve_history`: the lever's value and the success it gives."""

    lever: str
    value: float
    success: Success
    params: DividendParams

    def as_dict(self) -> dict:
        """JSON: {"lever", "value", "success": Success.as_dict()}."""
        return {"lever": self.lever, "value": self.value, "success": self.success.as_dict()}


def _reached_share(params: DividendParams, target: float, data: ShillerData) -> float:
    result = replay(params, irr=False, data=data)
    return _share_of(result.figures["real_monthly_income_end"], target)


def _share_of(real_income: np.ndarray, target: float) -> float:
    """Percent of starts whose real monthly income in the last year reached the target (as `success_rate`)."""
    return 100.0 * float(np.count_nonzero(real_income >= target)) / real_income.size


def solve_history(
    params: DividendParams,
    target: float,
    confidence: float,
    lever: Lever,
    *,
    data: ShillerData | None = None,
    tolerance: float = 1e-6,
) -> HistoryGoal:
    """The smallest value of `lever` with which `confidence` % of historical starts reach `target`.

    target: real monthly net income in the last year (money of each start
    month); confidence: percent, 0 < confidence <= 100; lever: capital,
    contribution (money, solved to within `tolerance` x the answer, at least
    a thousandth of a unit) or years (whole years).

    Capital and contribution: the share of starts reaching the target never
    falls as either rises (each start's income is linear in both, with a
    non-negative slope unless fees exceed dividends). Two replays give each
    start's line, whose order statistic is the answer; bisection confirms it
    in a bracket of a few parts in 10^7 around it (about five replays in
    all), or searches the field's declared bounds when the guess fails. Years: the set of starts changes with the horizon, so the share
    need not rise with the years; every horizon from 1 year up is tried and the
    first that reaches the confidence is the answer.
    Raises NoAnswer when no value within the bounds reaches the confidence.
    """
    d = data or load()
    if not 0 < confidence <= 100:
        raise InputError("confidence", f"{confidence:g} is outside 0 to 100 % (allowed: above 0, up to 100)")
    need = confidence - 1e-9

    def share(value: float) -> float:
        return _reached_share(params.model_copy(update={lever: value}), target, d)

    if lever == "years":
        upper = min(int(_upper("years")), (len(d) - 1) // MONTHS_PER_YEAR)
        for years in range(1, upper + 1):
            if share(years) >= need:
                p = params.model_copy(update={"years": years})
                return HistoryGoal("years", float(years), success_rate(replay(p, irr=False, data=d), target), p)
        raise NoAnswer(
            f"no horizon up to {upper} years reaches {target:,.2f} a month in {confidence:g} % of historical starts"
        )
    if lever not in ("capital", "contribution"):
        raise InputError("solve", f"{lever!r} cannot be solved with --history (allowed: capital, contribution, years)")
    bound = _upper(lever)

    def income(value: float) -> np.ndarray:
        result = replay(params.model_copy(update={lever: value}), irr=False, data=d)
        return result.figures["real_monthly_income_end"]

    # Each start's income is a + b x lever: two replays give a and b, and the answer is an order statistic of
    # the lever each start needs. Bisection then confirms it within a narrow bracket, or, should the guess
    # be off, searches the field's whole range.
    base = income(0.0)
    if _share_of(base, target) >= need:
        low = high = 0.0
    else:
        reference = max(float(getattr(params, lever)), 1_000.0)
        slope = (income(reference) - base) / reference
        with np.errstate(divide="ignore", invalid="ignore"):
            needed = np.where(slope > 0, (target - base) / slope, np.inf)
        needed = np.where(base >= target, 0.0, needed)
        k = max(1, math.ceil(confidence / 100 * needed.size - 1e-9))
        guess = float(np.sort(needed)[k - 1])
        low, high = 0.0, bound
        if math.isfinite(guess) and guess <= bound:
            above, below = min(guess * (1 + 1e-7) + 1e-6, bound), guess * (1 - 1e-7)
            if share(above) >= need:
                high = above
                if share(below) < need:
                    low = below
        if high == bound and share(bound) < need:
            raise NoAnswer(
                f"no {lever} up to {bound:,.0f} reaches {target:,.2f} a month in {confidence:g} % of historical starts"
            )
        while high - low > max(tolerance * high, 1e-3):
            middle = (low + high) / 2
            if share(middle) >= need:
                high = middle
            else:
                low = middle
    p = params.model_copy(update={lever: high})
    return HistoryGoal(lever, high, success_rate(replay(p, irr=False, data=d), target), p)


def _upper(lever: str) -> float:
    for item in DividendParams.model_fields[lever].metadata:
        le = getattr(item, "le", None)
        if le is not None:
            return float(le)
    return 1e12
