"""Where results go: `write(result, fmt, options, output)`, the one output call of every command.

A result is rendered (render/) in the format asked for and written to stdout,
or to the -o file whole (temp file, then rename); text or bytes alike.
Messages (notes, errors, "wrote PATH") go to stderr through `message`, one
line each whatever the width. `emit` is write's second half; only `example`
calls it directly, as its output is a scenario file's text (TOML), not a result.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from passivecalc.errors import InputError
from passivecalc.render import Format, RenderOptions, render

stderr = Console(stderr=True, highlight=False, emoji=False)  # no emoji codes: "3:6:0.5" and ":end:" stay as typed


def check_output(path: Path | None) -> None:
    """Fail early, before any work, if the output file cannot be written where asked (or --lang is unknown)."""
    command_lang()
    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output", f"folder '{folder}' does not exist (the file's folder must exist)")
    if path.is_dir():
        raise InputError("output", f"'{path}' is a folder; give a file name")


def color_on() -> bool:
    """Colour only on a terminal, never with NO_COLOR."""
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def write(result: object, fmt: Format, options: RenderOptions, output: Path | None) -> None:
    """Render the result in the format to stdout, or to the output file written whole.

    Colour is decided here, from where the result goes: on only for stdout on
    a terminal without NO_COLOR (options.color is ignored). The language is
    options.lang, else the running command's --lang (command_lang). A workbook
    is bytes: it is refused on a terminal (redirect stdout or give -o).
    """
    if fmt is Format.xlsx and output is None and stdout_is_terminal():
        raise InputError("format", "xlsx writes a binary workbook: give -o FILE.xlsx (or redirect stdout to a file)")
    shown = replace(options, color=color_on() and output is None, lang=options.lang or command_lang())
    emit(render(result, fmt, shown), output)


# The running command's --lang, kept as the option is parsed (cli/options.py); None: not given.
LANG: str | None = None


def command_lang() -> str:
    """The language of the running command's output: its --lang (every command that renders takes it), else
    PASSIVECALC_LANG, else English. InputError naming the variable when it holds a language passivecalc lacks."""
    from passivecalc.i18n import language

    return language(LANG)


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
