"""Start-up: the CLI's wall time over two baselines, as ratios measured in one run.

Times `passivecalc dividend --years 100 --format csv` (a subprocess, as a user
runs it) against:

(a) `python -c "import typer, rich.table, numpy, pydantic"`: importing the
    stack. Target: within 1.35x.
(b) benchmarks/minimal_app.py: a minimal typer app with as many options as the
    dividend command, of the same kinds (read from that command here), that
    validates one pydantic model with a field per option and prints one line.
    Target: within 1.05x.

Each figure is the median wall time of RUNS runs; the three commands run in
turn (CLI, (a), (b), CLI, ...) from this one process, so that a busy machine
slows them alike. The CPU time (user + system) of the same runs is printed
too, for a busy machine, where it moves less than wall time; the targets are on
wall time. Run on its own: `python benchmarks/bench_startup.py`.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

IMPORTS_TARGET = 1.35
MINIMAL_TARGET = 1.05
RUNS = 11
IMPORTS = "import typer, rich.table, numpy, pydantic"
MINIMAL_APP = Path(__file__).resolve().parent / "minimal_app.py"


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


ARGS = ["dividend", "--years", "100", "--format", "csv"]


def option_kinds() -> str:
    """The dividend command's options, one letter each (f float, i int, b bool, s anything else), in order."""
    import typer

    from passivecalc.cli import app_for

    command = typer.main.get_command(app_for(["dividend"])).commands["dividend"]  # type: ignore[attr-defined]
    kinds = {float: "f", int: "i", bool: "b"}
    return "".join(kinds.get(param.type_descriptor.annotation, "s") for param in command.params)


def wall_time(command: list[str], env: dict[str, str]) -> float:
    return timed(command, env)[0]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds of one run: wall, and the CPU time (user + system) the process used."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (now.ru_utime - used.ru_utime) + (now.ru_stime - used.ru_stime)


def measure(runs: int = RUNS) -> tuple[str, dict[str, list[float]]]:
    """The option kinds used, and seconds of each run of the CLI and of the two baselines, in turn."""
    kinds, times, _ = measure_with_cpu(runs)
    return kinds, times


def measure_with_cpu(runs: int = RUNS) -> tuple[str, dict[str, list[float]], dict[str, list[float]]]:
    """As measure, with the CPU seconds of each run beside its wall seconds."""
    kinds = option_kinds()
    env = environment()
    commands = {
        "cli": ([*passivecalc_command(), *ARGS], env),
        "imports": ([sys.executable, "-c", IMPORTS], env),
        "minimal": ([sys.executable, str(MINIMAL_APP)], {**env, "PASSIVECALC_BENCH_OPTIONS": kinds}),
    }
    for command, command_env in commands.values():  # warm up: bytecode, file cache
        wall_time(command, command_env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, command_env) in commands.items():
            wall, used = timed(command, command_env)
            times[name].append(wall)
            cpu[name].append(used)
    return kinds, times, cpu


def main(runs: int = RUNS) -> bool:
    kinds, times, cpu = measure_with_cpu(runs)
    cli, imports, minimal = (statistics.median(times[name]) for name in ("cli", "imports", "minimal"))
    over_imports, over_minimal = cli / imports, cli / minimal
    imports_met, minimal_met = over_imports <= IMPORTS_TARGET, over_minimal <= MINIMAL_TARGET
    counts = ", ".join(
        f"{kinds.count(k)} {name}" for k, name in (("f", "float"), ("i", "int"), ("b", "flag"), ("s", "text"))
    )
    print(f"passivecalc dividend --years 100 --format csv   {cli * 1000:6.0f} ms  (median of {runs}, wall)")
    print(f'(a) python -c "{IMPORTS}"  {imports * 1000:6.0f} ms')
    print(f"(b) minimal typer app, {len(kinds)} options ({counts}), one pydantic model  {minimal * 1000:6.0f} ms")
    print(
        f"fastest runs: {min(times['cli']) * 1000:.0f} / {min(times['imports']) * 1000:.0f} / {min(times['minimal']) * 1000:.0f} ms"
    )
    cli_cpu, imports_cpu, minimal_cpu = (statistics.median(cpu[name]) for name in ("cli", "imports", "minimal"))
    print(
        f"CPU (user + system), median: {cli_cpu * 1000:.0f} / {imports_cpu * 1000:.0f} / {minimal_cpu * 1000:.0f} ms, "
        f"{cli_cpu / imports_cpu:.2f}x (a), {cli_cpu / minimal_cpu:.2f}x (b): less swayed by a busy machine than wall time"
    )
    print(
        f"start-up over (a) imports:     {over_imports:5.2f}x  (target within {IMPORTS_TARGET}x)  {'met' if imports_met else 'NOT met'}"
    )
    print(
        f"start-up over (b) minimal app: {over_minimal:5.2f}x  (target within {MINIMAL_TARGET}x)  {'met' if minimal_met else 'NOT met'}"
    )
    return imports_met and minimal_met


if __name__ == "__main__":
    main()
