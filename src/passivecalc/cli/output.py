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
from collections.abc import Iterable
from pathlib import Path

from passivecalc.errors import InputError, OutputError
from passivecalc.render import EXTENSIONS, Format, RenderOptions, render


def check_output(
    path: Path | None, fmt: Format | None = None, inputs: Iterable[Path] = (), formats: bool = True
) -> None:
    """Fail early, before any work, if the output file cannot be written where asked or as asked.

    The file's extension must name a format (EXTENSIONS) unless fmt is given,
    and agree with fmt when it names one; the file may not be one of the
    command's input files (it would be replaced by its own projection).
    formats=False skips the extension check (`example` writes TOML, not a result).
    """
    command_lang()
    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output", f"folder '{folder}' does not exist (the file's folder must exist)")
    if path.is_dir():
        raise InputError("output", f"'{path}' is a folder; give a file name")
    named = EXTENSIONS.get(path.suffix.lower())
    extensions = ", ".join(EXTENSIONS)
    if named is None and fmt is None and formats:
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise InputError(
            "output",
            f"'{path}' has {shown}, which names no format; end the name in {extensions}, or add --format ({', '.join(f.value for f in Format)})",
        )
    if formats and named is not None and fmt is not None and named is not fmt:
        raise InputError("output", f"'{path}' ends in {path.suffix} but --format is {fmt.value}; make them agree")
    for given in inputs:
        if os.path.exists(given) and os.path.exists(path) and os.path.samefile(given, path):
            raise InputError("output", f"'{path}' is an input of this command; write the output to another file")


def color_on() -> bool:
    """Colour only on a terminal, never with NO_COLOR or TERM=dumb."""
    return stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def terminal_width(output: Path | None) -> int | None:
    """The terminal's width (COLUMNS honoured) when stdout is one and no file is asked for; None: natural width."""
    if output is not None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def write(result: object, fmt: Format, options: RenderOptions, output: Path | None) -> None:
    """Render the result in the format to stdout, or to the output file written whole.

    Colour and width are decided here, from where the result goes: colour on
    only for stdout on a terminal without NO_COLOR or TERM=dumb
    (options.color is ignored); a table fits a terminal's width, elsewhere
    its natural width. The language is options.lang, else the running
    command's --lang (command_lang). A workbook is bytes: it is refused on a
    terminal (redirect stdout or give -o).
    """
    if fmt is Format.xlsx and output is None and stdout_is_terminal():
        raise InputError("format", "xlsx writes a binary workbook: give -o FILE.xlsx (or redirect stdout to a file)")
    shown = options._replace(
        color=color_on() and output is None,
        width=options.width or terminal_width(output),
        lang=options.lang or command_lang(),
    )
    emit(render(result, fmt, shown), output)


# The running command's --lang, kept as the option is parsed (cli/options.py); None: not given.
LANG: str | None = None


def command_lang() -> str:
    """The language of the running command's output: its --lang (every command that renders takes it), else
    PASSIVECALC_LANG, else English. InputError naming the variable when it holds a language passivecalc lacks."""
    if LANG is None and not os.environ.get("PASSIVECALC_LANG"):
        return "en"  # nothing to check: i18n (and the catalogues' reader) stays unloaded, as a CSV run needs neither
    from passivecalc.i18n import language

    return language(LANG)


def emit(content: str | bytes, path: Path | None) -> None:
    """Text or bytes to stdout, or to the file at path: a temp file beside it, renamed over it when whole.

    A new file gets the mode the user's umask gives (0644 usually); a file
    replaced keeps its mode. A failed write (a full disk, a read-only folder)
    raises OutputError naming the file and the reason, with the old file
    intact and no temp file left. A closed pipe on stdout (BrokenPipeError)
    is left to the caller, which ends quietly.
    """
    if path is None:
        try:
            if isinstance(content, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(content)
                sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            stdout_closed()
            raise OutputError(f"cannot write the output: {reason(error)}") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {reason(error)}") from None
    try:
        os.chmod(temp, mode_for(path))
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(content)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as text:
                text.write(content)
        os.replace(temp, path)
    except BaseException as error:
        if os.path.exists(temp):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {reason(error)}") from None
        raise
    message(f"wrote {path}")


def mode_for(path: Path) -> int:
    """The permission bits a written file gets: an existing file's own, else 0666 less the user's umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def reason(error: OSError) -> str:
    """The system's words for an OSError, without Python's decoration: 'No space left on device'."""
    return error.strerror or os.strerror(error.errno or 0) or str(error)


def stdout_closed() -> None:
    """stdout takes no more (its reader has gone, `| head`, or its disk is full): point it at /dev/null so that
    Python's flush at exit, of what is still buffered, is quiet and leaves the exit code alone."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def message(text: str) -> None:
    """One line on stderr, never wrapped, never read as markup: a path or a value shows as typed.

    Plain text on sys.stderr (no rich console: a CSV or JSON run never loads rich's console).
    """
    sys.stderr.write(f"{text}\n")
    sys.stderr.flush()


def note(text: str) -> None:
    message(f"note: {text}")
