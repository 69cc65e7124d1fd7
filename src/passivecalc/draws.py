"""Where a method's uncertain inputs come from.

Every method is written once, vectorised over a leading paths axis, and takes
a `Draws`. A deterministic run passes `Draws.expected(months)`: one path, and
every random factor at its expected value (price multipliers of 1, no shock
events), so the deterministic projection is exactly what the formulas give.
Monte Carlo passes `Draws(months, paths, rng)`, and the same code runs on many
paths. A spread of zero gives every path the deterministic values.

Each helper returns an array that broadcasts against (paths, months).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from passivecalc.timeline import MONTHS_PER_YEAR, growth_path, monthly_hazard

# Monthly hazards up to this (an annual chance of about 22 %) draw the months between events, not every month.
RARE_HAZARD = 1 / 48


@dataclass(frozen=True)
class Draws:
    months: int
    paths: int = 1
    rng: np.random.Generator | None = None
    # True when the caller reads only the standard columns (the Monte Carlo engine keeps value, payout, net
    # income, contributed and returned): a method may then leave out its own columns and summary metrics,
    # which would be computed for nothing. The standard columns, revaluation included, are always complete.
    lean: bool = False

    @classmethod
    def expected(cls, months: int) -> Draws:
        return cls(months=months)

    @property
    def simulated(self) -> bool:
        return self.rng is not None

    @property
    def generator(self) -> np.random.Generator:
        """The random generator of a simulated run; a deterministic run draws nothing and has none."""
        if self.rng is None:
            raise RuntimeError("a deterministic run draws nothing")
        return self.rng

    @property
    def shape(self) -> tuple[int, int]:
        return (self.paths, self.months)

    def lognormal_monthly(self, volatility: float) -> np.ndarray:
        """Monthly multipliers exp(s z - s^2/2) with mean 1, s = volatility / sqrt(12).

        volatility: annual, as a fraction (0.2 for 20 %/yr). Shape (paths, months);
        (1, months) of ones when deterministic or volatility is 0.
        """
        if not self.simulated or volatility == 0:
            return np.ones((1, self.months))
        s = volatility / np.sqrt(MONTHS_PER_YEAR)
        z = self.generator.normal(-s * s / 2, s, self.shape)  # one pass: the same stream as standard_normal, scaled
        return np.exp(z, out=z)

    def price_path(self, volatility: float, growth: float = 0.0, start: float = 1.0) -> np.ndarray:
        """A price path: start * (1 + growth) ** (m/12) times the running product of mean-1 lognormal monthly returns.

        volatility and growth: annual, as fractions. Each month's random
        multiplier has mean 1, so the mean price path is the deterministic one,
        and the median at month m lies below it by exp(-m s^2 / 2), s = volatility / sqrt(12).
        Shape (paths, months); (1, months), start * (1 + growth) ** (m/12), when
        deterministic or volatility is 0. With the defaults: the multipliers alone.

        Simulated, the drift goes into the normal draw (log-returns of
        ln(1 + growth)/12 - s^2/2 + s z), so a path costs one draw, one exp and
        one cumulative product: numpy's floor for that many draws.
        """
        if not self.simulated or volatility == 0:
            return start * growth_path(growth, self.months)[None, :]
        s = volatility / np.sqrt(MONTHS_PER_YEAR)
        drift = np.log1p(growth) / MONTHS_PER_YEAR - s * s / 2
        path = self.generator.normal(drift, s, self.shape)
        np.exp(path, out=path)
        path[:, 0] *= start
        return np.cumprod(path, axis=1, out=path)

    def lognormal_per_path(self, sigma: float) -> np.ndarray:
        """One multiplier per path, exp(s z - s^2/2) with mean 1; shape (paths, 1), ones when deterministic."""
        if not self.simulated or sigma == 0:
            return np.ones((1, 1))
        z = self.generator.standard_normal((self.paths, 1))
        return np.exp(sigma * z - sigma * sigma / 2)

    def events(self, annual_probability: float) -> np.ndarray:
        """Boolean (paths, months): True in a month where an event of the given annual probability happens.

        annual_probability as a fraction; the monthly chance is 1 - (1 - p)^(1/12).
        Deterministic: no events, shape (1, months).
        """
        if not self.simulated or annual_probability == 0:
            return np.zeros((1, self.months), dtype=bool)
        return self.generator.random(self.shape) < monthly_hazard(annual_probability)

    def first_event(self, annual_probability: float) -> np.ndarray:
        """Boolean (paths, months): True from the month of the first event on (a failure that ends a position)."""
        happened = self.events(annual_probability)
        return np.logical_or.accumulate(happened, axis=1)

    def cuts(self, annual_probability: float, cut: float) -> np.ndarray:
        """Multipliers (1 - cut) ** (events so far): a level cut by a share at each event, for good.

        annual_probability and cut as fractions; events happen month by month
        with the monthly hazard 1 - (1 - p)^(1/12). An event in month m lowers
        that month and every later one. Shape (paths, months); (1, months) of
        ones when deterministic (no events) or when either argument is 0.
        """
        hazard = float(monthly_hazard(annual_probability)) if self.simulated else 0.0
        if hazard == 0 or cut == 0:  # a tiny annual chance can round to no monthly hazard at all
            return np.ones((1, self.months))
        if hazard > RARE_HAZARD:
            count = np.cumsum(self.events(annual_probability), axis=1, dtype=np.intp)
            return np.power(1.0 - cut, np.arange(self.months + 1, dtype=float))[count]
        # Rare events: draw the gaps between them instead of a number per month. The gaps of a
        # monthly Bernoulli process are geometric, so this is the same distribution, at a
        # fraction of the cost. One round per event, each over the paths still inside the horizon.
        multipliers = np.ones(self.shape)
        rows = np.arange(self.paths)
        month = np.zeros(self.paths, dtype=np.int64)
        while rows.size:
            # A gap past the horizon is as good as any longer one; the cap keeps the sum from overflowing.
            month[rows] += np.minimum(self.generator.geometric(hazard, size=rows.size), self.months + 1)
            rows = rows[month[rows] <= self.months]
            multipliers[rows, month[rows] - 1] = 1.0 - cut
        return np.cumprod(multipliers, axis=1, out=multipliers)

    def binomial(self, count, probability) -> np.ndarray:
        """Binomial draws (paths, months) of `count` trials at `probability`; the mean count * probability when deterministic."""
        if not self.simulated:
            return np.broadcast_to(np.asarray(count, dtype=float) * probability, (1, self.months)).astype(float)
        return self.generator.binomial(np.asarray(count, dtype=np.int64), probability, size=self.shape).astype(float)
