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
from passivecalc.render.numbers import YEARS, Words, words
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
# Words of these layouts (catalogue keys; render.numbers.Words says them).
PATHS = ("{n} simulated path", "{n} simulated paths")
# "0 of 300 paths": counted in the plural in English whatever the count.
OF_PATHS = ("{n} paths", "{n} paths")
PATHS_OF = "{count} of {total} ({share})"
HEADER = "{name}: {paths}, {years}, seed {seed}, {currency}"
REACHED_BY_THEN = "Reached\n{target}/month\nby then"
LOSING = "Losing money overall (net gain below {zero}): {paths}"
REACHED = "Monthly net income of {target} reached by year {years}: {paths}"
WORST_DROP = (
    "Worst drop in monthly income below its best earlier year: median {median}; one path in ten drops {p90} or more."
)
FAN_TITLE = "{title}: median {median}, P25-P75 {inner}, P10-P90 {outer}"
YEAR_N = "year {n}"
# Several simulated scenarios; English counts scenarios in the plural whatever the count.
SCENARIOS = ("{n} scenarios", "{n} scenarios")
SCENARIOS_HEADER = "{scenarios}: {paths} each, {years}, seed {seed} (the same draws for every scenario)"
INCOME_COLUMN = "Monthly income,\nlast year\nP10 / P50 / P90"
LOSING_COLUMN = "Losing\nmoney"
REACHED_BY_YEAR = "Reached\n{target}/month\nby year {years}"
ENDING_COLUMN = "Ending\nvalue\nP50"
GAIN_COLUMN = "Net gain\nP10 / P50"
TEXTS = (
    *YEARLY_TITLES.values(),
    *FINAL_LABELS.values(),
    "Year",
    "At the end",
    "Scenario",
    HINT,
    PATHS_OF,
    HEADER,
    REACHED_BY_THEN,
    LOSING,
    REACHED,
    WORST_DROP,
    FAN_TITLE,
    YEAR_N,
    SCENARIOS_HEADER,
    INCOME_COLUMN,
    LOSING_COLUMN,
    REACHED_BY_YEAR,
    ENDING_COLUMN,
    GAIN_COLUMN,
)
PLURALS = (PATHS, OF_PATHS, SCENARIOS, YEARS)


def fan_width(width: int | None) -> int:
    """Grid columns a fan chart may take in a console `width` columns wide (None: not a terminal)."""
    return CHART_WIDTH if width is None else max(12, min(CHART_WIDTH, width - 14))


# Fan chart cells, from the outer band in: P10-P90, P25-P75, the median.
OUTER, INNER, MEDIAN = "░", "▒", "█"


def paths_of(count: int, total: int, said: Words | None = None) -> str:
    """'99 of 300 paths (33.0 %)'."""
    w = said or Words()
    share = w.percent(100 * count / total, 1)
    return w.say(PATHS_OF, count=w.grouped(count), total=w.count(total, *OF_PATHS), share=share)


