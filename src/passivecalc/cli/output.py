"""Where results go: stdout, or a file written whole (temp file, then rename); messages to stderr."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from passivecalc.errors import InputError

stderr = Console(stderr=True, highlight=False, emoji=False)  # no emoji codes: "3:6:0.5" and ":end:" stay as typed


def check_output(path: Path | None) -> None:
    """Fail early, before any work, if the output file cannot be written where asked."""
    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output", f"folder '{folder}' does not exist (the file's folder must exist)")
    if path.is_dir():
        raise InputError("output", f"'{path}' is a folder; give a file name")


def color_on() -> bool:
    """Colour only on a terminal, never with NO_COLOR."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def emit(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    stderr.print(f"wrote {path}")


def note(message: str) -> None:
    stderr.print(f"note: {message}", markup=False, soft_wrap=True)  # one line per note, whatever the width
