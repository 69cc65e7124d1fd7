"""Run every benchmark: `python benchmarks/run.py`.

Each `benchmarks/bench_*.py` module has a `main()` that measures its figures
within this one run (ratios, never absolute times compared with another
machine), prints them, and returns whether its target is met (True/False), or
None when it has no target. The exit code is 0 either way: a benchmark
reports, it does not fail a build.

Options, passed on to the benchmarks that take them:
  --paths N       Monte Carlo paths per simulation (default 100,000), to scale a run down
  --methods a,b   Monte Carlo of these methods only (default: every method)
  --quick         peak memory at 100,000 paths x 30 years instead of the largest accepted simulation
Names (startup, montecarlo, memory, goal, history, risk) run only those benchmarks.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run passivecalc's benchmarks; print ratios and whether each target is met."
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (startup, montecarlo, memory, ...); default all")
    parser.add_argument("--paths", type=int, default=None, help="Monte Carlo paths per simulation (default 100,000)")
    parser.add_argument(
        "--methods",
        type=lambda text: tuple(filter(None, text.split(","))),
        default=None,
        help="comma-separated methods for the Monte Carlo benchmark (default: every method)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="peak memory at a small case instead of the largest accepted"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run the benchmarks named (bench_startup or startup), or all of them."""
    options = arguments(argv)
    given = {"paths": options.paths, "methods": options.methods, "quick": options.quick or None}
    wanted = {name.removeprefix("bench_").removesuffix(".py") for name in options.names}
    results = {}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        module = load(path)
        accepts = inspect.signature(module.main).parameters
        results[name] = module.main(
            **{key: value for key, value in given.items() if key in accepts and value is not None}
        )
        print(f"({time.perf_counter() - started:,.0f} s)", flush=True)
        print(flush=True)
    met = [name for name, ok in results.items() if ok is True]
    missed = [name for name, ok in results.items() if ok is False]
    print(
        f"targets met: {len(met)} of {len(met) + len(missed)}"
        + (f" ({', '.join(met)})" if met else "")
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
