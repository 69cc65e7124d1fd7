"""Options every command shares, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from passivecalc.render import Format, Period

FormatOption = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="Output format [default: table, or from the -o file's extension]",
        rich_help_panel="Output",
    ),
]
PeriodOption = Annotated[Period, typer.Option("--period", help="Rows per year or per month", rich_help_panel="Output")]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (whole or not at all) instead of stdout",
        rich_help_panel="Output",
        dir_okay=False,
    ),
]


def _keep_lang(ctx: typer.Context, value: Optional[str]) -> Optional[str]:
    """Check --lang as it is parsed and keep it for output.write, which renders in it.

    A scenario typed inside `compare` is read by a method command's own context, which has no parent: it keeps nothing.
    """
    from passivecalc.cli import output

    if value is not None:
        from passivecalc.errors import InputError
        from passivecalc.i18n import language  # here: without --lang a CSV or JSON run never loads i18n

        try:
            language(value)
        except InputError as error:
            raise typer.BadParameter(error.message) from None
    if ctx.parent is not None:
        output.LANG = value
    return value


LangOption = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        callback=_keep_lang,
        help="Language of reports and labels: en or ar (Arabic, right to left in HTML and Excel) [default: PASSIVECALC_LANG, else en]",
        rich_help_panel="Output",
        show_default=False,
    ),
]


ColumnsOption = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        metavar="NAMES",
        help="Table: the columns to show, by CSV name, e.g. net_income,value,shares",
        rich_help_panel="Output",
        show_default=False,
    ),
]
AllColumnsOption = Annotated[
    bool,
    typer.Option(
        "--all-columns", help="Table: every column, not only the method's main ones", rich_help_panel="Output"
    ),
]
PlotOption = Annotated[
    bool,
    typer.Option(
        "--chart", help="Table: chart the net income and the value over the years under it", rich_help_panel="Output"
    ),
]
GuideMethodArgument = Annotated[
    Optional[str],
    typer.Argument(
        metavar="[METHOD]", help="One method's command (dividend, p2p, ...): that method in full", show_default=False
    ),
]
WideGuideOption = Annotated[
    bool, typer.Option("--wide", help="Table: every column of the guide, not the compact one", rich_help_panel="Output")
]

NoRiskOption = Annotated[
    bool,
    typer.Option(
        "--no-risk",
        help="Skip the risk line: a seeded simulation of the method's uncertain inputs, under the summary",
        rich_help_panel="Output",
    ),
]


def _check_max_work(value: float) -> float:
    if not 0 < value <= 10_000:
        raise typer.BadParameter(f"{value:g} is out of range (allowed: above 0, up to 10,000)")
    return value


MaxWorkOption = Annotated[
    float,
    typer.Option(
        "--max-work",
        metavar="N",
        callback=_check_max_work,
        help="Raise the work budget (about a minute of work) N times, for simulations you mean to wait for",
        rich_help_panel="Output",
    ),
]
