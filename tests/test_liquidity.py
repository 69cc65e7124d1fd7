"""Liquidity pools: impermanent loss against the issue's figures and the pools' own invariants, fees, rewards, properties, bad input."""

import json
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods import get
from passivecalc.methods.liquidity import impermanent_loss
from passivecalc.params import build
from passivecalc.projection import STANDARD_COLUMNS

LIQUIDITY = get("liquidity")


def pool(**values):
    params = build(LIQUIDITY.params, values)
    return params, LIQUIDITY.project(params)


def extra(projection, name):
    return projection.extras[name].values[0]


# -- impermanent loss ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "loss_pct", "decimals"), [(2, -5.72, 2), (0.5, -5.72, 2), (4, -20.0, 1), (1.25, -0.6, 1)]
)
def test_fifty_fifty_loss_matches_the_issue(ratio, loss_pct, decimals):
    # The issue's table: x2 or x0.5 -5.72 %, x4 -20.0 %, x1.25 -0.6 %.
    assert round(100 * float(impermanent_loss(ratio)), decimals) == loss_pct


@pytest.mark.parametrize("ratio", [0.1, 0.5, 1.25, 2, 4, 30])
def test_fifty_fifty_loss_follows_from_x_times_y_equals_k(ratio):
    # Uniswap v2: x y = k and price y/x. Start with 1 of each at price 1 (k = 1); at price r,
    # x = sqrt(k/r), y = sqrt(k r), worth x r + y, against holding 1 r + 1.
    x, y = np.sqrt(1 / ratio), np.sqrt(ratio)
    np.testing.assert_allclose(impermanent_loss(ratio), (x * ratio + y) / (ratio + 1) - 1, rtol=1e-12)


@pytest.mark.parametrize("weight", [0.2, 0.5, 0.8, 0.95])
@pytest.mark.parametrize("ratio", [0.25, 0.9, 3.0])
def test_weighted_pool_loss_follows_from_the_balancer_invariant(weight, ratio):
    # Balancer: B1^w B2^(1-w) = k, spot price (B2/(1-w)) / (B1/w). Start with value 1 at price 1
    # (B1 = w, B2 = 1 - w); arbitrage to price r keeps k with B2/B1 = r (1-w)/w: solve for B1.
    k = weight**weight * (1 - weight) ** (1 - weight)
    b1 = k / (ratio * (1 - weight) / weight) ** (1 - weight)
    b2 = b1 * ratio * (1 - weight) / weight
    pool_value = b1 * ratio + b2
    held = weight * ratio + (1 - weight)
    np.testing.assert_allclose(impermanent_loss(ratio, weight), pool_value / held - 1, rtol=1e-12)


def test_price_doubling_over_the_horizon_in_the_projection():
    _, p = pool(capital=10_000, fee_apr=0, price_change=100, years=3)
    np.testing.assert_allclose(extra(p, "price_ratio")[-1], 2, rtol=1e-12)
    np.testing.assert_allclose(p.value[0, -1], 10_000 * np.sqrt(2), rtol=1e-12)
    np.testing.assert_allclose(extra(p, "hodl_value")[-1], 15_000, rtol=1e-12)
    np.testing.assert_allclose(extra(p, "impermanent_loss")[-1], 10_000 * np.sqrt(2) - 15_000, rtol=1e-12)
    assert round(extra(p, "impermanent_loss_pct")[-1], 2) == -5.72


def test_price_change_per_year_compounds():
    # 10 %/yr for 5 years: r = 1.1^5 at the end, 1.1 after the first year.
    _, p = pool(price_change=10, price_change_over="year", fee_apr=0, weight=80, years=5)
    ratio = extra(p, "price_ratio")
    np.testing.assert_allclose(ratio[[11, 59]], [1.1, 1.1**5], rtol=1e-12)
    np.testing.assert_allclose(p.value[0, -1], 10_000 * 1.1 ** (5 * 0.8), rtol=1e-12)


# -- fees and rewards ------------------------------------------------------------------------


def test_fees_paid_out_are_the_fee_apr_on_the_value():
    # 12 %/yr on 10,000 with no price move: 100 a month; tax 30 % of each year's 1,200 of fees, 360 in month 12
    # (passivecalc's one tax policy), out of that month's payout; LP minus HODL = the fees kept so far.
    _, p = pool(capital=10_000, fee_apr=12, tax=30, years=2)
    np.testing.assert_allclose(extra(p, "fees"), 100)
    expected_tax = np.zeros(24)
    expected_tax[[11, 23]] = 360
    np.testing.assert_allclose(p.taxes[0], expected_tax)
    np.testing.assert_allclose(p.payout[0], 100 - expected_tax)
    np.testing.assert_allclose(p.value, 10_000)
    np.testing.assert_allclose(extra(p, "lp_minus_hodl"), np.cumsum(100 - expected_tax))


