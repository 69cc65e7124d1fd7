"""Blog: reference numbers worked by hand, a brute-force traffic oracle, properties, Monte Carlo inputs, bad input."""

import csv
import io
import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import get
from passivecalc.params import build
from passivecalc.timeline import monthly_hazard

METHOD = get("blog")
# 10 articles in month 1 at full traffic from the next month (ramp 0), no decay, 1,000 views each;
# RPM 10; affiliate 2 % x 5 % x 50 x 4 %; hosting 20 a month, domain 12 a year, setup 100.
REFERENCE = dict(
    articles_per_month=10,
    publish_months=1,
    ramp_months=0,
    decay=0,
    views_per_article=1000,
    rpm=10,
    ctr=2,
    conversion=5,
    order_value=50,
    commission=4,
    hosting=20,
    domain=12,
    setup_cost=100,
    hours_per_article=4,
    hours_per_month=4,
    setup_hours=20,
    years=1,
)
QUIET = dict(spread=0, volatility=0, shock_probability=0)


def amounts(low, high):
    """Floats in [low, high], a crumb below 1e-6 in size taken as 0 (the method refuses those: methods/floors.py)."""
    return st.floats(low, high).map(lambda x: 0.0 if abs(x) < 1e-6 else x)


def run(draws=None, **values):
    params = build(METHOD.params, {**REFERENCE, **values})
    return params, METHOD.project(params, draws)


def brute_force_views(p) -> np.ndarray:
    """Each article's traffic added up one by one, straight from the docstring's definition."""
    n = p.months
    views = np.zeros(n)
    ramp = max(p.ramp_months, 1)
    for published in range(1, min(p.publish_months, n) + 1):
        for month in range(published + 1, n + 1):
            age = month - published
            level = min(age / ramp, 1) * (1 - p.decay / 100) ** (max(age - ramp, 0) / 12)
            views[month - 1] += (
                p.articles_per_month * p.views_per_article * level * (1 + p.traffic_growth / 100) ** (month / 12)
            )
    return views


def test_reference_year_by_hand():
    # by hand: months 2-12 have 10 x 1,000 = 10,000 views; ads 10,000 / 1,000 x 10 = 100;
    # affiliate 10,000 x 0.02 x 0.05 x 50 x 0.04 = 20. Income 11 x 120 = 1,320; costs 12 x 20 + 12 = 252.
    _, projection = run()
    views = projection.extras["views"].values[0]
    np.testing.assert_allclose(views, [0] + [10_000] * 11)
    np.testing.assert_allclose(projection.extras["ad_revenue"].values[0, 1:], 100)
    np.testing.assert_allclose(projection.extras["affiliate_revenue"].values[0, 1:], 20)
    summary = projection.summary()
    np.testing.assert_allclose(summary["total_income"], 1320)
    np.testing.assert_allclose(summary["total_costs"], 252)
    np.testing.assert_allclose(summary["total_contributed"], 100)
    # net gain 1,320 - 252 - 100 = 968; hours 20 setup + 10 x 4 + 12 x 4 = 108.
    np.testing.assert_allclose(summary["net_gain"], 968)
    np.testing.assert_allclose(summary["total_hours"], 108)
    np.testing.assert_allclose(summary["hourly_rate"], 968 / 108)
    # cumulative payout: month 1 -32 (hosting + domain), then +100 a month: 68 < 100 in month 2, 168 in month 3.
    assert summary["breakeven_month"] == 3
    assert summary["ending_value"] == 0


def test_ramp_takes_a_new_article_to_full_traffic_linearly():
    # ramp 4 months: ages 1, 2, 3, 4, 5 earn 25 %, 50 %, 75 %, 100 %, 100 % of 1,000 views.
    _, projection = run(articles_per_month=1, ramp_months=4)
    np.testing.assert_allclose(projection.extras["views"].values[0, :6], [0, 250, 500, 750, 1000, 1000])


def test_decay_after_maturity_and_traffic_growth():
    # decay 19 %/yr from maturity (age 1 with ramp 0): age 25 keeps 0.81 ** 2 = 0.6561; growth 21 %/yr: month 26 x 1.21 ** (26/12).
    _, projection = run(articles_per_month=1, decay=19, years=3)
    np.testing.assert_allclose(projection.extras["views"].values[0, 25], 1000 * 0.6561)
    _, grown = run(articles_per_month=1, traffic_growth=21, years=3)
    np.testing.assert_allclose(grown.extras["views"].values[0, 25], 1000 * 1.21 ** (26 / 12))


