"""History replay speed: a 30-year replay of every start month (1,470 starts) in one run.

Cases: a dividend plan with DRIP, contributions, tax and a fee, replayed from
every start whose 30-year horizon fits in Shiller's data, with both IRRs
(nominal and real) and without them (what goal solving runs at each step).
Each is reported in ms of CPU time and as a ratio against numpy's floor for
the same shape: one cumulative product of a (starts, 360) array. The data is
loaded (and cached) before timing: start-up is not counted.
Target: the full replay, IRRs included, well under a second (we ask for 0.5 s).

Times are CPU times (time.process_time), the best of a few runs, so that
other work on a shared machine slows neither side.
Run on its own: `python benchmarks/bench_history.py`.
"""

from __future__ import annotations

import time

import numpy as np

from passivecalc.history import replay
from passivecalc.history_data import load
from passivecalc.methods.dividend import DividendParams

RUNS = 5
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
    params = DividendParams(capital=100_000, contribution=500, contribution_growth=3, drip=True, tax=15, expense_ratio=0.2, years=YEARS)
    starts = len(data) - 12 * YEARS
    array = np.random.default_rng(1).uniform(0.99, 1.01, (starts, 12 * YEARS))
    floor = best_cpu_time(lambda: np.cumprod(array, axis=1), repeat=20)
    full = best_cpu_time(lambda: replay(params))
    plain = best_cpu_time(lambda: replay(params, irr=False), repeat=3)
    print(f"numpy floor, cumprod of ({starts}, {12 * YEARS}): {1000 * floor:.2f} ms")
    print(f"replay of {starts} starts x {YEARS} years, with IRRs:    {1000 * full:7.1f} ms  ({full / floor:5.1f}x the floor)")
    print(f"replay of {starts} starts x {YEARS} years, without IRRs: {1000 * plain:7.1f} ms  ({plain / floor:5.1f}x the floor)")
    ok = full < TARGET_SECONDS
    print(f"target: under {1000 * TARGET_SECONDS:.0f} ms with IRRs: {'met' if ok else 'missed'}")
    return ok


if __name__ == "__main__":
    main()