def test_a_compounding_pool_pays_each_years_tax_by_selling_pool_shares():
    # Fees of 12 %/yr added monthly, no price move: the position grows 1 % a month, and each year 30 % of the year's
    # fees is paid by selling that much of the position in month 12. A plain loop:
    _, p = pool(capital=10_000, fee_apr=12, tax=30, compound="monthly", years=2)
    value, fees, ends = 10_000.0, 0.0, []
    for month in range(1, 25):
        fees += 0.01 * value
        value *= 1.01
        if month % 12 == 0:
            value -= 0.3 * fees
            fees = 0.0
            ends.append(value)
    np.testing.assert_allclose(p.value[0, [11, 23]], ends, rtol=1e-12)
    assert abs(p.conservation_error()).max() < 1e-9


def test_fees_follow_the_value_as_the_price_moves():
    _, p = pool(capital=10_000, fee_apr=12, price_change=300, years=1)
    np.testing.assert_allclose(extra(p, "fees"), 0.01 * p.value[0])


def test_compounded_fees_grow_the_position_at_the_daily_rate():
    # 10 % fees compounded daily, no price move: 10,000 (1 + 0.10/365)^(365 years).
    _, p = pool(capital=10_000, fee_apr=10, compound="daily", years=4)
    np.testing.assert_allclose(p.value[0, [11, 47]], 10_000 * (1 + 0.10 / 365) ** np.array([365, 1460]), rtol=1e-12)
    np.testing.assert_allclose(extra(p, "impermanent_loss"), 0, atol=1e-7)


def test_rewards_follow_the_reward_tokens_price():
    # 24 %/yr of rewards at price 2, the token falling 50 %/yr: 200 of money a month at
    # the start price, i.e. 100 tokens a month, worth 200 x 0.5^(m/12) in money.
    _, p = pool(capital=10_000, fee_apr=0, reward_apr=24, reward_price=2, reward_price_growth=-50, years=2)
    months = np.arange(1, 25)
    np.testing.assert_allclose(extra(p, "rewards"), 200 * 0.5 ** (months / 12), rtol=1e-12)
    np.testing.assert_allclose(extra(p, "reward_tokens"), 100, rtol=1e-12)


def test_loss_and_gain_against_holding_add_up_without_compounding():
    # Paid out: LP minus HODL = impermanent loss (money) + the fees and rewards taken so far.
    _, p = pool(capital=5_000, fee_apr=20, reward_apr=5, price_change=-60, weight=60, tax=10, years=3)
    np.testing.assert_allclose(
        extra(p, "lp_minus_hodl"), extra(p, "impermanent_loss") + np.cumsum(p.payout[0]), rtol=1e-12
    )


def test_reinvested_fees_have_their_own_entry_price():
    # With compounding each reinvestment enters at its month's price, so the loss is smaller than
    # the starting deposit's (r went one way only) yet never positive.
    _, p = pool(capital=10_000, fee_apr=30, price_change=300, compound="monthly", years=5)
    loss = extra(p, "impermanent_loss_pct")
    assert (loss <= 1e-12).all()
    assert 100 * float(impermanent_loss(4)) < loss[-1] < 0


# -- properties ----------------------------------------------------------------------------

pools = st.fixed_dictionaries(
    {
        "capital": st.floats(0, 1e7),
        "fee_apr": st.floats(0, 200),
        "reward_apr": st.floats(0, 200),
        "reward_price_growth": st.floats(-99, 100),
        "price_change": st.floats(-99.9, 5_000),
        "price_change_over": st.sampled_from(["horizon", "year"]),
        "weight": st.floats(1, 99),
        "compound": st.sampled_from(["none", "daily", "weekly", "monthly"]),
        "tax": st.floats(0, 100),
        "years": st.integers(1, 5),
    }
)


@settings(max_examples=50, deadline=None)
@given(pools)
def test_pool_conserves_money_and_stays_finite(values):
    _, p = pool(**values)
    scale = max(1.0, abs(p.value).max(), abs(p.contributed).max())
    assert abs(p.conservation_error()).max() <= 1e-9 * scale
    for extra_column in p.extras.values():
        assert np.isfinite(extra_column.values).all()
    assert np.isfinite(p.value).all() and np.isfinite(p.income).all()
    assert (p.extras["impermanent_loss"].values <= 1e-9 * scale).all()


