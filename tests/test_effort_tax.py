"""The one tax policy on every effort method, against a plain loop written here from its definition.

Tax is due on each projection year's profit: income - costs - the business spending the method books as
money put in (blog setup and outsourced articles, ebook production, course equipment, rank-and-rent
builds; not the domains bought for leasing, which are an asset). A year's loss carries forward; tax is
never negative; it is charged in the year's 12th month.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from passivecalc.methods import get
from passivecalc.params import build

# Method -> whether the money it books as contributed is deductible business spending.
DEDUCTS_CONTRIBUTED = {
    "blog": True,
    "ebook": True,
    "course": True,
    "rank-rent": True,
    "domains": False,
    "dropship": False,
}


def policy_by_hand(profit_by_month: np.ndarray, rate: float) -> np.ndarray:
    """Tax per month for one path, year by year with the carried loss, in a plain loop."""
    taxes = np.zeros_like(profit_by_month)
    carried = 0.0
    for year in range(len(profit_by_month) // 12):
        profit = float(profit_by_month[12 * year : 12 * year + 12].sum()) - carried
        if profit > 0:
            taxes[12 * year + 11] = rate * profit
            carried = 0.0
        else:
            carried = -profit
    return taxes


@settings(max_examples=30)
@given(
    method=st.sampled_from(sorted(DEDUCTS_CONTRIBUTED)),
    tax=st.floats(0.5, 60),
    years=st.integers(1, 6),
    scale=st.floats(0.05, 3),
)
def test_tax_follows_the_policy_is_never_negative_and_nothing_is_due_without_profit(method, tax, years, scale):
    chosen = get(method)
    lever = chosen.scale
    default = chosen.params.model_fields[lever].default
    lever_value = max(1, round(default * scale)) if isinstance(default, int) else default * scale
    values = {"years": years, lever: lever_value}
    untaxed = chosen.project(build(chosen.params, values))
    taxed = chosen.project(build(chosen.params, {**values, "tax": tax}))
    profit = untaxed.income - untaxed.costs
    if DEDUCTS_CONTRIBUTED[method]:
        profit = profit - untaxed.contributed
    expected = policy_by_hand(profit[0], tax / 100)
    np.testing.assert_allclose(taxed.taxes[0], expected, rtol=1e-9, atol=1e-6)
    assert (taxed.taxes >= 0).all()
    if (np.cumsum(profit[0]) <= 0).all():
        assert (taxed.taxes == 0).all()
