"""Draws: the distributions behind every method's uncertain inputs, checked against their closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from passivecalc.draws import Draws
from passivecalc.timeline import monthly_hazard


def simulated(months: int, paths: int, seed: int = 7) -> Draws:
    return Draws(months, paths, np.random.default_rng(seed))


def test_expected_draws_are_neutral():
    draws = Draws.expected(24)
    assert not draws.simulated
    np.testing.assert_array_equal(draws.lognormal_monthly(0.3), np.ones((1, 24)))
    np.testing.assert_array_equal(draws.price_path(0.3), np.ones((1, 24)))
    np.testing.assert_array_equal(draws.lognormal_per_path(0.5), np.ones((1, 1)))
    np.testing.assert_array_equal(draws.events(0.5), np.zeros((1, 24), dtype=bool))
    np.testing.assert_array_equal(draws.cuts(0.5, 0.4), np.ones((1, 24)))
    # Mean of Binomial(200, 0.05) is 10.
    np.testing.assert_allclose(draws.binomial(200, 0.05), np.full((1, 24), 10.0))


def test_zero_spread_is_neutral_even_when_simulated():
    draws = simulated(12, 50)
    np.testing.assert_array_equal(draws.price_path(0.0), np.ones((1, 12)))
    np.testing.assert_array_equal(draws.cuts(0.0, 0.5), np.ones((1, 12)))
    np.testing.assert_array_equal(draws.cuts(0.5, 0.0), np.ones((1, 12)))


def test_monthly_multipliers_have_mean_one():
    # E[exp(s Z - s^2/2)] = 1 for Z standard normal (lognormal mean); 400,000 draws.
    multipliers = simulated(40, 10_000).lognormal_monthly(0.4)
    s = 0.4 / np.sqrt(12)
    standard_error = np.sqrt(np.expm1(s * s) / multipliers.size)
    assert abs(multipliers.mean() - 1) < 4 * standard_error


def test_price_path_logs_are_normal_with_the_analytic_moments():
    # ln(price_path[m]) ~ Normal(-m s^2/2, m s^2), s = volatility / sqrt(12): a sum of m iid normal log-returns.
    months, paths, volatility = 120, 20_000, 0.25
    logs = np.log(simulated(months, paths).price_path(volatility)[:, -1])
    s2 = volatility**2 / 12
    mean, sd = -months * s2 / 2, np.sqrt(months * s2)
    assert abs(logs.mean() - mean) < 4 * sd / np.sqrt(paths)
    np.testing.assert_allclose(logs.std(), sd, rtol=0.03)
    # The median of a lognormal is exp(mean of the logs).
    np.testing.assert_allclose(np.median(np.exp(logs)), np.exp(mean), rtol=0.03)


def test_events_happen_at_the_annual_rate():
    # Share of paths with at least one event in the first year: the annual probability itself.
    p, paths = 0.2, 50_000
    happened = simulated(12, paths).events(p).any(axis=1).mean()
    assert abs(happened - p) < 4 * np.sqrt(p * (1 - p) / paths)


def test_first_event_stays_true():
    failed = simulated(60, 500).first_event(0.3)
    assert (np.diff(failed.astype(int), axis=1) >= 0).all()


@pytest.mark.parametrize("p", [0.05, 0.3])  # rare events draw the gaps between them, frequent ones every month
def test_cuts_average_the_binomial_generating_function(p):
    # N cuts in n months ~ Binomial(n, h), so E[(1-c)^N] = (1 - h c)^n (the binomial's probability generating function).
    months, paths, cut = 60, 40_000, 0.25
    final = simulated(months, paths).cuts(p, cut)[:, -1]
    h = float(monthly_hazard(p))
    expected = (1 - h * cut) ** months
    assert abs(final.mean() - expected) < 4 * final.std() / np.sqrt(paths)


@pytest.mark.parametrize("p", [0.05, 0.3])
def test_cuts_happen_month_by_month_at_the_hazard(p):
    # Share of path-months with a cut: the monthly hazard 1 - (1 - p)^(1/12), as for events().
    months, paths = 48, 20_000
    multipliers = simulated(months, paths).cuts(p, 0.5)
    previous = np.concatenate([np.ones((paths, 1)), multipliers[:, :-1]], axis=1)
    cut_months = (multipliers < previous).mean()
    h = float(monthly_hazard(p))
    assert abs(cut_months - h) < 4 * np.sqrt(h * (1 - h) / (months * paths))


@given(
    p=st.floats(0.01, 1.0),
    cut=st.floats(0.01, 0.99),
    seed=st.integers(0, 2**32 - 1),
)
def test_cuts_only_ever_lower_the_level_by_whole_cuts(p, cut, seed):
    multipliers = simulated(36, 20, seed).cuts(p, cut)
    assert multipliers.shape == (20, 36)
    assert (multipliers <= 1).all() and (multipliers > 0).all()
    assert (np.diff(multipliers, axis=1) <= 1e-15).all()
    # Each path's level is a whole power of (1 - cut).
    powers = np.log(multipliers) / np.log(1 - cut)
    np.testing.assert_allclose(powers, np.round(powers), atol=1e-9)


def test_a_certain_event_cuts_every_month():
    # Annual probability 1 means a monthly hazard of 1: every month is cut.
    np.testing.assert_allclose(simulated(6, 3).cuts(1.0, 0.5), np.broadcast_to(0.5 ** np.arange(1, 7), (3, 6)))


def test_same_generator_seed_same_draws():
    a, b = simulated(24, 30, seed=3), simulated(24, 30, seed=3)
    np.testing.assert_array_equal(a.price_path(0.2), b.price_path(0.2))
    assert not np.array_equal(simulated(24, 30, seed=3).price_path(0.2), simulated(24, 30, seed=4).price_path(0.2))


@pytest.mark.parametrize("p", [5.85e-281, 1e-17, 1e-12])
def test_a_vanishing_chance_of_a_cut_cuts_nothing(p):
    # A monthly hazard that rounds to 0, or whose geometric gaps reach numpy's int64 cap, must neither fail nor wrap round.
    multipliers = simulated(120, 500).cuts(p, 0.5)
    assert np.broadcast_to(multipliers, (500, 120)).min() == 1.0
