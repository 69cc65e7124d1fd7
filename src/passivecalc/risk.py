"""Monte Carlo: many paths of the same method code, and what their spread says.

A method takes its uncertain inputs from a `Draws` (see draws.py). The engine
runs it on chunks of paths, each chunk with a `Draws` of its own generator, and
keeps per path only what the result needs: each year's value, payout and
monthly income, and the path's summary figures. Memory is bounded by the
chunk, whatever the number of paths.

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

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.timeline import MONTHS_PER_YEAR

if TYPE_CHECKING:
    from passivecalc.methods import Method
    from passivecalc.params import Params
    from passivecalc.projection import Projection

PERCENTILES = (10, 25, 50, 75, 90)
YEARLY = ("value", "payout", "monthly_income")
PER_PATH = ("ending_value", "net_gain", "monthly_income_end", "total_payout", "total_contributed", "worst_drop_pct")
# Months x paths per chunk: a few MB per column, so that the work stays in cache
# and a method's temporary arrays stay far below a GiB at any horizon.
CHUNK_CELLS = 1 << 17
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


def fresh_seed() -> int:
    """A new seed from the operating system's entropy, small enough to type back."""
    return int(np.random.SeedSequence().entropy % (1 << 63))


def _per_path(projection: Projection, paths: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The yearly figures (paths, years) and per-path figures (paths,) of one chunk.

    A projection with one path (no uncertain input moved: zero spread) stands
    for every path of the chunk.
    """
    years = projection.months // MONTHS_PER_YEAR
    rows = projection.paths

    def yearly_sum(values: np.ndarray) -> np.ndarray:
        # A product with ones adds each year's 12 months several times faster than .sum over so short an axis.
        return values.reshape(rows, years, MONTHS_PER_YEAR) @ np.ones(MONTHS_PER_YEAR)

    value = projection.value[:, MONTHS_PER_YEAR - 1 :: MONTHS_PER_YEAR]
    payout = yearly_sum(projection.payout)
    monthly_income = yearly_sum(projection.net_income) / MONTHS_PER_YEAR
    contributed = projection.contributed.sum(axis=1)
    total_payout = payout.sum(axis=1)
    ending_value = projection.value[:, -1]
    net_gain = ending_value + total_payout + projection.returned.sum(axis=1) - contributed
    best = np.maximum.accumulate(monthly_income, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = np.where(best > 0, (best - monthly_income) / best, 0.0)
    yearly = {"value": value, "payout": payout, "monthly_income": monthly_income}
    final = {
        "ending_value": ending_value,
        "net_gain": net_gain,
        "monthly_income_end": monthly_income[:, -1],
        "total_payout": total_payout,
        "total_contributed": contributed,
        "worst_drop_pct": 100 * np.clip(drop, 0.0, None).max(axis=1),
    }
    if rows != paths:
        yearly = {k: np.broadcast_to(v, (paths, years)) for k, v in yearly.items()}
        final = {k: np.broadcast_to(v, (paths,)) for k, v in final.items()}
    return yearly, final


def _collect(
    make_projection: Callable[[Draws], Projection], months: int, paths: int, seed: int, progress: bool,
    draws_factory: Callable[..., Draws] = Draws,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], str]:
    """Run every chunk; yearly figures (years, paths), per-path figures (paths,), and the currency.

    Yearly figures are kept years-first so that the percentiles over paths read contiguous memory.
    """
    if paths < 1:
        raise ValueError("paths must be at least 1")
    years = months // MONTHS_PER_YEAR
    sizes = _chunks(paths, months)
    children = np.random.SeedSequence(seed).spawn(len(sizes))
    yearly = {name: np.empty((years, paths)) for name in YEARLY}
    final = {name: np.empty(paths) for name in PER_PATH}
    currency = "USD"
    bar = _Progress(paths, enabled=progress)
    start = 0
    for size, child in zip(sizes, children):
        draws = draws_factory(months, size, np.random.Generator(np.random.PCG64(child)))
        projection = make_projection(draws)
        currency = projection.currency
        chunk_yearly, chunk_final = _per_path(projection, size)
        del projection
        for name in YEARLY:
            yearly[name][:, start : start + size] = chunk_yearly[name].T
        for name in PER_PATH:
            final[name][start : start + size] = chunk_final[name]
        start += size
        bar.advance(start)
    bar.close()
    return yearly, final, currency


def run(
    make_projection: Callable[[Draws], Projection],
    months: int,
    paths: int,
    seed: int | None,
    *,
    target: float | None = None,
    progress: bool = False,
    draws_factory: Callable[..., Draws] = Draws,
) -> Simulation:
    """Simulate `paths` paths of `make_projection` over `months` months; percentiles, target reach, losses.

    make_projection(draws) must return a projection of draws.months months with
    draws.paths paths (or one path, when nothing it draws has a spread).
    target: monthly income to reach, in money a month. progress: show a bar on
    stderr when it is a terminal and the run looks longer than about a second.
    draws_factory(months, paths, rng): the draws of each chunk (lognormal `Draws`
    by default; e.g. functools.partial(HistoryDraws, block_years=5)).
    """
    seed = fresh_seed() if seed is None else seed
    yearly, final, currency = _collect(make_projection, months, paths, seed, progress, draws_factory)
    reached = None
    if target is not None:
        reached = np.count_nonzero(np.maximum.accumulate(yearly["monthly_income"] >= target, axis=0), axis=1)
    return Simulation(
        paths=paths,
        years=months // MONTHS_PER_YEAR,
        seed=seed,
        target=target,
        yearly={name: np.percentile(values, PERCENTILES, axis=1) for name, values in yearly.items()},
        final={name: np.percentile(values, PERCENTILES) for name, values in final.items()},
        reached=reached,
        losing_paths=int(np.count_nonzero(final["net_gain"] < 0)),
        currency=currency,
    )


def simulate(
    method: Method, params: Params, paths: int, seed: int | None, *, target: float | None = None, progress: bool = False
) -> Simulation:
    """Monte Carlo of one method with the given parameters."""
    return run(lambda draws: method.project(params, draws), params.months, paths, seed, target=target, progress=progress)


def summary_paths(method: Method, params: Params, paths: int, seed: int) -> dict[str, np.ndarray]:
    """Per-path figures (paths,): ending_value, net_gain, monthly_income_end, total_payout, total_contributed, worst_drop_pct.

    The same seed and horizon give the same draws for any parameters that do
    not change what a method draws (capital, contributions, effort levers;
    not a spread set to zero, which draws nothing), so a goal search that
    changes capital sees the same paths at every step.
    """
    _, final, _ = _collect(lambda draws: method.project(params, draws), params.months, paths, seed, progress=False)
    return final


class _Progress:
    """A rich progress bar on stderr, started only on a terminal once a run looks longer than about a second."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()
        self.bar = None
        self.task = None

    def advance(self, done: int) -> None:
        if not self.enabled or done >= self.total:
            return
        if self.bar is None:
            elapsed = time.perf_counter() - self.started
            if elapsed * self.total / done < PROGRESS_AFTER_SECONDS:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("simulating"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("paths", total=self.total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
