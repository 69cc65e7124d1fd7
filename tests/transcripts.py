"""Docs that cannot go stale: every `$ passivecalc ...` transcript in README.md and docs/ (and its subfolders) is re-run.

A transcript is a ```console block whose lines starting with `$ ` are commands
and whose other lines are what the commands printed. The commands of one block
run one after another in a fresh folder (where `examples/` is the repository's),
so a block may write a file and read it back. Each runs under bash, in a pseudo-terminal 80 columns wide with colour
off (NO_COLOR), as a person would see it in an 80-column terminal; stdout and
stderr both show, as on a screen. A command may pipe into head, grep or tail.

    python tests/transcripts.py            check every transcript, list those that differ
    python tests/transcripts.py --update   rewrite the outputs in place from fresh runs

tests/test_transcripts.py runs the check, one test per transcript.
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 80
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


@dataclass(frozen=True)
class Transcript:
    path: Path
    start: int  # offset of the block's body in the file
    end: int
    commands: tuple[tuple[str, str], ...]  # (command, expected output)

    @property
    def name(self) -> str:
        first = self.commands[0][0] if self.commands else ""
        return f"{self.path.relative_to(ROOT)}: $ {first}"


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def transcripts(path: Path) -> list[Transcript]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        commands: list[tuple[str, list[str]]] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        if any(command.startswith("passivecalc") for command, _ in commands):
            pairs = tuple((command, "\n".join(lines)) for command, lines in commands)
            found.append(Transcript(path, match.start(1), match.end(1), pairs))
    return found


def every_transcript() -> list[Transcript]:
    return [t for path in documents() if path.exists() for t in transcripts(path)]


def run(command: str, cwd: Path = ROOT) -> str:
    """What `command` shows in an 80-column terminal with colour off: stdout and stderr, trailing spaces trimmed."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "LINES": "50", "NO_COLOR": "1", "TERM": "xterm-256color"}
    # The passivecalc beside this Python (a virtual environment's), whether or not it is activated.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.pop("FORCE_COLOR", None)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, WIDTH, 0, 0))
    process = subprocess.Popen(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError as error:  # EIO: the other end closed
            if error.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait()
    return screen(b"".join(chunks).decode("utf-8", errors="replace"))


TOKEN = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b|\r|\n|[^\x1b\r\n]+")


def screen(raw: str) -> str:
    """What a terminal shows once `raw` has been written to it, trailing spaces trimmed.

    Carriage returns, erased lines and cursor-up moves are applied, so a line
    that is redrawn shows once and a transient progress bar (which erases
    itself) shows nothing, as on a person's screen. Other escape codes are dropped.
    """
    lines: list[list[str]] = [[]]
    row = col = 0
    for match in TOKEN.finditer(raw):
        token = match.group(0)
        if token == "\r":
            col = 0
        elif token == "\n":  # the pseudo-terminal turns \n into \r\n
            row, col = row + 1, 0
            if row == len(lines):
                lines.append([])
        elif match.group(2):
            argument, code = match.group(1), match.group(2)
            if code == "A":
                row = max(0, row - int(argument or 1))
            elif code == "K":
                if argument == "2":
                    lines[row] = []
                elif argument in ("", "0"):
                    del lines[row][col:]
        elif token != "\x1b":
            line = lines[row]
            line.extend(" " * (col - len(line)))
            line[col : col + len(token)] = list(token)
            col += len(token)
    text = "\n".join("".join(line).rstrip() for line in lines)
    return text.rstrip("\n")


def check(transcript: Transcript) -> list[tuple[str, str, str]]:
    """The commands whose output differs: (command, expected, actual)."""
    differ = []
    with tempfile.TemporaryDirectory() as folder:
        for command, expected in transcript.commands:
            actual = run(command, workspace(Path(folder)))
            if actual != "\n".join(line.rstrip() for line in expected.splitlines()):
                differ.append((command, expected, actual))
    return differ


def workspace(folder: Path) -> Path:
    """A folder in which `examples/` is the repository's, for commands that read the examples."""
    link = folder / "examples"
    if not link.exists():
        link.symlink_to(ROOT / "examples")
    return folder


def update(path: Path) -> int:
    """Rewrite every transcript in `path` from fresh runs; the number of blocks changed."""
    text = path.read_text(encoding="utf-8")
    changed = 0
    for transcript in reversed(transcripts(path)):
        with tempfile.TemporaryDirectory() as folder:
            outputs = [(command, run(command, workspace(Path(folder)))) for command, _ in transcript.commands]
        body = "".join(f"$ {command}\n" + (f"{out}\n" if out else "") for command, out in outputs)
        if body != text[transcript.start : transcript.end]:
            changed += 1
            text = text[: transcript.start] + body + text[transcript.end :]
    path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    if "--update" in argv:
        for path in documents():
            if path.exists():
                print(f"{path.relative_to(ROOT)}: {update(path)} transcript(s) rewritten")
        return 0
    failed = 0
    for transcript in every_transcript():
        for command, _, _ in check(transcript):
            failed += 1
            print(f"differs: {transcript.path.relative_to(ROOT)}: $ {command}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
