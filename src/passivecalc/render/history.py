"""Layouts of the history back-test (`--history`): the table, CSV and JSON each format module calls.

- A back-test (`BacktestResult`): the distribution over starts (worst, P10,
  median, P90, best, with the start months of the worst and best) of the
  ending value, the monthly net income in the last year, the total dividends,
  the IRR and the worst income drop; the success rate with a target; a chart
  of the final real monthly income by start year (one line per decade, one
  character per start year); the credit to Robert Shiller. CSV: one row per
  start. JSON: {"method", "params", "history": {...}} (plus "target" and
  "success" with a target).
- One start (`HistoryStartResult`): the standard projection rows, headed by
  the start month.
- A goal at a historical confidence (`HistoryGoalResult`): the answer's
  sentence, then the rows of the median start at the answer.

Money is in the plan's currency (the data is US dollars: a plan in another
currency is replayed as if its money had been in the index); "real" means in
money of each start month, by the US CPI.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from passivecalc.history import CREDIT, success_rate
from passivecalc.render.numbers import YEARS, Words, stop, words

if TYPE_CHECKING:
    from passivecalc.history import HistoryResult, Success
    from passivecalc.render import RowPeriod
    from passivecalc.result import BacktestResult, HistoryGoalResult, HistoryStartResult

# The table's width when none is given: the back-test is laid out for 80 columns.
WIDTH = 80
# Figures of the distribution table, in reading order: (figure, label). "real": money of the start month.
ROWS = (
    ("ending_value", "Ending value"),
    ("real_ending_value", "  real"),
    ("monthly_income_end", "Net income a month"),
    ("real_monthly_income_end", "  real"),
    ("total_dividends", "Total dividends"),
    ("irr_pct", "IRR a year"),
    ("real_irr_pct", "  real"),
    ("worst_income_drop_pct", "Worst income drop"),
)
COLUMNS = ("Worst", "P10", "Median", "P90", "Best")
SPARKS = "▁▂▃▄▅▆▇█"
# Words of these layouts (catalogue keys; render.numbers.Words says them). English counts start months in the plural.
START_MONTHS = ("{n} start months", "{n} start months")
STARTS = ("{n} starts", "{n} starts")
START_YEARS = ("{n} start year", "{n} start years")
HEADER = "{name} back-tested on the S&P 500: {span} from each of {starts}, {first} to {last}, {currency}"
FOOTNOTE = (
    "Net income: dividends less tax and fees, a month, mean of the last year. Real: in money of the start "
    "month (US CPI). P10: one start in ten did worse."
)
MEDIAN_START = "Median start: {start} (its rows: --start-at {start})."
SUCCESS = "Target {target} a month (real, last year): {reached} of {total} reached it ({rate})"
NONE_FAILED = "; none failed."
FAILED = "; failed: {years} ({months})."
CHART_TITLE = "Real net income a month in the last year, by start year ({bar} = {top}):"
DECADE = "{decade}s"
MEAN = "mean {amount}"
BELOW = ", {count} below target"
START_LINE = (
    "History: the plan started in {start} (the capital bought the index at that month's price), "
    "{span} of the S&P 500 as it was."
)
WANTED = "{target} a month of net income in money of the start month"
SHARE = "in {confidence} of historical starts since {first} ({reached} of {total} reach it)"
TAKES = "It takes {span} to have {wanted} in the last year, {share}."
INVEST = "Invest {amount} now to have {wanted} {when}, {share}."
ADD = "Add {amount} a month to have {wanted} {when}, {share}."
IN_YEAR = "in year {years}"
ROWS_BELOW = "The rows below: the median start at the answer, {start}."
TEXTS = (
    *(label.strip() for _name, label in ROWS),
    "Worst",
    "Median",
    "Best",
    CREDIT,
    HEADER,
    FOOTNOTE,
    MEDIAN_START,
    SUCCESS,
    NONE_FAILED,
    FAILED,
    CHART_TITLE,
    DECADE,
    MEAN,
    BELOW,
    START_LINE,
    WANTED,
    SHARE,
    TAKES,
    INVEST,
    ADD,
    IN_YEAR,
    ROWS_BELOW,
)
PLURALS = (START_MONTHS, STARTS, START_YEARS, YEARS)


def _years(months: int, said: Words | None = None) -> str:
    return (said or Words()).count(months // 12, *YEARS)


def distribution_table(history: HistoryResult, currency: str, said: Words | None = None) -> Table:
    """Worst, P10, median, P90, best per figure; the worst and best cells carry their start month below the value."""
    w = said or Words("en", currency)
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("")
    for name in COLUMNS:
        table.add_column(w.t(name), justify="right")
    units = history.units()
    for name, label in ROWS:
        d = history.distribution(name)
        unit = units[name]

        def shown(key: str, d: dict = d, unit: str = unit) -> str:
            value = d[key]
            return w.number(value if isinstance(value, float) else None, unit, 0 if unit == "money" else None)

        worst = Text(f"{shown('worst')}\n") + Text(str(d["worst_start"] or ""), style="dim")
        best = Text(f"{shown('best')}\n") + Text(str(d["best_start"] or ""), style="dim")
        indent = label[: len(label) - len(label.lstrip())]
        table.add_row(indent + w.t(label.strip()), worst, shown("p10"), shown("median"), shown("p90"), best)
    return table


def success_line(success: Success, currency: str, said: Words | None = None) -> str:
    """'Target $1,000.00 a month (real): 1,344 of 1,470 starts reached it (91.4 %); failed: 1961-1974 (126 start months).'"""
    w = said or Words("en", currency)
    line = w.say(
        SUCCESS,
        target=w.money(success.target, 2),
        reached=w.grouped(success.reached),
        total=w.count(success.total, *STARTS),
        rate=w.percent(success.rate_pct, 1),
    )
    if not success.failed:
        return line + w.t(NONE_FAILED)
    months = sum(run.count for run in success.failed)
    return line + w.say(FAILED, years=w.comma.join(success.failed_years()), months=w.count(months, *START_MONTHS))


def year_chart(
    history: HistoryResult, currency: str, target: float | None = None, said: Words | None = None
) -> list[str]:
    """The final real monthly income by start year: one line per decade, one bar character per start year.

    A start year's figure is the mean over its start months; bars run from 0
    to the best start year's (█; ▁ is up to an eighth of it). Each line ends
    with the decade's mean and, with a target, how many of its start years
    fell short of the target on average. Decades and start months are
    written as in the data (1870, 1929-08), in any language.
    """
    w = said or Words("en", currency)
    points = history.by_start_year("real_monthly_income_end")
    top = max((value for _, value in points), default=0.0)
    lines = [w.say(CHART_TITLE, bar=SPARKS[-1], top=w.money(top))]
    decades: dict[int, list[tuple[int, float]]] = {}
    for year, value in points:
        decades.setdefault(year // 10 * 10, []).append((year, value))
    for decade, items in decades.items():
        cells = [" "] * 10
        for year, value in items:
            level = 0 if top <= 0 else min(len(SPARKS) - 1, max(0, round(value / top * len(SPARKS)) - 1))
            cells[year - decade] = SPARKS[level] if value > 0 else " "
        mean = sum(v for _, v in items) / len(items)
        tail = w.say(MEAN, amount=w.money(mean))
        if target is not None:
            below = sum(1 for _, v in items if v < target)
            tail += w.say(BELOW, count=w.count(below, *START_YEARS)) if below else ""
        lines.append(f"  {w.say(DECADE, decade=decade)} {''.join(cells)}  {tail}")
    return lines


def backtest_table(
    result: BacktestResult, color: bool = False, width: int | None = None, lang: str | None = "en"
) -> str:
    from passivecalc.render.table import console

    history = result.history
    currency = history.params.currency
    w = words(lang, currency)
    stream = io.StringIO()
    out = console(stream, color, width or WIDTH)
    out.print(
        w.say(
            HEADER,
            name=result.name,
            span=_years(history.months, w),
            starts=w.count(history.count, *START_MONTHS),
            first=history.first_start,
            last=history.last_start,
            currency=currency,
        ),
        markup=False,
    )
    out.print(distribution_table(history, currency, w))
    out.print(w.t(FOOTNOTE), markup=False)
    median = history.median_start()
    out.print(w.say(MEDIAN_START, start=median), markup=False)
    if result.target is not None:
        out.print(w.fill(success_line(success_rate(history, result.target), currency, w), out.width), markup=False)
    out.print()
    for line in year_chart(history, currency, result.target, w):
        out.print(line, markup=False)
    out.print()
    out.print(stop(w.t(CREDIT)), markup=False)
    return stream.getvalue()


def backtest_rows(result: BacktestResult) -> list[dict]:
    """One row per start (history.starts()); with a target, reached_target says whether the start reached it."""
    rows = result.history.starts()
    if result.target is None:
        return rows
    reached = (result.history.figures["real_monthly_income_end"] >= result.target).tolist()
    return [{**row, "reached_target": bool(ok)} for row, ok in zip(rows, reached, strict=True)]


def backtest_dict(result: BacktestResult) -> dict:
    from passivecalc.result import params_json

    out: dict = {
        "method": result.name,
        "params": params_json(result.history.params),
        "history": result.history.as_dict(),
    }
    if result.target is not None:
        out["target"] = result.target
        out["success"] = success_rate(result.history, result.target).as_dict()
    return out


def start_line(start: str, months: int, said: Words | None = None) -> str:
    w = said or Words()
    return w.say(START_LINE, start=start, span=_years(months, w))


def _lines(w: Words, width: int | None, *texts: str) -> list[str]:
    """Lines above or below a table: as they are in English (as ever), wrapped to a terminal's width in another language."""
    if width is None:
        return list(texts)
    return [w.fill(text, width) for text in texts]


