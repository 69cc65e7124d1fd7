"""Uncertain demand for the effort methods (blog traffic, ebook sales, course students).

One multiplier per path and month, applied to the deterministic traffic or
sales of a blog, an ebook catalogue or a course:

    demand[path, m] = level[path] * walk[path, m] * (1 - cut) ** shocks[path, m]

- level: lognormal, one draw per path, mean 1, sigma `spread` (a fraction):
  how far the whole venture lands from the estimate. Effort ventures vary far
  more between people than month to month, so this is the wide one.
- walk: the running product of monthly lognormal factors of mean 1 at an
  annual `volatility` (a fraction per year): traffic or sales drift rather
  than jump back to the estimate; each month's product still has mean 1.
- shocks: the number of shocks so far, each month's chance 1 - (1 - p)^(1/12)
  for an annual `shock_probability` p; each shock (a search-engine core
  update, a marketplace changing its ranking or its terms) cuts demand by the
  share `cut` for good.

The deterministic run (one path, no rng) is all ones: the estimate itself.
With spread, volatility and shock probability all 0 every simulated path is
the deterministic one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from passivecalc.draws import Draws


def demand_multiplier(
    draws: Draws, spread: float, volatility: float, shock_probability: float, cut: float
) -> np.ndarray:
    """Multipliers shaped (paths, months), all ones with nothing to vary; rates as fractions.

    Always one row per path, so that a simulation with zero spread still has
    every path (each equal to the deterministic one).
    """
    level = draws.lognormal_per_path(spread)
    walk = draws.price_path(volatility)
    shocks = draws.cuts(shock_probability, cut)
    if walk.shape == draws.shape and walk.base is None and walk.flags.writeable:
        # A fresh path of our own: multiply into it rather than build two temporaries of its size.
        walk *= level
        walk *= shocks
        return walk
    return np.broadcast_to(level * walk * shocks, draws.shape)


def demand_of(params: Any, draws: Draws) -> np.ndarray:
    """The demand multipliers of an effort method's risk fields, shaped (paths, months).

    params: a Params with the percent fields spread, volatility,
    shock_probability and shock_cut (blog, ebook, course); they are read as
    fractions through `params.fractions`.
    """
    f = params.fractions
    return demand_multiplier(draws, f.spread, f.volatility, f.shock_probability, f.shock_cut)
