"""Every `$ passivecalc ...` transcript in README.md and docs/ still prints what the page shows.

When output changes on purpose, `python tests/transcripts.py --update` rewrites the pages.

A plain `passivecalc ...` command (no pipe, redirection or other shell syntax) runs in this process
(conftest's `in_terminal`: the screen of an 80-column pseudo-terminal, without half a second of start-up). So
does a plain command whose stdout goes on into the shell (`| head -1`, `> plan.toml`): its stdout is kept as
a pipe would take it and fed to the rest of the line, which runs under bash in a real pseudo-terminal, below
what passivecalc wrote on stderr. Every other command runs wholly under bash in a real pseudo-terminal
(transcripts.run), as `--update` runs them all. The pages are written from real pseudo-terminal runs, so an
in-process run that showed anything else fails here.
"""

from __future__ import annotations

import io
import re
import shlex
import tempfile
from pathlib import Path

import pytest

from conftest import PLAIN_COMMAND, in_terminal
from transcripts import Transcript, every_transcript, run, workspace

TRANSCRIPTS = every_transcript()
# A plain command, then what reads its stdout: a pipe or a redirection of stdout alone (not `2>&1`).
PIPED = re.compile(rf"(?P<command>{PLAIN_COMMAND.pattern}) (?P<rest>(?:\||>).*)")


def shown(command: str, here: Path, scratch: Path) -> str:
    """What the command shows in an 80-column terminal, run in this process where it can be (see above)."""
    if PLAIN_COMMAND.fullmatch(command):
        return in_terminal(command, here)
    piped = PIPED.fullmatch(command)
    if piped is None:
        return run(command, here)
    stdout = io.BytesIO()
    stderr = in_terminal(piped["command"], here, pipe=stdout)
    kept = scratch / "stdout"
    kept.write_bytes(stdout.getvalue())
    rest = run(f"cat {shlex.quote(str(kept))} {piped['rest']}", here)
    return "\n".join(part for part in (stderr, rest) if part)


def differ(transcript: Transcript) -> list[tuple[str, str, str]]:
    """transcripts.check, with passivecalc run in this process where it can be: (command, expected, actual)."""
    found = []
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as scratch:
        here = workspace(Path(folder))
        for command, expected in transcript.commands:
            actual = shown(command, here, Path(scratch))
            if actual != "\n".join(line.rstrip() for line in expected.splitlines()):
                found.append((command, expected, actual))
    return found


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.name[:90] for t in TRANSCRIPTS])
def test_transcript_still_reproduces(transcript):
    stale = differ(transcript)
    message = "\n\n".join(
        f"$ {command}\n--- page\n{expected}\n--- now\n{actual}" for command, expected, actual in stale
    )
    assert not stale, f"{transcript.path.name} is stale; run `python tests/transcripts.py --update`\n{message}"


def test_the_runner_sees_an_80_column_terminal():
    # stty reports the pseudo-terminal's size as a person's terminal would.
    assert run("stty size < /dev/stdout") == "50 80"
    assert run("test -t 1 && echo terminal") == "terminal"


def test_the_commands_are_sorted_by_what_they_need():
    commands = [command for t in TRANSCRIPTS for command, _ in t.commands]
    assert any(PLAIN_COMMAND.fullmatch(c) for c in commands) and any(PIPED.fullmatch(c) for c in commands)
    assert not PLAIN_COMMAND.fullmatch("passivecalc dividend --years 1 | head -1")
    assert PIPED.fullmatch("passivecalc dividend --years 1 | head -1")["rest"] == "| head -1"
    assert PIPED.fullmatch("passivecalc example dividend > plan.toml")["rest"] == "> plan.toml"
    # stderr into the pipe too, a variable, a second command: bash runs the whole line.
    for command in (
        "passivecalc goal x 2>&1 | head -2",
        'passivecalc dividend "$HOME"',
        "passivecalc a; passivecalc b",
    ):
        assert not PLAIN_COMMAND.fullmatch(command) and not PIPED.fullmatch(command)


def test_a_piped_command_shows_its_stderr_above_what_the_pipe_prints(tmp_path):
    # The note goes to the screen (stderr) before the output is written, the output into `head`, which prints
    # its first line: the answer.
    command = "passivecalc dropship --roas 1.5 --years 1 | head -1"
    screen = shown(command, workspace(tmp_path), tmp_path)
    assert screen == run(command, workspace(tmp_path))
    note, first = screen.splitlines()
    assert note.startswith("note: ") and first.startswith("After 1 year: ")
