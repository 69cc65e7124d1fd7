"""A single projection's charts in the terminal (--chart): net income per year, and the value at each year's end.

Two charts, one series each, each on its own money axis: income is often a
hundredth of the value, and on a shared axis its line would lie flat on zero.
They are drawn with rich on a character grid by compare.chart (one marker a
series, no colour needed), as comparisons and portfolios are: no plotting
dependency, no start-up cost, the same text on every machine.
"""

from __future__ import annotations

from rich.text import Text

from passivecalc.projection import Projection
from passivecalc.render.numbers import Words

# Columns the chart's grid may take: the terminal's width less the money axis, within these bounds.
NARROWEST, WIDEST = 20, 64
AXIS = 14  # the money labels, the axis line and a margin
HEIGHT = 10


def chart_width(width: int | None) -> int:
    """Grid columns for a console `width` columns wide (None: not a terminal, the widest)."""
    if width is None:
        return WIDEST
    return max(NARROWEST, min(WIDEST, width - AXIS))


def projection_charts(projection: Projection, color: bool, width: int | None, said: Words | None = None) -> list[Text]:
    """Net income per year, then the value at the end of each year (left out when it is zero throughout).

    said: the words and numbers (None: English).
    """
    from passivecalc.render.compare import INCOME_TITLE, NET_INCOME, VALUE, VALUE_TITLE, chart

    w = said or Words("en", projection.currency)
    rows = projection.rows("year")
    drawn = [
        chart(
            {w.t(NET_INCOME): [r["net_income"] for r in rows]},
            INCOME_TITLE,
            projection.currency,
            color,
            width=chart_width(width),
            height=HEIGHT,
            said=w,
            room=width,
        )
    ]
    values = [r["value"] for r in rows]
    if any(abs(v) > 1e-9 for v in values):
        drawn.append(
            chart(
                {w.t(VALUE): values},
                VALUE_TITLE,
                projection.currency,
                color,
                width=chart_width(width),
                height=HEIGHT,
                said=w,
                room=width,
            )
        )
    return drawn