def test_articles_live_and_hours_while_publishing():
    # 4 a month for 6 months: 4, 8, ..., 24, then 24 for good; writing hours 4 x 4 = 16 a month while publishing.
    _, projection = run(articles_per_month=4, publish_months=6, years=1)
    np.testing.assert_allclose(projection.extras["articles_live"].values[0], [4, 8, 12, 16, 20, 24] + [24] * 6)
    np.testing.assert_allclose(projection.hours[0], [20 + 16 + 4] + [16 + 4] * 5 + [4] * 6)


def test_outsourced_articles_are_money_put_in_not_costs():
    # 10 articles at 80 each: 800 put in at the end of month 1, with the 100 of setup (upfront).
    _, projection = run(cost_per_article=80)
    np.testing.assert_allclose(projection.contributed[0, 0], 900)
    np.testing.assert_allclose(projection.upfront, 100)
    np.testing.assert_allclose(projection.costs.sum(), 252)


def test_domain_is_paid_in_the_first_month_of_each_year():
    _, projection = run(years=3)
    costs = projection.costs[0]
    np.testing.assert_allclose(costs[[0, 12, 24]], 32)
    np.testing.assert_allclose(np.delete(costs, [0, 12, 24]), 20)


def test_tax_is_on_the_year_profit_after_the_setup():
    # Income 11 months x 120 = 1,320; hosting 12 x 20 + domain 12 = 252; the setup of 100 is deductible:
    # profit 1,320 - 252 - 100 = 968, and 25 % of it, 242, is charged in month 12.
    _, projection = run(tax=25)
    np.testing.assert_allclose(projection.taxes[0], [0] * 11 + [242])
    assert projection.after_tax


def test_outsourced_articles_are_deducted_and_losses_carry_forward():
    # Worked by hand: 1 article a month for 12 months, full traffic from its second month (ramp 0),
    # 1,000 views at RPM 10 = 10 a month per earning article, nothing else earns or costs.
    # Year 1: months 1..12 have 0..11 earning articles: 10 x 66 = 660 of income; setup 1,000 and
    # 12 articles at 100 are deductible: profit 660 - 2,200 = -1,540, no tax.
    # Year 2: 12 x 12 x 10 = 1,440, less the 1,540 carried: -100, no tax. Year 3: 1,440 - 100 = 1,340,
    # 20 % = 268. Year 4: 1,440, 20 % = 288.
    _, projection = run(
        articles_per_month=1,
        publish_months=12,
        ramp_months=0,
        decay=0,
        views_per_article=1000,
        rpm=10,
        ctr=0,
        hosting=0,
        domain=0,
        setup_cost=1000,
        cost_per_article=100,
        tax=20,
        years=4,
    )
    yearly = projection.taxes[0].reshape(4, 12)
    np.testing.assert_allclose(yearly.sum(axis=1), [0, 0, 268, 288])
    np.testing.assert_allclose(yearly[:, :11], 0)  # charged in each year's 12th month


def test_a_venture_that_loses_money_pays_no_tax():
    # `blog --cost-per-article 50 --tax 20 --years 4` used to pay 874.67 of tax a month at a time. Profit
    # after the deductible spending, added up year by year in a plain loop: at every year's end what came
    # in is below the 200 setup plus 24 x 4 articles x 50 = 5,000 put in and the costs, so nothing is taxable.
    params = build(METHOD.params, {"cost_per_article": 50, "tax": 20, "years": 4})
    taxed = METHOD.project(params)
    untaxed = METHOD.project(build(METHOD.params, {"cost_per_article": 50, "years": 4}))
    profit = (untaxed.income - untaxed.costs - untaxed.contributed)[0].reshape(4, 12).sum(axis=1)
    assert (np.cumsum(profit) < 0).all()
    assert untaxed.contributed.sum() == 5000
    np.testing.assert_array_equal(taxed.taxes, 0)


def test_product_revenue_is_a_stream_of_its_own():
    _, projection = run(product_revenue=300)
    np.testing.assert_allclose(projection.extras["product_revenue"].values, 300)
    np.testing.assert_allclose(projection.income.sum(), 1320 + 12 * 300)


