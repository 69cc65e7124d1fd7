"""Monte Carlo speed, as ratios measured in one run.

1. For every method in the registry (dividend, p2p, staking, crypto-lending,
   liquidity, blog, ebook, course, dropship, domains, rank-rent): a simulation
   of 100,000 paths x 30 years at the method's defaults, through the project's
   own entry point `risk.simulate` (percentile tables included), against
   numpy's floor for the same shape in the same process: standard_normal +
   exp + cumprod of (paths, 360). Target: every method within 2.0x.
2. The same dividend model written as a plain Python loop over paths and
   months, per path, against the engine per path. Target: over 30x.

Times are CPU times of this process (time.process_time: user + system, so
page faults count), the best of RUNS runs, the floor and the method in turn,
so that other work on a shared machine slows neither side. Peak memory is
measured by bench_memory.py.

Run on its own: `python benchmarks/bench_montecarlo.py [--paths N] [--methods a,b]`.
"""

from __future__ import annotations

import argparse
import math
import random
import time

import numpy as np

PATHS = 100_000
YEARS = 30
LOOP_PATHS = 1_000
RUNS = 3
SPEED_TARGET = 2.0
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


def all_methods() -> tuple[str, ...]:
    from passivecalc.methods import REGISTRY

    return tuple(REGISTRY)


def engine(paths: int, years: int, name: str = "dividend"):
    from passivecalc import risk
    from passivecalc.methods import get
    from passivecalc.params import build

    method = get(name)
    # max_work: the budget is for users' requests; a benchmark means to run this size.
    return risk.simulate(method, build(method.params, {"years": years}), paths, seed=1, max_work=1e6)


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


def main(paths: int = PATHS, methods: tuple[str, ...] | None = None, runs: int = RUNS) -> bool:
    """Print each method's ratio to the numpy floor (and the loop speed-up with dividend); True when all are met."""
    names = methods or all_methods()
    months = 12 * YEARS
    ratios: dict[str, float] = {}
    simulated_times = {}
    print(
        f"{paths:,} paths x {YEARS} years, CPU seconds, best of {runs}; floor = numpy standard_normal+exp+cumprod of ({paths:,}, {months})"
    )
    print(f"{'method':<16}{'simulate':>10}{'floor':>8}{'ratio':>8}")
    for name in names:
        engine(min(paths, 1_000), YEARS, name)  # warm up: imports, first-call costs
        floor_times, engine_times = [], []
        for _ in range(runs):
            floor_times.append(cpu_time(lambda: numpy_floor(paths, months)))
            engine_times.append(cpu_time(lambda name=name: engine(paths, YEARS, name)))
        floor, simulated = min(floor_times), min(engine_times)
        simulated_times[name] = simulated
        ratios[name] = simulated / floor
        mark = "" if ratios[name] <= SPEED_TARGET else "  over"
        print(f"{name:<16}{simulated:>10.2f}{floor:>8.2f}{ratios[name]:>7.2f}x{mark}", flush=True)
    slow = [name for name, ratio in ratios.items() if ratio > SPEED_TARGET]
    met = not slow
    print(
        f"Monte Carlo within {SPEED_TARGET:g}x of the floor: {len(ratios) - len(slow)} of {len(ratios)} methods"
        f" (worst {max(ratios, key=ratios.__getitem__)} {max(ratios.values()):.2f}x) {'met' if met else 'NOT met'}"
    )
    if "dividend" in simulated_times:
        loop_paths = min(LOOP_PATHS, paths)
        loop = min(cpu_time(lambda: python_loop(loop_paths, YEARS)) for _ in range(2)) / loop_paths
        per_path = simulated_times["dividend"] / paths
        speedup = loop / per_path
        loop_met = speedup >= LOOP_TARGET
        met = met and loop_met
        print(
            f"plain Python loop: {loop * 1e3:.2f} ms a path; engine {per_path * 1e6:.1f} us a path; "
            f"engine {speedup:.0f}x faster (target over {LOOP_TARGET:g}x) {'met' if loop_met else 'NOT met'}"
        )
    return met


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Monte Carlo speed of every method against numpy's floor.")
    parser.add_argument("--paths", type=int, default=PATHS, help=f"paths per simulation (default {PATHS:,})")
    parser.add_argument(
        "--methods",
        type=lambda text: tuple(filter(None, text.split(","))),
        default=None,
        help="comma-separated method names (default: every method)",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each, the best kept (default {RUNS})")
    return parser.parse_args(argv)


if __name__ == "__main__":
    options = arguments()
    main(options.paths, options.methods, options.runs)
