"""Examples that test themselves: each file says what it shows, and every shell example runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
SCRIPTS = [p for p in FILES if p.suffix == ".sh"]


def opening_comment(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    return lines[0] if lines else ""


def test_there_are_examples():
    assert SCRIPTS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_opens_with_a_line_saying_what_it_shows(path):
    line = opening_comment(path)
    assert line.startswith("# "), f"{path.name} does not open with a comment line"
    assert len(line.split()) >= 5, f"{path.name}: the first line should say what the example shows"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_shell_examples_fail_on_any_error(path):
    assert "set -euo pipefail" in path.read_text(encoding="utf-8")
    assert "passivecalc " in path.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_shell_example_runs(path, tmp_path):
    # The console script lives next to this Python; run in a scratch folder so files an example writes stay there.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        ["bash", str(path)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{path.name} exited {result.returncode}:\n{result.stderr[-2000:]}"
    assert result.stdout.strip(), f"{path.name} printed nothing"
