"""Options every command shares, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from passivecalc.render import Format, Period

FormatOption = Annotated[
    Optional[Format],
    typer.Option("--format", "-f", help="Output format [default: table, or from the -o file's extension]", rich_help_panel="Output"),
]
PeriodOption = Annotated[Period, typer.Option("--period", help="Rows per year or per month", rich_help_panel="Output")]
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (whole or not at all) instead of stdout", rich_help_panel="Output", dir_okay=False),
]
