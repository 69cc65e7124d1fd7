"""History replay speed: a 30-year replay of every start month (1,470 starts) in one run.

Cases: a dividend plan with DRIP, contributions, tax and a fee, replayed from
every start whose 30-year horizon fits in Shiller's data, with both IRRs
(nominal and real) and without them (what goal solving runs at each step).
Each is reported in ms of CPU time and as a ratio against numpy's floor for
the same shape: one cumulative product of a (starts, 360) array. The data is
loaded (and cached) before timing: start-up is not counted.
Target: the full replay, IRRs included, well under a second (we ask for 0.5 s).
For information: one Monte Carlo chunk (10,000 paths x 30 years) of the
dividend method on bootstrapped history (`HistoryDraws`) against the lognormal
`Draws` with dividend cuts.

Times are CPU times (time.process_time), the best of a few runs, so that
other work on a shared machine slows neither side.
Run on its own: `python benchmarks/bench_history.py`.
"""

from __future__ import annotations

import time

import numpy as np

from passivecalc.draws import Draws
from passivecalc.history import replay
from passivecalc.history_data import HistoryDraws, load
from passivecalc.methods.dividend import DividendParams, project

RUNS = 5
BOOTSTRAP_PATHS = 10_000  # one Monte Carlo chunk's worth
TARGET_SECONDS = 0.5
YEARS = 30


def best_cpu_time(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        for _ in range(repeat):
            fn()
        times.append((time.process_time() - start) / repeat)
    return min(times)


def main() -> bool:
    data = load()
    params = DividendParams(
        capital=100_000, contribution=500, contribution_growth=3, drip=True, tax=15, expense_ratio=0.2, years=YEARS
    )
    starts = len(data) - 12 * YEARS
    array = np.random.default_rng(1).uniform(0.99, 1.01, (starts, 12 * YEARS))
    floor = best_cpu_time(lambda: np.cumprod(array, axis=1), repeat=20)
    full = best_cpu_time(lambda: replay(params))
    plain = best_cpu_time(lambda: replay(params, irr=False), repeat=3)
    print(f"numpy floor, cumprod of ({starts}, {12 * YEARS}): {1000 * floor:.2f} ms")
    print(
        f"replay of {starts} starts x {YEARS} years, with IRRs:    {1000 * full:7.1f} ms  ({full / floor:5.1f}x the floor)"
    )
    print(
        f"replay of {starts} starts x {YEARS} years, without IRRs: {1000 * plain:7.1f} ms  ({plain / floor:5.1f}x the floor)"
    )
    # Bootstrapped futures: one chunk of the dividend method on HistoryDraws against the lognormal Draws.
    simulated = DividendParams(capital=100_000, drip=True, years=YEARS)
    months = 12 * YEARS
    lognormal = best_cpu_time(lambda: project(simulated, Draws(months, BOOTSTRAP_PATHS, np.random.default_rng(1))))
    history = best_cpu_time(lambda: project(simulated, HistoryDraws(months, BOOTSTRAP_PATHS, np.random.default_rng(1))))
    print(
        f"dividend Monte Carlo, {BOOTSTRAP_PATHS:,} paths x {YEARS} years: lognormal {1000 * lognormal:.0f} ms, "
        f"bootstrapped history {1000 * history:.0f} ms ({history / lognormal:.2f}x)"
    )
    ok = full < TARGET_SECONDS
    print(f"target: under {1000 * TARGET_SECONDS:.0f} ms with IRRs: {'met' if ok else 'missed'}")
    return ok


if __name__ == "__main__":
    main()
