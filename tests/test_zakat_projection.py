"""Zakat in projections: --zakat adds a zakat column, counted in costs, on every method."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.methods import REGISTRY
from passivecalc.params import build

runner = CliRunner()


def project(method: str, **values):
    entry = REGISTRY[method]
    return entry.project(build(entry.params, values))


def yearly(projection, column: str) -> np.ndarray:
    return np.array([row[column] for row in projection.rows("year")])


def test_a_100000_holding_with_no_growth_and_no_yield_pays_2500_in_its_first_lunar_year():
    # 2.5 % of 100,000 (the worked case): the first lunar anniversary, day 354, falls in month 12.
    projection = project("dividend", capital=100_000, yield_=0, years=2, zakat=True, nisab=10_000)
    assert yearly(projection, "zakat")[0] == pytest.approx(2_500)
    assert projection.summary()["total_zakat"] == pytest.approx(2_500 + 0.025 * projection.value[0, 23])


def test_no_zakat_below_the_nisab():
    projection = project("dividend", capital=5_000, yield_=0, years=3, zakat=True, nisab=10_000)
    assert yearly(projection, "zakat").sum() == 0


def test_a_solar_year_pays_2577_per_cent_on_day_365():
    # 2.577 % of 100,000 = 2,577, in the month holding day 365 (month 12: days 334.8 to 365.25).
    projection = project("dividend", capital=100_000, yield_=0, years=1, zakat=True, nisab=10_000, zakat_year="solar")
    assert yearly(projection, "zakat")[0] == pytest.approx(2_577)


def test_zakatable_share_scales_the_zakat():
    # 30 % zakatable (company-assets approach): 2.5 % of 30,000 = 750.
    projection = project("dividend", capital=100_000, yield_=0, years=1, zakat=True, nisab=10_000, zakatable=30)
    assert yearly(projection, "zakat")[0] == pytest.approx(750)


@pytest.mark.parametrize("method", sorted(REGISTRY))
def test_zakat_is_a_cost_and_keeps_the_projection_identities(method):
    plain = project(method, years=5)
    paid = project(method, years=5, zakat=True, nisab=0)
    zakat = paid.extras["zakat"].values
    assert (zakat >= 0).all()
    np.testing.assert_allclose(paid.costs - plain.costs, zakat, atol=1e-6)
    np.testing.assert_allclose(paid.net_income, paid.income - paid.costs - paid.taxes, atol=1e-6)
    np.testing.assert_allclose(paid.payout, paid.net_income - paid.reinvested, atol=1e-6)
    np.testing.assert_allclose(paid.conservation_error(), 0, atol=1e-6)
    # With a nisab of 0, every anniversary with something owned pays 2.5 % of what is zakatable.
    index = np.flatnonzero(zakat[0])
    assert len(index) == 0 or (zakat[0, index] <= 0.025 * paid.value[0, index] + 1e-9).all()


def test_the_default_nisab_in_another_currency_comes_with_a_note():
    projection = project("dividend", capital=100_000, years=1, zakat=True, currency="SAR")
    assert any("nisab" in note and "SAR" in note for note in projection.notes)


def test_zakatable_above_100_is_refused_in_one_line():
    result = runner.invoke(app, ["dividend", "--zakat", "--zakatable", "150"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--zakatable" in result.stderr and "150" in result.stderr


def test_under_drip_zakat_sells_units_as_a_plain_month_loop_does():
    # A plain loop: monthly dividends of 4 %/12 reinvested, 0.5 %/12 of units sold for fees, then on each
    # lunar anniversary (months 12, 24, 35) 2.5 % of the holding sold when it is at least the nisab.
    projection = project(
        "dividend",
        capital=100_000,
        yield_=4,
        frequency="monthly",
        drip=True,
        years=3,
        zakat=True,
        nisab=10_000,
        expense_ratio=0.5,
    )
    price = projection.value[0, 0] / projection.extras["shares"].values[0, 0]  # no price growth: the start price
    units, expected = 100_000 / price, []
    for month in range(1, 37):
        units += units * 0.04 / 12  # the dividend, bought back at the same price
        units *= 1 - 0.005 / 12
        if month in (12, 24, 35):
            expected.append(0.025 * units * price)
            units *= 0.975
    zakat = projection.extras["zakat"].values[0]
    np.testing.assert_allclose(zakat[[11, 23, 34]], expected, rtol=1e-12)
    assert zakat.sum() == pytest.approx(sum(expected))
    np.testing.assert_allclose(projection.value[0, -1], units * price, rtol=1e-12)
    np.testing.assert_allclose(projection.conservation_error(), 0, atol=1e-6)