@settings(max_examples=50, deadline=None)
@given(pools, st.floats(0, 50))
def test_more_fee_apr_never_less_income(values, more):
    _, low = pool(**values)
    _, high = pool(**{**values, "fee_apr": values["fee_apr"] + more})
    assert high.income.sum() >= low.income.sum() * (1 - 1e-12)


@settings(max_examples=30, deadline=None)
@given(pools, st.floats(0, 300), st.floats(0, 100), st.integers(0, 2**32 - 1))
def test_simulated_pools_conserve_money(values, volatility, failure, seed):
    params = build(LIQUIDITY.params, {**values, "volatility": volatility, "failure_probability": failure})
    p = LIQUIDITY.project(params, Draws(params.months, paths=20, rng=np.random.default_rng(seed)))
    scale = max(1.0, abs(p.value).max(), abs(p.contributed).max())
    assert abs(p.conservation_error()).max() <= 1e-9 * scale
    assert all(np.isfinite(e.values).all() for e in p.extras.values())


# Every value the options allow, up to their bounds: a plan is either refused or computed to the end.
extreme_pools = st.fixed_dictionaries(
    {
        "capital": st.floats(0, 1e12),
        "fee_apr": st.floats(0, 1000),
        "reward_apr": st.floats(0, 1000),
        "reward_price": st.floats(1e-8, 1e9),
        "reward_price_growth": st.floats(-99, 1000),
        "price_change": st.floats(-99.99, 99_999),
        "price_change_over": st.sampled_from(["horizon", "year"]),
        "weight": st.floats(0.01, 99.99),
        "compound": st.sampled_from(["none", "daily", "weekly", "monthly"]),
        "tax": st.floats(0, 100),
        "years": st.integers(1, 100),
    }
)


@settings(max_examples=60, deadline=None)
@given(extreme_pools)
def test_any_accepted_plan_computes_to_finite_numbers(values):
    # A reward token whose price grows raises the reward rate itself, which compounding turns into exp of its
    # integral: 1000 % rewards growing 1000 %/yr, compounded daily for 10 years, once overflowed to NaN after passing
    # the check. Whatever passes it must stay finite in every column and summary figure.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # an overflow on the way is a failure, whatever it ends as
            _, p = pool(**values)
    except InputError as error:
        assert error.key in ("years", "price_change")
        return
    for name, column in p.all_columns().items():
        assert np.isfinite(column.values).all(), name
    assert all(v is None or np.isfinite(v) for v in p.summary().values())


