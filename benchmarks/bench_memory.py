"""Peak memory of the largest simulation passivecalc accepts, measured in a fresh process.

The largest accepted simulation is found from the project's own work budget
(risk.estimate_work and risk.check_work): `passivecalc dividend --simulate
PATHS --years 100 --format csv` with PATHS the most paths (risk.MAX_PATHS) and
100 years the most years. When the CLI has `--max-work`, the run passes the
multiplier the estimate needs (the memory bound, 1 GiB, holds whatever it is);
without it, PATHS is the most the default budget accepts at 100 years.
`--quick` measures 100,000 paths x 30 years instead, for a run in a few
seconds.

The CLI runs as a grandchild: a small Python runs it and reports
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, the peak resident set of that
one run (Python, numpy and passivecalc included). Target: under 1 GiB.
Run on its own: `python benchmarks/bench_memory.py [--quick]`.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1 << 30
YEARS = 100
QUICK_PATHS, QUICK_YEARS = 100_000, 30

CHILD = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(done.stderr.strip()[-300:]))
"""


def passivecalc_command() -> list[str]:
    """The installed console script next to this Python, else `python -m passivecalc`."""
    script = Path(sys.executable).parent / "passivecalc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "passivecalc"]


def has_max_work() -> bool:
    """Whether `passivecalc dividend` takes --max-work."""
    import typer

    from passivecalc.cli import app_for

    command = typer.main.get_command(app_for(["dividend"])).commands["dividend"]  # type: ignore[attr-defined]
    return any(param.name == "max_work" for param in command.params)


def accepted(paths: int, years: int, max_work: float = 1.0) -> bool:
    from passivecalc import risk
    from passivecalc.errors import InputError

    try:
        risk.check_work(risk.estimate_work(["dividend"], 12 * years, paths), max_work)
    except InputError:
        return False
    return True


def largest_case() -> tuple[int, int, int | None]:
    """(paths, years, max_work or None) of the largest dividend simulation the CLI accepts."""
    from passivecalc import risk

    if has_max_work():
        work = risk.estimate_work(["dividend"], 12 * YEARS, risk.MAX_PATHS)
        max_work = max(1, math.ceil(work.seconds / risk.WORK_SECONDS - 1e-9))
        if accepted(risk.MAX_PATHS, YEARS, max_work):
            return risk.MAX_PATHS, YEARS, max_work
    low, high = 1, risk.MAX_PATHS  # the most paths at 100 years within the default budget: accepted(low) holds
    if accepted(high, YEARS):
        return high, YEARS, None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle, YEARS) else (low, middle)
    return low, YEARS, None


def peak_memory(paths: int, years: int, max_work: int | None) -> tuple[int, float, str]:
    """(peak resident set in bytes, wall seconds, error text) of one CLI run; Linux reports ru_maxrss in KiB."""
    command = [*passivecalc_command(), "dividend", "--simulate", str(paths), "--years", str(years), "--format", "csv"]
    if max_work is not None:
        command += ["--max-work", str(max_work)]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, *command], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    code, kib, error = out.stdout.strip().split(" ", 2)
    return int(kib) * 1024, seconds, (error if code != "0" else "")


def main(quick: bool = False) -> bool:
    from passivecalc import risk

    paths, years, max_work = (QUICK_PATHS, QUICK_YEARS, None) if quick else largest_case()
    estimate = risk.estimate_work(["dividend"], 12 * years, paths)
    flags = f" --max-work {max_work}" if max_work is not None else ""
    what = "quick case" if quick else "largest accepted"
    print(f"passivecalc dividend --simulate {paths} --years {years}{flags} -f csv  ({what})")
    print(f"the budget's estimate: {estimate.seconds:,.0f} s of work, {estimate.memory / 2**20:,.0f} MiB")
    peak, seconds, error = peak_memory(paths, years, max_work)
    if error:
        print(f"the run failed: {error}")
        print(f"peak memory: not measured (target under {TARGET / 2**20:.0f} MiB) NOT met")
        return False
    met = peak < TARGET
    print(
        f"peak memory: {peak / 2**20:,.0f} MiB in {seconds:,.0f} s wall (target under {TARGET / 2**20:.0f} MiB) {'met' if met else 'NOT met'}"
    )
    return met


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Peak memory of the largest accepted simulation.")
    parser.add_argument(
        "--quick", action="store_true", help=f"measure {QUICK_PATHS:,} paths x {QUICK_YEARS} years instead"
    )
    main(parser.parse_args().quick)
