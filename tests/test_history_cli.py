"""`dividend --history`, `--start-at`, `--target`, `--returns history` and `goal dividend --history` on the command line.

Expected values come from two places, each named where it is used:
- plain loops over the packaged CSV, read with the csv module and written in
  this file (`plain_start`): never from passivecalc.history;
- the figures docs/history.md publishes for 100,000 with DRIP over 30 years,
  which tests/test_history.py checks against its own plain loops.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from passivecalc.cli import app

CSV = Path(__file__).resolve().parents[1] / "src" / "passivecalc" / "data" / "sp500-shiller-monthly.csv"
with CSV.open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))
DATES = [r["date"] for r in ROWS]
PRICE = [float(r["price"]) for r in ROWS]
DIVIDEND = [float(r["dividend"]) for r in ROWS]
CPI = [float(r["cpi"]) for r in ROWS]

PLAN = ["dividend", "--capital", "100000", "--drip", "--years", "30", "--history"]


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), **kwargs)


def plain_start(start, years, capital=0.0, contribution=0.0, growth=0.0, drip=False, reinvest=1.0, tax=0.0, fee=0.0):
    """One start month by month, as docs/history.md states the model (fractions, not percent); per-year rows.

    Month m = 1..N is data month s + m: units held during the month earn D/12, tax is
    withheld, the reinvested share buys at that month's price, the fee sells 1/12 of
    its rate of the value, the contribution (raised every 12 months) buys last.
    """
    s = DATES.index(start)
    shares = capital / PRICE[s]
    paid = contribution
    rows, year = [], None
    for m in range(1, 12 * years + 1):
        if m > 1 and (m - 1) % 12 == 0:
            paid *= 1 + growth
        if (m - 1) % 12 == 0:
            year = {
                "income": 0.0,
                "taxes": 0.0,
                "costs": 0.0,
                "net_income": 0.0,
                "real_net_income": 0.0,
                "contributed": 0.0,
            }
        price, deflator = PRICE[s + m], CPI[s + m] / CPI[s]
        dividend = shares * DIVIDEND[s + m] / 12
        withheld = dividend * tax
        shares += (reinvest if drip else 0.0) * (dividend - withheld) / price
        fee_paid = shares * price * fee / 12
        shares -= fee_paid / price
        shares += paid / price
        net = dividend - withheld - fee_paid
        year["income"] += dividend
        year["taxes"] += withheld
        year["costs"] += fee_paid
        year["net_income"] += net
        year["real_net_income"] += net / deflator
        year["contributed"] += paid + (capital if m == 1 else 0.0)
        if m % 12 == 0:
            rows.append(
                {**year, "date": DATES[s + m], "value": shares * price, "real_value": shares * price / deflator}
            )
    return rows


def plain_real_income_last_year(years, capital=1.0):
    """Real mean monthly net income in the last year, DRIP, no tax or fee, for every start that fits: a plain loop."""
    n = 12 * years
    out = {}
    for s in range(len(DATES) - n):
        shares = capital / PRICE[s]
        total = 0.0
        for m in range(1, n + 1):
            dividend = shares * DIVIDEND[s + m] / 12
            shares += dividend / PRICE[s + m]
            if m > n - 12:
                total += dividend / (CPI[s + m] / CPI[s])
        out[DATES[s]] = total / 12
    return out


# -- the back-test -----------------------------------------------------------------------------------


def test_json_has_method_params_and_every_start_with_the_published_figures():
    result = run(*PLAN, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["method", "params", "history"]
    assert data["method"] == "dividend" and data["params"]["capital"] == 100_000 and data["params"]["drip"] is True
    history = data["history"]
    assert {"starts", "summary"} <= set(history)
    # 30 years of 1,830 months leave 1,830 - 360 = 1,470 starts, 1871-01 to 1993-06.
    assert len(history["starts"]) == 1470
    assert history["starts"][0]["start"] == "1871-01" and history["starts"][-1]["start"] == "1993-06"
    # docs/history.md (checked there against plain loops): worst 716.44 (1973-01), median 2,032.02, best 7,100.97 (1932-06).
    income = history["summary"]["real_monthly_income_end"]
    assert income["worst"] == pytest.approx(716.44, abs=0.01) and income["worst_start"] == "1973-01"
    assert income["median"] == pytest.approx(2032.02, abs=0.01)
    assert income["best"] == pytest.approx(7100.97, abs=0.01) and income["best_start"] == "1932-06"
    irr = history["summary"]["real_irr_pct"]
    assert irr["worst"] == pytest.approx(1.89, abs=0.005) and irr["worst_start"] == "1902-06"
    assert irr["best"] == pytest.approx(11.15, abs=0.005) and irr["best_start"] == "1932-06"


@pytest.mark.parametrize("start", ["1929-09", "1966-01"])
def test_a_start_in_the_json_matches_a_plain_loop(start):
    result = run(*PLAN, "--format", "json")
    row = next(r for r in json.loads(result.stdout)["history"]["starts"] if r["start"] == start)
    rows = plain_start(start, 30, capital=100_000, drip=True)
    assert row["ending_value"] == pytest.approx(rows[-1]["value"], rel=1e-9)
    assert row["real_ending_value"] == pytest.approx(rows[-1]["real_value"], rel=1e-9)
    assert row["real_monthly_income_end"] == pytest.approx(rows[-1]["real_net_income"] / 12, rel=1e-9)
    assert row["total_dividends"] == pytest.approx(sum(r["income"] for r in rows), rel=1e-9)


def test_csv_has_one_row_per_start():
    result = run("dividend", "--years", "10", "--history", "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == len(DATES) - 120  # every start whose 10 years fit
    assert table[0]["start"] == "1871-01" and table[-1]["start"] == DATES[len(DATES) - 121]
    assert {"ending_value", "real_monthly_income_end", "irr_pct", "worst_income_drop_pct"} <= set(table[0])


def test_target_gives_the_share_of_starts_a_plain_count_gives():
    target, capital = 1.5, 300.0  # real money a month in the last year, from 300 invested with DRIP over 10 years
    result = run(
        "dividend",
        "--capital",
        "300",
        "--drip",
        "--years",
        "10",
        "--history",
        "--target",
        str(target),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    plain = plain_real_income_last_year(10, capital)
    reached = sum(1 for v in plain.values() if v >= target)
    assert data["target"] == target
    assert data["success"]["reached"] == reached and data["success"]["starts"] == len(plain)
    assert data["success"]["success_rate_pct"] == pytest.approx(100 * reached / len(plain))
    failed = sorted(d for d, v in plain.items() if v < target)
    assert sum(run["months"] for run in data["success"]["failed"]) == len(failed)
    assert data["success"]["failed"][0]["first"] == failed[0] and data["success"]["failed"][-1]["last"] == failed[-1]
    # The CSV says the same start by start.
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "dividend",
                    "--capital",
                    "300",
                    "--drip",
                    "--years",
                    "10",
                    "--history",
                    "--target",
                    str(target),
                    "-f",
                    "csv",
                ).stdout
            )
        )
    )
    assert sorted(r["start"] for r in rows if r["reached_target"] == "False") == failed


def test_table_fits_80_columns_with_the_distribution_success_chart_and_credit():
    result = run(*PLAN, "--target", "1000", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    for word in ("Worst", "P10", "Median", "P90", "Best", "1973-01", "1932-06", "$716", "$7,101", "Robert Shiller"):
        assert word in text
    # docs/history.md: 91.4 % of the 1,470 starts reach 1,000 a month; the failures lie in 1961-1974.
    assert "1,344 of 1,470 starts reached it (91.4 %)" in " ".join(text.split())
    assert "failed: 1961-1974" in text
    decades = [line for line in lines if line.strip()[:5].rstrip("s").isdigit() and "mean $" in line]
    assert len(decades) == 13  # start years 1871 to 1993


def test_the_chart_marks_the_best_start_year_as_a_plain_loop_finds_it():
    result = run(*PLAN)
    # Plain loop: each start's real monthly income in year 30 (linear in capital), averaged per start year.
    per_start = plain_real_income_last_year(30, 100_000.0)
    by_year: dict[int, list[float]] = {}
    for date, value in per_start.items():
        by_year.setdefault(int(date[:4]), []).append(value)
    means = {year: sum(v) / len(v) for year, v in by_year.items()}
    best = max(means, key=means.__getitem__)
    assert f"(█ = ${means[best]:,.0f})" in result.stdout
    line = next(line for line in result.stdout.splitlines() if line.startswith(f"  {best // 10 * 10}s "))
    bars = line[len("  1920s ") :][:10]
    assert bars[best % 10] == "█" and bars.count("█") == 1
    worst = min(means, key=means.__getitem__)
    worst_line = next(line for line in result.stdout.splitlines() if line.startswith(f"  {worst // 10 * 10}s "))
    assert worst_line[len("  1920s ") :][worst % 10] == "▁"


def test_start_at_by_month_has_a_row_per_month():
    data = json.loads(run(*PLAN, "--start-at", "1966-01", "--period", "month", "-f", "json").stdout)
    assert len(data["rows"]) == 360 and data["rows"][0]["date"] == "1966-02"


# -- one start's rows -------------------------------------------------------------------------------


def test_start_at_rows_match_a_plain_loop_over_the_csv():
    args = ["--capital", "10000", "--contribution", "200", "--contribution-growth", "3", "--drip", "--reinvest", "80"]
    args += [
        "--tax",
        "15",
        "--expense-ratio",
        "0.3",
        "--years",
        "10",
        "--history",
        "--start-at",
        "1966-01",
        "-f",
        "csv",
    ]
    result = run("dividend", *args)
    assert result.exit_code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = plain_start(
        "1966-01", 10, capital=10_000, contribution=200, growth=0.03, drip=True, reinvest=0.8, tax=0.15, fee=0.003
    )
    assert len(table) == len(expected) == 10
    for row, plain in zip(table, expected, strict=True):
        assert row["date"] == plain["date"]
        for key in ("contributed", "income", "taxes", "costs", "net_income", "real_net_income", "value", "real_value"):
            assert float(row[key]) == pytest.approx(plain[key], rel=1e-9, abs=1e-9), key


def test_start_at_table_says_which_start_and_json_carries_it():
    table = run(*PLAN, "--start-at", "1929-09")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith("History: the plan started in 1929-09")
    data = json.loads(run(*PLAN, "--start-at", "1929-09", "-f", "json").stdout)
    assert data["start"] == "1929-09" and len(data["rows"]) == 30
    # docs/history.md: the value at the end of year 1 (1930-09) is 69,313, real 72,236.
    assert data["rows"][0]["date"] == "1930-09"
    assert data["rows"][0]["value"] == pytest.approx(69_313, abs=1) and data["rows"][0]["real_value"] == pytest.approx(
        72_236, abs=1
    )


# -- refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--history", "--yield", "5"], "--yield"),
        (["--history", "--dividend-growth", "3"], "--dividend-growth"),
        (["--history", "--price-growth", "3"], "--price-growth"),
        (["--history", "--share-price", "50"], "--share-price"),
        (["--history", "--frequency", "monthly"], "--frequency"),
        (["--history", "--volatility", "20"], "--volatility"),
        (["--history", "--cut-probability", "10"], "--cut-probability"),
        (["--history", "--inflation", "3"], "--inflation"),
        (["--history", "--simulate", "100"], "--simulate"),
        (["--history", "--seed", "3"], "--seed"),
        (["--history", "--period", "month"], "--period"),
        (["--history", "--returns", "history", "--simulate", "100"], "--returns"),
        (["--history", "--vary", "capital=1000,2000"], "--vary"),
        (["--history", "--start-at", "2020-01"], "--start-at"),
        (["--history", "--start-at", "1929/09"], "--start-at"),
        (["--history", "--start-at", "1929-09", "--target", "10"], "--target"),
        (["--history", "--years", "200"], "--years"),
        (["--start-at", "1929-09"], "--start-at"),
        (["--returns", "history"], "--returns"),
        (["--block-years", "3"], "--block-years"),
        (["--simulate", "100", "--returns", "history", "--block-years", "0"], "--block-years"),
        (["--simulate", "100", "--returns", "history", "--price-growth", "3"], "--price-growth"),
        (["--simulate", "100", "--returns", "history", "--volatility", "30"], "--volatility"),
    ],
)
def test_refused_with_one_line_naming_the_option(args, option):
    result = run("dividend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"passivecalc: error: {option}"), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["p2p", "--history"],
        ["blog", "--simulate", "10", "--returns", "history"],
        ["goal", "p2p", "--target", "100", "--history", "--confidence", "90"],
    ],
)
def test_only_the_dividend_command_takes_history(args):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        "only" in result.stderr
        and "dividend" in result.stderr
        and ("--history" in result.stderr or "--returns" in result.stderr)
    )


def test_help_credits_shiller():
    result = run("dividend", "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Robert Shiller" in result.stdout and "--history" in result.stdout


# -- goal at a historical confidence ----------------------------------------------------------------


def test_goal_capital_reaches_the_confidence_as_a_plain_loop_counts():
    target, confidence = 100.0, 95.0
    result = run(
        "goal",
        "dividend",
        "--drip",
        "--years",
        "10",
        "--history",
        "--confidence",
        "95",
        "--target",
        "100",
        "--solve",
        "capital",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    capital = data["goal"]["value"]
    # Per start, with DRIP and no contribution, income is linear in capital: a plain loop at capital 1.
    per_unit = plain_real_income_last_year(10, 1.0)
    share = sum(1 for v in per_unit.values() if capital * v >= target - 1e-9) / len(per_unit)
    assert share >= confidence / 100
    # The smallest such capital: the ceil(95 % x starts)-th smallest capital a start needs.
    needed = sorted(target / v for v in per_unit.values())
    assert capital == pytest.approx(needed[math.ceil(confidence / 100 * len(needed)) - 1], rel=1e-5)
    assert data["goal"]["success"]["success_rate_pct"] >= confidence
    assert data["goal"]["confidence"] == confidence and data["params"]["capital"] == pytest.approx(capital)
    assert data["start"] and len(data["rows"]) == 10
    assert "Invest $" in result.stderr and "95 % of historical starts" in result.stderr


def test_goal_table_leads_with_the_answer_and_the_median_start():
    result = run(
        "goal",
        "dividend",
        "--drip",
        "--years",
        "30",
        "--history",
        "--confidence",
        "95",
        "--target",
        "2000",
        "--solve",
        "capital",
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # docs/history.md: 233,912 for 2,000 a month in 95 % of starts.
    assert lines[0].startswith("Invest $233,912.") and "95 % of historical starts" in lines[0]
    assert "median start" in lines[1]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--target", "100"], "--confidence"),
        (["--target", "100", "--confidence", "95", "--paths", "100"], "--paths"),
        (["--target", "100", "--confidence", "95", "--yield", "5"], "--yield"),
        (["--target", "100", "--confidence", "95", "--target-kind", "value"], "--target-kind"),
        (["--target", "100", "--confidence", "120"], "--confidence"),
    ],
)
def test_goal_history_refusals(args, option):
    result = run("goal", "dividend", "--history", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().startswith(f"passivecalc: error: {option}"), result.stderr


# -- bootstrapped futures ---------------------------------------------------------------------------


def test_returns_history_simulates_on_bootstrapped_months():
    base = [
        "dividend",
        "--capital",
        "10000",
        "--drip",
        "--years",
        "10",
        "--simulate",
        "300",
        "--seed",
        "7",
        "-f",
        "json",
    ]
    history = run(*base, "--returns", "history")
    assert history.exit_code == 0, history.stderr
    again = run(*base, "--returns", "history")
    lognormal = run(*base)
    assert history.stdout == again.stdout  # the same seed, the same draws
    assert history.stdout != lognormal.stdout
    assert history.stdout != run(*base, "--returns", "history", "--block-years", "2").stdout
    simulation = json.loads(history.stdout)["simulation"]
    assert simulation["paths"] == 300
    table = run(*base[:-2], "--returns", "history", "--target", "40")
    assert table.exit_code == 0 and "P50" in table.stdout


def test_returns_history_year_one_income_follows_the_drawn_dividends():
    # Monthly payments, no DRIP, no growth: month m of year 1 pays capital x yield / 12 x the dividend multiplier of
    # the first m drawn months, a product of 1 to 12 consecutive month-to-month dividend changes of the data (taken
    # circularly). So each percentile of year 1's income a month lies within base x [least, greatest] such product.
    result = run(
        "dividend",
        "--capital",
        "12000",
        "--frequency",
        "monthly",
        "--years",
        "2",
        "--simulate",
        "500",
        "--seed",
        "1",
        "--returns",
        "history",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    year1 = [row for row in json.loads(result.stdout)["simulation"]["rows"] if row["year"] == 1]
    relatives = [DIVIDEND[i + 1] / DIVIDEND[i] for i in range(len(DIVIDEND) - 1)]
    products = []
    for first in range(len(relatives)):
        product = 1.0
        for k in range(12):
            product *= relatives[(first + k) % len(relatives)]
            products.append(product)
    base = 12000 * 0.04 / 12
    assert len(year1) == 5
    for row in year1:
        assert base * min(products) * (1 - 1e-9) <= row["monthly_income"] <= base * max(products) * (1 + 1e-9)
    assert year1[0]["monthly_income"] < year1[-1]["monthly_income"]  # P10 below P90: the draws spread
