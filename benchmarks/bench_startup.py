"""Start-up: the CLI's wall time over the time of importing its own dependencies.

Measures, in one run, the median wall time of
`passivecalc dividend --years 100 --format csv` (a subprocess, as a user runs
it) over the median wall time of a Python process that only imports what the
CLI builds on, as the CLI uses it. Target: within 1.2x (DESIGN.md, Speed).
Runs alternate between the two commands so that a busy machine slows both
alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.2
RUNS = 11
DEPENDENCIES = (
    "import typer, numpy; from pydantic import BaseModel, Field; "
    "from rich.console import Console; from rich.table import Table"
)


def passivecalc_command() -> list[str]:
    """The installed console script next to this Python, else `python -m passivecalc`."""
    script = Path(sys.executable).parent / "passivecalc"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "passivecalc"]


def environment() -> dict[str, str]:
    """The caller's environment, with bytecode caching on as on a user's machine.

    PYTHONDONTWRITEBYTECODE would make every run compile passivecalc's source
    anew (the dependencies come with their bytecode from the install), which
    measures the setting, not the start-up a user sees.
    """
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment())
    return time.perf_counter() - start


def measure(runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Seconds of each run of the CLI and of the dependency imports, alternating, after one warm-up each."""
    cli = [*passivecalc_command(), "dividend", "--years", "100", "--format", "csv"]
    imports = [sys.executable, "-c", DEPENDENCIES]
    wall_time(cli), wall_time(imports)
    cli_times, import_times = [], []
    for _ in range(runs):
        cli_times.append(wall_time(cli))
        import_times.append(wall_time(imports))
    return cli_times, import_times


def main() -> bool:
    cli_times, import_times = measure()
    cli, imports = statistics.median(cli_times), statistics.median(import_times)
    ratio = cli / imports
    met = ratio <= TARGET
    print(f"passivecalc dividend --years 100 --format csv: {cli * 1000:.0f} ms (median of {RUNS})")
    print(f"importing typer, numpy, pydantic, rich:        {imports * 1000:.0f} ms (median of {RUNS})")
    # On a busy machine the fastest runs show the cost itself, without the waits.
    print(f"fastest runs: {min(cli_times) * 1000:.0f} ms / {min(import_times) * 1000:.0f} ms = {min(cli_times) / min(import_times):.2f}x")
    print(f"start-up ratio: {ratio:.2f}x (target: within {TARGET}x) {'met' if met else 'NOT met'}")
    return met


if __name__ == "__main__":
    main()
