"""Ebook: KDP royalty rules worked by hand, the 35 %/70 % crossover, properties, Monte Carlo inputs, bad input."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods import get
from passivecalc.methods.ebook import choose_plan, crossover_mb, royalty_per_copy
from passivecalc.params import build

METHOD = get("ebook")
# One book written over 12 months, on sale from month 13, selling a flat 100 copies a month.
REFERENCE = dict(
    books=1,
    months_per_book=12,
    price=9.99,
    royalty=70,
    file_mb=1,
    delivery_fee=0.15,
    launch_sales=100,
    tail_sales=100,
    read_through=0,
    production_cost=500,
    hours_per_book=120,
    hours_per_month=0,
    years=2,
)
QUIET = dict(spread=0, volatility=0, shock_probability=0)


def amounts(low, high):
    """Floats in [low, high], a crumb below 1e-6 in size taken as 0 (the method refuses those: methods/floors.py)."""
    return st.floats(low, high).map(lambda x: 0.0 if abs(x) < 1e-6 else x)


def run(draws=None, **values):
    params = build(METHOD.params, {**REFERENCE, **values})
    return params, METHOD.project(params, draws)


def test_issue_reference_70_percent_plan_with_delivery_fee():
    # The issue's case: 12 x 100 x 0.70 x (9.99 - 0.15) = 8,265.60 over the 12 months on sale.
    _, projection = run()
    np.testing.assert_allclose(projection.income.sum(), 12 * 100 * 0.70 * (9.99 - 0.15))
    np.testing.assert_allclose(projection.extras["units"].values[0], [0] * 12 + [100] * 12)
    np.testing.assert_allclose(projection.extras["sales_royalties"].values[0, 12:], 100 * 0.70 * 9.84)
    summary = projection.summary()
    # net gain 8,265.60 - 500 of production; 120 h of writing.
    np.testing.assert_allclose(summary["net_gain"], 8265.6 - 500)
    np.testing.assert_allclose(summary["hourly_rate"], (8265.6 - 500) / 120)
    # 500 put in at the start; 688.80 a month from month 13 covers it in month 13.
    assert summary["breakeven_month"] == 13


def test_tax_deducts_production_and_carries_the_first_year_loss():
    # Year 1: the book is written, 500 of production (deductible), no sales: a loss of 500, no tax.
    # Year 2: 8,265.60 of royalties less the 500 carried = 7,765.60; 30 % = 2,329.68 in month 24.
    _, projection = run(tax=30)
    expected = np.zeros(24)
    expected[23] = 0.30 * (8265.6 - 500)
    np.testing.assert_allclose(projection.taxes[0], expected)


def test_35_percent_plan_has_no_delivery_fee():
    # 12 x 100 x 0.35 x 9.99 = 4,195.80
    _, projection = run(royalty=35, file_mb=10)
    np.testing.assert_allclose(projection.income.sum(), 12 * 100 * 0.35 * 9.99)


def test_crossover_is_3_33_mb_per_dollar_of_list_price():
    # 0.35 P = 0.70 (P - 0.15 M)  <=>  M = 0.35 P / 0.105 = P / 0.3 = 3.333... P
    assert crossover_mb(1.0) == pytest.approx(10 / 3)
    for price in (2.99, 4.99, 9.99):
        at = crossover_mb(price)
        np.testing.assert_allclose(royalty_per_copy(price, 70, at, 0.15), royalty_per_copy(price, 35, at, 0.15))
        assert royalty_per_copy(price, 70, at * 0.99, 0.15) > royalty_per_copy(price, 35, at * 0.99, 0.15)
        assert royalty_per_copy(price, 35, at * 1.01, 0.15) > royalty_per_copy(price, 70, at * 1.01, 0.15)


def test_automatic_plan_takes_35_percent_past_the_crossover_and_says_so():
    # 4.99 crosses at 16.63 MB: at 20 MB the 70 % plan pays 0.70 x (4.99 - 3.00) = 1.393, the 35 % plan 1.7465.
    params, projection = run(royalty=None, price=4.99, file_mb=20)
    assert choose_plan(params)[0] == 35
    np.testing.assert_allclose(projection.extras["sales_royalties"].values[0, 12:], 100 * 0.35 * 4.99)
    assert projection.notes == (
        "royalty plan 35 %: it pays 1.75 a copy against 1.39 on the 70 % plan, whose delivery fee for 20 MB is 3.00",
    )
    params, _ = run(royalty=None, price=4.99, file_mb=16)
    assert choose_plan(params) == (70, None)


def test_automatic_plan_outside_the_70_percent_prices_is_35_with_a_note():
    _, projection = run(royalty=None, price=0.99)
    np.testing.assert_allclose(projection.extras["sales_royalties"].values[0, 12:], 100 * 0.35 * 0.99)
    assert projection.notes == ("royalty plan 35 %: the 70 % plan needs a list price of 2.99 to 9.99, given 0.99",)


def test_a_free_book_earns_no_royalty_and_needs_no_plan_note():
    _, projection = run(royalty=None, price=0)
    assert projection.income.sum() == 0
    assert projection.notes == ()


def test_70_percent_at_0_99_is_an_error_not_a_silent_switch():
    with pytest.raises(InputError) as error:
        run(price=0.99, royalty=70)
    assert error.value.key == "royalty"


def test_explicit_70_percent_with_a_large_file_warns():
    _, projection = run(price=4.99, file_mb=20)
    assert projection.notes == (
        "the 35 % plan would pay 1.75 a copy against 1.39: a 20 MB file is over the 16.63 MB where 35 % starts to pay more",
    )


def test_delivery_fee_never_makes_a_copy_pay_less_than_nothing():
    assert royalty_per_copy(2.99, 70, 100, 0.15) == 0


def test_sales_decay_towards_the_tail():
    # launch 100, tail 10, 50 %/month: 100, 55, 32.5, 21.25, ...: 10 + 90 x 0.5 ** (a - 1)
    _, projection = run(launch_sales=100, tail_sales=10, sales_decay=50)
    units = projection.extras["units"].values[0, 12:]
    np.testing.assert_allclose(units, 10 + 90 * 0.5 ** np.arange(12))


def test_read_through_sells_the_next_books_of_a_series():
    # 3 books, one every 2 months, flat 100 own sales each, 40 % read-through: from month 8 book 1 sells 100,
    # book 2 100 + 40, book 3 100 + 0.4 x 140 = 156: 396 in all.
    # Readers of a book from before the next one came out buy it in its first month on sale:
    # book 2 (on sale from month 5) sells 100 + 0.4 x 300 (book 1's copies in months 3-5) = 220 in month 5,
    # then 100 + 40 = 140; book 3 (from month 7) 100 + 0.4 x (220 + 140 + 140) = 300 in month 7, then
    # 100 + 0.4 x 140 = 156. Months 1-8: 0, 0, 100, 100, 320, 240, 540, 396.
    _, projection = run(books=3, months_per_book=2, read_through=40, years=1)
    units = projection.extras["units"].values[0]
    np.testing.assert_allclose(units[:8], [0, 0, 100, 100, 320, 240, 540, 396])
    np.testing.assert_allclose(projection.extras["books_live"].values[0, [2, 4, 6]], [1, 2, 3])


def test_books_hours_and_production_money_follow_the_writing():
    # 3 books of 4 months at 120 h: 30 h a month for 12 months; 500 committed in months 1, 5, 9; upkeep 2 h from month 5.
    _, projection = run(books=3, months_per_book=4, hours_per_month=2, years=2)
    np.testing.assert_allclose(projection.hours[0, :14], [30] * 4 + [32] * 8 + [2] * 2)
    contributed = projection.contributed[0]
    np.testing.assert_allclose(contributed[[0, 4, 8]], 500)
    assert contributed.sum() == 1500
    np.testing.assert_allclose(projection.upfront, 500)


def test_kindle_unlimited_pages_per_book_on_sale():
    # 2 books on sale (from months 3 and 5), 1,000 pages each a month at 0.0045: 4.50 a book a month.
    _, projection = run(books=2, months_per_book=2, ku_pages=1000, ku_rate=0.0045, years=1)
    np.testing.assert_allclose(projection.extras["kindle_unlimited_royalties"].values[0, :6], [0, 0, 4.5, 4.5, 9, 9])


def test_kindle_unlimited_pages_follow_the_sales_curve():
    # One book on sale from month 13, sales 100 at launch halving towards a tail of 20: its pages are
    # 1,000 x (20 + 80 x 0.5 ** (a - 1)) / 100 in its a-th month on sale: 1,000, 600, 400, 300, ...
    _, projection = run(launch_sales=100, tail_sales=20, sales_decay=50, ku_pages=1000)
    pages = projection.extras["kindle_unlimited_pages"].values[0]
    np.testing.assert_allclose(pages[:12], 0)
    np.testing.assert_allclose(pages[12:], 1000 * (20 + 80 * 0.5 ** np.arange(12)) / 100)


def test_ad_spend_saturates():
    # ACOS 50 % at small spend doubles at a spend equal to the saturation: 100 of ads with saturation 100
    # buy 100 / (0.5 x (1 + 100 / 100)) = 100 of list-price sales, half of the 200 without saturation.
    _, projection = run(ads=100, acos=50, ad_saturation=100, launch_sales=0, tail_sales=0)
    np.testing.assert_allclose(projection.extras["units"].values[0, 12:], 100 / 9.99)
    # However large the spend, sales stay below saturation / acos = 200.
    _, huge = run(ads=1e8, acos=50, ad_saturation=100, launch_sales=0, tail_sales=0)
    assert (huge.extras["units"].values[0] * 9.99 < 200).all()


def test_ads_buy_copies_at_the_acos():
    # 100 of ads at 50 % ACoS bring 200 of list-price sales: 200 / 9.99 copies, at 6.888 each; ads cost 100.
    _, projection = run(ads=100, acos=50, launch_sales=0, tail_sales=0, ad_saturation=0)
    copies = 200 / 9.99
    np.testing.assert_allclose(projection.extras["units"].values[0, 12:], copies)
    np.testing.assert_allclose(projection.income[0, 12:], copies * 0.70 * 9.84)
    np.testing.assert_allclose(projection.costs[0], [0] * 12 + [100] * 12)


def test_books_beyond_the_horizon_earn_nothing_and_cost_hours():
    # 2 books of 12 months in 1 year: book 1 goes on sale at the end of month 12, book 2 is never started.
    _, projection = run(books=2, years=1)
    assert projection.income.sum() == 0
    np.testing.assert_allclose(projection.hours.sum(), 120)


# -- properties ----------------------------------------------------------------

ebooks = st.fixed_dictionaries(
    {
        "books": st.integers(1, 12),
        "months_per_book": st.integers(1, 18),
        "hours_per_book": amounts(0, 500),
        "production_cost": amounts(0, 3000),
        "price": st.one_of(st.just(0.0), amounts(0.99, 30)),
        "launch_sales": amounts(0, 2000),
        "sales_decay": amounts(0, 100),
        "tail_sales": amounts(0, 200),
        "read_through": amounts(0, 100),
        "file_mb": amounts(0, 50),
        "ku_pages": amounts(0, 50_000),
        "ads": amounts(0, 500),
        "acos": amounts(5, 200),
        "hours_per_month": amounts(0, 20),
        "tax": amounts(0, 60),
        "years": st.integers(1, 15),
    }
)


@settings(max_examples=40, deadline=None)
@given(ebooks)
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


@settings(max_examples=40, deadline=None)
@given(ebooks, st.sampled_from(["launch_sales", "tail_sales", "read_through", "ku_pages", "books"]), amounts(1, 3))
def test_more_sales_never_lower_revenue(values, key, factor):
    low = METHOD.project(build(METHOD.params, values))
    raised = {**values, key: min(values[key] * factor, 100) if key == "read_through" else values[key] * factor}
    if key == "books":
        raised["books"] = int(values["books"] * factor)
    high = METHOD.project(build(METHOD.params, raised))
    # Kindle Unlimited pages are `ku_pages` in a book's launch month and follow the shape of its sales curve,
    # so a higher launch at the same launch reads changes only that shape: compare the sales royalties there.
    column = "sales_royalties" if key == "launch_sales" else "income"
    assert (high.column(column) >= low.column(column) * (1 - 1e-12) - 1e-9).all()  # 1e-9: rounding in a decayed tail


@settings(max_examples=20, deadline=None)
@given(ebooks)
def test_zero_price_earns_nothing(values):
    projection = METHOD.project(build(METHOD.params, {**values, "price": 0, "ku_pages": 0}))
    assert (projection.income == 0).all()


# -- Monte Carlo inputs --------------------------------------------------------


def test_zero_spread_gives_the_deterministic_projection_on_every_path():
    params, expected = run(books=3, months_per_book=3, read_through=30, years=4, **QUIET)
    simulated = METHOD.project(params, Draws(params.months, paths=40, rng=np.random.default_rng(1)))
    assert simulated.paths == 40
    for name in ("income", "costs", "payout", "hours", "contributed"):
        np.testing.assert_allclose(
            getattr(simulated, name), np.broadcast_to(getattr(expected, name), (40, params.months))
        )


def test_sales_multipliers_keep_the_expected_sales_on_average():
    # level (sigma 0.5) and monthly walk (20 %/yr) both have mean 1: the mean over 20,000 paths is the estimate.
    params, expected = run(spread=50, volatility=20, shock_probability=0)
    simulated = METHOD.project(params, Draws(params.months, paths=20_000, rng=np.random.default_rng(1)))
    np.testing.assert_allclose(simulated.income.mean(axis=0)[12:], expected.income[0, 12:], rtol=0.03)
    assert (simulated.income[:, 12:] > 0).all()


def test_a_certain_shock_that_takes_everything_ends_sales():
    # probability 100 %/yr: an event every month; cut 100 %: nothing sells, on every path.
    params, _ = run(spread=0, volatility=0, shock_probability=100, shock_cut=100)
    simulated = METHOD.project(params, Draws(params.months, paths=10, rng=np.random.default_rng(1)))
    assert (simulated.income == 0).all()


# -- command line --------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["ebook", *args])


def test_cli_csv_and_the_plan_note_on_stderr():
    result = invoke("--price", "0.99", "--years", "2", "--format", "csv")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split(",")
    assert header[:2] == ["year", "contributed"]
    assert header[-5:] == [
        "books_live",
        "units",
        "kindle_unlimited_pages",
        "sales_royalties",
        "kindle_unlimited_royalties",
    ]
    assert "royalty plan 35 %" in result.stderr


def test_cli_json_round_trip():
    result = invoke("--years", "3", "--format", "json")
    data = json.loads(result.stdout)
    assert data["params"]["books"] == 3
    assert data["summary"]["total_contributed"] == 3 * 800


def test_cli_bad_input_is_one_line_and_exit_2():
    cases = {
        ("--price", "0.99", "--royalty", "70"): "passivecalc: error: --royalty: the 70 % plan needs a list price of "
        "2.99 to 9.99, given 0.99; use --royalty 35 or leave --royalty out",
        (
            "--price",
            "0.5",
        ): "passivecalc: error: --price: 0.5 is below KDP's lowest list price of 0.99 (0 for a free book)",
        ("--royalty", "50"): "passivecalc: error: --royalty: 50 is not a KDP royalty plan (allowed: 35 or 70)",
        # KDP's list prices on amazon.com run from 0.99 to 200.00 (kdp.amazon.com, "List Price Requirements").
        ("--price", "250"): "passivecalc: error: --price: 250 is out of range (allowed: 0 to 200)",
        ("--books", "0", "--price", "3.99"): "passivecalc: error: --books: 0 is out of range (allowed: 1 to 100 books)",
        ("--books", "0"): "passivecalc: error: --books: 0 is out of range (allowed: 1 to 100 books)",
        (
            "--hours-per-book",
            "-5",
        ): "passivecalc: error: --hours-per-book: -5 is out of range (allowed: 0 to 100,000 hours)",
        ("--read-through", "120"): "passivecalc: error: --read-through: 120 is out of range (allowed: 0 to 100 %)",
    }
    for args, message in cases.items():
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.strip() == message
