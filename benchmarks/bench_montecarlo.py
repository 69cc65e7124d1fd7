"""Monte Carlo speed and memory, as ratios measured in one run.

1. 100,000 paths x 30 years of each capital method at its default risk
   (dividend, p2p, staking, crypto-lending, liquidity) against numpy's floor
   for that many draws: standard_normal + exp + cumprod of the same
   (paths, months) shape. Target: every method within 2x.
   `python benchmarks/bench_montecarlo.py p2p staking` times only those.
2. Peak memory of 100,000 paths x 50 years, in a fresh process (its peak
   resident set, Python and numpy included). Target: under 1 GiB.
3. The same dividend model written as a plain Python loop over paths and
   months, per path, against the engine per path. Target: well over 20x
   (we ask for 30x).

Times are CPU times of this process (time.process_time), the best of a few
alternating runs, so that other work on a shared machine slows neither side.
Run on its own: `python benchmarks/bench_montecarlo.py`.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
import time

import numpy as np

PATHS = 100_000
YEARS = 30
MEMORY_YEARS = 50
LOOP_PATHS = 1_000
RUNS = 3
SPEED_TARGET = 2.0
MEMORY_TARGET = 1 << 30
LOOP_TARGET = 30.0


def cpu_time(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def numpy_floor(paths: int, months: int) -> None:
    rng = np.random.default_rng(1)
    z = rng.standard_normal((paths, months))
    np.exp(z, out=z)
    np.cumprod(z, axis=1, out=z)


CAPITAL_METHODS = ("dividend", "p2p", "staking", "crypto-lending", "liquidity")


def engine(paths: int, years: int, name: str = "dividend"):
    from passivecalc import risk
    from passivecalc.methods import get
    from passivecalc.params import build

    method = get(name)
    return risk.simulate(method, build(method.params, {"years": years}), paths, seed=1)


def python_loop(paths: int, years: int) -> None:
    """The dividend method with its defaults, path by path and month by month, keeping the engine's figures.

    The same model and columns as methods/dividend.py (capital 10,000 at price
    100, 4 % yield paid quarterly; tax, fees, DRIP and contributions at their
    defaults of zero but computed all the same), price returns lognormal at
    15 %/yr and a 5 %/yr chance of a 25 % dividend cut; per path the yearly
    value, payout and monthly income, and the end figures the engine keeps.
    """
    rng = random.Random(1)
    months = 12 * years
    capital, share_price, k = 10_000.0, 100.0, 4
    tax, drip, fee_rate, contribution = 0.0, 0.0, 0.0, 0.0
    s = 0.15 / math.sqrt(12)
    hazard = 1 - (1 - 0.05) ** (1 / 12)
    value = np.empty((paths, years))
    payout = np.empty((paths, years))
    income = np.empty((paths, years))
    final = np.empty((paths, 4))
    for path in range(paths):
        price, shares, dividend_per_share, cut_factor = share_price, capital / share_price, 0.04 * share_price, 1.0
        contributed_total, payout_total, year_payout, year_net, best, worst = capital, 0.0, 0.0, 0.0, 0.0, 0.0
        for m in range(1, months + 1):
            previous_price = price
            price *= math.exp(s * rng.gauss(0.0, 1.0) - s * s / 2)
            if rng.random() < hazard:
                cut_factor *= 0.75
            dps = dividend_per_share * cut_factor
            payment_yield = dps / k / price if m % 3 == 0 else 0.0
            held = shares
            dividends = held * price * payment_yield
            taxes = dividends * tax
            fees = held * (1 + drip * (1 - tax) * payment_yield) * price * fee_rate
            shares = held * (1 + drip * (1 - tax) * payment_yield) * (1 - fee_rate) + contribution / price
            net = dividends - fees - taxes
            paid = (1 - drip) * (dividends - taxes)
            revaluation = held * (price - previous_price)
            contributed_total += contribution
            year_payout += paid
            year_net += net
            if m % 12 == 0:
                y = m // 12 - 1
                value[path, y] = shares * price
                payout[path, y] = year_payout
                income[path, y] = year_net / 12
                best = max(best, income[path, y])
                if best > 0:
                    worst = max(worst, (best - income[path, y]) / best)
                payout_total += year_payout
                year_payout = year_net = 0.0
        del revaluation
        final[path] = (shares * price, shares * price + payout_total - contributed_total, income[path, -1], 100 * worst)
    for figures in (value, payout, income):
        np.percentile(figures, (10, 25, 50, 75, 90), axis=0)
    np.percentile(final, (10, 25, 50, 75, 90), axis=0)


MEMORY_CHILD = f"""
import resource, sys
sys.path.insert(0, {str(__file__.rsplit('/', 1)[0])!r})
from bench_montecarlo import engine
engine({PATHS}, {MEMORY_YEARS})
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def peak_memory() -> int:
    """Peak resident set of a fresh process running 100,000 paths x 50 years, in bytes (Linux reports KiB)."""
    out = subprocess.run([sys.executable, "-c", MEMORY_CHILD], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def main(names: tuple[str, ...] = CAPITAL_METHODS, memory: bool = True) -> bool:
    months = 12 * YEARS
    met = True
    simulated_times = {}
    for name in names:
        engine(1_000, YEARS, name)  # warm up: imports, first-call costs
        floor_times, engine_times = [], []
        for _ in range(RUNS):
            floor_times.append(cpu_time(lambda: numpy_floor(PATHS, months)))
            engine_times.append(cpu_time(lambda name=name: engine(PATHS, YEARS, name)))
        floor, simulated = min(floor_times), min(engine_times)
        simulated_times[name] = simulated
        speed = simulated / floor
        met = met and speed <= SPEED_TARGET
        print(f"{name}, {PATHS:,} paths x {YEARS} years: {simulated:.2f} s CPU; numpy floor {floor:.2f} s; "
              f"ratio {speed:.2f} (target within {SPEED_TARGET:g}x)", flush=True)
    if "dividend" in simulated_times:
        loop = min(cpu_time(lambda: python_loop(LOOP_PATHS, YEARS)) for _ in range(2)) / LOOP_PATHS
        per_path = simulated_times["dividend"] / PATHS
        speedup = loop / per_path
        met = met and speedup >= LOOP_TARGET
        print(f"plain Python loop: {loop * 1e3:.2f} ms a path; engine {per_path * 1e6:.1f} us a path; "
              f"engine {speedup:.0f}x faster (target over {LOOP_TARGET:g}x)")
    if memory:
        peak = peak_memory()
        met = met and peak < MEMORY_TARGET
        print(f"peak memory, {PATHS:,} paths x {MEMORY_YEARS} years: {peak / 2**20:.0f} MiB (target under {MEMORY_TARGET / 2**20:.0f} MiB)")
    return met


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or CAPITAL_METHODS
    print("targets met" if main(chosen, memory=not sys.argv[1:]) else "targets missed")
