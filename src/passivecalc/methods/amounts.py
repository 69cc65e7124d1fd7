"""The smallest amounts the capital methods compute with, so that no figure comes from a subnormal number.

A float below about 2.2e-308 (a subnormal) has lost most of its precision, and
a ratio over one overflows: a projection built on it printed nan or inf, or a
P2P return above the loan rate. No user means such an amount, so the inputs
are bounded well above that:

- money put in (capital, contributions) below a cent is no money: it counts
  as 0, and params show 0 (a goal search that tries a fraction of a cent sees
  nothing put in, as it should);
- a restake's gas below 0.000001 counts as 0 (a low-fee chain's fee is about
  a thousandth of a cent);
- prices and token amounts have lower bounds on their fields (a share price
  of at least 0.0001, at least 1e-8 tokens, a token price of at least 1e-8).
"""

from __future__ import annotations

SMALLEST_MONEY = 0.01
SMALLEST_SHARE_PRICE = 0.0001
SMALLEST_GAS = 0.000001


def money_or_nothing(value: float | None) -> float | None:
    """An amount of money put in, with less than a cent counted as 0 (a pydantic field validator)."""
    return 0.0 if value is not None and 0 < value < SMALLEST_MONEY else value


def gas_or_nothing(value: float) -> float:
    """A restake's gas in money, with less than 0.000001 counted as 0 (a pydantic field validator)."""
    return 0.0 if 0 < value < SMALLEST_GAS else value
