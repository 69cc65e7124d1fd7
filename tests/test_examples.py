"""Examples that test themselves: each file says what it shows, and every command of every shell example runs.

`.ci/run` runs every example as a user would (bash, the installed console script). The suite runs each
example's passivecalc commands in this process (conftest's `invoke`: no half-second start-up per command),
and one example under bash with the console script, whose output must be what the in-process commands print.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAIN_COMMAND, invoke

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
SCRIPTS = [p for p in FILES if p.suffix == ".sh"]
# Run under bash too: two commands, one of them over continued lines, a table and a CSV.
UNDER_BASH = EXAMPLES / "dropship-breakeven.sh"


def opening_comment(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    return lines[0] if lines else ""


def commands(path: Path) -> list[str]:
    """The example's commands, a line continued with a backslash joined to the next; comments and `set` left out."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "set "))]


def test_there_are_examples():
    assert SCRIPTS and UNDER_BASH in SCRIPTS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_opens_with_a_line_saying_what_it_shows(path):
    line = opening_comment(path)
    assert line.startswith("# "), f"{path.name} does not open with a comment line"
    assert len(line.split()) >= 5, f"{path.name}: the first line should say what the example shows"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_shell_examples_fail_on_any_error(path):
    assert "set -euo pipefail" in path.read_text(encoding="utf-8")
    assert "passivecalc " in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_command_of_a_shell_example_runs(path, tmp_path, monkeypatch):
    # In a scratch folder, so that files an example writes stay there; NO_COLOR and stdout a pipe, as under bash.
    found = commands(path)
    assert found, f"{path.name} runs no command"
    monkeypatch.chdir(tmp_path)
    for command in found:
        # Anything but plain passivecalc commands would need a shell: run the example under bash here instead.
        assert PLAIN_COMMAND.fullmatch(command), f"{path.name}: not a plain passivecalc command: {command}"
        result = invoke(shlex.split(command)[1:], env={"NO_COLOR": "1"})
        assert result.exit_code == 0, f"{path.name}: `{command}` exited {result.exit_code}:\n{result.stderr[-2000:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.stdout.strip(), f"{path.name}: `{command}` printed nothing"


@pytest.mark.slow
def test_an_example_under_bash_prints_what_its_commands_print(tmp_path):
    # The console script lives next to this Python; run in a scratch folder so files an example writes stay there.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        ["bash", str(UNDER_BASH)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{UNDER_BASH.name} exited {result.returncode}:\n{result.stderr[-2000:]}"
    assert result.stdout.strip(), f"{UNDER_BASH.name} printed nothing"
    in_process = [invoke(shlex.split(command)[1:], env={"NO_COLOR": "1"}) for command in commands(UNDER_BASH)]
    assert len(in_process) == 2
    assert result.stdout == "".join(r.stdout for r in in_process)
    assert result.stderr == "".join(r.stderr for r in in_process)
