"""The risk line under a plain run's summary: what a seeded simulation says beside the expected path.

Text for people (the table format, and the HTML report's risk paragraph); the
JSON format carries the same figures as `RiskSummary.as_dict()`. Every line
fits 80 columns for any amount up to a trillion.
"""

from __future__ import annotations

from passivecalc.render.numbers import money
from passivecalc.risk import RiskSummary


def risk_lines(risk: RiskSummary) -> list[str]:
    """Three or four short lines: the spread of monthly income and net gain, the chance of a loss, a warning."""
    currency = risk.currency

    def spread(values: tuple[float, float, float]) -> str:
        low, median, high = (money(v, currency) for v in values)
        return f"{median} (P10 {low} to P90 {high})"

    lines = [
        f"Risk, {risk.paths:,} simulated futures (seed {risk.seed}); the table is the expected path:",
        f"  monthly net income, last year: {spread(risk.monthly_income_end)}",
        f"  net gain: {spread(risk.net_gain)}",
        f"  chance of losing money: {100 * risk.chance_of_loss:.0f} %",
    ]
    if risk.far_from_table:
        median, table = money(risk.net_gain[1], currency), money(risk.table_net_gain, currency)
        lines.append(f"Warning: the median future's net gain, {median}, is far from the table's {table}.")
    return lines


def risk_text(risk: RiskSummary) -> str:
    return "\n".join(risk_lines(risk))
