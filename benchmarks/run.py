"""Run every benchmark: `python benchmarks/run.py`.

Each `benchmarks/bench_*.py` module has a `main()` that measures its figures
within this one run (ratios, never absolute times compared with another
machine), prints them, and returns whether its target is met (True/False), or
None when it has no target. The exit code is 0 either way: a benchmark
reports, it does not fail a build.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(names: list[str]) -> int:
    """Run the benchmarks named (bench_startup or startup), or all of them."""
    wanted = {name.removeprefix("bench_").removesuffix(".py") for name in names}
    results = {}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        results[name] = load(path).main()
        print(flush=True)
    met = [name for name, ok in results.items() if ok is True]
    missed = [name for name, ok in results.items() if ok is False]
    print(f"targets met: {len(met)} of {len(met) + len(missed)}" + (f" (missed: {', '.join(missed)})" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
