"""One tax policy for every method: tax is never negative, and a run that never makes a profit pays none.

The policy (passivecalc.tax): tax on each projection year's profit, losses
carried forward; dividends are taxed by withholding on each payment. The
expected values here come from the policy's definition, not from the code:
tax >= 0 in every month, and a run whose income never exceeds its costs in
any year has nothing to tax.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from passivecalc.methods import REGISTRY
from passivecalc.params import build

# For each method, options that make it earn nothing (or lose money) before tax: the tax must then be zero.
NO_PROFIT = {
    "dividend": {"yield": 0},
    "p2p": {"rate": 0},
    "staking": {"apr": 0},
    "crypto-lending": {"apy": 0},
    "liquidity": {"fee_apr": 0, "reward_apr": 0},
    "blog": {"rpm": 0, "commission": 0},
    "ebook": {"price": 0.99, "royalty": 35, "ads": 1000},
    "course": {"price": 0, "students_per_month": 0},
    "dropship": {"price": 10, "product_cost": 20},
    "domains": {"lease": 0},
    "rank-rent": {"rent": 0},
}


def project(method: str, values: dict):
    entry = REGISTRY[method]
    return entry.project(build(entry.params, values))


def yearly_profit(projection) -> np.ndarray:
    """Income less costs, year by year (before tax), path 0."""
    profit = (projection.income - projection.costs)[0]
    return profit.reshape(-1, 12).sum(axis=1)


@pytest.mark.parametrize("method", sorted(REGISTRY))
@given(tax=st.floats(0, 100).map(lambda rate: round(rate, 2)), years=st.integers(1, 12))  # a rate as typed
def test_tax_is_never_negative(method, tax, years):
    projection = project(method, {"tax": tax, "years": years})
    assert (projection.taxes >= 0).all()
    assert np.isfinite(projection.taxes).all()


@pytest.mark.parametrize("method", sorted(NO_PROFIT))
@given(tax=st.floats(1, 100).map(lambda rate: round(rate, 2)), years=st.integers(1, 8))
def test_a_run_that_never_profits_pays_no_tax(method, tax, years):
    values = {**NO_PROFIT[method], "tax": tax, "years": years}
    projection = project(method, values)
    assert (yearly_profit(projection) <= 1e-9).all(), "the no-profit options should earn nothing before tax"
    assert projection.taxes.sum() == 0


def test_every_method_has_a_no_profit_case():
    assert set(NO_PROFIT) == set(REGISTRY)
