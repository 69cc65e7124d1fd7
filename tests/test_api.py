"""The Python API (passivecalc.project and friends) against outside oracles, the CLI's own output, and its promises."""

from __future__ import annotations

import csv
import doctest
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import passivecalc
import passivecalc.api
from passivecalc import InputError
from passivecalc.cli import app


def test_monthly_drip_compounds_at_the_monthly_yield():
    # Closed form: 4 % a year paid monthly and reinvested, price flat, 10 years: 10000 * (1 + 0.04/12) ** 120.
    plan = passivecalc.project("dividend", capital=10_000, yield_=4, frequency="monthly", drip=True, years=10)
    assert plan.summary()["ending_value"] == pytest.approx(10_000 * (1 + 0.04 / 12) ** 120, rel=1e-12)
    assert plan.summary()["total_payout"] == pytest.approx(0, abs=1e-9)


def test_contributions_at_the_end_of_each_month_are_an_ordinary_annuity():
    # numpy_financial.fv: 10,000 now and 100 at the end of each month at 4 %/12 a month for 120 months.
    plan = passivecalc.project(
        "dividend", capital=10_000, contribution=100, yield_=4, frequency="monthly", drip=True, years=10
    )
    assert plan.summary()["ending_value"] == pytest.approx(-npf.fv(0.04 / 12, 120, 100, 10_000), rel=1e-12)
    assert plan.summary()["total_contributed"] == pytest.approx(10_000 + 120 * 100)


def test_yearly_rows_without_drip_pay_the_yield_in_cash():
    # By hand: 10,000 at a flat 4 % yield pays 400 a year, all paid out; the value stays 10,000.
    rows = passivecalc.project("dividend", capital=10_000, yield_=4, years=3).rows()
    assert [row["year"] for row in rows] == [1, 2, 3]
    assert [row["income"] for row in rows] == pytest.approx([400.0, 400.0, 400.0])
    assert [row["payout"] for row in rows] == pytest.approx([400.0, 400.0, 400.0])
    assert [row["value"] for row in rows] == pytest.approx([10_000.0] * 3)


def test_buyupside_drip_example_to_the_cent():
    # buyupside.com's DRIP calculator: 100 shares at $150, 2 % yield, dividend +1 %/yr, price +4 %/yr,
    # annual payouts, 20 years, DRIP: ending value $44,193.06.
    plan = passivecalc.project(
        "dividend",
        capital=15_000,
        share_price=150,
        yield_=2,
        dividend_growth=1,
        price_growth=4,
        frequency="annual",
        drip=True,
        years=20,
    )
    assert round(plan.summary()["ending_value"], 2) == 44_193.06


def test_the_key_yield_and_the_name_yield_underscore_are_the_same_parameter():
    by_name = passivecalc.project("dividend", yield_=5, years=2)
    by_key = passivecalc.project("dividend", **{"yield": 5}, years=2)
    assert by_name.rows() == by_key.rows()
    assert by_name.params_dict()["yield"] == 5


def test_rows_and_summary_are_what_the_cli_prints(runner):
    # The CLI's CSV and JSON are the outside view of the same figures: the API must give exactly them.
    options = "--capital 5000 --contribution 50 --yield 3.5 --drip --years 3 --start 2027-01".split()
    values = dict(capital=5000, contribution=50, yield_=3.5, drip=True, years=3, start="2027-01")
    plan = passivecalc.project("dividend", **values)
    for period in ("year", "month"):
        printed = runner.invoke(app, ["dividend", *options, "--period", period, "--format", "csv"])
        assert printed.exit_code == 0, printed.output
        table = list(csv.DictReader(io.StringIO(printed.stdout)))
        rows = plan.rows(period)
        assert len(rows) == len(table) == (3 if period == "year" else 36)
        assert [list(row) for row in rows] == [list(row) for row in table]
        for row, line in zip(rows, table, strict=True):
            assert {k: str(v) for k, v in row.items() if isinstance(v, (int, str))} == {
                k: line[k] for k, v in row.items() if isinstance(v, (int, str))
            }
            # CSV writes 12 significant digits (no floating-point noise); the API keeps full precision.
            assert [float(f"{v:.12g}") for v in row.values() if isinstance(v, float)] == [
                float(line[k]) for k, v in row.items() if isinstance(v, float)
            ]
    printed = runner.invoke(app, ["dividend", *options, "--format", "json"])
    assert json.loads(printed.stdout)["summary"] == plan.summary()
    assert json.loads(printed.stdout)["params"] == plan.params_dict()