def counted(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def header_line(name: str, sim: Simulation, said: Words | None = None) -> str:
    w = said or Words("en", sim.currency)
    paths, years = w.count(sim.paths, *PATHS), w.count(sim.years, *YEARS)
    return w.say(HEADER, name=name, paths=paths, years=years, seed=sim.seed, currency=sim.currency)


# -- table ------------------------------------------------------------------


def percentile_table(sim: Simulation, column: str, said: Words | None = None) -> Table:
    w = said or Words("en", sim.currency)
    table = Table(title=w.t(YEARLY_TITLES[column]), title_justify="left", header_style="bold")
    table.add_column(w.t("Year"), justify="right")
    for pct in PERCENTILES:
        table.add_column(f"P{pct}", justify="right")
    reached, target = sim.reached, sim.target
    with_target = column == "monthly_income" and reached is not None and target is not None
    if with_target and target is not None:
        table.add_column(w.say(REACHED_BY_THEN, target=w.money(target, _decimals(target))), justify="right")
    values = sim.yearly[column]
    decimals = 0 if np.abs(values).max() >= 1000 else 2
    for y in range(sim.years):
        cells = [w.money(float(v), decimals) for v in values[:, y]]
        if with_target and reached is not None:
            cells.append(paths_of(int(reached[y]), sim.paths, w))
        table.add_row(w.integer(y + 1), *cells)
    return table


def final_table(sim: Simulation, said: Words | None = None) -> Table:
    w = said or Words("en", sim.currency)
    table = Table(title=w.t("At the end"), title_justify="left", header_style="bold")
    table.add_column("", max_width=LABEL_WIDTH)  # labels wrap at words, so that the percentiles fit
    for pct in PERCENTILES:
        table.add_column(f"P{pct}", justify="right")
    for key, label in FINAL_LABELS.items():
        values = sim.final[key]
        if key != "worst_drop_pct" and np.abs(values).max() <= 1e-9:
            continue  # nothing paid out (full DRIP), nothing put in (a free method): not worth a row
        if key == "worst_drop_pct":
            cells = [w.percent(float(v), 1, grouping=False) for v in values]
        else:
            cells = [w.money(float(v), 0 if np.abs(values).max() >= 1000 else 2) for v in values]
        table.add_row(w.t(label), *cells)
    return table


def risk_lines(sim: Simulation, said: Words | None = None) -> list[str]:
    w = said or Words("en", sim.currency)
    lines = [w.say(LOSING, zero=w.integer(0), paths=paths_of(sim.losing_paths, sim.paths, w))]
    if sim.reached is not None and sim.target is not None:
        target = w.money(sim.target, _decimals(sim.target))
        paths = paths_of(int(sim.reached[-1]), sim.paths, w)
        lines.append(w.say(REACHED, target=target, years=w.integer(sim.years), paths=paths))
    drop = sim.final["worst_drop_pct"]
    lines.append(
        w.say(
            WORST_DROP,
            median=w.percent(float(drop[2]), 1, grouping=False),
            p90=w.percent(float(drop[4]), 1, grouping=False),
        )
    )
    return lines


def simulation_table(
    name: str,
    sim: Simulation,
    color: bool = False,
    width: int | None = None,
    chart: bool = True,
    lang: str | None = "en",
) -> str:
    from passivecalc.render.answer import simulation_answer

    w = words(lang, sim.currency)
    stream = io.StringIO()
    out = console(stream, color, width)
    out.print(Text(w.fill(simulation_answer(sim, w), out.width), style="bold" if color else ""))
    out.print()
    out.print(header_line(name, sim, w))
    for column in ("monthly_income", "value", "payout"):
        # Like the period tables, leave out what is zero on every path (payout under full DRIP, value of a blog).
        if np.abs(sim.yearly[column]).max() > 1e-9:
            print_fitted(out, percentile_table(sim, column, w), hint=HINT, said=w)
    print_fitted(out, final_table(sim, w), hint=HINT, said=w)
    for line in risk_lines(sim, w):
        out.print(w.fill(line, out.width))
    if chart:
        for column in ("monthly_income", "value"):
            if np.abs(sim.yearly[column]).max() > 1e-9:
                out.print()
                out.print(fan_chart(sim, column, color=color, width=fan_width(width), said=w))
    return trimmed(stream.getvalue())


# -- fan chart -----------------------------------------------------------------


def fan_chart(
    sim: Simulation,
    column: str,
    height: int = CHART_HEIGHT,
    width: int = CHART_WIDTH,
    color: bool = False,
    said: Words | None = None,
) -> Text:
    """Percentile bands per year drawn in characters: the median, P25-P75 and P10-P90, bottom to top."""
    w = said or Words("en", sim.currency)
    bands = sim.yearly[column]
    low = min(0.0, float(bands[0].min()))
    high = float(bands[-1].max())
    if not high > low:
        high = low + 1.0
    cell = max(1, min(6, width // max(sim.years, 1)))
    step = (high - low) / height
    labels = [w.money(high - i * step) for i in range(height)]
    label_width = max(len(s) for s in (*labels, w.money(low)))
    styles = {OUTER: "cyan", INNER: "blue", MEDIAN: "bold"} if color else {}

    title = w.say(FAN_TITLE, title=w.t(YEARLY_TITLES[column]), median=MEDIAN, inner=INNER, outer=OUTER)
    text = Text(f"{title}\n")
    for row in range(height):
        top = high - row * step
        bottom = top - step
        text.append(f"{labels[row]:>{label_width}} ┤" if row % 3 == 0 else f"{'':>{label_width}} │")
        for y in range(sim.years):
            mark = _mark(bands[:, y], bottom, top, top_row=row == 0)
            text.append(mark * cell, style=styles.get(mark))
        text.append("\n")
    text.append(f"{w.money(low):>{label_width}} └{'─' * (cell * sim.years)}\n")
    first, last = w.say(YEAR_N, n=w.integer(1)), w.say(YEAR_N, n=w.integer(sim.years))
    # The last year's label ends under the grid's end (English: "year 1" and "year 10" in 12 columns or more).
    axis = f"{first}{'':>{max(1, cell * sim.years - len(first) - 6)}}{last}"
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
    named: list[tuple[str, Simulation]],
    color: bool = False,
    width: int | None = None,
    chart: bool = True,
    lang: str | None = "en",
) -> str:
    """Simulated scenarios side by side: a row per scenario with the spread of its end figures, then fan charts."""
    first = named[0][1]
    w = words(lang, first.currency)
    stream = io.StringIO()
    out = console(stream, color, width)
    from passivecalc.render.answer import simulated_comparison_answer

    out.print(Text(w.fill(simulated_comparison_answer(named, w), out.width), style="bold" if color else ""))
    out.print()
    out.print(
        w.say(
            SCENARIOS_HEADER,
            scenarios=w.count(len(named), *SCENARIOS),
            paths=w.count(first.paths, *PATHS),
            years=w.count(first.years, *YEARS),
            seed=first.seed,
        )
    )
    # The answer's figures first (income, losing, reaching the target): a narrow terminal leaves out the right ones.
    table = Table(header_style="bold")
    table.add_column(w.t("Scenario"))
    table.add_column(w.t(INCOME_COLUMN), justify="right")
    table.add_column(w.t(LOSING_COLUMN), justify="right")
    reaching = first.reached is not None and first.target is not None
    if reaching and first.target is not None:
        target = w.money(first.target, _decimals(first.target))
        table.add_column(w.say(REACHED_BY_YEAR, target=target, years=w.integer(first.years)), justify="right")
    table.add_column(w.t(ENDING_COLUMN), justify="right")
    table.add_column(w.t(GAIN_COLUMN), justify="right")
    for name, sim in named:
        v = w.priced_in(sim.currency)
        income = sim.final["monthly_income_end"]
        gain = sim.final["net_gain"]
        cells = [
            name,
            " / ".join(v.money(float(x)) for x in income[[0, 2, 4]]),
            v.percent(100 * sim.probability_of_loss, 1),
        ]
        if reaching:
            cells.append(v.percent(100 * int(sim.reached[-1]) / sim.paths, 1) if sim.reached is not None else "–")
        cells += [
            v.money(float(sim.final["ending_value"][2])),
            " / ".join(v.money(float(x)) for x in gain[[0, 2]]),
        ]
        table.add_row(*cells)
    print_fitted(out, table, hint=HINT, said=w)
    if chart:
        for name, sim in named:
            if np.abs(sim.yearly["monthly_income"]).max() > 1e-9:
                out.print()
                out.print(f"{name}")
                out.print(
                    fan_chart(
                        sim, "monthly_income", color=color, width=fan_width(width), said=w.priced_in(sim.currency)
                    )
                )
    return trimmed(stream.getvalue())


def comparison_csv(named: list[tuple[str, Simulation]]) -> str:
    """Tidy CSV with a leading scenario column: scenario, year, percentile, value, payout, monthly_income (...)."""
    return rows_csv([{"scenario": name, **row} for name, sim in named for row in sim.rows()])
