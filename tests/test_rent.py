"""Domain leasing and rank-and-rent sites: hand-worked references, properties, occupancy draws, bad input."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.draws import Draws
from passivecalc.methods import get
from passivecalc.methods.rent import path_occupancy
from passivecalc.params import build

DOMAINS = get("domains")
SITES = get("rank-rent")


def amounts(low, high):
    """Floats in [low, high], a crumb below 1e-6 in size taken as 0 (the method refuses those: methods/floors.py)."""
    return st.floats(low, high).map(lambda x: 0.0 if abs(x) < 1e-6 else x)


def domains(**values):
    params = build(DOMAINS.params, values)
    return params, DOMAINS.project(params)


def sites(**values):
    params = build(SITES.params, values)
    return params, SITES.project(params)


# -- domains -------------------------------------------------------------------


def test_plain_leases_by_hand():
    # 20 domains at 300, 5 % let = 1 domain at 100 a month, 15 % fee: 85 a month net;
    # renewal 20 x 12 = 240 in months 13 and 25; the book holds 20 x 300 = 6000 throughout.
    _, p = domains(domains=20, acquisition_cost=300, renewal=12, lease=100, occupancy=5, marketplace_fee=15, years=3)
    np.testing.assert_allclose(p.extras["domains_let"].values, 1)
    np.testing.assert_allclose(p.income, 100)
    renewals = np.zeros(36)
    renewals[[12, 24]] = 240
    np.testing.assert_allclose(p.costs[0], 15 + renewals)
    np.testing.assert_allclose(p.value, 6000)
    np.testing.assert_allclose(p.contributed[0, 0], 6000)
    summary = p.summary()
    np.testing.assert_allclose(summary["net_gain"], 36 * 85 - 480)
    assert summary["breakeven_month"] == 1  # held at cost: the book covers the purchase at once


def test_holding_value_zero_breaks_even_when_the_leases_repay_the_purchase():
    # no renewal: 6000 / 85 = 70.6, so month 71.
    _, p = domains(domains=20, acquisition_cost=300, renewal=0, occupancy=5, holding_value=0, years=10)
    np.testing.assert_allclose(p.value, 0)
    assert p.summary()["breakeven_month"] == 71
    assert abs(p.conservation_error()).max() < 1e-9


def test_lease_to_own_leaves_the_book_at_the_closed_form_rate():
    # occupancy 10 %, term 24: H[m] = 20 (1 - 0.1/24)^m; sold in month m = H[m-1] - H[m].
    _, p = domains(domains=20, acquisition_cost=300, occupancy=10, lease_to_own_months=24, renewal=0, years=4)
    m = np.arange(1, 49)
    held = 20 * (1 - 0.1 / 24) ** m
    np.testing.assert_allclose(p.extras["domains_held"].values[0], held)
    np.testing.assert_allclose(p.returned[0], 300 * (np.concatenate([[20], held[:-1]]) - held))
    np.testing.assert_allclose(p.value[0], 300 * held)
    # the cash received is exactly the lease payments less the fees: the sale is not counted twice.
    np.testing.assert_allclose(p.payout + p.returned, p.income * 0.85)
    assert abs(p.conservation_error()).max() < 1e-9


def test_full_occupancy_lease_to_own_lasts_the_term_on_average():
    # every domain let: each month 1/12 are sold, so 20 x (11/12)^12 are left after a year.
    _, p = domains(domains=20, occupancy=100, lease_to_own_months=12, years=1)
    np.testing.assert_allclose(p.extras["domains_held"].values[0, -1], 20 * (11 / 12) ** 12)


# -- rank-and-rent sites ---------------------------------------------------------


def test_sites_by_hand():
    # 3 sites built for 300 each; ranked after 6 months; 70 % of 3 let at 500 = 1050; hosting 3 x 10.
    _, p = sites(
        sites=3,
        build_cost=300,
        build_hours=40,
        months_to_rank=6,
        rent=500,
        occupancy=70,
        hosting=10,
        upkeep_hours=2,
        years=2,
    )
    np.testing.assert_allclose(p.income[0, :6], 0)
    np.testing.assert_allclose(p.income[0, 6:], 1050)
    np.testing.assert_allclose(p.payout[0, :7], [-30] * 6 + [1020])
    np.testing.assert_allclose(p.hours[0, :2], [3 * 40 + 3 * 2, 6])
    np.testing.assert_allclose(p.value, 0)
    summary = p.summary()
    # cumulative payout: -180 after month 6, then +1020 a month; 900 is covered in month 8.
    assert summary["breakeven_month"] == 8
    np.testing.assert_allclose(summary["net_gain"], -180 + 18 * 1020 - 900)
    assert abs(p.conservation_error()).max() < 1e-9


def test_tax_deducts_the_site_build_but_not_the_domain_purchase():
    # rank-rent: rent 1,800 - hosting 240 - build 200 (business spending, deductible) = 1,360; 10 % = 136.
    _, site = sites(sites=2, build_cost=100, rent=300, occupancy=50, hosting=10, months_to_rank=6, years=1, tax=10)
    np.testing.assert_allclose(site.taxes[0], [0] * 11 + [136])
    # domains: leases 1,200, no fee, no renewal in year 1; the 300 paid for the domain buys an asset and
    # is not deducted: 10 % of 1,200 = 120.
    _, domain = domains(domains=1, acquisition_cost=300, lease=100, occupancy=100, marketplace_fee=0, years=1, tax=10)
    np.testing.assert_allclose(domain.taxes[0], [0] * 11 + [120])


def test_sites_that_never_rank_only_cost():
    _, p = sites(sites=2, months_to_rank=120, years=10)
    np.testing.assert_allclose(p.income, 0)
    assert p.summary()["breakeven_month"] is None


# -- occupancy draws -------------------------------------------------------------


def test_zero_spread_and_sure_occupancy_equal_the_deterministic_run():
    for method, values in ((DOMAINS, {"occupancy_spread": 0, "lease_to_own_months": 24}), (SITES, {"occupancy": 100})):
        params = build(method.params, values)
        expected = method.project(params)
        simulated = method.project(params, Draws(params.months, 40, np.random.default_rng(1)))
        np.testing.assert_allclose(simulated.payout, np.broadcast_to(expected.payout, simulated.payout.shape))
        np.testing.assert_allclose(simulated.value, np.broadcast_to(expected.value, simulated.value.shape))


def test_drawn_occupancy_averages_the_stated_one():
    # Beta around 5 % then a binomial of the 20 domains: mean let 1 a month over many paths.
    params = build(DOMAINS.params, {"domains": 20, "occupancy": 5})
    simulated = DOMAINS.project(params, Draws(params.months, 4000, np.random.default_rng(1)))
    # Domains let = lease income / 100 a month (a simulation carries income, not the domains_let column).
    let = simulated.income / 100
    np.testing.assert_allclose(let.mean(), 1.0, rtol=0.03)
    assert let.std() > 0.5  # the draws are on


def test_path_occupancy_has_the_stated_mean_and_spread():
    # Beta with mean 0.7 and sd 0.3 x 0.7 = 0.21 (within 3 % for 200,000 draws).
    q = path_occupancy(0.7, 0.3, Draws(12, 200_000, np.random.default_rng(2)))
    np.testing.assert_allclose([q.mean(), q.std()], [0.7, 0.21], rtol=0.03)
    # a spread wider than any Beta allows is held to 99 % of sqrt(p (1 - p)).
    wide = path_occupancy(0.5, 5, Draws(12, 200_000, np.random.default_rng(3)))
    np.testing.assert_allclose(wide.std(), 0.495, rtol=0.03)


# -- properties ------------------------------------------------------------------

domain_books = st.builds(
    dict,
    domains=st.integers(0, 500),
    acquisition_cost=amounts(0, 1e4),
    renewal=amounts(0, 100),
    lease=amounts(0, 1000),
    occupancy=amounts(0, 100),
    marketplace_fee=amounts(0, 50),
    lease_to_own_months=st.integers(0, 60),
    holding_value=amounts(0, 100),
    tax=amounts(0, 50),
    years=st.integers(1, 5),
)
site_books = st.builds(
    dict,
    sites=st.integers(0, 50),
    build_cost=amounts(0, 1e4),
    months_to_rank=st.integers(0, 60),
    rent=amounts(0, 5000),
    occupancy=amounts(0, 100),
    hosting=amounts(0, 100),
    tax=amounts(0, 50),
    years=st.integers(1, 5),
)


@settings(max_examples=50, deadline=None)
@given(st.one_of(domain_books.map(lambda v: (DOMAINS, v)), site_books.map(lambda v: (SITES, v))), amounts(0, 1))
def test_conserved_finite_and_more_occupancy_never_lowers_rent(case, share):
    method, values = case
    params = build(method.params, values)
    for draws in (None, Draws(params.months, 3, np.random.default_rng(0))):
        projection = method.project(params, draws)
        scale = 1 + abs(projection.contributed).max() + abs(projection.income).max()
        assert np.abs(projection.conservation_error()).max() < 1e-9 * scale
        for name in ("income", "costs", "payout", "value", "returned", "hours"):
            assert np.isfinite(getattr(projection, name)).all()
        assert all(np.isfinite(extra.values).all() for extra in projection.extras.values())
        assert (projection.hours >= 0).all()
        summary = projection.summary_arrays(irr=False)
        has_hours = summary["total_hours"] > 0
        np.testing.assert_allclose(
            summary["hourly_rate"][has_hours], summary["net_gain"][has_hours] / summary["total_hours"][has_hours]
        )
        assert np.isnan(summary["hourly_rate"][~has_hours]).all()  # no hours: no rate (null), not inf
    fuller = {**values, "occupancy": values["occupancy"] + share * (100 - values["occupancy"])}
    if values.get("lease_to_own_months", 0) == 0:  # lease-to-own sells the let domains, so later rent can fall
        assert (method.project(build(method.params, fuller)).income >= method.project(params).income - 1e-9).all()


# -- command line ----------------------------------------------------------------

runner = CliRunner()


def test_cli_csv_has_the_unit_columns():
    result = runner.invoke(app, ["domains", "--years", "2", "--lease-to-own-months", "24", "-f", "csv"])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split(",")
    assert header[-5:] == ["domains_held", "domains_let", "marketplace_fees", "renewals", "domains_sold"]
    result = runner.invoke(app, ["rank-rent", "-f", "json"])
    assert json.loads(result.stdout)["summary"]["breakeven_month"] == 8


def test_cli_bad_input_is_one_line_exit_2():
    cases = {
        ("domains", "--occupancy", "130"): "--occupancy: 130 is out of range (allowed: 0 to 100 %)",
        ("rank-rent", "--occupancy", "130"): "--occupancy: 130 is out of range (allowed: 0 to 100 %)",
        ("domains", "--domains", "-3"): "--domains: -3 is out of range (allowed: 0 to 1,000,000 domains)",
        ("domains", "--lease", "-1"): "--lease: -1 is out of range (allowed: 0 to 10,000,000 a month)",
        ("rank-rent", "--sites", "-1"): "--sites: -1 is out of range (allowed: 0 to 100,000 sites)",
        ("rank-rent", "--rent", "-500"): "--rent: -500 is out of range (allowed: 0 to 10,000,000 a month)",
    }
    for args, message in cases.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr == f"passivecalc: error: {message}\n"


def test_same_seed_same_paths_different_seed_different_paths():
    params = build(SITES.params, {"sites": 5})
    first, second, other = (
        SITES.project(params, Draws(params.months, 30, np.random.default_rng(seed))) for seed in (4, 4, 5)
    )
    np.testing.assert_array_equal(first.income, second.income)
    assert not np.array_equal(first.income, other.income)


def test_cli_simulate_without_spread_gives_the_hand_worked_figures_on_every_path():
    # With nothing left to draw every simulated path is the plan, worked by hand:
    # rank-rent: 2 sites at 100 = 200 built; 50 % of 2 sites = 1 let at 300 in months 7-12 = 1,800;
    # hosting 2 x 10 x 12 = 240; payout 1,800 - 240 = 1,560; net gain 1,560 - 200 = 1,360; last year's
    # net income a month 1,560 / 12 = 130.
    # domains: 1 domain at 300, always let at 100 a month, no fee, no renewal in year 1: payout 1,200,
    # value 300 (held at cost), net gain 300 + 1,200 - 300 = 1,200.
    cases = {
        "rank-rent": (
            [
                "--sites",
                "2",
                "--build-cost",
                "100",
                "--rent",
                "300",
                "--occupancy",
                "50",
                "--hosting",
                "10",
                "--months-to-rank",
                "6",
                "--occupancy-spread",
                "0",
            ],
            1560.0,
            1360.0,
        ),
        "domains": (
            [
                "--domains",
                "1",
                "--acquisition-cost",
                "300",
                "--lease",
                "100",
                "--occupancy",
                "100",
                "--marketplace-fee",
                "0",
            ],
            1200.0,
            1200.0,
        ),
    }
    for command, (args, payout, net_gain) in cases.items():
        result = runner.invoke(app, [command, *args, "--years", "1", "--simulate", "200", "--seed", "1", "-f", "json"])
        assert result.exit_code == 0, result.stderr
        final = json.loads(result.stdout)["simulation"]["final"]
        for pct in ("p10", "p50", "p90"):
            assert final["total_payout"][pct] == pytest.approx(payout), command
            assert final["net_gain"][pct] == pytest.approx(net_gain), command
