"""Charts for reports: inline SVG drawn by matplotlib's SVG backend, text kept as text.

Why matplotlib: it is the most widely kept Python charting library, writes
SVG without a browser or JavaScript, and with `svg.fonttype = 'none'` leaves
labels as <text> that the browser shapes (Arabic included) and that can be
searched and copied. It is imported only when a chart is drawn (it costs
about half a second), through the object API (no pyplot, no global state).

Every function takes plain numbers and returns SVG text without the XML
prolog, ready to inline in HTML. Money is in the scenario's currency; `lang`
("en"/"ar") translates titles and legends, `locale` (passivecalc.money) writes
the tick numbers. No series is drawn over another: income and value get two
panels; a fan chart draws its band under the median line; lines carry
markers and distinct dash styles.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping, Sequence
from itertools import count
from typing import Any

from passivecalc.i18n import translate

# Colour-blind-safe palette (Okabe and Ito), with dash styles so lines differ in print too.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
DASHES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

_salt = count(1)


def income_value_chart(
    years: Sequence[int],
    net_income: Sequence[float],
    value: Sequence[float],
    lang: str = "en",
    locale: str = "en",
) -> str:
    """Two panels: net income per year (bars) above the value at year end (a line)."""
    fig, (top, bottom) = _figure(rows=2, height=5.6)
    top.bar(list(years), list(net_income), color=COLORS[0], width=0.7)
    top.set_title(translate("Net income per year", lang), loc=_side(lang))
    top.axhline(0, color="#444444", linewidth=0.8)
    bottom.plot(list(years), list(value), color=COLORS[1], marker="o", markersize=3, linewidth=2)
    bottom.set_title(translate("Value at year end", lang), loc=_side(lang))
    for axes in (top, bottom):
        _money_axis(axes, locale)
        _year_axis(axes, years, lang, locale)
    return _svg(fig)


def fan_chart(
    years: Sequence[int],
    p10: Sequence[float],
    median: Sequence[float],
    p90: Sequence[float],
    title: str = "Range of outcomes",
    lang: str = "en",
    locale: str = "en",
) -> str:
    """A P10-P90 band with the median line over it (the band is translucent, the line drawn last)."""
    fig, (axes,) = _figure()
    axes.fill_between(
        list(years),
        list(p10),
        list(p90),
        color=COLORS[0],
        alpha=0.25,
        linewidth=0,
        label=translate("Middle 80 % of outcomes (10th to 90th percentile)", lang),
    )
    axes.plot(
        list(years),
        list(median),
        color=COLORS[0],
        linewidth=2,
        marker="o",
        markersize=3,
        label=translate("Median", lang),
    )
    axes.set_title(translate(title, lang), loc=_side(lang))
    _money_axis(axes, locale)
    _year_axis(axes, years, lang, locale)
    axes.legend(loc="best", frameon=False)
    return _svg(fig)


def lines_chart(
    years: Sequence[int],
    series: Mapping[str, Sequence[float]],
    title: str,
    lang: str = "en",
    locale: str = "en",
    x_label: str = "Year",
) -> str:
    """One line per named series (scenarios of a compare or sweep, streams of a portfolio).

    Series names are shown as given (scenario names are the user's); `title` and `x_label` are translated.
    """
    fig, (axes,) = _figure()
    for i, (name, values) in enumerate(series.items()):
        axes.plot(
            list(years),
            list(values),
            label=name,
            color=COLORS[i % len(COLORS)],
            linestyle=DASHES[i % len(DASHES)],
            marker=MARKERS[i % len(MARKERS)],
            markersize=3,
            linewidth=1.8,
        )
    axes.set_title(translate(title, lang), loc=_side(lang))
    _money_axis(axes, locale)
    _year_axis(axes, years, lang, locale, x_label)
    if series:
        axes.legend(loc="best", frameon=False, fontsize="small")
    return _svg(fig)


def scenarios_chart(
    years: Sequence[int], series: Mapping[str, Sequence[float]], lang: str = "en", locale: str = "en"
) -> str:
    """Net income per year, one line per scenario (compare, sweeps)."""
    return lines_chart(years, series, "Scenarios", lang, locale)


def streams_chart(
    years: Sequence[int], streams: Mapping[str, Sequence[float]], lang: str = "en", locale: str = "en"
) -> str:
    """Net income per year, one line per stream of a portfolio (lines, not stacks: a loss-making stream stays visible)."""
    return lines_chart(years, streams, "By stream", lang, locale)


def start_year_chart(
    start_years: Sequence[int],
    values: Sequence[float],
    title: str = "By start year",
    lang: str = "en",
    locale: str = "en",
) -> str:
    """One bar per start year of a history back-test (e.g. the ending value had you started that year)."""
    fig, (axes,) = _figure()
    colors = [COLORS[0] if v >= 0 else COLORS[5] for v in values]
    axes.bar(list(start_years), list(values), color=colors, width=0.8)
    axes.axhline(0, color="#444444", linewidth=0.8)
    axes.set_title(translate(title, lang), loc=_side(lang))
    _money_axis(axes, locale)
    _year_axis(axes, start_years, lang, locale, "Start year")
    return _svg(fig)


def yearly_bands(
    values: Any, rollup: str = "last", low: float = 10, high: float = 90
) -> tuple[list[int], list[float], list[float], list[float]]:
    """Years 1..Y and the low, median and high percentiles across paths of a (paths, months) array, for fan_chart.

    rollup: "last" takes each year's 12th month (levels such as value), "sum" adds the year's months (flows such
    as net income). Months beyond the last whole year are left out.
    """
    import numpy as np

    array = np.atleast_2d(np.asarray(values, dtype=float))
    years = array.shape[1] // 12
    by_year = array[:, : years * 12].reshape(array.shape[0], years, 12)
    yearly = by_year.sum(axis=2) if rollup == "sum" else by_year[:, :, -1]
    p_low, median, p_high = np.percentile(yearly, [low, 50, high], axis=0)
    return list(range(1, years + 1)), p_low.tolist(), median.tolist(), p_high.tolist()


# -- drawing helpers ------------------------------------------------------------


def _figure(rows: int = 1, height: float = 3.4) -> tuple[Any, list[Any]]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, height), layout="constrained")
    axes = fig.subplots(rows, 1, squeeze=False)[:, 0].tolist()
    for ax in axes:
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig, axes


def _side(lang: str) -> str:
    return "right" if lang.startswith("ar") else "left"


def _money_axis(axes: Any, locale: str) -> None:
    from matplotlib.ticker import FuncFormatter

    from passivecalc.money import format_number

    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, locale, 0)))


def _year_axis(axes: Any, years: Sequence[int], lang: str, locale: str, label: str = "Year") -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from passivecalc.money import format_number

    axes.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    # Years are labels, not amounts: no thousands separator ("2024", "٢٠٢٤").
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: format_number(v, locale, 0).replace(",", "").replace("٬", ""))
    )
    axes.set_xlabel(translate(label, lang))
    if years:
        axes.set_xlim(min(years) - 0.6, max(years) + 0.6)


_PROLOG = re.compile(r"\A.*?(?=<svg)", re.S)


def _svg(fig: Any) -> str:
    """The figure as SVG text: no prolog, no date, ids unique across the charts of one page, scalable."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": f"passivecalc-chart-{next(_salt)}", "font.size": 9}):
        with warnings.catch_warnings():
            # Fonts without Arabic glyphs only size the text here; the browser draws it with system fonts.
            warnings.simplefilter("ignore", UserWarning)
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = _PROLOG.sub("", buffer.getvalue(), count=1)
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    # Ids unique across the charts of one page: prefix each id and every reference to it.
    prefix = f"chart{next(_salt)}-"
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", text)
    text = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}{m[1]}"', text)
    # Let the page size the chart (keep the viewBox, drop the fixed width and height). Coordinates are
    # left to right even on an Arabic page: text-anchor must not flip under dir="rtl".
    return (
        re.sub(
            r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 role="img" style="direction: ltr"', text, count=1
        ).strip()
        + "\n"
    )