def start_table(
    result: HistoryStartResult,
    period: RowPeriod,
    color: bool = False,
    width: int | None = None,
    lang: str | None = "en",
) -> str:
    from passivecalc.render.table import scenario_table

    projection = result.scenario.projection
    w = words(lang, projection.currency)
    line, credit = _lines(w, width, start_line(result.start, projection.months, w), stop(w.t(CREDIT)))
    table = scenario_table(result.scenario, period, color=color, width=width, lang=w.lang)
    return f"{line}\n{table}{credit}\n"


def goal_sentence(result: HistoryGoalResult, said: Words | None = None) -> str:
    """The answer in one line, e.g. 'Invest $233,912.00 now to have $2,000.00 a month ... in 95 % of historical starts (...).'"""
    w = said or Words("en", result.currency)
    goal = result.goal
    success = goal.success

    def cash(value: float) -> str:
        return w.money(value, 2)

    wanted = w.say(WANTED, target=cash(success.target))
    share = w.say(
        SHARE,
        confidence=w.percent_as_given(result.confidence),
        first=_first_year(result),
        reached=w.grouped(success.reached),
        total=w.grouped(success.total),
    )
    if goal.lever == "years":
        return w.say(TAKES, span=w.count(int(goal.value), *YEARS), wanted=wanted, share=share)
    when = w.say(IN_YEAR, years=w.integer(goal.params.years))
    if goal.lever == "capital":
        return w.say(INVEST, amount=cash(goal.value), wanted=wanted, when=when, share=share)
    return w.say(ADD, amount=cash(goal.value), wanted=wanted, when=when, share=share)


def _first_year(result: HistoryGoalResult) -> str:
    from passivecalc.history_data import load

    return load().dates[0][:4]


def goal_table(
    result: HistoryGoalResult,
    period: RowPeriod,
    color: bool = False,
    width: int | None = None,
    lang: str | None = "en",
) -> str:
    from passivecalc.render.table import scenario_table

    w = words(lang, result.currency)
    sentence, rows, credit = _lines(
        w, width, goal_sentence(result, w), w.say(ROWS_BELOW, start=result.start), stop(w.t(CREDIT))
    )
    table = scenario_table(result.scenario, period, color=color, width=width, lang=w.lang)
    return f"{sentence}\n{rows}\n\n{table}{credit}\n"


def goal_dict(result: HistoryGoalResult, period: RowPeriod) -> dict:
    from passivecalc.render.json import scenario_dict

    goal = {**result.goal.as_dict(), "confidence": result.confidence, "sentence": goal_sentence(result)}
    return {"goal": goal, "start": result.start, **scenario_dict(result.scenario, period)}
