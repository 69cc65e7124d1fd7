"""One tax policy for every method.

Tax is due on each projection year's profit: income less deductible costs
(the costs column, plus business spending an effort method books as money put
in: setup, production, outsourced articles, site builds, equipment; never
money that buys an asset such as shares, loans, tokens or domains). A year's
loss carries forward and is set against later years' profit. Tax is never
negative. It is charged in the last month of each projection year, when the
year's profit is known.

Dividends are the exception: tax is withheld at source on each payment
(a flat rate on the gross dividend), so the dividend method does not use
`yearly_tax`.
"""

from __future__ import annotations

import numpy as np

from passivecalc.projection import rollup
from passivecalc.timeline import MONTHS_PER_YEAR


def yearly_tax(profit: np.ndarray, rate: float) -> np.ndarray:
    """Monthly tax for monthly profit, shaped like it: (paths, N) with N a whole number of years.

    profit: money a month before tax (income - deductible costs), negative for a loss.
    rate: tax rate as a fraction. Each year's tax is rate * max(0, that year's
    profit - losses carried from earlier years), charged in the year's
    twelfth month; the other months carry 0.
    """
    profit = np.asarray(profit, dtype=float)
    taxes = np.zeros_like(profit)
    if rate <= 0:
        return taxes
    paths = profit.shape[0]
    yearly = rollup(profit, "sum")
    years = yearly.shape[1]
    carried = np.zeros(paths)  # losses not yet set against profit, as a positive amount
    for year in range(years):
        taxable = yearly[:, year] - carried
        carried = np.maximum(-taxable, 0.0)
        taxes[:, (year + 1) * MONTHS_PER_YEAR - 1] = rate * np.maximum(taxable, 0.0)
    return taxes
