"""Course: platform splits and fees worked by hand, properties, Monte Carlo inputs, bad input."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import get
from passivecalc.params import build

METHOD = get("course")
# 20 students a month at 100 from month 3 (2 months to build 80 h), 300 of equipment, no fees unless a test adds them.
REFERENCE = dict(
    price=100,
    students_per_month=20,
    months_to_create=2,
    hours_to_create=80,
    equipment=300,
    update_hours_per_year=12,
    hours_per_month=2,
    refund_rate=0,
    platform_share=0,
    processing=0,
    processing_fixed=0,
    platform_fee=0,
    marketing=0,
    years=1,
)
QUIET = dict(spread=0, volatility=0, shock_probability=0)


def amounts(low, high):
    """Floats in [low, high], a crumb below 1e-6 in size taken as 0 (the method refuses those: methods/floors.py)."""
    return st.floats(low, high).map(lambda x: 0.0 if abs(x) < 1e-6 else x)


def run(draws=None, **values):
    params = build(METHOD.params, {**REFERENCE, **values})
    return params, METHOD.project(params, draws)


def test_reference_year_by_hand():
    # 10 months on sale x 20 students x 100 = 20,000; net gain 20,000 - 300.
    # hours: 40 + 40 building, then 1 of updates + 2 of support a month for 10 months = 110.
    _, projection = run()
    np.testing.assert_allclose(projection.extras["students"].values[0], [0, 0] + [20] * 10)
    summary = projection.summary()
    np.testing.assert_allclose(summary["total_income"], 20_000)
    np.testing.assert_allclose(summary["net_gain"], 19_700)
    np.testing.assert_allclose(projection.hours[0], [40, 40] + [3] * 10)
    np.testing.assert_allclose(summary["hourly_rate"], 19_700 / 110)
    # 300 put in at the start; month 3 pays 2,000.
    assert summary["breakeven_month"] == 3


def test_marketplace_keeps_its_share_of_what_is_not_refunded():
    # Udemy-style: gross 2,000 a month; refunds 10 % = 200; the platform keeps 63 % of 1,800 = 1,134;
    # you get 666 = 37 % of the sales that stay sold.
    _, projection = run(
        platform="marketplace",
        platform_share=None,
        processing=None,
        processing_fixed=None,
        platform_fee=None,
        refund_rate=10,
    )
    on_sale = slice(2, None)
    np.testing.assert_allclose(projection.extras["refunds"].values[0, on_sale], 200)
    np.testing.assert_allclose(projection.extras["platform_cut"].values[0, on_sale], 1134)
    np.testing.assert_allclose(projection.extras["processing_fees"].values[0, on_sale], 0)
    np.testing.assert_allclose(projection.extras["net_revenue"].values[0, on_sale], 0.37 * 1800)
    np.testing.assert_allclose(projection.payout[0, on_sale], 666)


def test_own_site_defaults_stripe_and_a_monthly_plan():
    # own defaults: 2.9 % + 0.30 per sale (Stripe), 39 a month. 20 x 100: 58 + 6 = 64 of processing;
    # payout 2,000 - 64 - 39 = 1,897 once on sale, -39 while building.
    _, projection = run(platform="own", platform_share=None, processing=None, processing_fixed=None, platform_fee=None)
    np.testing.assert_allclose(projection.extras["processing_fees"].values[0, 2:], 64)
    np.testing.assert_allclose(projection.payout[0], [-39, -39] + [1897] * 10)


def test_refunds_keep_the_processing_fee():
    # 5 % refunds of 2,000 = 100 back to students; the 2.9 % + 0.30 stays charged on all 20 sales.
    _, projection = run(refund_rate=5, processing=2.9, processing_fixed=0.3)
    np.testing.assert_allclose(projection.payout[0, 2:], 2000 - 100 - 64)


def test_launch_spike_and_growth():
    # 50 extra students in the launch month (3); growth 44 %/yr: month 3 + 6 months has 20 x 1.2 students.
    _, projection = run(launch_students=50, student_growth=44)
    students = projection.extras["students"].values[0]
    np.testing.assert_allclose(students[2], 70)
    np.testing.assert_allclose(students[8], 24)


def test_marketing_platform_fee_and_tax():
    # costs 100 + 50 a month from month 1; the year's profit: 10 months x 2,000 of sales - 12 x 150 of costs -
    # 300 of equipment (deductible) = 17,900; 20 % of it, 3,580, charged in month 12.
    _, projection = run(marketing=100, platform_fee=50, tax=20)
    np.testing.assert_allclose(projection.costs[0], 150)
    np.testing.assert_allclose(projection.taxes[0], [0] * 11 + [3580])
    assert projection.after_tax


def test_no_build_time_puts_the_course_on_sale_at_once():
    _, projection = run(months_to_create=0)
    np.testing.assert_allclose(projection.extras["students"].values[0], 20)
    np.testing.assert_allclose(projection.hours[0], [83] + [3] * 11)


# -- properties ----------------------------------------------------------------

courses = st.fixed_dictionaries(
    {
        "price": amounts(0, 500),
        "students_per_month": amounts(0, 500),
        "student_growth": amounts(-90, 100),
        "launch_students": amounts(0, 2000),
        "platform": st.sampled_from(["own", "marketplace"]),
        "refund_rate": amounts(0, 100),
        "months_to_create": st.integers(0, 24),
        "hours_to_create": amounts(0, 500),
        "equipment": amounts(0, 5000),
        "update_hours_per_year": amounts(0, 200),
        "hours_per_month": amounts(0, 40),
        "marketing": amounts(0, 1000),
        "tax": amounts(0, 60),
        "years": st.integers(1, 12),
    }
)


@settings(max_examples=40, deadline=None)
@given(courses)
def test_money_is_conserved_and_numbers_are_finite(values):
    projection = METHOD.project(build(METHOD.params, values))
    assert abs(projection.conservation_error()).max() < 1e-9
    for name, column in projection.all_columns().items():
        assert np.isfinite(column.values).all(), name
    assert (projection.hours >= 0).all()
    summary = projection.summary_arrays(irr=False)
    if summary["total_hours"][0] > 0:
        with np.errstate(over="ignore"):  # a vanishing number of hours: both sides overflow alike
            np.testing.assert_allclose(summary["hourly_rate"], summary["net_gain"] / summary["total_hours"])
    # every stream adds up: gross = refunds + platform cut + processing + net revenue
    e = projection.extras
    np.testing.assert_allclose(
        projection.income,
        e["refunds"].values + e["platform_cut"].values + e["processing_fees"].values + e["net_revenue"].values,
        atol=1e-6,
    )


@settings(max_examples=40, deadline=None)
@given(courses, st.sampled_from(["students_per_month", "launch_students", "price"]), amounts(1, 3))
def test_more_sales_never_lower_revenue(values, key, factor):
    low = METHOD.project(build(METHOD.params, values))
    high = METHOD.project(build(METHOD.params, {**values, key: values[key] * factor}))
    assert (high.income >= low.income * (1 - 1e-12)).all()


@settings(max_examples=20, deadline=None)
@given(courses)
def test_zero_price_earns_nothing(values):
    projection = METHOD.project(build(METHOD.params, {**values, "price": 0}))
    assert (projection.income == 0).all()
    assert (projection.extras["processing_fees"].values == 0).all()


# -- Monte Carlo inputs --------------------------------------------------------


def test_zero_spread_gives_the_deterministic_projection_on_every_path():
    params, expected = run(years=4, student_growth=10, **QUIET)
    simulated = METHOD.project(params, Draws(params.months, paths=30, rng=np.random.default_rng(1)))
    assert simulated.paths == 30
    for name in ("income", "costs", "payout", "hours"):
        np.testing.assert_allclose(
            getattr(simulated, name), np.broadcast_to(getattr(expected, name), (30, params.months))
        )


def test_student_multipliers_keep_the_expected_students_on_average():
    params, expected = run(years=3, spread=50, volatility=20, shock_probability=0)
    simulated = METHOD.project(params, Draws(params.months, paths=20_000, rng=np.random.default_rng(3)))
    # Sales are students x price 100 here; a simulation carries income, not the students column.
    np.testing.assert_allclose(simulated.income.mean(axis=0)[2:], expected.income[0, 2:], rtol=0.03)


def test_different_seeds_give_different_paths():
    params, _ = run(years=2)
    one = METHOD.project(params, Draws(params.months, paths=50, rng=np.random.default_rng(1)))
    two = METHOD.project(params, Draws(params.months, paths=50, rng=np.random.default_rng(2)))
    assert not np.array_equal(one.income, two.income)


# -- command line --------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["course", *args])


def test_cli_table_shows_the_streams():
    result = invoke(
        "--platform", "marketplace", "--price", "15", "--students-per-month", "100", "--years", "2", "--all-columns"
    )
    assert result.exit_code == 0, result.stderr
    for label in ("Students", "Platform cut", "Net revenue", "Break-even", "Net gain per hour"):
        assert label in result.stdout


def test_cli_json_params_keep_what_was_typed():
    result = invoke("--years", "2", "--format", "json", "--platform-share", "50")
    data = json.loads(result.stdout)
    assert data["params"]["platform_share"] == 50
    assert data["method"] == "course"


def test_cli_bad_input_is_one_line_and_exit_2():
    cases = {
        (
            "--hours-to-create",
            "-10",
        ): "passivecalc: error: --hours-to-create: -10 is out of range (allowed: 0 to 100,000 hours)",
        ("--refund-rate", "120"): "passivecalc: error: --refund-rate: 120 is out of range (allowed: 0 to 100 %)",
        ("--price", "-5"): "passivecalc: error: --price: -5 is out of range (allowed: 0 to 1,000,000)",
    }
    for args, message in cases.items():
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.strip() == message
