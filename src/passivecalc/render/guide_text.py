"""The methods guide as a terminal table in the user's language, with the sharia notes column when asked for.

The table format (render/table.py) hands the guide here when it is asked in a
language other than English or with sharia notes (`methods --lang ar`,
`methods --sharia`). The cells are those of the HTML guide
(passivecalc.render.html.guide_table). As in English, the guide is compact
(a line a method: its commands, name, risk and typical return, or its rank
and why), one method is a card of label / text lines, and `--wide` or the
sharia notes give every column. Command names are never wrapped or cut.
Most terminals do not lay out right-to-left text: the HTML report is the
way to read Arabic at length.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

from rich import box
from rich.table import Table

from passivecalc.i18n import language, translate
from passivecalc.render import RenderOptions
from passivecalc.render.numbers import Words
from passivecalc.result import GuideResult

MORE = "More on one method: passivecalc methods METHOD (e.g. passivecalc methods dividend); every column: --wide."
TEXTS = ("Command", MORE)
# Left-to-right isolates the HTML guide puts around command names (a terminal lays cells out left to right).
ISOLATES = str.maketrans("", "", "\u2066\u2069\u200e\u200f")


def wanted(result: GuideResult, options: RenderOptions) -> bool:
    """True when the guide is asked in another language than English, or with sharia notes."""
    from passivecalc.i18n import language

    return language(options.lang) != "en" or any("sharia" in row for row in result.rows)


def guide_text(result: GuideResult, options: RenderOptions) -> str:
    from passivecalc.render.table import console

    result = said(result, Words(language(options.lang)))

    sharia = any("sharia" in row for row in result.rows)
    width = options.width
    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if options.color else 160
    stream = io.StringIO()
    out = console(stream, options.color, width)
    if options.wide or sharia:
        out.print(_full(result, options))
    elif len(result.rows) == 1:
        out.print(_card(result, options))
    else:
        out.print(_compact(result, options))
        out.print(_t(MORE, options.lang))
    if result.advice:
        out.print(_t(result.advice, options.lang))
    if sharia:
        from passivecalc.zakat import SHARIA_NOTE

        out.print(_t(SHARIA_NOTE, options.lang))
    return stream.getvalue()


def said(result: GuideResult, words: Words) -> GuideResult:
    """The guide with each ranked row's reasons in the words' language (rows keep English for CSV and JSON)."""
    if words.english or result.situation is None:
        return result
    from passivecalc.guide import why_in

    return replace(result, rows=why_in(result.rows, result.situation, words))


def _t(text: str, lang: str | None) -> str:
    return translate(text, lang).translate(ISOLATES)


def _full(result: GuideResult, options: RenderOptions) -> Table:
    """Every column of the HTML guide, a row a method (and the sharia notes)."""
    from passivecalc.render.html import guide_table

    _caption, headers, rows = guide_table(options.lang, rows=result.rows)
    grid = Table(header_style="bold", show_lines=True)
    for header in headers:
        grid.add_column(header, justify="right" if header == "#" else "left")
    for row in rows:
        grid.add_row(*(cell.translate(ISOLATES) for cell in row))
    return grid


def _card(result: GuideResult, options: RenderOptions) -> Table:
    """One method whole: each heading of the HTML guide beside its cell; its commands on a line of their own."""
    from passivecalc.guide import GUIDES
    from passivecalc.render.html import guide_table

    _caption, headers, rows = guide_table(options.lang, rows=result.rows)
    entry = {g.name: g for g in GUIDES}[result.rows[0]["method"]]
    name = _t(entry.name, options.lang)
    card = Table(show_header=False, box=None, padding=(0, 1, 0, 0), title=name, title_justify="left")
    card.add_column("label", no_wrap=True)
    card.add_column("text")
    card.add_row(_t("Commands", options.lang), ", ".join(f"passivecalc {c}" for c in entry.commands))
    for header, cell in zip(headers[1:], rows[0][1:], strict=True):
        card.add_row(header, cell.translate(ISOLATES))
    return card


def _compact(result: GuideResult, options: RenderOptions) -> Table:
    """A line a method, as the English guide: commands, method, risk, typical return (ranked: #, commands, risk, why)."""
    from passivecalc.guide import GUIDES

    lang = options.lang
    by_name = {g.name: g for g in GUIDES}
    ranked = result.advice is not None
    grid = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    if ranked:
        grid.add_column("#", justify="right", no_wrap=True)
    grid.add_column(_t("Command", lang), no_wrap=True, min_width=14)
    if not ranked:
        grid.add_column(_t("Method", lang), ratio=2)
    grid.add_column(_t("Risk", lang), no_wrap=True)
    grid.add_column(_t("Why", lang) if ranked else _t("Typical return", lang), ratio=3)
    for row in result.rows:
        entry = by_name[row["method"]]
        cells = ["\n".join(entry.commands)]
        if not ranked:
            cells.append(_t(entry.name, lang))
        cells += [
            _t(entry.risk.value, lang),
            str(row["why"]).translate(ISOLATES) if ranked else _t(entry.returns, lang),
        ]
        if ranked:
            cells = [str(row["rank"]) if row["rank"] is not None else "–", *cells]
        grid.add_row(*cells)
    return grid
