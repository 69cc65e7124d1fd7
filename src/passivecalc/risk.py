"""Monte Carlo: many paths of the same method code, and what their spread says.

A method takes its uncertain inputs from a `Draws` (see draws.py). The engine
runs it on chunks of paths, each chunk with a `Draws` of its own generator, and
keeps per path only what the result needs: each year's value, payout and
monthly income, and the path's summary figures. Memory is bounded by the
chunk, whatever the number of paths. A method whose cost is its own loop over
months (GROUP_CELLS: p2p) runs several whole chunks in one projection, over
`StackedDraws` that draw each chunk as it would be drawn alone; each chunk's
figures are read from its own rows, so the numbers are the same.

Reproducible: the seed feeds `np.random.SeedSequence(seed)`, whose spawned
children seed one PCG64 generator per chunk, and the chunk size depends only
on the number of months. So a seed gives the same numbers on every run and
machine. Without a seed a fresh one is drawn and reported, so that any run can
be repeated.

Figures, per year y (1-based) and path:
- value: the value at the end of year y;
- payout: the payout taken during year y (sum of its months);
- monthly income: the year's net income / 12 (net income a month, on average);
- reached target (with a target): monthly income >= target in year y or any
  year before it;
- worst drop: the largest fall of monthly income below its best earlier
  year, in percent of that best year (0 when it never falls);
- losing money: net_gain < 0 (ending value + payout + returned - contributed).
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.projection import net_gain, rollup
from passivecalc.timeline import MONTHS_PER_YEAR

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from passivecalc.methods import Method
    from passivecalc.params import Params
    from passivecalc.projection import Projection

PERCENTILES = (10, 25, 50, 75, 90)
YEARLY = ("value", "payout", "monthly_income")
PER_PATH = ("ending_value", "net_gain", "monthly_income_end", "total_payout", "total_contributed", "worst_drop_pct")
# Months x paths per chunk: a few MB per column, so that the work stays in cache
# and a method's temporary arrays stay far below a GiB at any horizon.
CHUNK_CELLS = 1 << 17
# Methods whose cost is mostly a loop over months in Python (a few numpy calls a month on a chunk's paths) run
# several whole chunks in one projection, about this many path-months at a time, so that each call works on more
# paths. Each chunk still draws from its own generator what it would draw alone (`StackedDraws`) and its figures are
# read from its own rows, so the same seed gives the same numbers.
GROUP_CELLS = {"p2p": 1 << 20}
# The most paths a run may ask for: a million paths of a 100-year horizon already take minutes.
MAX_PATHS = 1_000_000
# Seeds are what np.random.SeedSequence takes and fresh_seed draws: 0 to 2**63 - 1.
MAX_SEED = 2**63 - 1
# Runs expected to take longer than this get a progress bar (on a terminal).
PROGRESS_AFTER_SECONDS = 1.0


@dataclass(frozen=True)
class Simulation:
    """What many paths say. Percentile arrays are shaped (len(PERCENTILES), years).

    yearly: {"value", "payout", "monthly_income"} -> percentiles per year.
    final: {per-path figure in PER_PATH} -> percentiles, shape (len(PERCENTILES),).
    reached: paths whose monthly income reached `target` by each year, shape (years,); None without a target.
    """

    paths: int
    years: int
    seed: int
    target: float | None
    yearly: dict[str, np.ndarray]
    final: dict[str, np.ndarray]
    reached: np.ndarray | None
    losing_paths: int
    currency: str = "USD"

    @property
    def probability_of_loss(self) -> float:
        return self.losing_paths / self.paths

    def rows(self) -> list[dict]:
        """Tidy rows: one per year and percentile, with value, payout and monthly income (and the target's reach)."""
        rows = []
        for y in range(self.years):
            for i, pct in enumerate(PERCENTILES):
                row = {"year": y + 1, "percentile": pct, **{name: float(self.yearly[name][i, y]) for name in YEARLY}}
                if self.reached is not None:
                    row["paths_reached_target"] = int(self.reached[y])
                    row["share_reached_target"] = float(self.reached[y] / self.paths)
                rows.append(row)
        return rows


def check_paths(paths: int, minimum: int = 1, key: str = "simulate") -> None:
    """Reject a number of paths outside minimum to MAX_PATHS; key is the option that gave it."""
    if not minimum <= paths <= MAX_PATHS:
        raise InputError(key, f"{paths} is out of range (allowed: {minimum} to {MAX_PATHS:,} paths)")


def check_seed(seed: int, key: str = "seed") -> None:
    """Reject a seed that np.random.SeedSequence would refuse (a negative one) or that is longer than fresh_seed's."""
    if not 0 <= seed <= MAX_SEED:
        raise InputError(key, f"{seed} is out of range (allowed: 0 to {MAX_SEED})")


def chunk_size(months: int) -> int:
    """Paths per chunk: fixed by the horizon alone, so the draws for a seed never depend on anything else."""
    return max(16, CHUNK_CELLS // months)


def _chunks(paths: int, months: int) -> list[int]:
    size = chunk_size(months)
    return [min(size, paths - start) for start in range(0, paths, size)]


def group_size(months: int, method: str = "") -> int:
    """Whole chunks a method runs in one projection: GROUP_CELLS over a chunk's path-months (1 for most methods)."""
    cells = GROUP_CELLS.get(method)
    return max(1, cells // (chunk_size(months) * months)) if cells else 1


def _groups(sizes: list[int], group: int) -> list[range]:
    """The chunks (indices into sizes) of each projection: up to `group` whole chunks; a last, partial chunk alone.

    A partial chunk runs on its own as it always did: a method's arithmetic may depend on the size of the
    arrays it works on (numpy evaluates some expressions in place from 256 KiB on), and whole chunks are all
    larger than that.
    """
    whole = len(sizes) if sizes[-1] == sizes[0] else len(sizes) - 1
    groups = [range(first, min(first + group, whole)) for first in range(0, whole, group)]
    return groups + [range(whole, len(sizes))] if whole < len(sizes) else groups


@dataclass(frozen=True)
class StackedDraws(Draws):
    """The draws of several chunks in one, their paths one after the other.

    Each helper is called on every chunk's own draws in turn, with the rows of any per-path argument that are
    that chunk's, so each chunk's generator makes the calls it would make alone and the chunk's paths get the
    same numbers. A helper that returns one row for every path (nothing drawn) returns it once. A method that
    reads `generator` itself cannot run on stacked draws.

    scratch: arrays a method may keep, by name, for the next group of chunks of the same run, to build its work
    arrays and columns in (the engine is done with a group's projection before it asks for the next), so that
    a run does not hand its memory back to the system and fault it in again for every group.
    """

    parts: tuple[Draws, ...] = ()
    scratch: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, parts: list[Draws], scratch: dict[str, np.ndarray] | None = None) -> StackedDraws:
        return cls(
            months=parts[0].months,
            paths=sum(part.paths for part in parts),
            lean=all(part.lean for part in parts),
            parts=tuple(parts),
            scratch={} if scratch is None else scratch,
        )

    @property
    def simulated(self) -> bool:
        return all(part.simulated for part in self.parts)

    @property
    def generator(self) -> np.random.Generator:
        raise RuntimeError("stacked draws have a generator per chunk: draw through the helpers")

    def _stacked(self, name: str, *args: Any) -> np.ndarray:
        results, first = [], 0
        for part in self.parts:
            rows = slice(first, first + part.paths)
            own = [
                a[rows] if isinstance(a, np.ndarray) and a.ndim == 2 and a.shape[0] == self.paths else a for a in args
            ]
            results.append(getattr(part, name)(*own))
            first += part.paths
        if all(result.shape[0] == 1 < part.paths for result, part in zip(results, self.parts, strict=True)):
            return results[0]
        return np.concatenate(
            [
                np.broadcast_to(result, (part.paths, *result.shape[1:]))
                for result, part in zip(results, self.parts, strict=True)
            ]
        )

    def lognormal_monthly(self, volatility: float) -> np.ndarray:
        return self._stacked("lognormal_monthly", volatility)

    def price_path(self, volatility: float, growth: float = 0.0, start: float = 1.0) -> np.ndarray:
        return self._stacked("price_path", volatility, growth, start)

    def lognormal_per_path(self, sigma: float) -> np.ndarray:
        return self._stacked("lognormal_per_path", sigma)

    def events(self, annual_probability: float) -> np.ndarray:
        return self._stacked("events", annual_probability)

    def first_event(self, annual_probability: float) -> np.ndarray:
        return self._stacked("first_event", annual_probability)

    def cuts(self, annual_probability: float, cut: float) -> np.ndarray:
        return self._stacked("cuts", annual_probability, cut)

    def binomial(self, count, probability) -> np.ndarray:
        return self._stacked("binomial", count, probability)


def _rows(projection: Projection, first: int, size: int) -> Projection:
    """The paths first..first+size of a projection (views); a projection of one path stands for every path."""
    if projection.paths == 1:
        return projection
    return projection._map(lambda values: values[first : first + size])


def fresh_seed() -> int:
    """A new seed from the operating system's entropy, small enough to type back."""
    entropy = np.random.SeedSequence().entropy  # drawn from the OS when no entropy is given: an int
    if not isinstance(entropy, int):
        raise TypeError("SeedSequence drew no integer entropy")
    return entropy % (1 << 63)


def _per_path(projection: Projection, paths: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The yearly figures (paths, years) and per-path figures (paths,) of one chunk.

    A projection with one path (no uncertain input moved: zero spread) stands
    for every path of the chunk.
    """
    years = projection.months // MONTHS_PER_YEAR
    rows = projection.paths
    value = projection.value[:, MONTHS_PER_YEAR - 1 :: MONTHS_PER_YEAR]
    payout = _shared(projection.payout, lambda values: rollup(values, "sum"))
    monthly_income = _shared(projection.net_income, lambda values: rollup(values, "mean"))
    contributed = _shared(projection.contributed, lambda values: values.sum(axis=1))
    total_payout = payout.sum(axis=1)
    ending_value = projection.value[:, -1]
    gain = net_gain(
        ending_value, total_payout, _shared(projection.returned, lambda values: values.sum(axis=1)), contributed
    )
    best = np.maximum.accumulate(monthly_income, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = np.where(best > 0, (best - monthly_income) / best, 0.0)
    yearly = {"value": value, "payout": payout, "monthly_income": monthly_income}
    final = {
        "ending_value": ending_value,
        "net_gain": gain,
        "monthly_income_end": monthly_income[:, -1],
        "total_payout": total_payout,
        "total_contributed": contributed,
        "worst_drop_pct": 100 * np.clip(drop, 0.0, None).max(axis=1),
    }
    if rows != paths:
        yearly = {k: np.broadcast_to(v, (paths, years)) for k, v in yearly.items()}
        final = {k: np.broadcast_to(v, (paths,)) for k, v in final.items()}
    return yearly, final


def _shared(values: np.ndarray, per_path: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """per_path(values), a figure per path, computed on two paths when every path holds the same row.

    A column the same on every path (a row broadcast over the paths, stride 0) gives every path the same
    figure; two rows, not one, so that `rollup` takes its many-paths route, which is what each path got.
    """
    if values.shape[0] <= 2 or values.strides[0] != 0:
        return per_path(values)
    figure = per_path(values[:2])[:1]
    return np.broadcast_to(figure, (values.shape[0], *figure.shape[1:]))


def _collect(
    make_projection: Callable[[Draws], Projection],
    months: int,
    paths: int,
    seed: int,
    progress: bool,
    *,
    keep_yearly: bool = True,
    figure: Callable[[Projection], np.ndarray] | None = None,
    years: tuple[int, int] | None = None,
    keep_final: bool = True,
    draws_factory: Callable[..., Draws] = Draws,
    group: int = 1,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], str]:
    """Run every chunk; yearly figures (years, paths), per-path figures (paths,), and the currency.

    Yearly figures are kept years-first so that the percentiles over paths read
    contiguous memory; without keep_yearly none are kept (the dict is empty),
    which saves years x paths x 3 numbers. years=(first, end): keep only those
    years (0-based, end excluded), for a run in several passes over the same
    draws. Without keep_final the per-path figures are not kept (empty dict).
    figure(projection), when given, is one more per-path figure, kept under "target".
    group: whole chunks run in one projection (see GROUP_CELLS); each is still drawn and read on its own.
    """
    if paths < 1:
        raise ValueError("paths must be at least 1")
    first, end = years if years is not None else (0, months // MONTHS_PER_YEAR)
    sizes = _chunks(paths, months)
    children = np.random.SeedSequence(seed).spawn(len(sizes))
    yearly = {name: np.empty((end - first, paths)) for name in YEARLY} if keep_yearly else {}
    final_names = (*PER_PATH, *(("target",) if figure is not None else ())) if keep_final else ()
    final = {name: np.empty(paths) for name in final_names}
    currency = "USD"
    bar = _Progress(paths, enabled=progress)
    start = 0
    scratch: dict[str, np.ndarray] = {}  # kept from one group of chunks to the next (see StackedDraws)
    for chunks in _groups(sizes, group):
        parts = [
            draws_factory(months, sizes[c], np.random.Generator(np.random.PCG64(children[c])), lean=True)
            for c in chunks
        ]
        projection = make_projection(parts[0] if len(parts) == 1 else StackedDraws.of(parts, scratch))
        currency = projection.currency
        row = 0
        for part in parts:
            size = part.paths
            chunk = projection if len(parts) == 1 else _rows(projection, row, size)
            chunk_yearly, chunk_final = _per_path(chunk, size)
            if "target" in final and figure is not None:
                final["target"][start : start + size] = np.broadcast_to(figure(chunk), (size,))
            del chunk
            for name in yearly:
                yearly[name][:, start : start + size] = chunk_yearly[name][:, first:end].T
            for name in PER_PATH if keep_final else ():
                final[name][start : start + size] = chunk_final[name]
            row += size
            start += size
            bar.advance(start)
        del projection
    bar.close()
    return yearly, final, currency


# The yearly figures of a simulation (3 numbers a path and year) are kept in at most this much memory;
# a run that needs more goes over the same draws in several passes, a block of years at a time.
YEARLY_BYTES = 640 << 20


def year_blocks(years: int, paths: int) -> list[tuple[int, int]]:
    """The blocks of years (first, end) a simulation keeps at once: all of them unless that passes YEARLY_BYTES."""
    per_year = paths * len(YEARLY) * 8
    size = max(1, min(years, YEARLY_BYTES // per_year))
    return [(first, min(first + size, years)) for first in range(0, years, size)]


def run(
    make_projection: Callable[[Draws], Projection],
    months: int,
    paths: int,
    seed: int | None,
    *,
    target: float | None = None,
    progress: bool = False,
    draws_factory: Callable[..., Draws] = Draws,
    group: int = 1,
) -> Simulation:
    """Simulate `paths` paths of `make_projection` over `months` months; percentiles, target reach, losses.

    make_projection(draws) must return a projection of draws.months months with
    draws.paths paths (or one path, when nothing it draws has a spread).
    target: monthly income to reach, in money a month. progress: show a bar on
    stderr when it is a terminal and the run looks longer than about a second.
    Memory: each year's figures of every path are kept for the percentiles, at
    most YEARLY_BYTES of them at once; beyond that the same draws are run again
    for each further block of years (the figures are the same as in one pass).
    draws_factory(months, paths, rng, lean=True): the draws of each chunk (lognormal
    `Draws` by default; e.g. functools.partial(HistoryDraws, block_years=5)). group: whole chunks run in one
    projection (`group_size`; make_projection must then take `StackedDraws`), the same figures for any group.
    """
    seed = fresh_seed() if seed is None else seed
    years = months // MONTHS_PER_YEAR
    percentiles = {name: np.empty((len(PERCENTILES), years)) for name in YEARLY}
    reached = np.empty(years, dtype=np.int64) if target is not None else None
    reached_before = np.zeros(paths, dtype=bool)
    final: dict[str, np.ndarray] = {}
    currency = "USD"
    for index, (first, end) in enumerate(year_blocks(years, paths)):
        yearly, block_final, currency = _collect(
            make_projection,
            months,
            paths,
            seed,
            progress,
            years=(first, end),
            keep_final=index == 0,
            draws_factory=draws_factory,
            group=group,
        )
        final = block_final or final
        # No name is left holding a block's array, so that `del yearly` frees it before the next pass makes its own.
        for name in yearly:
            for row in range(end - first):  # one year at a time: percentile copies a year's paths, not the block
                percentiles[name][:, first + row] = np.percentile(yearly[name][row], PERCENTILES)
        if reached is not None:
            for row in range(end - first):
                reached_before |= yearly["monthly_income"][row] >= target
                reached[first + row] = np.count_nonzero(reached_before)
        del yearly
    return Simulation(
        paths=paths,
        years=years,
        seed=seed,
        target=target,
        yearly=percentiles,
        final={name: np.percentile(values, PERCENTILES) for name, values in final.items()},
        reached=reached,
        losing_paths=int(np.count_nonzero(final["net_gain"] < 0)),
        currency=currency,
    )


def simulate(
    method: Method,
    params: Params,
    paths: int,
    seed: int | None,
    *,
    target: float | None = None,
    progress: bool = False,
    max_work: float = 1.0,
) -> Simulation:
    """Monte Carlo of one method with the given parameters; refused up front when over the work budget (see check_work)."""
    check_work(estimate_work([method.name], params.months, paths), max_work, reduce=SIMULATION_REDUCE)
    return run(
        lambda draws: method.project(params, draws),
        params.months,
        paths,
        seed,
        target=target,
        progress=progress,
        group=group_size(params.months, method.name),
    )


def summary_paths(
    method: Method,
    params: Params,
    paths: int,
    seed: int,
    *,
    figure: Callable[[Projection], np.ndarray] | None = None,
    draws_factory: Callable[..., Draws] | None = None,
) -> dict[str, np.ndarray]:
    """Per-path figures (paths,): ending_value, net_gain, monthly_income_end, total_payout, total_contributed, worst_drop_pct,
    and "target", figure(projection) per path, when figure is given (a goal's own figure).

    The same seed and horizon give the same draws for any parameters that do
    not change what a method draws (capital, contributions, effort levers;
    not a spread set to zero, which draws nothing), so a goal search that
    changes capital sees the same paths at every step.
    """
    _, final, _ = _collect(
        lambda draws: method.project(params, draws),
        params.months,
        paths,
        seed,
        False,
        keep_yearly=False,
        figure=figure,
        draws_factory=draws_factory or Draws,
        group=group_size(params.months, method.name),
    )
    return final


class _Progress:
    """A rich progress bar on stderr, started only on a terminal once a run looks longer than about a second."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def advance(self, done: int) -> None:
        if not self.enabled or done >= self.total:
            return
        if self.bar is None:
            elapsed = time.perf_counter() - self.started
            if elapsed * self.total / done < PROGRESS_AFTER_SECONDS:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(
                TextColumn("simulating"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            self.bar, self.task = bar, bar.add_task("paths", total=self.total)
        if self.task is not None:
            self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# -- the risk line of a plain run --------------------------------------------------

# A plain run's risk line simulates about RISK_SECONDS of work (by the method's weight in WEIGHTS):
# 1,000 paths over 10 years for most methods, fewer over longer horizons, never fewer than
# RISK_MIN_PATHS, so that it adds at most about 15 % to a plain run's wall time
# (benchmarks/bench_risk.py measures it for every method at 10, 30 and 100 years).
RISK_SECONDS = 0.03
RISK_MIN_PATHS = 100
RISK_MAX_PATHS = 1_000
RISK_SEED = 1
# How to make a simulation smaller, in the user's words.
SIMULATION_REDUCE = "fewer paths (--simulate) or years (--years)"
# The median outcome is far from the table when its net gain differs from the table's by more than this
# share of the larger of money put in and the table's own net gain, or has the other sign.
FAR_FROM_TABLE = 0.25


def risk_paths(months: int, method: str = "") -> int:
    """Paths of a plain run's risk line: RISK_SECONDS / (the method's weight x months), within 100 to 1,000."""
    weight = WEIGHTS.get(method, DEFAULT_WEIGHT) * 1e-9
    return int(min(RISK_MAX_PATHS, max(RISK_MIN_PATHS, round(RISK_SECONDS / (weight * months)))))


@dataclass(frozen=True)
class RiskSummary:
    """What a seeded simulation of a method's uncertain inputs says beside the table's expected path.

    Money figures are in the scenario's currency. Spreads are (P10, P50, P90) over the paths.
    monthly_income_end: net income a month, averaged over the last year. net_gain: ending value
    + payout + returned - contributed, per path. chance_of_loss: share of paths (0 to 1) whose net
    gain is below 0. table_*: the same figures on the table's expected path. far_from_table: the
    median net gain differs from the table's by more than FAR_FROM_TABLE of the larger of money put
    in and the table's net gain, or the two have opposite signs; message then says so in one line.
    """

    paths: int
    seed: int
    years: int
    currency: str
    monthly_income_end: tuple[float, float, float]
    net_gain: tuple[float, float, float]
    chance_of_loss: float
    table_monthly_income_end: float
    table_net_gain: float
    far_from_table: bool
    message: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly: plain floats, percentiles under p10/p50/p90, chance of loss as a fraction."""

        def spread(values: tuple[float, float, float]) -> dict[str, float]:
            return dict(zip(("p10", "p50", "p90"), values, strict=True))

        return {
            "paths": self.paths,
            "seed": self.seed,
            "monthly_income_end": spread(self.monthly_income_end),
            "net_gain": spread(self.net_gain),
            "chance_of_loss": self.chance_of_loss,
            "table_monthly_income_end": self.table_monthly_income_end,
            "table_net_gain": self.table_net_gain,
            "far_from_table": self.far_from_table,
            "threshold_pct": 100 * FAR_FROM_TABLE,
            "message": self.message,
        }


def risk_summary(
    method: Method,
    params: Params,
    paths: int | None = None,
    seed: int = RISK_SEED,
    *,
    expected: Projection | None = None,
    max_work: float = 1.0,
) -> RiskSummary:
    """A plain run's risk line: the method simulated at the given parameters, with a fixed seed.

    paths: None for risk_paths(params.months, method.name). expected: the plain run's projection, when the caller
    has it (else it is projected here). max_work: the work budget's multiplier (see `check_work`).
    The same inputs and seed give the same figures on every run.
    """
    paths = risk_paths(params.months, method.name) if paths is None else paths
    check_paths(paths)
    check_work(estimate_work([method.name], params.months, paths, yearly=False), max_work)
    _, final, currency = _collect(
        lambda draws: method.project(params, draws),
        params.months,
        paths,
        seed,
        False,
        keep_yearly=False,
        group=group_size(params.months, method.name),
    )
    table = (expected or method.project(params)).summary()
    table_gain = float(table["net_gain"] or 0.0)
    table_income = float(table["monthly_income_end"] or 0.0)
    put_in = float(table["total_contributed"] or 0.0)
    income = tuple(float(v) for v in np.percentile(final["monthly_income_end"], (10, 50, 90)))
    gain = tuple(float(v) for v in np.percentile(final["net_gain"], (10, 50, 90)))
    median = gain[1]
    scale = max(put_in, abs(table_gain))
    opposite = (median < 0 <= table_gain) or (table_gain < 0 <= median)
    far = bool(
        abs(median - table_gain) > FAR_FROM_TABLE * scale
        or (opposite and abs(median - table_gain) > 1e-9 * max(scale, 1.0))
    )
    loss = float(np.count_nonzero(final["net_gain"] < 0) / paths)
    message = None
    if far:
        message = (
            f"the median of {paths:,} simulated futures ends with a net gain of {median:,.2f} {currency},"
            f" far from the table's {table_gain:,.2f} {currency}; {100 * loss:.0f} % of them lose money"
        )
    return RiskSummary(
        paths=paths,
        seed=seed,
        years=params.months // MONTHS_PER_YEAR,
        currency=currency,
        monthly_income_end=(income[0], income[1], income[2]),
        net_gain=(gain[0], gain[1], gain[2]),
        chance_of_loss=loss,
        table_monthly_income_end=table_income,
        table_net_gain=table_gain,
        far_from_table=far,
        message=message,
    )


# -- the work budget ---------------------------------------------------------------

# CPU time of one simulated path-month, in nanoseconds, per method: measured with
# `risk.simulate` on a 2-core machine at 10 and 50 years (the larger of the two, rounded up).
# A method not listed counts as DEFAULT_WEIGHT.
WEIGHTS = {
    "dividend": 100,
    "p2p": 260,
    "staking": 110,
    "crypto-lending": 100,
    "liquidity": 190,
    "blog": 120,
    "ebook": 100,
    "course": 130,
    "dropship": 150,
    "domains": 90,
    "rank-rent": 80,
}
DEFAULT_WEIGHT = 260
# A deterministic projection costs about a millisecond for ten years, whatever the method.
SECONDS_PER_PROJECTION_MONTH = 1e-5
# The budget: about a minute of work and 1 GiB of memory, on a small (2-core) machine.
WORK_SECONDS = 60.0
MEMORY_BYTES = 1 << 30
# Memory: the interpreter with numpy, pydantic and rich loaded; a projection's columns (standard,
# a method's own and its temporaries), per path-month; what a simulation keeps per path and per year.
BASE_BYTES = 120 << 20
PROJECTION_BYTES_PER_MONTH = 48 * 8
# A group of chunks run together (GROUP_CELLS) holds its columns and work arrays, per path-month
# (p2p: 67 to 97 bytes at its peak, measured with tracemalloc at 30 and 100 years).
GROUP_BYTES_PER_MONTH = 16 * 8
KEPT_PER_PATH = (len(PER_PATH) + 2) * 8


@dataclass(frozen=True)
class Work:
    """An estimate of what a request costs: CPU seconds on a small machine and peak memory in bytes."""

    seconds: float
    memory: int


def estimate_work(
    methods: list[str],
    months: int,
    paths: int | None = None,
    *,
    runs: int = 1,
    yearly: bool = True,
    together: bool = True,
) -> Work:
    """The work of projecting each of `methods` (one name per scenario or stream) over `months` months.

    paths: simulated paths (None: one deterministic projection each). runs: how many times the whole
    set is projected (a goal's search steps). yearly: whether the simulation keeps every year's figures
    per path (percentile tables) or only per-path figures (goal seeking, the risk line). Scenarios are
    simulated one after another (together=False: one chunk and one scenario's per-path figures at a time),
    a portfolio's streams chunk by chunk together (together=True: one chunk of every listed projection).
    """
    count = len(methods)
    if paths is None:
        seconds = runs * count * months * SECONDS_PER_PROJECTION_MONTH
        memory = BASE_BYTES + count * months * PROJECTION_BYTES_PER_MONTH
        return Work(seconds, int(memory))
    weight = sum(WEIGHTS.get(name, DEFAULT_WEIGHT) for name in methods) * 1e-9
    years = months // MONTHS_PER_YEAR
    blocks = year_blocks(years, paths) if yearly else [(0, years)]
    # A run whose yearly figures pass YEARLY_BYTES goes over its draws once per block of years.
    seconds = runs * len(blocks) * paths * months * weight
    chunk = min(paths, chunk_size(months)) * months * PROJECTION_BYTES_PER_MONTH
    if count == 1 and group_size(months, methods[0]) > 1:
        # One method simulated alone runs whole chunks together (GROUP_CELLS): it holds a group of them.
        group = min(paths, chunk_size(months) * group_size(months, methods[0])) * months * GROUP_BYTES_PER_MONTH
        chunk = max(chunk, group)
    block_years = max(end - first for first, end in blocks)
    kept = paths * KEPT_PER_PATH + (paths * block_years * len(YEARLY) * 8 + paths * 8 if yearly else 0)
    if together:
        memory = BASE_BYTES + count * chunk + kept
    else:
        memory = BASE_BYTES + chunk + kept  # a scenario keeps only its percentiles
    return Work(seconds, int(memory))


def check_work(work: Work, max_work: float = 1.0, *, reduce: str = "fewer paths, years or scenarios") -> Work:
    """Refuse (InputError, exit 2) a request whose estimate is over the budget; return the estimate.

    max_work multiplies the time budget (WORK_SECONDS, about a minute): 10 allows about ten minutes.
    Memory is bounded at MEMORY_BYTES (1 GiB) whatever max_work is. reduce says how to make the
    request smaller, in the user's words.
    """
    if not (math.isfinite(max_work) and max_work > 0):
        raise InputError("max_work", f"{max_work:g} is out of range (allowed: above 0)")
    if work.memory > MEMORY_BYTES:
        raise InputError(
            "",
            f"this request needs about {work.memory / (1 << 30):,.1f} GiB of memory (at most 1 GiB); ask for {reduce}",
        )
    budget = WORK_SECONDS * max_work
    if work.seconds > budget * (1 + 1e-9):
        raise InputError(
            "",
            f"this request is about {_duration(work.seconds)} of work (the budget is {_duration(budget)});"
            f" ask for {reduce}, or raise the budget with --max-work {math.ceil(work.seconds / WORK_SECONDS - 1e-9)}",
        )
    return work


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:,.0f} seconds"
    if seconds < 7200:
        return f"{seconds / 60:,.0f} minutes"
    return f"{seconds / 3600:,.1f} hours"