def test_sale_multiple_values_the_site_on_a_year_of_profit():
    # domain 0: profit -20 in month 1, then 100 a month. Month 12: 30 x (11 x 100 - 20) / 12 = 2,700;
    # month 13: the last 12 months are all 100, so 3,000.
    _, projection = run(domain=0, sale_multiple=30, sale_fee=0, years=2)
    np.testing.assert_allclose(projection.value[0, 11], 2700)
    np.testing.assert_allclose(projection.value[0, 12], 3000)
    # A broker's fee of 15 % (the default) leaves 85 % of the price: 2,295 and 2,550.
    _, after_fee = run(domain=0, sale_multiple=30, years=2)
    np.testing.assert_allclose(after_fee.value[0, [11, 12]], [2295, 2550])
    assert abs(after_fee.conservation_error()).max() < 1e-9
    # month 1's average is -20: the value is never below 0.
    assert projection.value[0, 0] == 0
    assert abs(projection.conservation_error()).max() < 1e-9
    _, unvalued = run(domain=0, years=2)
    assert unvalued.summary()["net_gain"] == projection.summary()["net_gain"] - 3000


def test_matches_brute_force_for_a_long_realistic_site():
    params, projection = run(
        articles_per_month=2.5, publish_months=30, ramp_months=9, decay=12, traffic_growth=5, years=8
    )
    np.testing.assert_allclose(projection.extras["views"].values[0], brute_force_views(params), rtol=1e-12)


# -- properties ----------------------------------------------------------------

blogs = st.fixed_dictionaries(
    {
        "articles_per_month": amounts(0, 30),
        "publish_months": st.integers(0, 60),
        "hours_per_article": amounts(0, 20),
        "cost_per_article": amounts(0, 300),
        "hours_per_month": amounts(0, 40),
        "views_per_article": amounts(0, 5000),
        "ramp_months": st.integers(0, 24),
        "traffic_growth": amounts(-50, 100),
        "decay": amounts(0, 100),
        "rpm": amounts(0, 50),
        "ctr": amounts(0, 100),
        "conversion": amounts(0, 100),
        "order_value": amounts(0, 500),
        "commission": amounts(0, 100),
        "product_revenue": amounts(0, 5000),
        "hosting": amounts(0, 100),
        "domain": amounts(0, 50),
        "setup_cost": amounts(0, 5000),
        "tax": amounts(0, 60),
        "sale_multiple": st.sampled_from([0, 36]),
        "years": st.integers(1, 12),
    }
)


