"""Goal seeking speed: a solve's time over one projection's time, measured in one run (issue 8, Speed).

A goal solve should cost a few projections: income linear in capital lands in
one secant step after the two ends of the bracket; integer levers take a
secant guess and its neighbour; years read one long projection. For each
case, the ratio is (time of one solve) / (time of one projection of the same
scenario at the answer: validating its parameters and projecting, as a command
does). Target: within 10x for the deterministic solves.

With --confidence, each step is a simulation: that case is reported as a solve
over one simulation of the same paths, against the same target.

Times are CPU times (time.process_time), the best of a few alternating runs,
so that other work on a shared machine slows neither side.
Run on its own: `python benchmarks/bench_goal.py`.
"""

from __future__ import annotations

import time

TARGET = 10.0
RUNS = 5
REPEAT = 20  # projections are fast: time them in batches

CASES = [
    (
        "dividend, capital (DRIP, growth, tax)",
        "dividend",
        "capital",
        {
            "yield": 3.5,
            "drip": True,
            "dividend_growth": 5,
            "price_growth": 4,
            "tax": 15,
            "contribution": 100,
            "years": 30,
        },
    ),
    (
        "dividend, contribution",
        "dividend",
        "contribution",
        {"yield": 3.5, "drip": True, "dividend_growth": 5, "years": 30},
    ),
    ("dividend, years (DRIP)", "dividend", "years", {"yield": 4, "drip": True, "capital": 100_000, "years": 30}),
    ("p2p, capital", "p2p", "capital", {"years": 30}),
    ("rank-rent, sites (integer)", "rank-rent", "sites", {"years": 30}),
    ("blog, articles a month (non-linear)", "blog", "articles_per_month", {"years": 30}),
]


def best_cpu_time(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        for _ in range(repeat):
            fn()
        times.append((time.process_time() - start) / repeat)
    return min(times)


def main() -> bool:
    from passivecalc import goals, risk
    from passivecalc.methods import get
    from passivecalc.params import build

    met = True
    for label, name, lever, values in CASES:
        method = get(name)
        goal = goals.Goal(2000)
        answer = goals.solve(method, values, lever, goal)
        at_answer = answer.params.model_dump()

        def one_projection(method=method, at_answer=at_answer):
            method.project(build(method.params, at_answer))

        def one_solve(method=method, values=values, lever=lever, goal=goal):
            goals.solve(method, values, lever, goal)

        projection = best_cpu_time(one_projection, REPEAT)
        solve = best_cpu_time(one_solve, max(1, REPEAT // 5))
        ratio = solve / projection
        met &= ratio <= TARGET
        print(
            f"{label:40s} {answer.steps:2d} steps  solve {solve * 1000:7.2f} ms / projection {projection * 1000:6.2f} ms = {ratio:5.1f}x"
        )

    method = get("dividend")
    values = {"yield": 4, "years": 30}
    goal = goals.Goal(2000, confidence=90, seed=1)
    answer = goals.solve(method, values, "capital", goal)
    simulation = best_cpu_time(lambda: risk.summary_paths(method, answer.params, goal.paths, goal.seed), 1)
    solve = best_cpu_time(lambda: goals.solve(method, values, "capital", goal), 1)
    print(
        f"{f'dividend, capital, 90 % of {goal.paths:,} paths':40s} {answer.steps:2d} steps  solve {solve * 1000:7.2f} ms"
        f" / simulation {simulation * 1000:6.2f} ms = {solve / simulation:5.1f}x"
    )
    print(f"goal solves within {TARGET:g}x of one projection: {'met' if met else 'NOT met'}")
    return met


if __name__ == "__main__":
    main()
