"""Dropshipping: reference numbers worked by hand, properties, Monte Carlo inputs, bad input."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import get
from passivecalc.params import build

METHOD = get("dropship")
# price 50 and 25 of costs per order (product 20 + shipping 5), no payment fee, no returns.
REFERENCE = dict(
    price=50,
    product_cost=20,
    shipping=5,
    payment_fee=0,
    payment_fee_fixed=0,
    return_rate=0,
    platform_fee=39,
    apps=20,
    ad_saturation=0,
)


def amounts(low, high):
    """Floats in [low, high], a crumb below 1e-6 in size taken as 0 (the method refuses those: methods/floors.py)."""
    return st.floats(low, high).map(lambda x: 0.0 if abs(x) < 1e-6 else x)


def run(**values):
    params = build(METHOD.params, {**REFERENCE, **values})
    return params, METHOD.project(params)


def test_breakeven_roas_of_the_issue_reference():
    # margin before ads = 50 - 25 = 25, a share of 0.5 of the price: break-even ROAS 1 / 0.5 = 2.0, CPA 25.
    _, projection = run(ad_spend=1000, roas=3, years=1)
    np.testing.assert_allclose(projection.extras["breakeven_roas"].values, 2.0)
    np.testing.assert_allclose(projection.extras["breakeven_cpa"].values, 25.0)


def test_monthly_flows_at_roas_3():
    # by hand: 1000 x 3 / 50 = 60 orders; revenue 3000; goods 1200; shipping 300; ads 1000; store 39 + apps 20.
    _, projection = run(ad_spend=1000, roas=3, years=1)
    np.testing.assert_allclose(projection.extras["orders"].values, 60)
    np.testing.assert_allclose(projection.income, 3000)
    np.testing.assert_allclose(projection.extras["cost_of_goods"].values, 1200)
    np.testing.assert_allclose(projection.extras["contribution_margin"].values, 3000 - 1200 - 300 - 1000)
    np.testing.assert_allclose(projection.payout, 3000 - 1200 - 300 - 1000 - 59)
    np.testing.assert_allclose(projection.extras["roas"].values, 3)
    assert projection.notes == ()


def test_cpa_buys_the_same_orders_as_the_equivalent_roas():
    # CPA 20 at price 50 is a ROAS of 50 / 20 = 2.5: 1000 / 20 = 50 orders either way.
    _, by_cpa = run(ad_spend=1000, cpa=20)
    _, by_roas = run(ad_spend=1000, roas=2.5)
    np.testing.assert_allclose(by_cpa.extras["orders"].values, 50)
    np.testing.assert_allclose(by_cpa.payout, by_roas.payout)


def test_returns_refund_the_price_and_lose_shipping_and_goods():
    # 10 % returns of 60 orders: revenue 54 x 50 = 2700; goods and shipping on all 60; margin 45 - 25 = 20.
    _, projection = run(ad_spend=1000, roas=3, return_rate=10)
    np.testing.assert_allclose(projection.income, 2700)
    np.testing.assert_allclose(projection.extras["returned_orders"].values, 6)
    np.testing.assert_allclose(projection.payout, 2700 - 60 * 25 - 1000 - 59)
    np.testing.assert_allclose(projection.extras["breakeven_roas"].values, 50 / 20)


def test_payment_fee_percent_and_fixed():
    # Stripe-style 2.9 % + 0.30 on 50: 1.75 an order; margin 23.25, break-even ROAS 50 / 23.25 = 2.1505...
    _, projection = run(ad_spend=1000, roas=3, payment_fee=2.9, payment_fee_fixed=0.3)
    np.testing.assert_allclose(projection.extras["fees"].values, 60 * 1.75 + 59)
    np.testing.assert_allclose(projection.extras["breakeven_roas"].values, 50 / 23.25)
    np.testing.assert_allclose(projection.extras["breakeven_cpa"].values, 23.25)


def test_growth_raises_orders_and_ad_spend_once_compounded_per_year():
    # 12 %/yr: month 13 is 1.12 x month 1, month 7 is sqrt(1.12) x month 1.
    _, projection = run(ad_spend=1000, roas=3, organic_orders=40, growth=12, years=2)
    orders = projection.extras["orders"].values[0]
    np.testing.assert_allclose(orders[[0, 6, 12]], 100 * np.array([1, 1.12**0.5, 1.12]))
    np.testing.assert_allclose(projection.extras["ad_spend"].values[0, 12], 1120)


def test_hours_setup_per_order_and_per_month():
    # 60 orders x 0.1 h + 10 h a month; 30 setup hours in month 1.
    _, projection = run(ad_spend=1000, roas=3, setup_hours=30, hours_per_order=0.1, hours_per_month=10, years=1)
    np.testing.assert_allclose(projection.hours[0, :2], [46, 16])


def test_tax_on_profit_only():
    # profit 441 a month, 5,292 a year, at 25 %: 1,323 of tax in each year's 12th month; a loss-making store pays none.
    _, profitable = run(ad_spend=1000, roas=3, tax=25)
    np.testing.assert_allclose(profitable.taxes[0], ([0] * 11 + [1323]) * 10)
    _, losing = run(ad_spend=1000, roas=1.5, tax=25)
    np.testing.assert_allclose(losing.taxes, 0)
    assert profitable.after_tax


def test_a_roas_below_breakeven_is_flagged():
    _, projection = run(ad_spend=1000, roas=1.5)
    assert projection.notes == (
        "the ads lose money: a ROAS of 1.5 is below the break-even ROAS of 2.00 (each 1.00 of ad spend brings back 0.75 of margin)",
    )


def test_a_cpa_above_breakeven_is_flagged():
    _, projection = run(ad_spend=1000, cpa=30)
    assert projection.notes == (
        "the ads lose money: a CPA of 30.00 is above the break-even CPA of 25.00 (each order from ads loses 5.00)",
    )


def test_orders_that_lose_money_before_ads_are_flagged_and_have_no_breakeven():
    _, projection = run(product_cost=60, ad_spend=100, roas=2)
    assert (
        projection.notes[0]
        == "every order loses 15.00 before ads (price after refunds is below its costs): no ROAS breaks even"
    )
    assert "breakeven_roas" not in projection.extras


def test_a_store_without_orders_says_so():
    _, projection = run(ad_spend=0)
    assert projection.notes == (
        "no orders: give --ad-spend with --roas or --cpa, or --organic-orders; only the store's fixed costs remain",
    )
    np.testing.assert_allclose(projection.payout, -59)


def test_zero_spread_draws_equal_the_deterministic_run():
    params, expected = run(ad_spend=1000, roas=3, roas_spread=0, roas_volatility=0)
    simulated = METHOD.project(params, Draws(params.months, paths=50, rng=np.random.default_rng(1)))
    np.testing.assert_allclose(simulated.payout, np.broadcast_to(expected.payout, simulated.payout.shape))


def test_drawn_roas_averages_the_stated_roas():
    # each factor is lognormal with mean 1, so orders average 60 a month; the sd of the mean over
    # 4,000 paths x 120 months is far below 1 %.
    params, _ = run(ad_spend=1000, roas=3)
    simulated = METHOD.project(params, Draws(params.months, paths=4000, rng=np.random.default_rng(1)))
    # No returns here: orders are income / price, and the achieved ROAS is income / ad spend (a simulation
    # carries income, not the orders and roas columns).
    np.testing.assert_allclose((simulated.income / 50).mean(), 60, rtol=0.02)
    # the per-path factor: sd of log of a path's mean ROAS is close to the 30 % spread.
    per_path = np.log((simulated.income / 1000).mean(axis=1))
    assert 0.25 < per_path.std() < 0.35


def test_same_seed_same_paths():
    params, _ = run(ad_spend=1000, roas=3)
    first, second = (METHOD.project(params, Draws(params.months, 20, np.random.default_rng(7))) for _ in range(2))
    np.testing.assert_array_equal(first.payout, second.payout)


stores = st.builds(
    dict,
    price=amounts(1, 500),
    product_cost=amounts(0, 300),
    shipping=amounts(0, 50),
    payment_fee=amounts(0, 10),
    return_rate=amounts(0, 50),
    ad_spend=amounts(0, 1e5),
    roas=amounts(0.1, 20),
    organic_orders=amounts(0, 1000),
    growth=amounts(-50, 100),
    tax=amounts(0, 60),
    years=st.integers(1, 5),
)


@settings(max_examples=50, deadline=None)
@given(stores, amounts(0, 1000))
def test_money_is_conserved_finite_and_more_orders_never_lower_revenue(store, more):
    params = build(METHOD.params, store)
    projection = METHOD.project(params, Draws(params.months, 3, np.random.default_rng(0)))
    assert np.abs(projection.conservation_error()).max() < 1e-6
    for column in (projection.payout, projection.hours, projection.income, projection.costs):
        assert np.isfinite(column).all()
    assert all(np.isfinite(extra.values).all() for extra in projection.extras.values())
    assert (projection.hours >= 0).all()
    summary = projection.summary_arrays(irr=False)
    # setup_hours default 30 > 0, so every path has hours: the rate is net gain over them.
    np.testing.assert_allclose(summary["hourly_rate"], summary["net_gain"] / summary["total_hours"])
    busier = METHOD.project(build(METHOD.params, {**store, "organic_orders": store["organic_orders"] + more}))
    assert (busier.income >= METHOD.project(params).income - 1e-9).all()
    better_ads = METHOD.project(build(METHOD.params, {**store, "roas": store["roas"] * 1.5}))
    assert (better_ads.income >= METHOD.project(params).income - 1e-9).all()


runner = CliRunner()


def test_cli_json_carries_the_flag_and_stderr_shows_it():
    result = runner.invoke(app, ["dropship", *_reference_args(), "--ad-spend", "1000", "--roas", "1.5", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["notes"][0].startswith("the ads lose money: a ROAS of 1.5 is below the break-even ROAS of 2.00")
    assert "note: the ads lose money" in result.stderr
    assert data["summary"]["total_income"] == 1500 * 120


def _reference_args():
    return [f"--{k.replace('_', '-')}={v}" for k, v in REFERENCE.items()]


def test_cli_bad_input_is_one_line_exit_2():
    cases = {
        (
            "--ad-spend",
            "1000",
            "--roas",
            "0",
        ): "--roas: 0 with ad spend set brings no sales; give a ROAS above 0 (ad-driven sales / ad spend)",
        ("--ad-spend", "1000", "--roas", "2", "--cpa", "20"): "--cpa: give --roas or --cpa, not both",
        ("--product-cost", "-3"): "--product-cost: -3 is out of range (allowed: 0 to 1,000,000)",
        ("--organic-orders", "-1"): "--organic-orders: -1 is out of range (allowed: 0 to 100,000,000 orders/month)",
        ("--return-rate", "130"): "--return-rate: 130 is out of range (allowed: 0 to 100 %)",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["dropship", *args])
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr == f"passivecalc: error: {message}\n"


def test_the_default_store_buys_its_orders_at_a_roas_of_2_5():
    # Hand-worked: margin per order = 40 x 0.95 - 12 - 6 - (40 x 0.029 + 0.30) = 18.54;
    # 500 of ads at a small-spend ROAS of 2.625, saturating at 10,000: 2.625 / (1 + 500 / 10,000) = 2.5, so
    # they sell 500 x 2.5 / 40 = 31.25 orders: 31.25 x 18.54 - 500 - 39 - 20 = 20.375 a month.
    params = build(METHOD.params, {})
    assert params.roas == 2.625 and params.ad_spend == 500 and params.ad_saturation == 10_000
    np.testing.assert_allclose(METHOD.project(params).payout, 20.375)
    assert (
        build(METHOD.params, {"cpa": 20}).roas is None
    )  # a CPA replaces the default ROAS; only both given is an error


def test_roas_falls_as_ad_spend_grows_past_the_saturation():
    # roas(s) = 3 / (1 + s / 1,000): at 1,000 a month it is 1.5, so 1,000 x 1.5 / 50 = 30 orders.
    _, projection = run(ad_spend=1000, roas=3, ad_saturation=1000, years=1)
    np.testing.assert_allclose(projection.extras["orders"].values, 30)
    np.testing.assert_allclose(projection.extras["roas"].values, 1.5)
    # The same with a CPA: cpa(s) = 25 x (1 + 1) = 50, so 1,000 / 50 = 20 orders.
    _, by_cpa = run(ad_spend=1000, roas=None, cpa=25, ad_saturation=1000, years=1)
    np.testing.assert_allclose(by_cpa.extras["orders"].values, 20)
    # Orders never pass saturation x roas / price = 1,000 x 3 / 50 = 60 a month, however large the spend.
    _, huge = run(ad_spend=1e9, roas=3, ad_saturation=1000, years=1)
    assert (huge.extras["orders"].values < 60).all()
    np.testing.assert_allclose(huge.extras["orders"].values, 60, rtol=1e-5)


def test_saturated_ads_below_breakeven_are_flagged():
    # ROAS 3 at small spend, 1 / (1 + 5,000 / 1,000) of it at 5,000 a month: 0.50, below the break-even 2.00.
    _, projection = run(ad_spend=5000, roas=3, ad_saturation=1000)
    assert projection.notes == (
        "the ads lose money at 5,000.00 a month of ads: the ROAS of 3 at small spend falls to 0.50, below the "
        "break-even ROAS of 2.00 (see --ad-saturation)",
    )


def test_profit_from_ads_peaks_where_the_marginal_roas_is_the_breakeven():
    # Profit from ads: 25 x s x 3 / (50 (1 + s / S)) - s is largest where (1 + s / S)^2 = 3 / 2 (the ROAS over
    # the break-even ROAS 2.0): s = S (sqrt(1.5) - 1) = 224.74 for S = 1,000.
    best = 1000 * (np.sqrt(1.5) - 1)

    def profit(spend):
        return run(ad_spend=spend, roas=3, ad_saturation=1000, years=1)[1].net_income[0, 0]

    assert profit(best) > profit(best * 0.9) and profit(best) > profit(best * 1.1)
    assert profit(4 * best) < profit(best)


def test_nothing_is_reinvested_to_the_last_bit():
    # All profit is paid out: reinvested is exactly 0, not rounding left over (it printed -1.1e-13 in CSV).
    params = build(METHOD.params, {"growth": 7, "years": 5})
    projection = METHOD.project(params)
    assert (projection.reinvested == 0).all()
    np.testing.assert_array_equal(projection.payout, projection.net_income)