@settings(max_examples=40, deadline=None)
@given(blogs)
def test_money_is_conserved_and_numbers_are_finite(values):
    params = build(METHOD.params, values)
    projection = METHOD.project(params)
    assert abs(projection.conservation_error()).max() <= 1e-9 * max(1.0, abs(projection.value).max())
    for name, column in projection.all_columns().items():
        assert np.isfinite(column.values).all(), name
    assert (projection.hours >= 0).all()
    summary = projection.summary_arrays(irr=False)
    if summary["total_hours"][0] > 0:
        with np.errstate(over="ignore"):  # a vanishing number of hours: both sides overflow alike
            np.testing.assert_allclose(summary["hourly_rate"], summary["net_gain"] / summary["total_hours"])
    np.testing.assert_allclose(projection.extras["views"].values[0], brute_force_views(params), rtol=1e-9, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(blogs, st.sampled_from(["views_per_article", "articles_per_month", "rpm", "ctr", "commission"]), amounts(1, 3))
def test_more_views_or_better_pay_never_lowers_revenue(values, key, factor):
    low = METHOD.project(build(METHOD.params, values))
    raised = {**values, key: min(values[key] * factor, 100 if key in ("ctr", "commission") else 1e6)}
    high = METHOD.project(build(METHOD.params, raised))
    assert (high.income >= low.income - 1e-9 * np.abs(low.income)).all()


@settings(max_examples=20, deadline=None)
@given(blogs)
def test_no_pay_per_view_earns_nothing(values):
    projection = METHOD.project(build(METHOD.params, {**values, "rpm": 0, "commission": 0, "product_revenue": 0}))
    assert (projection.income == 0).all()


# -- Monte Carlo inputs --------------------------------------------------------


def test_zero_spread_gives_the_deterministic_projection_on_every_path():
    params, expected = run(years=5, **QUIET)
    simulated = METHOD.project(params, Draws(params.months, paths=50, rng=np.random.default_rng(1)))
    assert simulated.paths == 50
    for name in ("income", "costs", "payout", "hours"):
        np.testing.assert_allclose(
            getattr(simulated, name), np.broadcast_to(getattr(expected, name), (50, params.months))
        )


def test_traffic_level_per_path_has_mean_one():
    # lognormal exp(s z - s^2/2) has mean 1: mean views over 20,000 paths match the estimate
    # (sd of the sample mean sqrt(e^0.36 - 1) / sqrt(20,000) = 0.0047 for spread 60 %). Income is views times
    # a constant here (no product revenue), and a simulation carries income, not the views column.
    params, expected = run(years=2, spread=60, volatility=0, shock_probability=0)
    simulated = METHOD.project(params, Draws(params.months, paths=20_000, rng=np.random.default_rng(1)))
    views = simulated.income
    np.testing.assert_allclose(views.mean(axis=0)[1:], expected.income[0, 1:], rtol=0.02)
    assert views[:, -1].std() > 0.3 * views[:, -1].mean()


def test_algorithm_updates_cut_traffic_by_the_expected_share():
    # a cut c with monthly hazard h: E[(1 - c) ** events by month m] = (1 - h c) ** m, h = 1 - (1 - p) ** (1/12).
    params, expected = run(years=5, spread=0, volatility=0, shock_probability=25, shock_cut=30)
    simulated = METHOD.project(params, Draws(params.months, paths=20_000, rng=np.random.default_rng(1)))
    h = monthly_hazard(0.25)
    # income is views times a constant here (no product revenue); a simulation carries income, not views
    ratio = simulated.income[:, -1].mean() / expected.income[0, -1]
    np.testing.assert_allclose(ratio, (1 - h * 0.30) ** params.months, rtol=0.02)
    # every path's traffic is the estimate times a power of 0.7
    powers = np.log(simulated.income[:, -1] / expected.income[0, -1]) / np.log(0.7)
    np.testing.assert_allclose(powers, np.round(powers), atol=1e-9)


def test_same_seed_same_paths():
    params, _ = run(years=3)
    first = METHOD.project(params, Draws(params.months, paths=100, rng=np.random.default_rng(7)))
    again = METHOD.project(params, Draws(params.months, paths=100, rng=np.random.default_rng(7)))
    np.testing.assert_array_equal(first.payout, again.payout)
    assert abs(first.conservation_error()).max() < 1e-9


# -- command line --------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["blog", *args])


def test_cli_json_has_the_standard_and_own_columns():
    result = invoke("--years", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "blog"
    row = data["rows"][0]
    for column in ("contributed", "income", "hours", "articles_live", "views", "ad_revenue", "affiliate_revenue"):
        assert column in row
    assert data["summary"]["total_hours"] > 0


def test_cli_bad_input_is_one_line_and_exit_2():
    cases = {
        (
            "--hours-per-article",
            "-1",
        ): "passivecalc: error: --hours-per-article: -1 is out of range (allowed: 0 to 1,000 hours)",
        ("--conversion", "120"): "passivecalc: error: --conversion: 120 is out of range (allowed: 0 to 100 %)",
        ("--rpm", "-3"): "passivecalc: error: --rpm: -3 is out of range (allowed: 0 to 1,000 per 1,000 views)",
        (
            "--hours-per-month",
            "-2",
        ): "passivecalc: error: --hours-per-month: -2 is out of range (allowed: 0 to 744 hours/month)",
    }
    for args, message in cases.items():
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.strip() == message


def test_cli_monthly_csv_of_the_hand_check_a_user_would_make():
    # by hand: 100 articles at 1,000 views a month and an RPM of 20 earn 100 x 1,000 / 1,000 x 20 = 2,000 a month
    # in ads, from the month after they go live (ramp 0), with no decay and no affiliate clicks.
    result = invoke(
        "--articles-per-month",
        "100",
        "--publish-months",
        "1",
        "--views-per-article",
        "1000",
        "--ramp-months",
        "0",
        "--decay",
        "0",
        "--rpm",
        "20",
        "--ctr",
        "0",
        "--years",
        "1",
        "--period",
        "month",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [float(r["ad_revenue"]) for r in rows] == [0.0] + [2000.0] * 11
    assert [float(r["views"]) for r in rows[1:]] == [100_000.0] * 11
    assert all(float(r["affiliate_revenue"]) == 0 for r in rows)
    # 100 articles x 4 h in month 1 + 20 h setup + 4 h upkeep; then 4 h upkeep a month.
    assert [float(r["hours"]) for r in rows] == [424.0] + [4.0] * 11
