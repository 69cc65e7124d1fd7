"""Monte Carlo layouts: tables and a fan chart for people, tidy rows (CSV) and a dict (JSON) for programs.

The format modules (table.py, csv.py, json.py) call these for a
SimulationResult or a SimulatedComparisonResult. Renderers format a
`Simulation` (risk.py); they compute no finance.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from rich.table import Table
from rich.text import Text

from passivecalc.render.columns import print_fitted
from passivecalc.render.csv import rows_csv
from passivecalc.render.numbers import money
from passivecalc.render.table import console, trimmed
from passivecalc.risk import PERCENTILES, Simulation

YEARLY_TITLES = {
    "monthly_income": "Monthly net income (the year's net income / 12)",
    "value": "Value at the end of the year",
    "payout": "Paid out to you during the year",
}
FINAL_LABELS = {
    "monthly_income_end": "Monthly net income, last year",
    "ending_value": "Ending value",
    "net_gain": "Net gain",
    "total_payout": "Paid out to you",
    "total_contributed": "Money put in",
    "worst_drop_pct": "Worst drop in monthly income",
}
CHART_HEIGHT = 12
CHART_WIDTH = 72
HINT = "--format csv has them all"
LABEL_WIDTH = 18


def fan_width(width: int | None) -> int:
    """Grid columns a fan chart may take in a console `width` columns wide (None: not a terminal)."""
    return CHART_WIDTH if width is None else max(12, min(CHART_WIDTH, width - 14))


# Fan chart cells, from the outer band in: P10-P90, P25-P75, the median.
OUTER, INNER, MEDIAN = "░", "▒", "█"


def paths_of(count: int, total: int) -> str:
    return f"{count:,} of {total:,} paths ({100 * count / total:.1f} %)"


def counted(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def header_line(name: str, sim: Simulation) -> str:
    return (
        f"{name}: {counted(sim.paths, 'simulated path')}, {counted(sim.years, 'year')}, seed {sim.seed}, {sim.currency}"
    )


# -- table ------------------------------------------------------------------


def percentile_table(sim: Simulation, column: str) -> Table:
    table = Table(title=YEARLY_TITLES[column], title_justify="left", header_style="bold")
    table.add_column("Year", justify="right")
    for pct in PERCENTILES:
        table.add_column(f"P{pct}", justify="right")
    reached, target = sim.reached, sim.target
    with_target = column == "monthly_income" and reached is not None and target is not None
    if with_target and target is not None:
        table.add_column(f"Reached\n{money(target, sim.currency, _decimals(target))}/month\nby then", justify="right")
    values = sim.yearly[column]
    decimals = 0 if np.abs(values).max() >= 1000 else 2
    for y in range(sim.years):
        cells = [money(float(v), sim.currency, decimals) for v in values[:, y]]
        if with_target and reached is not None:
            cells.append(paths_of(int(reached[y]), sim.paths))
        table.add_row(str(y + 1), *cells)
    return table


def final_table(sim: Simulation) -> Table:
    table = Table(title="At the end", title_justify="left", header_style="bold")
    table.add_column("", max_width=LABEL_WIDTH)  # labels wrap at words, so that the percentiles fit
    for pct in PERCENTILES:
        table.add_column(f"P{pct}", justify="right")
    for key, label in FINAL_LABELS.items():
        values = sim.final[key]
        if key != "worst_drop_pct" and np.abs(values).max() <= 1e-9:
            continue  # nothing paid out (full DRIP), nothing put in (a free method): not worth a row
        if key == "worst_drop_pct":
            cells = [f"{float(v):.1f} %" for v in values]
        else:
            cells = [money(float(v), sim.currency, 0 if np.abs(values).max() >= 1000 else 2) for v in values]
        table.add_row(label, *cells)
    return table


def risk_lines(sim: Simulation) -> list[str]:
    lines = [f"Losing money overall (net gain below 0): {paths_of(sim.losing_paths, sim.paths)}"]
    if sim.reached is not None and sim.target is not None:
        target = money(sim.target, sim.currency, _decimals(sim.target))
        lines.append(
            f"Monthly net income of {target} reached by year {sim.years}: {paths_of(int(sim.reached[-1]), sim.paths)}"
        )
    drop = sim.final["worst_drop_pct"]
    lines.append(
        f"Worst drop in monthly income below its best earlier year: median {drop[2]:.1f} %; one path in ten drops {drop[4]:.1f} % or more."
    )
    return lines


def simulation_table(
    name: str, sim: Simulation, color: bool = False, width: int | None = None, chart: bool = True
) -> str:
    from passivecalc.render.answer import simulation_answer

    stream = io.StringIO()
    out = console(stream, color, width)
    out.print(Text(simulation_answer(sim), style="bold" if color else ""))
    out.print()
    out.print(header_line(name, sim))
    for column in ("monthly_income", "value", "payout"):
        # Like the period tables, leave out what is zero on every path (payout under full DRIP, value of a blog).
        if np.abs(sim.yearly[column]).max() > 1e-9:
            print_fitted(out, percentile_table(sim, column), hint=HINT)
    print_fitted(out, final_table(sim), hint=HINT)
    for line in risk_lines(sim):
        out.print(line)
    if chart:
        for column in ("monthly_income", "value"):
            if np.abs(sim.yearly[column]).max() > 1e-9:
                out.print()
                out.print(fan_chart(sim, column, color=color, width=fan_width(width)))
    return trimmed(stream.getvalue())


# -- fan chart -----------------------------------------------------------------


def fan_chart(
    sim: Simulation, column: str, height: int = CHART_HEIGHT, width: int = CHART_WIDTH, color: bool = False
) -> Text:
    """Percentile bands per year drawn in characters: the median, P25-P75 and P10-P90, bottom to top."""
    bands = sim.yearly[column]
    low = min(0.0, float(bands[0].min()))
    high = float(bands[-1].max())
    if not high > low:
        high = low + 1.0
    cell = max(1, min(6, width // max(sim.years, 1)))
    step = (high - low) / height
    labels = [money(high - i * step, sim.currency) for i in range(height)]
    label_width = max(len(s) for s in (*labels, money(low, sim.currency)))
    styles = {OUTER: "cyan", INNER: "blue", MEDIAN: "bold"} if color else {}

    text = Text(f"{YEARLY_TITLES[column]}: median {MEDIAN}, P25-P75 {INNER}, P10-P90 {OUTER}\n")
    for row in range(height):
        top = high - row * step
        bottom = top - step
        text.append(f"{labels[row]:>{label_width}} ┤" if row % 3 == 0 else f"{'':>{label_width}} │")
        for y in range(sim.years):
            mark = _mark(bands[:, y], bottom, top, top_row=row == 0)
            text.append(mark * cell, style=styles.get(mark))
        text.append("\n")
    text.append(f"{money(low, sim.currency):>{label_width}} └{'─' * (cell * sim.years)}\n")
    axis = f"year 1{'':>{max(1, cell * sim.years - 12)}}year {sim.years}"
    text.append(f"{'':>{label_width}}  {axis}")
    return text


def _mark(percentiles: np.ndarray, bottom: float, top: float, top_row: bool) -> str:
    """The character for one year in the value slice [bottom, top) ([bottom, top] on the top row)."""
    p10, p25, p50, p75, p90 = (float(v) for v in percentiles)
    if bottom <= p50 < top or (top_row and p50 == top):
        return MEDIAN
    if p25 <= top and p75 >= bottom:
        return INNER
    if p10 <= top and p90 >= bottom:
        return OUTER
    return " "


def _decimals(amount: float) -> int:
    return 0 if float(amount).is_integer() else 2


# -- csv and json ----------------------------------------------------------------


def simulation_csv(sim: Simulation, leading: dict[str, object] | None = None) -> str:
    """Tidy CSV: year, percentile, value, payout, monthly_income (and the target's reach, repeated per year)."""
    return rows_csv(sim.rows(), leading)


def simulation_dict(sim: Simulation) -> dict[str, Any]:
    """The simulation's own part of a JSON result: settings, end figures, per-year reach, tidy rows."""
    return {
        "paths": sim.paths,
        "seed": sim.seed,
        "years": sim.years,
        "percentiles": list(PERCENTILES),
        "target": sim.target,
        "losing_paths": sim.losing_paths,
        "probability_of_loss": sim.probability_of_loss,
        "final": {
            key: {f"p{pct}": float(v) for pct, v in zip(PERCENTILES, sim.final[key], strict=True)}
            for key in FINAL_LABELS
        },
        "reached_target": None
        if sim.reached is None
        else [
            {"year": y + 1, "paths": int(count), "share": float(count / sim.paths)}
            for y, count in enumerate(sim.reached)
        ],
        "rows": [{k: v for k, v in row.items() if "target" not in k} for row in sim.rows()],
    }


# -- several simulated scenarios (compare) --------------------------------------------


def comparison_table(
    named: list[tuple[str, Simulation]], color: bool = False, width: int | None = None, chart: bool = True
) -> str:
    """Simulated scenarios side by side: a row per scenario with the spread of its end figures, then fan charts."""
    first = named[0][1]
    stream = io.StringIO()
    out = console(stream, color, width)
    from passivecalc.render.answer import simulated_comparison_answer

    out.print(Text(simulated_comparison_answer(named), style="bold" if color else ""))
    out.print()
    out.print(
        f"{len(named)} scenarios: {counted(first.paths, 'simulated path')} each, {counted(first.years, 'year')}, "
        f"seed {first.seed} (the same draws for every scenario)"
    )
    # The answer's figures first (income, losing, reaching the target): a narrow terminal leaves out the right ones.
    table = Table(header_style="bold")
    table.add_column("Scenario")
    table.add_column("Monthly income,\nlast year\nP10 / P50 / P90", justify="right")
    table.add_column("Losing\nmoney", justify="right")
    reaching = first.reached is not None and first.target is not None
    if reaching and first.target is not None:
        table.add_column(
            f"Reached\n{money(first.target, first.currency, _decimals(first.target))}/month\nby year {first.years}",
            justify="right",
        )
    table.add_column("Ending\nvalue\nP50", justify="right")
    table.add_column("Net gain\nP10 / P50", justify="right")
    for name, sim in named:
        income = sim.final["monthly_income_end"]
        gain = sim.final["net_gain"]
        cells = [
            name,
            " / ".join(money(float(v), sim.currency) for v in income[[0, 2, 4]]),
            f"{100 * sim.probability_of_loss:.1f} %",
        ]
        if reaching:
            cells.append(f"{100 * int(sim.reached[-1]) / sim.paths:.1f} %" if sim.reached is not None else "–")
        cells += [
            money(float(sim.final["ending_value"][2]), sim.currency),
            " / ".join(money(float(v), sim.currency) for v in gain[[0, 2]]),
        ]
        table.add_row(*cells)
    print_fitted(out, table, hint=HINT)
    if chart:
        for name, sim in named:
            if np.abs(sim.yearly["monthly_income"]).max() > 1e-9:
                out.print()
                out.print(f"{name}")
                out.print(fan_chart(sim, "monthly_income", color=color, width=fan_width(width)))
    return trimmed(stream.getvalue())


def comparison_csv(named: list[tuple[str, Simulation]]) -> str:
    """Tidy CSV with a leading scenario column: scenario, year, percentile, value, payout, monthly_income (...)."""
    return rows_csv([{"scenario": name, **row} for name, sim in named for row in sim.rows()])
