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
from passivecalc.render.numbers import money, number

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
SPARKS = "▁▂▃▄▅▆▇█"


def _years(months: int) -> str:
    years = months // 12
    return "1 year" if years == 1 else f"{years} years"


def distribution_table(history: HistoryResult, currency: str) -> Table:
    """Worst, P10, median, P90, best per figure; the worst and best cells carry their start month below the value."""
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("")
    for name in ("Worst", "P10", "Median", "P90", "Best"):
        table.add_column(name, justify="right")
    units = history.units()
    for name, label in ROWS:
        d = history.distribution(name)
        unit = units[name]

        def shown(key: str, d: dict = d, unit: str = unit) -> str:
            value = d[key]
            return number(value if isinstance(value, float) else None, unit, currency, 0 if unit == "money" else None)

        worst = Text(f"{shown('worst')}\n") + Text(str(d["worst_start"] or ""), style="dim")
        best = Text(f"{shown('best')}\n") + Text(str(d["best_start"] or ""), style="dim")
        table.add_row(label, worst, shown("p10"), shown("median"), shown("p90"), best)
    return table


def success_line(success: Success, currency: str) -> str:
    """'Target $1,000.00 a month (real): 1,344 of 1,470 starts reached it (91.4 %); failed: 1961-1974 (126 start months).'"""
    line = (
        f"Target {money(success.target, currency, 2)} a month (real, last year): {success.reached:,} of "
        f"{success.total:,} starts reached it ({success.rate_pct:.1f} %)"
    )
    if not success.failed:
        return line + "; none failed."
    months = sum(run.count for run in success.failed)
    return line + f"; failed: {', '.join(success.failed_years())} ({months:,} start months)."


def year_chart(history: HistoryResult, currency: str, target: float | None = None) -> list[str]:
    """The final real monthly income by start year: one line per decade, one bar character per start year.

    A start year's figure is the mean over its start months; bars run from 0
    to the best start year's (█; ▁ is up to an eighth of it). Each line ends
    with the decade's mean and, with a target, how many of its start years
    fell short of the target on average.
    """
    points = history.by_start_year("real_monthly_income_end")
    top = max((value for _, value in points), default=0.0)
    lines = [f"Real net income a month in the last year, by start year (█ = {money(top, currency)}):"]
    decades: dict[int, list[tuple[int, float]]] = {}
    for year, value in points:
        decades.setdefault(year // 10 * 10, []).append((year, value))
    for decade, items in decades.items():
        cells = [" "] * 10
        for year, value in items:
            level = 0 if top <= 0 else min(len(SPARKS) - 1, max(0, round(value / top * len(SPARKS)) - 1))
            cells[year - decade] = SPARKS[level] if value > 0 else " "
        mean = sum(v for _, v in items) / len(items)
        tail = f"mean {money(mean, currency)}"
        if target is not None:
            below = sum(1 for _, v in items if v < target)
            tail += f", {below} start year{'s' if below != 1 else ''} below target" if below else ""
        lines.append(f"  {decade}s {''.join(cells)}  {tail}")
    return lines


def backtest_table(result: BacktestResult, color: bool = False, width: int | None = None) -> str:
    from passivecalc.render.table import console

    history = result.history
    currency = history.params.currency
    stream = io.StringIO()
    out = console(stream, color, width or WIDTH)
    out.print(
        f"{result.name} back-tested on the S&P 500: {_years(history.months)} from each of {history.count:,} "
        f"start months, {history.first_start} to {history.last_start}, {currency}",
        markup=False,
    )
    out.print(distribution_table(history, currency))
    out.print(
        "Net income: dividends less tax and fees, a month, mean of the last year. Real: in money of the start "
        "month (US CPI). P10: one start in ten did worse.",
        markup=False,
    )
    median = history.median_start()
    out.print(f"Median start: {median} (its rows: --start-at {median}).", markup=False)
    if result.target is not None:
        out.print(success_line(success_rate(history, result.target), currency), markup=False)
    out.print()
    for line in year_chart(history, currency, result.target):
        out.print(line, markup=False)
    out.print()
    out.print(CREDIT + ".", markup=False)
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


def start_line(start: str, months: int) -> str:
    return (
        f"History: the plan started in {start} (the capital bought the index at that month's price), "
        f"{_years(months)} of the S&P 500 as it was."
    )


def start_table(result: HistoryStartResult, period: RowPeriod, color: bool = False, width: int | None = None) -> str:
    from passivecalc.render.table import scenario_table

    projection = result.scenario.projection
    return f"{start_line(result.start, projection.months)}\n{scenario_table(result.scenario, period, color=color, width=width)}{CREDIT}.\n"


def goal_sentence(result: HistoryGoalResult) -> str:
    """The answer in one line, e.g. 'Invest $233,912.00 now to have $2,000.00 a month ... in 95 % of historical starts (...).'"""
    goal = result.goal
    success = goal.success

    def cash(value: float) -> str:
        return money(value, result.currency, 2)

    wanted = f"{cash(success.target)} a month of net income in money of the start month"
    share = f"in {result.confidence:g} % of historical starts since {_first_year(result)} ({success.reached:,} of {success.total:,} reach it)"
    if goal.lever == "years":
        count = int(goal.value)
        return f"It takes {count} year{'s' if count != 1 else ''} to have {wanted} in the last year, {share}."
    years = goal.params.years
    when = f"in year {years}"
    if goal.lever == "capital":
        return f"Invest {cash(goal.value)} now to have {wanted} {when}, {share}."
    return f"Add {cash(goal.value)} a month to have {wanted} {when}, {share}."


def _first_year(result: HistoryGoalResult) -> str:
    from passivecalc.history_data import load

    return load().dates[0][:4]


def goal_table(result: HistoryGoalResult, period: RowPeriod, color: bool = False, width: int | None = None) -> str:
    from passivecalc.render.table import scenario_table

    rows = f"The rows below: the median start at the answer, {result.start}."
    return f"{goal_sentence(result)}\n{rows}\n\n{scenario_table(result.scenario, period, color=color, width=width)}{CREDIT}.\n"


def goal_dict(result: HistoryGoalResult, period: RowPeriod) -> dict:
    from passivecalc.render.json import scenario_dict

    goal = {**result.goal.as_dict(), "confidence": result.confidence, "sentence": goal_sentence(result)}
    return {"goal": goal, "start": result.start, **scenario_dict(result.scenario, period)}