def test_every_method_projects_with_its_defaults():
    listed = passivecalc.available_methods()
    # The eleven commands README documents, in the order `passivecalc --help` lists them.
    assert list(listed) == [
        "dividend",
        "p2p",
        "staking",
        "crypto-lending",
        "liquidity",
        "blog",
        "ebook",
        "course",
        "dropship",
        "domains",
        "rank-rent",
    ]
    for name, description in listed.items():
        assert description
        plan = passivecalc.project(name, years=2)
        assert plan.method == name
        assert len(plan.rows()) == 2 and len(plan.rows("month")) == 24
        assert all(v is None or np.isfinite(v) for v in plan.summary().values())


def test_a_method_name_may_use_underscores():
    assert passivecalc.project("crypto_lending", years=1).method == "crypto-lending"
    assert passivecalc.project("rank_rent", years=1).method == "rank-rent"


@pytest.mark.parametrize(
    ("name", "values", "key", "says"),
    [
        ("dividnd", {}, "method", 'did you mean "dividend"'),
        ("dividend", {"yeild": 4}, "yeild", 'did you mean "yield"'),
        ("dividend", {"yield_": 150}, "yield", "150 is out of range (allowed: 0 to 100 %)"),
        ("dividend", {"years": 2.5}, "years", "2.5 is not a whole number"),
        ("dividend", {"years": 0}, "years", "out of range"),
        ("dividend", {"frequency": "weekly"}, "frequency", "'weekly' is not one of"),
        ("dividend", {"capital": float("nan")}, "capital", "not a finite number"),
        ("dividend", {"yield_": 3, "yield": 4}, "yield", "given twice"),
    ],
)
def test_bad_input_raises_input_error_naming_the_parameter(name, values, key, says):
    with pytest.raises(InputError) as raised:
        passivecalc.project(name, **values)
    assert raised.value.key == key
    assert says in raised.value.message


def test_a_period_that_is_not_year_or_month_is_an_input_error():
    with pytest.raises(InputError, match="'week' is not one of 'year', 'month'"):
        passivecalc.project("dividend", years=1).rows("week")  # type: ignore[arg-type]


def test_parameters_validates_without_projecting():
    params = passivecalc.parameters("dividend", yield_=4.5, drip=True)
    assert params.yield_ == 4.5 and params.drip is True and params.years == 10
    with pytest.raises(InputError):
        passivecalc.parameters("dividend", tax=101)


def test_the_result_is_a_scenario_for_the_renderers():
    plan = passivecalc.project("p2p", years=2)
    scenario = plan.scenario("my book")
    assert (scenario.name, scenario.method, scenario.params, scenario.projection) == (
        "my book",
        "p2p",
        plan.params,
        plan.projection,
    )
    assert "net_annualised_return_pct" in plan.summary()
    assert repr(plan).startswith("Result(method='p2p', years=2, currency='USD', ending_value=")


@given(
    # Money below a cent counts as none (methods/amounts.py), so capital is 0 or at least a cent.
    capital=st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1e7)),
    yield_=st.floats(min_value=0, max_value=20),
    years=st.integers(min_value=1, max_value=30),
)
def test_cash_dividends_at_a_flat_yield_pay_capital_times_yield_a_year(capital, yield_, years):
    # By hand: without DRIP, growth or tax, a flat yield y pays capital * y / 100 every year, all paid out.
    plan = passivecalc.project("dividend", capital=capital, yield_=yield_, years=years)
    expected = capital * yield_ / 100
    for row in plan.rows():
        assert row["payout"] == pytest.approx(expected, rel=1e-9, abs=1e-6)
        assert row["value"] == pytest.approx(capital, rel=1e-12, abs=1e-6)


def test_the_module_examples_run():
    results = doctest.testmod(passivecalc.api)
    assert results.attempted > 0 and results.failed == 0


def test_docs_api_md_shows_real_output():
    # Every `>>>` example of docs/api.md, run as a doctest: the page shows what passivecalc gives.
    page = Path(__file__).resolve().parents[1] / "docs" / "api.md"
    results = doctest.testfile(str(page), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert results.attempted >= 15 and results.failed == 0


def test_the_api_loads_neither_typer_nor_rich():
    # A notebook user pays for none of the command line: importing and projecting loads no CLI library.
    code = (
        "import sys, passivecalc\n"
        "passivecalc.project('dividend', yield_=4, drip=True, years=20).rows()\n"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_the_version_is_the_installed_one():
    from importlib.metadata import version

    assert passivecalc.__version__ == version("passivecalc")
