"""One output path: `render(result, fmt, options)` shows any result (result.py) in any format.

Each format is one module, render/<format>.py, that defines `render` as a
`functools.singledispatch` function of (result, options) and registers one
handler per result type it can show. `render` below imports only the module
of the format asked for (start-up time) and dispatches on the result's type.
Renderers format; they never compute finance. They return text (str) or, for
binary formats such as a workbook, bytes; the CLI writes either.

Adding a format is one module plus one line: write render/NAME.py, and add
`NAME = "NAME"` to `Format` below. That line also names the format on the
command line (`--format NAME`) and maps the `-o` extension `.NAME` to it
(`EXTENSIONS`, the one table every command reads).

Adding a result type: a dataclass in result.py and a handler registered for
it in each format module (`@render.register`).

Modules: table.py, csv.py, json.py (the formats); numbers.py (money and
units: the one money formatter); compare.py and risk.py (the several-scenario
and Monte Carlo layouts each format module calls: tables, charts, tidy rows;
kept together per layout so that a comparison's table, CSV and JSON read from
the same rows); goal.py (the goal's sentence).
"""

from __future__ import annotations

import importlib
from enum import Enum
from pathlib import Path
from typing import Literal, NamedTuple


class Format(str, Enum):
    """The output formats, each rendered by the module render/<value>.py."""

    table = "table"
    csv = "csv"
    json = "json"
    html = "html"
    xlsx = "xlsx"


# The -o file's extension -> its format: every format but the terminal table is named by its extension.
EXTENSIONS: dict[str, Format] = {f".{fmt.value}": fmt for fmt in Format if fmt is not Format.table}


class Period(str, Enum):
    year = "year"
    month = "month"


RowPeriod = Literal["year", "month"]  # a Period's value, as Projection.rows takes it


class RenderOptions(NamedTuple):  # not a frozen dataclass, which compiles six methods at import (start-up time)
    """How a result is shown, not what it is.

    period: rows per year or per month (tables, CSV, JSON). color: ANSI
    styles (the CLI turns it on only on a terminal). width: columns of a
    table (None: the format's default). chart: "value" or "income" to draw a
    chart of that over the years under comparisons and portfolios (and fan
    charts under simulations), None for none. wide: CSV of several scenarios
    as one row per period (a column per scenario and column) instead of tidy
    long rows. Room for later fields, with defaults that keep today's output:
    currency style, the columns shown. lang: "en" or "ar" for the words of
    reports and tables (None: PASSIVECALC_LANG, else English).
    lang, currency style.

    Tables only: width None means the table's natural width (not a
    terminal); a terminal's width drops columns from the right, with a note.
    columns: the CSV names of the columns a projection's table shows (None:
    the method's default set, render/columns.py); all_columns: every column.
    plot: a single projection's table draws its net income and value over the
    years under it (--chart on a method command). wide: for the methods
    guide, the full table instead of the compact one.
    """

    period: Period = Period.year
    color: bool = False
    width: int | None = None
    chart: str | None = "value"
    wide: bool = False
    lang: str | None = None
    columns: tuple[str, ...] | None = None
    all_columns: bool = False
    plot: bool = False

    @property
    def rows(self) -> RowPeriod:
        """The period as Projection.rows takes it."""
        return "month" if self.period is Period.month else "year"


def format_for(output: Path | None, given: Format | None) -> Format:
    """The format asked for, else the one the output file's extension names (EXTENSIONS), else a table."""
    if given is not None:
        return given
    if output is not None:
        found = EXTENSIONS.get(output.suffix.lower())
        if found is not None:
            return found
    return Format.table


def render(result: object, fmt: Format, options: RenderOptions | None = None) -> str | bytes:
    """The result in the format: text, or bytes for a binary format (options None: the defaults). TypeError when
    the format cannot show it."""
    module = importlib.import_module(f"passivecalc.render.{fmt.value}")
    return module.render(result, options if options is not None else RenderOptions())


def cannot_render(fmt: str):
    """The base of a format's single-dispatch `render`: a result type with no handler for this format."""

    def unsupported(result: object, options: RenderOptions) -> str | bytes:
        raise TypeError(f"the {fmt} format cannot show a {type(result).__name__}")

    return unsupported
