"""Projection: the standard monthly columns every method produces, and what follows from them.

Every column is shaped (paths, N): N months, one row per simulated path (one
path for a deterministic run). Money is nominal, in the scenario's currency.
Per month and path, the columns are tied by:

    net_income = income - costs - taxes
    payout     = net_income - reinvested
    value[m]   = value[m-1] + contributed[m] + reinvested[m] - returned[m] + revaluation[m]

`revaluation` (what markets did to the value) is kept beside the columns so
that the identity can be checked; it is not an output column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from passivecalc.timeline import MONTHS_PER_YEAR, deflators, month_labels, previous_month

STANDARD_COLUMNS = (
    "contributed",
    "income",
    "costs",
    "taxes",
    "net_income",
    "reinvested",
    "payout",
    "returned",
    "value",
    "hours",
)

# How a column rolls up from months to years: flows add up, levels take the year's last month.
Rollup = Literal["sum", "last", "mean"]
# What a column's numbers are, so that renderers format them: money gets the currency symbol.
Unit = Literal["money", "count", "percent", "tokens", "hours", "ratio"]

SUMMARY_KEYS = (
    "total_contributed",
    "total_income",
    "total_costs",
    "total_taxes",
    "total_reinvested",
    "total_payout",
    "total_returned",
    "ending_value",
    "net_gain",
    "monthly_income_end",
    "yield_on_cost_pct",
    "irr_pct",
    "breakeven_month",
    "total_hours",
    "hourly_rate",
)


@dataclass(frozen=True)
class Extra:
    """A method's own column (shares held, loans outstanding, students...)."""

    values: np.ndarray
    rollup: Rollup = "last"
    unit: Unit = "count"


@dataclass(frozen=True)
class Metric:
    """A method's own summary figure, one value per path (shape (paths,)), shown after the standard summary."""

    values: np.ndarray
    unit: Unit = "money"


