"""Where results go: `write(result, fmt, options, output)`, the one output call of every command.

A result is rendered (render/) in the format asked for and written to stdout,
or to the -o file whole (temp file, then rename); text or bytes alike.
Messages (notes, errors, "wrote PATH") go to stderr through `message`, one
line each whatever the width. `emit` is write's second half; only `example`
calls it directly, as its output is a scenario file's text (TOML), not a result.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from passivecalc.errors import InputError
from passivecalc.render import Format, RenderOptions, render

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
    """Colour only on a terminal, never with NO_COLOR or TERM=dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_width(output: Path | None) -> int | None:
    """The terminal's width (COLUMNS honoured) when stdout is one and no file is asked for; None: natural width."""
    if output is not None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def write(result: object, fmt: Format, options: RenderOptions, output: Path | None) -> None:
    """Render the result in the format to stdout, or to the output file written whole.

    Colour and width are decided here, from where the result goes: colour on
    only for stdout on a terminal without NO_COLOR (options.color is
    ignored); a table fits a terminal's width, elsewhere its natural width.
    """
    shown = replace(options, color=color_on() and output is None, width=options.width or terminal_width(output))
    emit(render(result, fmt, shown), output)


def emit(content: str | bytes, path: Path | None) -> None:
    """Text or bytes to stdout, or to the file at path: a temp file beside it, renamed over it when whole."""
    if path is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(content)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as text:
                text.write(content)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    message(f"wrote {path}")


def message(text: str) -> None:
    """One line on stderr, never wrapped, never read as markup: a path or a value shows as typed."""
    stderr.print(text, markup=False, soft_wrap=True)


def note(text: str) -> None:
    message(f"note: {text}")
