"""Shared helpers for the test suite: CLI runners, projections by method name, hypothesis limits."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from passivecalc.methods import get
from passivecalc.params import build
from transcripts import ROOT, WIDTH, screen

# Hypothesis profiles. "repeatable" is what `python -m pytest` (README's command) and CI run: the same
# examples on every run, on every machine and in every clone, whatever a local .hypothesis/ folder holds
# (no example database, examples derived from each test's name rather than drawn at random), no time
# limit per example (the suite shares small machines), and few enough examples to stay quick. A test's own
# @settings(max_examples=...) keeps the rest of the profile. `HYPOTHESIS_PROFILE=thorough` searches
# afresh with 500 random examples a test; a failure it finds prints the @reproduce_failure line to pin it.
_SHARED = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("repeatable", max_examples=40, derandomize=True, **_SHARED)
settings.register_profile("thorough", max_examples=500, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs subprocesses or many CLI invocations (deselect with -m 'not slow')")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def project(method: str, **values):
    """Validate values (keys as the user writes them) for a registered method and project them."""
    chosen = get(method)
    params = build(chosen.params, values)
    return chosen.project(params)


def dividend(**values):
    return project("dividend", **values)


# -- the command line in this process ---------------------------------------------------------------
# Starting `passivecalc` as a process costs about half a second, mostly imports; the suite runs hundreds of
# commands, so it runs them in its own process unless the process boundary is what a test checks (a real
# pipe, a signal, the installed script: tests/test_faults.py, tests/test_terminal.py). Both runners below
# build only the command named, as the console script does (cli.app_for), not the whole app.


def invoke(args: list[str], **kwargs) -> Result:
    """`passivecalc ARGS` with stdout and stderr captured apart, neither a terminal (typer's CliRunner)."""
    from passivecalc.cli import app_for

    return CliRunner().invoke(app_for(args), args, **kwargs)


# A command the runner below can run without a shell: `passivecalc` and words with no shell syntax in them
# (no pipe, redirection, variable, glob or command list); a quoted word is fine.
PLAIN_COMMAND = re.compile(r"""passivecalc(?: (?:[\w=:,./%+@-]+|"[^"$`\\]*"|'[^']*'))*""")


class _Terminal(io.BytesIO):
    """What a terminal receives, in memory; it says it is a terminal (isatty), as a pseudo-terminal does."""

    def isatty(self) -> bool:
        return True


def in_terminal(
    command: str, cwd: Path = ROOT, raw: bool = False, pipe: io.BytesIO | None = None, **env: str | None
) -> str:
    """What a plain `passivecalc ...` command shows in an 80-column terminal with colour off, run in this process.

    The same screen as tests/transcripts.py's `run` gives in a pseudo-terminal (its environment: COLUMNS,
    LINES, NO_COLOR, TERM; stdout and stderr both on the screen, in the order written; stdin empty), through
    the console script's own entry point, `passivecalc.cli.main`. env: variables to set, or to unset (None).
    raw: what was written, escape codes and all, instead of the screen they make.
    pipe: stdout goes into this buffer, as into a pipe (not a terminal); the screen shows stderr alone.
    tests/test_terminal.py checks that both runners show the same screen.
    """
    from passivecalc.cli import main

    if not PLAIN_COMMAND.fullmatch(command):
        raise ValueError(f"not a plain passivecalc command (run it with transcripts.run): {command}")
    settings = {"COLUMNS": str(WIDTH), "LINES": "50", "NO_COLOR": "1", "TERM": "xterm-256color", "FORCE_COLOR": None}
    settings.update(env)
    shown = _Terminal()
    tty = io.TextIOWrapper(shown, encoding="utf-8", write_through=True)
    out = tty if pipe is None else io.TextIOWrapper(pipe, encoding="utf-8", write_through=True)
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ))
        for name, value in settings.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(mock.patch.object(sys, "argv", shlex.split(command)))
        stack.enter_context(mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(), encoding="utf-8")))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(tty))
        with contextlib.suppress(SystemExit):
            main()
    tty.flush()
    out.flush()
    out.detach()  # the pipe's buffer stays open for the caller
    written = shown.getvalue().decode("utf-8", errors="replace")
    return written if raw else screen(written)
