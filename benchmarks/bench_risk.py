"""The risk line's cost: a plain run's wall time with and without `risk.risk_summary`, per method.

For each method at its defaults (10 years) and at 30 and 100 years, this times, in one process
with every library already imported, what a plain `passivecalc METHOD` run does (validate the
parameters, project, build the summary), and the same plus the risk line. The ratio is
(plain + risk) / (plain + start-up), start-up being a fresh interpreter importing what the CLI
imports (measured once here). Target: at most 1.15, the risk line adding at most 15 % to a run.
Run on its own: `python benchmarks/bench_risk.py`.
"""

from __future__ import annotations

import subprocess
import sys
import time

TARGET = 1.15
RUNS = 3


def best_wall_time(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def startup() -> float:
    code = "import passivecalc.cli, numpy, pydantic, typer, rich.table"
    return best_wall_time(lambda: subprocess.run([sys.executable, "-c", code], check=True))


def main() -> bool:
    from passivecalc import risk
    from passivecalc.methods import REGISTRY
    from passivecalc.params import build

    base = startup()
    print(f"start-up (interpreter and imports): {base * 1000:.0f} ms")
    met = True
    for years in (10, 30, 100):
        for name in REGISTRY:
            method = REGISTRY[name]

            def plain(method=method, years=years):
                params = build(method.params, {"years": years})
                return method.project(params).summary(), params

            def with_risk(method=method, years=years):
                params = build(method.params, {"years": years})
                projection = method.project(params)
                projection.summary()
                return risk.risk_summary(method, params, expected=projection)

            with_risk()  # warm the method's module
            alone = best_wall_time(plain)
            both = best_wall_time(with_risk)
            ratio = (base + both) / (base + alone)
            met &= ratio <= TARGET
            paths = risk.risk_paths(years * 12, name)
            print(
                f"{name:15s} {years:3d} years {paths:5,d} paths  risk {1000 * (both - alone):6.1f} ms  ratio {ratio:5.3f}"
            )
    print(f"risk line within {TARGET:g}x of a plain run: {'met' if met else 'NOT met'}")
    return met


if __name__ == "__main__":
    main()
