"""The methods guide as a terminal table in the user's language, with the sharia notes column when asked for.

The table format (render/table.py) hands the guide here when it is asked in a
language other than English or with sharia notes (`methods --lang ar`,
`methods --sharia`). The cells are those of the HTML guide
(passivecalc.render.html.guide_table). Most terminals do not lay out
right-to-left text: the HTML report is the way to read Arabic.
"""

from __future__ import annotations

import io
import shutil

from rich.table import Table

from passivecalc.i18n import translate
from passivecalc.render import RenderOptions
from passivecalc.result import GuideResult


def wanted(result: GuideResult, options: RenderOptions) -> bool:
    """True when the guide is asked in another language than English, or with sharia notes."""
    from passivecalc.i18n import language

    return language(options.lang) != "en" or any("sharia" in row for row in result.rows)


def guide_text(result: GuideResult, options: RenderOptions) -> str:
    from passivecalc.render.html import guide_table
    from passivecalc.render.table import console

    _caption, headers, rows = guide_table(options.lang, rows=result.rows)
    grid = Table(header_style="bold", show_lines=True)
    for header in headers:
        grid.add_column(header, justify="right" if header == "#" else "left")
    for row in rows:
        grid.add_row(*(cell.replace("\u2066", "").replace("\u2069", "") for cell in row))
    width = options.width
    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if options.color else 160
    stream = io.StringIO()
    out = console(stream, options.color, width)
    out.print(grid)
    if result.advice:
        out.print(translate(result.advice, options.lang))
    if any("sharia" in row for row in result.rows):
        from passivecalc.zakat import SHARIA_NOTE

        out.print(translate(SHARIA_NOTE, options.lang))
    return stream.getvalue()
