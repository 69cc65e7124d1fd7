"""Portfolios: one stream is that stream, the total is the sum, routed money is conserved, files are checked."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc import portfolio
from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import REGISTRY
from passivecalc.params import build
from passivecalc.projection import STANDARD_COLUMNS

runner = CliRunner()
COLUMNS = (*STANDARD_COLUMNS, "revaluation")


def stream(name, method, start_month=1, fund_from=None, share=100.0, years=10, **values):
    m = REGISTRY[method]
    return portfolio.Stream(name, m, build(m.params, {"years": years, **values}), start_month, fund_from, share)


def tiny(p) -> float:
    return float(np.abs(p.conservation_error()).max() / max(1.0, np.abs(p.value).max()))


def test_a_portfolio_of_one_stream_equals_that_stream():
    only = stream(
        "d", "dividend", capital=25_000, contribution=200, yield_=4, drip=True, dividend_growth=5, price_growth=3
    )
    result = portfolio.project([only], 120)
    alone = REGISTRY["dividend"].project(only.params)
    for name in COLUMNS:
        np.testing.assert_array_equal(getattr(result.total, name), getattr(alone, name), err_msg=name)
        np.testing.assert_array_equal(getattr(result.streams["d"], name), getattr(alone, name), err_msg=name)
    assert result.total.summary() == alone.summary()


def test_the_total_is_the_sum_of_the_streams():
    streams = [
        stream("divs", "dividend", capital=10_000),
        stream("loans", "p2p", capital=5_000),
        stream("blog", "blog"),
        stream("late", "dividend", start_month=30, capital=3_000, drip=True),
    ]
    result = portfolio.project(streams, 120)
    for name in COLUMNS:
        expected = sum(getattr(result.streams[s.name], name) for s in streams)
        np.testing.assert_allclose(getattr(result.total, name), expected, rtol=1e-12, atol=1e-9, err_msg=name)
    assert tiny(result.total) < 1e-12


def test_start_month_shifts_the_stream_and_invests_its_capital_at_that_month():
    late = stream("late", "dividend", start_month=13, capital=10_000, yield_=6, frequency="monthly", years=9)
    result = portfolio.project([late], 120)
    p = result.streams["late"]
    alone = REGISTRY["dividend"].project(late.params)
    # Nothing before month 13; the capital goes in at the end of month 12 (the start of month 13).
    assert np.all(p.income[0, :12] == 0)
    assert p.contributed[0, 11] == 10_000 and p.value[0, 11] == 10_000
    np.testing.assert_allclose(p.income[0, 12:], alone.income[0], rtol=1e-15)
    np.testing.assert_allclose(p.value[0, 12:], alone.value[0], rtol=1e-15)
    assert p.contributed.sum() == alone.contributed.sum()
    assert tiny(p) < 1e-12


def test_routing_conserves_money():
    streams = [
        stream("src", "dividend", capital=100_000, yield_=6, frequency="monthly"),
        stream("dst", "dividend", capital=0, drip=True, start_month=7, fund_from="src", share=50),
    ]
    result = portfolio.project(streams, 120)
    routed = result.routed_in["dst"]
    # What leaves the source arrives in the target, month by month.
    np.testing.assert_array_equal(result.routed_out["src"], routed)
    # 50 % of 100,000 * 6 % / 12 = 250 a month, from month 7 on.
    np.testing.assert_allclose(routed[0, 6:], 250.0)
    assert np.all(routed[0, :6] == 0)
    own = REGISTRY["dividend"].project(streams[1].params)
    np.testing.assert_allclose(result.streams["dst"].contributed - own.contributed, routed, atol=1e-9)
    # In the total, routed money is neither new money nor money paid out: it is reinvested.
    sums = {n: sum(getattr(p, n) for p in result.streams.values()) for n in ("contributed", "payout", "reinvested")}
    np.testing.assert_allclose(result.total.contributed, sums["contributed"] - routed, atol=1e-9)
    np.testing.assert_allclose(result.total.payout, sums["payout"] - routed, atol=1e-9)
    np.testing.assert_allclose(result.total.reinvested, sums["reinvested"] + routed, atol=1e-9)
    for p in (*result.streams.values(), result.total):
        assert tiny(p) < 1e-12


def test_routed_money_grows_like_a_monthly_contribution():
    # A monthly DRIP fund at 6 %/yr, no growth, fed 250 at the end of every month, is an ordinary annuity:
    # numpy_financial.fv(0.06/12, 120, -250, 0) = 40,969.80
    streams = [
        stream("src", "dividend", capital=100_000, yield_=6, frequency="monthly", setup_hours=0, hours_per_month=0),
        stream("dst", "dividend", capital=0, yield_=6, frequency="monthly", drip=True, fund_from="src", share=50),
    ]
    result = portfolio.project(streams, 120)
    np.testing.assert_allclose(result.streams["dst"].value[0, -1], npf.fv(0.06 / 12, 120, -250, 0), rtol=1e-12)
    direct = REGISTRY["dividend"].project(
        build(
            REGISTRY["dividend"].params,
            {"capital": 0, "contribution": 250, "yield": 6, "frequency": "monthly", "drip": True},
        )
    )
    for name in ("contributed", "income", "reinvested", "value"):
        np.testing.assert_allclose(
            getattr(result.streams["dst"], name), getattr(direct, name), rtol=1e-10, atol=1e-8, err_msg=name
        )


@settings(max_examples=25, deadline=None)
@given(
    share=st.floats(1, 100),
    start=st.integers(1, 60),
    yield_=st.floats(0, 12),
    target=st.sampled_from(["dividend", "p2p", "staking", "crypto-lending", "liquidity"]),
)
def test_routing_conserves_money_for_every_capital_method(share, start, yield_, target):
    streams = [
        stream("src", "dividend", capital=50_000, yield_=yield_, years=6),
        stream("dst", target, start_month=start, fund_from="src", share=share, years=6 - (start - 1) // 12),
    ]
    result = portfolio.project(streams, 72)
    routed = result.routed_in["dst"]
    np.testing.assert_allclose(
        routed, share / 100 * np.maximum(result.streams["src"].payout, 0) * (np.arange(72) >= start - 1)
    )
    own = portfolio.shift(REGISTRY[target].project(streams[1].params), start, 72)
    # Every unit routed arrives as money put in (capital up front, for these methods).
    np.testing.assert_allclose(
        result.streams["dst"].contributed.sum() - own.contributed.sum(), routed.sum(), rtol=1e-9, atol=1e-6
    )
    np.testing.assert_allclose(
        result.total.contributed.sum(), own.contributed.sum() + result.streams["src"].contributed.sum(), rtol=1e-9
    )
    for p in (*result.streams.values(), result.total):
        assert tiny(p) < 1e-9
        assert np.all(np.isfinite(p.value))


def test_portfolio_takes_draws_for_monte_carlo():
    streams = [
        stream("src", "dividend", capital=100_000, yield_=5),
        stream("dst", "dividend", capital=0, drip=True, fund_from="src", share=100),
    ]
    draws = Draws(120, paths=200, rng=np.random.default_rng(7))
    result = portfolio.project(streams, 120, draws)
    assert result.total.paths == 200
    assert np.unique(result.total.value[:, -1]).size > 100  # the paths differ
    for p in (*result.streams.values(), result.total):
        assert tiny(p) < 1e-9
    np.testing.assert_allclose(result.routed_out["src"], result.routed_in["dst"])


def test_income_shares_add_to_100_and_name_the_largest():
    streams = [stream("a", "dividend", capital=30_000), stream("b", "dividend", capital=10_000)]
    result = portfolio.project(streams, 120)
    shares = result.income_shares()
    np.testing.assert_allclose(shares["a"] + shares["b"], 100.0)
    np.testing.assert_allclose(shares["a"], 75.0)  # 30,000 of 40,000 at the same yield
    assert result.largest() == ("a", pytest.approx(75.0))


def test_a_stream_that_receives_money_drops_its_own_only_figures():
    # staking's tokens_held counts the stream's own capital only; with routed money added it would understate the stake.
    streams = [stream("blog", "blog", years=3), stream("stake", "staking", fund_from="blog", capital=1000, years=3)]
    result = portfolio.project(streams, 36)
    alone = REGISTRY["staking"].project(streams[1].params)
    assert "tokens_held" in alone.summary()
    target = result.streams["stake"]
    assert target.metrics == {} and target.extras == {}
    assert "tokens_held" not in target.summary()
    assert target.summary()["total_contributed"] > alone.summary()["total_contributed"]


def write(tmp_path: Path, text: str) -> None:
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")


def run_in(tmp_path: Path, *args: str):
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(here)


PLAN = """version = 1
years = 5
[streams.income]
method = "dividend"
capital = 100000
yield = 6
frequency = "monthly"
[streams.growth]
method = "dividend"
capital = 0
drip = true
start_month = 7
fund_from = "income"
share = 50
"""


def test_cli_portfolio_in_every_format(tmp_path):
    write(tmp_path, PLAN)
    table = run_in(tmp_path, "portfolio", "plan.toml")
    assert table.exit_code == 0, table.output
    assert "Routed: 50 % of income's payout into growth, $13,500 in all." in table.stdout
    assert "Largest stream: income" in table.stdout
    data = json.loads(run_in(tmp_path, "portfolio", "plan.toml", "-f", "json").stdout)["portfolio"]
    assert [s["name"] for s in data["streams"]] == ["income", "growth"]
    assert data["streams"][1]["routed_in"] == pytest.approx(13_500)
    assert data["streams"][0]["routed_out"] == pytest.approx(13_500)
    assert data["total"]["summary"]["total_contributed"] == pytest.approx(100_000)
    assert data["largest_stream"]["name"] == "income"
    rows = list(csv.DictReader(io.StringIO(run_in(tmp_path, "portfolio", "plan.toml", "-f", "csv").stdout)))
    assert [r["stream"] for r in rows] == ["income"] * 5 + ["growth"] * 5 + ["total"] * 5
    for year in range(1, 6):
        by = {r["stream"]: r for r in rows if r["year"] == str(year)}
        assert float(by["income"]["income_share_pct"]) + float(by["growth"]["income_share_pct"]) == pytest.approx(100)
        assert float(by["total"]["value"]) == pytest.approx(float(by["income"]["value"]) + float(by["growth"]["value"]))


BAD = [
    (
        PLAN.replace('fund_from = "income"', 'fund_from = "incme"'),
        'plan.toml: stream "growth": fund_from: \'incme\' is not another stream (did you mean "income"?)',
    ),
    (
        PLAN.replace("share = 50", "share = 150"),
        'plan.toml: stream "growth": share: 150 is out of range (allowed: above 0 to 100 %)',
    ),
    (
        PLAN.replace('fund_from = "income"\n', ""),
        'plan.toml: stream "growth": share: set fund_from too, the stream whose payout it takes, e.g. fund_from = "blog"',
    ),
    (
        PLAN.replace("start_month = 7", "start_month = 61"),
        'plan.toml: stream "growth": start_month: 61 is not a month from 1 to 60',
    ),
    (
        PLAN.replace("drip = true", "drip = true\nyears = 3"),
        'plan.toml: stream "growth": years: set it once, at the top of the file, for the whole portfolio',
    ),
    (
        PLAN + '[streams.third]\nmethod = "dividend"\nfund_from = "income"\nshare = 60\n',
        'plan.toml: stream "income": streams take 110 % of its payout (at most 100 %)',
    ),
    (
        PLAN.replace(
            '[streams.income]\nmethod = "dividend"', '[streams.income]\nmethod = "dividend"\nfund_from = "growth"'
        ),
        'plan.toml: stream "income": fund_from: money would go round in a loop (income -> growth -> income)',
    ),
    (
        PLAN.replace("capital = 0\ndrip = true", "capital = 0\ndrip = true\nyeild = 3"),
        'plan.toml: stream "growth": yeild: unknown key (did you mean "yield"?)',
    ),
    (
        PLAN.replace('method = "dividend"\ncapital = 0\ndrip = true', 'method = "blog"'),
        'plan.toml: stream "growth": fund_from: blog takes no starting capital to put routed money into; route into a method with capital',
    ),
    (
        'version = 1\n[scenarios.a]\nmethod = "dividend"\n',
        "plan.toml: holds [scenarios], not [streams]; run it with: passivecalc run plan.toml",
    ),
]


@pytest.mark.parametrize("text, message", BAD)
def test_bad_portfolio_files(tmp_path, text, message):
    write(tmp_path, text)
    result = run_in(tmp_path, "portfolio", "plan.toml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_monthly_rows_in_csv_and_json(tmp_path):
    write(tmp_path, PLAN)
    rows = list(
        csv.DictReader(io.StringIO(run_in(tmp_path, "portfolio", "plan.toml", "-f", "csv", "--period", "month").stdout))
    )
    assert len(rows) == 3 * 60
    growth = [r for r in rows if r["stream"] == "growth"]
    # 50 % of 100,000 x 6 % / 12 = 250 routed at the end of each month from month 7 on.
    assert [float(r["routed_in"]) for r in growth[:8]] == [0.0] * 6 + [250.0, 250.0]
    income = [r for r in rows if r["stream"] == "income"]
    assert float(income[6]["routed_out"]) == 250.0 and float(income[6]["payout"]) == 500.0
    data = json.loads(run_in(tmp_path, "portfolio", "plan.toml", "-f", "json", "--period", "month").stdout)["portfolio"]
    assert len(data["total"]["rows"]) == 60
    assert data["total"]["rows"][6]["payout"] == pytest.approx(250.0)  # what the user keeps of the 500


def test_a_portfolio_over_the_work_budget_is_refused():
    # 1,000 dividend streams simulated on 1,000 paths hold a chunk of each at once: tens of GiB, refused.
    from passivecalc import portfolio as folio
    from passivecalc.errors import InputError
    from passivecalc.methods import get
    from passivecalc.params import build

    method = get("dividend")
    streams = [folio.Stream(f"s{i}", method, build(method.params, {})) for i in range(1000)]
    with pytest.raises(InputError, match="GiB of memory"):
        folio.check_work(streams, 120, paths=1000)
    folio.check_work(streams, 120)  # their plain projections are fine