@dataclass(frozen=True)
class Projection:
    """Monthly columns of one scenario, each shaped (paths, N).

    Build one with `Projection.build`, which derives net_income and payout and
    broadcasts scalars, so that the identities above hold by construction.
    """

    contributed: np.ndarray
    income: np.ndarray
    costs: np.ndarray
    taxes: np.ndarray
    net_income: np.ndarray
    reinvested: np.ndarray
    payout: np.ndarray
    returned: np.ndarray
    value: np.ndarray
    hours: np.ndarray
    revaluation: np.ndarray
    # Money put in at the start of month 1 (initial capital, setup costs): part of
    # contributed[month 1], and timed at t=0 for the IRR; the rest of
    # contributed[m] arrives at the end of month m.
    upfront: np.ndarray
    extras: dict[str, Extra] = field(default_factory=dict)
    # A method's own headline figures for the summary, one per path (a P2P book's NAR), after the standard ones.
    metrics: dict[str, Metric] = field(default_factory=dict)
    inflation: float = 0.0  # fraction per year; 0 means no today's-money columns
    # Money per hour of the user's time; above 0 the summary adds net gain and IRR after that time.
    hour_value: float = 0.0
    currency: str = "USD"
    start: str | None = None
    after_tax: bool = False  # True when a tax rate was applied to the income
    notes: tuple[str, ...] = ()  # things the user should know about this result (stderr, JSON)

    @classmethod
    def build(
        cls,
        months: int,
        *,
        contributed=0.0,
        income=0.0,
        costs=0.0,
        taxes=0.0,
        reinvested=None,
        payout=None,
        returned=0.0,
        value=0.0,
        hours=0.0,
        revaluation=0.0,
        upfront=0.0,
        extras: dict[str, Extra] | None = None,
        metrics: dict[str, Metric] | None = None,
        after_tax: bool = False,
        notes: tuple[str, ...] = (),
    ) -> Projection:
        """Give either `reinvested` or `payout` (not both); the other follows.

        Every array broadcasts to (paths, months); scalars are fine.
        """
        if (reinvested is None) == (payout is None):
            raise TypeError("give exactly one of reinvested and payout")
        arrays = {
            "contributed": contributed,
            "income": income,
            "costs": costs,
            "taxes": taxes,
            "returned": returned,
            "value": value,
            "hours": hours,
            "revaluation": revaluation,
        }
        if reinvested is not None:
            arrays["reinvested"] = reinvested
        else:
            arrays["payout"] = payout
        given = [*arrays.values(), *(e.values for e in (extras or {}).values())]
        paths = max(np.shape(a)[0] if np.ndim(a) == 2 else 1 for a in given)
        shape = (paths, months)
        columns = {name: _as_paths(a, shape) for name, a in arrays.items()}
        net_income = _minus(_minus(columns["income"], costs, columns["costs"]), taxes, columns["taxes"])
        if reinvested is not None:
            columns["payout"] = _minus(net_income, reinvested, columns["reinvested"])
        else:
            columns["reinvested"] = _minus(net_income, payout, columns["payout"])
        extras = {name: replace(extra, values=_as_paths(extra.values, shape)) for name, extra in (extras or {}).items()}
        return cls(
            contributed=columns["contributed"],
            income=columns["income"],
            costs=columns["costs"],
            taxes=columns["taxes"],
            net_income=net_income,
            reinvested=columns["reinvested"],
            payout=columns["payout"],
            returned=columns["returned"],
            value=columns["value"],
            hours=columns["hours"],
            revaluation=columns["revaluation"],
            upfront=np.broadcast_to(np.asarray(upfront, dtype=float), (paths,)).copy(),
            extras=extras,
            metrics={
                name: replace(metric, values=np.broadcast_to(np.asarray(metric.values, dtype=float), (paths,)))
                for name, metric in (metrics or {}).items()
            },
            after_tax=after_tax,
            notes=notes,
        )

    # -- shape ---------------------------------------------------------------

    @property
    def paths(self) -> int:
        return self.value.shape[0]

    @property
    def months(self) -> int:
        return self.value.shape[1]

    @property
    def years(self) -> int:
        return self.months // MONTHS_PER_YEAR

    def column(self, name: str) -> np.ndarray:
        if name in STANDARD_COLUMNS:
            return getattr(self, name)
        return self.extras[name].values

    def path(self, index: int) -> Projection:
        """One path of a simulated projection, as a one-path projection."""
        return self._map(lambda a: a[index : index + 1])

    def _map(self, fn) -> Projection:
        """Apply fn to every (paths, N) array and the (paths,) upfront array."""
        changes = {name: fn(getattr(self, name)) for name in (*STANDARD_COLUMNS, "revaluation")}
        changes["upfront"] = fn(self.upfront[:, None])[:, 0]
        changes["extras"] = {n: replace(e, values=fn(e.values)) for n, e in self.extras.items()}
        changes["metrics"] = {n: replace(m, values=fn(m.values[:, None])[:, 0]) for n, m in self.metrics.items()}
        return replace(self, **changes)

    # -- checks --------------------------------------------------------------

    def conservation_error(self) -> np.ndarray:
        """value[m] - (value[m-1] + contributed + reinvested - returned + revaluation), per month and path."""
        expected = (
            previous_month(self.value, 0.0) + self.contributed + self.reinvested - self.returned + self.revaluation
        )
        return self.value - expected

    # -- today's money -------------------------------------------------------

    def real_columns(self) -> dict[str, Extra]:
        """Today's-money versions of net income, payout and value (empty without inflation)."""
        if self.inflation <= 0:
            return {}
        deflator = deflators(self.inflation, self.months)
        return {
            "real_net_income": Extra(self.net_income / deflator, "sum", "money"),
            "real_payout": Extra(self.payout / deflator, "sum", "money"),
            "real_value": Extra(self.value / deflator, "last", "money"),
        }

    def all_columns(self) -> dict[str, Extra]:
        """Every output column in order: standard, the method's own, then today's money."""
        standard = {
            name: Extra(
                getattr(self, name), "last" if name == "value" else "sum", "hours" if name == "hours" else "money"
            )
            for name in STANDARD_COLUMNS
        }
        return {**standard, **self.extras, **self.real_columns()}

    # -- roll-ups ------------------------------------------------------------

    def rows(self, period: Literal["year", "month"] = "year", path: int = 0) -> list[dict]:
        """One dict per period for one path: year, month (monthly only), date (with a start), columns."""
        columns = self.all_columns()
        n = self.months
        labels: dict[str, Any]
        if period == "month":
            index = np.arange(n)
            labels = {"year": index // MONTHS_PER_YEAR + 1, "month": index + 1}
            data = {name: col.values[path] for name, col in columns.items()}
            last_months = index
        else:
            labels = {"year": np.arange(1, self.years + 1)}
            data = {name: rollup(col.values[path : path + 1], col.rollup)[0] for name, col in columns.items()}
            last_months = np.arange(MONTHS_PER_YEAR - 1, n, MONTHS_PER_YEAR)
        if self.start:
            dates = month_labels(self.start, n)
            labels["date"] = [dates[i] for i in last_months]
        count = len(labels["year"])
        return [
            {**{k: _plain(v[i]) for k, v in labels.items()}, **{k: float(v[i]) for k, v in data.items()}}
            for i in range(count)
        ]

    def units(self) -> dict[str, Unit]:
        return {name: col.unit for name, col in self.all_columns().items()}

    def metric_units(self) -> dict[str, Unit]:
        """Units of the summary figures beyond the standard ones: time priced, then the method's metrics."""
        timed: dict[str, Unit] = (
            {"net_gain_after_time": "money", "irr_after_time_pct": "percent"} if self.hour_value > 0 else {}
        )
        return {**timed, **{name: metric.unit for name, metric in self.metrics.items()}}

    # -- summary -------------------------------------------------------------

    def summary_arrays(self, irr: bool = True) -> dict[str, np.ndarray]:
        """The summary per path (SUMMARY_KEYS, then figures a setting or the method adds), each shaped (paths,). NaN stands for 'none' (null)."""
        total = {name: self.column(name).sum(axis=1) for name in STANDARD_COLUMNS}
        last_year = slice(max(self.months - MONTHS_PER_YEAR, 0), self.months)
        last_year_net = self.net_income[:, last_year].sum(axis=1)
        ending_value = self.value[:, -1]
        gain = net_gain(ending_value, total["payout"], total["returned"], total["contributed"])
        contributed = total["contributed"]
        hours = total["hours"]
        # A ratio over a subnormal denominator overflows; summary() shows a non-finite figure as none.
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            yield_on_cost = np.where(contributed > 0, 100.0 * last_year_net / contributed, np.nan)
            hourly = np.where(hours > 0, gain / hours, np.nan)
        out = {
            "total_contributed": contributed,
            "total_income": total["income"],
            "total_costs": total["costs"],
            "total_taxes": total["taxes"],
            "total_reinvested": total["reinvested"],
            "total_payout": total["payout"],
            "total_returned": total["returned"],
            "ending_value": ending_value,
            "net_gain": gain,
            "monthly_income_end": self.net_income[:, last_year].mean(axis=1),
            "yield_on_cost_pct": yield_on_cost,
            "irr_pct": irr_pct(self.irr_flows()) if irr else np.full(self.paths, np.nan),
            "breakeven_month": self.breakeven_month(),
            "total_hours": hours,
            "hourly_rate": hourly,
        }
        if self.hour_value > 0:
            # Time priced: each month's hours x hour_value count as money put in (see irr_flows).
            out["net_gain_after_time"] = gain - hours * self.hour_value
            out["irr_after_time_pct"] = irr_pct(self.irr_flows(time=True)) if irr else np.full(self.paths, np.nan)
        if self.inflation > 0:
            real = self.real_columns()
            out["real_ending_value"] = real["real_value"].values[:, -1]
            out["real_monthly_income_end"] = real["real_net_income"].values[:, last_year].mean(axis=1)
        out.update({name: metric.values for name, metric in self.metrics.items()})
        return out

    def summary(self, path: int = 0) -> dict[str, float | int | None]:
        """The summary of one path as plain numbers; None where a figure does not exist."""
        return {
            key: (None if not np.isfinite(v[path]) else int(v[path]) if key == "breakeven_month" else float(v[path]))
            for key, v in self.summary_arrays().items()
        }

    def irr_flows(self, time: bool = False) -> np.ndarray:
        """Cash flows at t = 0..N months, shape (paths, N+1), the user's view: + received, - paid in.

        t=0: -upfront. t=m: payout + returned - (contributed - upfront in month 1) (end of month m).
        The ending value is added as a last inflow at t=N. With time, each month's
        hours x hour_value is money put in at the end of that month as well.
        """
        flows = np.zeros((self.paths, self.months + 1))
        flows[:, 0] = -self.upfront
        flows[:, 1:] = self.payout + self.returned - self.contributed
        if time:
            flows[:, 1:] -= self.hours * self.hour_value
        flows[:, 1] += self.upfront
        flows[:, -1] += self.value[:, -1]
        return flows

    def breakeven_month(self) -> np.ndarray:
        """First month m where cumulative payout + returned + value >= cumulative contributed (NaN if never)."""
        received = np.cumsum(self.payout + self.returned, axis=1) + self.value
        paid = np.cumsum(self.contributed, axis=1)
        tolerance = 1e-9 * np.maximum(1.0, np.abs(paid))
        even = received >= paid - tolerance
        first = np.argmax(even, axis=1).astype(float) + 1
        return np.where(even.any(axis=1), first, np.nan)


def net_gain(ending_value, total_payout, total_returned, total_contributed) -> np.ndarray:
    """What a scenario left the user better off, in money: ending value + payout + returned - contributed.

    Each argument is per path, shape (paths,) (or anything that broadcasts).
    Positive: the user has more than was put in; negative: money was lost.
    The one definition the summary, Monte Carlo and goal seeking share.
    """
    return ending_value + total_payout + total_returned - total_contributed


def rollup(values: np.ndarray, how: Rollup) -> np.ndarray:
    """(paths, N) months -> (paths, N // 12) years: "sum" adds a year's months, "mean" is that sum / 12,
    "last" takes its twelfth month. Months after the last whole year are left out.

    The one yearly roll-up (rows, tax, goal figures, Monte Carlo). One path
    (a deterministic run) is added with numpy's sum, the figures CSV has always
    shown; many paths with a product with ones, several times faster over so
    short an axis, equal to within rounding.
    """
    paths, n = values.shape
    years = n // MONTHS_PER_YEAR
    by_year = values[:, : years * MONTHS_PER_YEAR].reshape(paths, years, MONTHS_PER_YEAR)
    if how == "last":
        return by_year[:, :, -1]
    summed = by_year.sum(axis=2) if paths == 1 else by_year @ np.ones(MONTHS_PER_YEAR)
    return summed / MONTHS_PER_YEAR if how == "mean" else summed


def irr_pct(flows: np.ndarray, iterations: int = 200) -> np.ndarray:
    """Annualised internal rate of return in percent, per path; NaN where none exists.

    flows: (paths, T+1), monthly cash flows at t = 0..T. Solves NPV(r) = 0 for
    the monthly rate r by bisection on x = ln(1 + r), vectorised over paths.
    Only the sign of NPV matters, so it is evaluated in whichever form cannot
    overflow: sum CF_t e^(-x t) for x >= 0, sum CF_t e^(x (T - t)) for x < 0
    (the same sign, scaled by e^(x T) > 0). The bracket spans monthly rates of
    -99 % to +300 %, far beyond any sensible annual figure; where NPV has the
    same sign at both ends there is no IRR in range and the result is NaN.
    """
    flows = np.asarray(flows, dtype=float)
    t = np.arange(flows.shape[1], dtype=float)
    horizon = t[-1]

    def npv_sign(x: np.ndarray) -> np.ndarray:
        x = x[:, None]
        with np.errstate(over="ignore", under="ignore"):
            weights = np.where(x >= 0, np.exp(-np.abs(x) * t), np.exp(-np.abs(x) * (horizon - t)))
        return np.sign((flows * weights).sum(axis=1))

    low = np.full(flows.shape[0], np.log(0.01))
    high = np.full(flows.shape[0], np.log(4.0))
    sign_low, sign_high = npv_sign(low), npv_sign(high)
    # Flows that never change sign (all zero, say) have no rate: NPV would be 0 or one-signed everywhere.
    changes_sign = (flows > 0).any(axis=1) & (flows < 0).any(axis=1)
    exists = changes_sign & ((sign_low * sign_high < 0) | (sign_low == 0) | (sign_high == 0))
    for _ in range(iterations):
        middle = (low + high) / 2
        sign_middle = npv_sign(middle)
        same_as_low = sign_middle == sign_low
        low = np.where(same_as_low, middle, low)
        high = np.where(same_as_low, high, middle)
        if np.all(high - low < 1e-13):
            break
    x = (low + high) / 2
    x = np.where(sign_low == 0, np.log(0.01), np.where(sign_high == 0, np.log(4.0), x))
    annual = np.expm1(12 * x) * 100
    return np.where(exists, annual, np.nan)


def total(projections: list[Projection]) -> Projection:
    """The sum of several projections of the same length: standard columns add, method columns drop.

    Portfolio and compare build on this. Inflation, currency and start come from the first.
    """
    first = projections[0]
    if any(p.months != first.months for p in projections):
        raise ValueError("projections to add must have the same number of months")
    summed = {
        name: sum(getattr(p, name) for p in projections) for name in (*STANDARD_COLUMNS, "revaluation", "upfront")
    }
    return replace(
        first,
        extras={},
        metrics={},
        after_tax=any(p.after_tax for p in projections),
        notes=tuple(note for p in projections for note in p.notes),
        **summed,
    )


def _as_paths(a, shape: tuple[int, int]) -> np.ndarray:
    """A scalar, (N,), (1, N) or (paths, N) array as (paths, N) floats, without copying.

    Smaller inputs become read-only broadcast views, so a column constant across
    paths costs no memory, and full arrays are taken as they are: a Monte Carlo
    chunk builds its projection without a copy of any column. Nothing writes to a
    projection's arrays (a write to a view would fail loudly); make a copy first.
    """
    return np.broadcast_to(np.asarray(a, dtype=float), shape)


def _minus(a: np.ndarray, given, b: np.ndarray) -> np.ndarray:
    """a - b, skipping the pass over the data when b was given as a plain zero."""
    return a if np.ndim(given) == 0 and given == 0 else a - b


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v