def test_compounded_rewards_whose_price_soars_are_refused_not_nan():
    result = runner_invoke(
        ["liquidity", "--reward-apr", "1000", "--reward-price-growth", "1000", "--compound", "daily", "--years", "10"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == "passivecalc: error: --years: 10 years at these rates grows beyond e^600; give fewer years or lower rates\n"
    )


def runner_invoke(args):
    return CliRunner().invoke(app, args)


# -- Monte Carlo draws -----------------------------------------------------------------------


def test_zero_spread_gives_the_deterministic_projection_on_every_path():
    params = build(
        LIQUIDITY.params,
        {"fee_apr": 15, "price_change": 50, "compound": "weekly", "volatility": 0, "failure_probability": 0},
    )
    expected = LIQUIDITY.project(params)
    simulated = LIQUIDITY.project(params, Draws(params.months, paths=30, rng=np.random.default_rng(1)))
    for name in ("income", "reinvested", "payout", "value", "impermanent_loss"):
        np.testing.assert_allclose(
            simulated.column(name), np.broadcast_to(expected.column(name), (30, params.months)), rtol=1e-12
        )


def test_certain_failure_ends_every_path_at_zero():
    params = build(LIQUIDITY.params, {"capital": 8_000, "failure_probability": 100})
    p = LIQUIDITY.project(params, Draws(params.months, paths=50, rng=np.random.default_rng(1)))
    np.testing.assert_allclose(p.value, 0)
    np.testing.assert_allclose(p.income, 0)
    np.testing.assert_allclose(p.revaluation[:, 0], -8_000)
    assert abs(p.conservation_error()).max() < 1e-9


def test_simulated_loss_comes_from_each_paths_own_price():
    # Without fees or compounding, every path's loss is the formula at its own simulated ratio.
    params = build(
        LIQUIDITY.params, {"fee_apr": 0, "weight": 70, "volatility": 100, "failure_probability": 0, "years": 2}
    )
    p = LIQUIDITY.project(params, Draws(params.months, paths=200, rng=np.random.default_rng(5)))
    ratio = p.extras["price_ratio"].values
    assert ratio.std() > 0.1
    np.testing.assert_allclose(
        p.extras["impermanent_loss_pct"].values, 100 * impermanent_loss(ratio, 0.7), rtol=1e-9, atol=1e-9
    )


def test_volatility_costs_a_flat_pool_on_average():
    # log r ~ N(-s^2/2, s^2) after a year at s = 0.8, so E[sqrt(r)] = exp(-s^2/8): a 50/50 pool at a
    # flat expected price keeps 92.3 % of its value on average (lognormal moments), within sampling error.
    params = build(LIQUIDITY.params, {"fee_apr": 0, "volatility": 80, "failure_probability": 0, "years": 1})
    p = LIQUIDITY.project(params, Draws(params.months, paths=40_000, rng=np.random.default_rng(2)))
    final = p.value[:, -1]
    assert abs(final.mean() - 10_000 * np.exp(-(0.8**2) / 8)) < 4 * final.std() / np.sqrt(final.size)


# -- the command line ------------------------------------------------------------------------

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["liquidity", "--weight", "0"], "--weight: 0 is out of range (allowed: above 0 and below 100 %)"),
        (["liquidity", "--weight", "100"], "--weight: 100 is out of range (allowed: above 0 and below 100 %)"),
        (
            ["liquidity", "--price-change", "-100"],
            "--price-change: -100 is out of range (allowed: above -100 and below 100,000 %)",
        ),
        (
            ["liquidity", "--price-change", "-150"],
            "--price-change: -150 is out of range (allowed: above -100 and below 100,000 %)",
        ),
        (["liquidity", "--fee-apr", "-1"], "--fee-apr: -1 is out of range (allowed: 0 to 1,000 %/yr)"),
        (
            ["liquidity", "--fee-apr", "1000", "--years", "100"],
            "--years: 100 years at these rates grows beyond e^600; give fewer years or lower rates",
        ),
        (
            ["liquidity", "--price-change", "-99.9999", "--price-change-over", "year", "--years", "100"],
            "--price-change: -99.9999 % a year for 100 years moves the price beyond e^±600; give a smaller change or fewer years",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_csv_has_the_pool_columns():
    result = runner.invoke(
        app, ["liquidity", "--price-change", "100", "--fee-apr", "0", "--years", "1", "--format", "csv"]
    )
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert round(float(values["impermanent_loss_pct"]), 2) == -5.72
    assert float(values["hodl_value"]) == pytest.approx(15_000)


def test_the_summary_ends_with_the_loss_and_the_gain_against_holding():
    result = runner.invoke(
        app, ["liquidity", "--price-change", "100", "--fee-apr", "8", "--years", "3", "--format", "json"]
    )
    data = json.loads(result.stdout)
    # 2 sqrt(2)/(1 + 2) - 1 = -5.72 % at x2 (the issue's figure); the gain over holding is the last row's.
    np.testing.assert_allclose(data["summary"]["impermanent_loss_pct"], (2 * np.sqrt(2) / 3 - 1) * 100, rtol=1e-12)
    np.testing.assert_allclose(data["summary"]["lp_minus_hodl"], data["rows"][-1]["lp_minus_hodl"], rtol=1e-12)


def test_json_params_use_the_users_keys():
    result = runner.invoke(app, ["liquidity", "--weight", "80", "--price-change-over", "year", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["params"]["weight"] == 80
    assert data["params"]["price_change_over"] == "year"


@pytest.mark.parametrize("compound", ["none", "daily"])
@pytest.mark.parametrize("failure", [0, 3])
def test_a_lean_monte_carlo_chunk_has_the_same_standard_columns(compound, failure):
    # The Monte Carlo engine asks for the standard columns only (Draws.lean): the same draws give the same bits.
    params = build(LIQUIDITY.params, {"compound": compound, "failure_probability": failure, "tax": 20, "years": 3})
    full = LIQUIDITY.project(params, Draws(36, paths=50, rng=np.random.default_rng(5)))
    lean = LIQUIDITY.project(params, Draws(36, paths=50, rng=np.random.default_rng(5), lean=True))
    for name in (*STANDARD_COLUMNS, "revaluation"):
        np.testing.assert_array_equal(getattr(lean, name), getattr(full, name), name)
    assert lean.extras == {} and abs(lean.conservation_error()).max() < 1e-9
