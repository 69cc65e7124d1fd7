"""Zakat: rate, nisab, anniversaries, checked against hand figures and plain loops."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from passivecalc.errors import InputError
from passivecalc.methods import REGISTRY
from passivecalc.params import build
from passivecalc.zakat import (
    SHARIA_NOTES,
    ZAKATABLE,
    anniversary_months,
    default_nisab,
    zakat_due,
)


def flat(amount: float, months: int, paths: int = 1) -> np.ndarray:
    return np.full((paths, months), amount)


def test_a_100000_holding_pays_2500_in_its_first_lunar_year():
    # 2.5 % of 100,000 = 2,500 (the worked example); due in month 12 (day 354 / 30.4375 = 11.6).
    due = zakat_due(flat(100_000.0, 12), nisab=11_554.0)
    assert due.sum() == pytest.approx(2_500.0)
    assert due[0, 11] == pytest.approx(2_500.0) and due[0, :11].sum() == 0


def test_nothing_below_the_nisab():
    assert zakat_due(flat(11_000.0, 24), nisab=11_554.0).sum() == 0.0
    # At exactly the nisab it is due: 2.5 % of 11,554.
    assert zakat_due(flat(11_554.0, 12), nisab=11_554.0).sum() == pytest.approx(288.85)


def test_solar_year_rate():
    # 365 days at 2.577 %: 100,000 -> 2,577 in month 12 (day 365 / 30.4375 = 11.99).
    due = zakat_due(flat(100_000.0, 12), nisab=0.0, year="solar")
    assert due[0, 11] == pytest.approx(2_577.0) and due.sum() == pytest.approx(2_577.0)


def test_zakatable_share():
    # Company-assets approach: 30 % of 100,000 is zakatable -> 750.
    assert zakat_due(flat(100_000.0, 12), share=0.30, nisab=0.0).sum() == pytest.approx(750.0)
    # The nisab is compared with the zakatable wealth, not the whole holding: 30 % of 30,000 = 9,000 < 11,554.
    assert zakat_due(flat(30_000.0, 12), share=0.30, nisab=11_554.0).sum() == 0.0


def loop_anniversaries(months: int, year_days: int) -> list[int]:
    """A plain loop over days: day d (1, 2, ...) lies in month floor(d / 30.4375); an anniversary every year_days."""
    found = []
    day = 1
    while day < months * 30.4375:
        if day % year_days == 0:
            found.append(int(day // 30.4375))
        day += 1
    return found


@pytest.mark.parametrize("year, days", [("lunar", 354), ("solar", 365)])
def test_anniversaries_over_ten_years_match_a_loop_over_days(year, days):
    months = 120
    assert anniversary_months(months, year).tolist() == loop_anniversaries(months, days)


def test_ten_years_hold_ten_lunar_and_ten_solar_anniversaries():
    # 3,652.5 days / 354 = 10.3 lunar years; / 365 = 10.007 solar years.
    assert len(anniversary_months(120, "lunar")) == 10
    assert len(anniversary_months(120, "solar")) == 10
    # 33 solar years hold 34 lunar ones (33 x 365.25 / 354 = 34.05).
    assert len(anniversary_months(33 * 12, "lunar")) == 34


def test_default_nisab_is_85_grams_at_the_last_gold_price():
    nisab = default_nisab()
    # data/gold-usd-monthly.csv ends at 2026-06, 4,228 USD a troy ounce: 85 / 31.1035 x 4,228 = 11,554.33.
    assert nisab.gold_month == "2026-06" and nisab.usd_per_troy_ounce == 4228.0
    assert nisab.amount == pytest.approx(85 / 31.1035 * 4228, rel=1e-12)
    assert nisab.amount == pytest.approx(11_554.33, abs=0.01)
    assert "2026-06" in nisab.describe() and "today's gold price" in nisab.describe()


def test_every_method_has_a_zakatable_wealth_and_a_sharia_note():
    assert set(ZAKATABLE) == set(REGISTRY)
    assert set(SHARIA_NOTES) == set(REGISTRY)
    assert all(0 < entry.share <= 1 for entry in ZAKATABLE.values())


@given(
    st.lists(st.floats(min_value=0, max_value=1e9, allow_nan=False), min_size=1, max_size=60),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1e7),
    st.sampled_from(["lunar", "solar"]),
)
def test_zakat_is_never_negative_nor_above_the_rate(values, share, nisab, year):
    value = np.array([values])
    due = zakat_due(value, share=share, nisab=nisab, year=year)
    assert np.all(np.isfinite(due)) and np.all(due >= 0)
    rate = 0.025 if year == "lunar" else 0.02577
    assert np.all(due <= rate * share * value + 1e-9)
    # Monotone in the share when no nisab binds.
    assert np.all(
        zakat_due(value, share=min(1.0, share + 0.1), nisab=0.0, year=year)
        >= zakat_due(value, share=share, nisab=0.0, year=year)
    )


def test_paths_are_independent():
    value = np.vstack([flat(100_000.0, 12), flat(5_000.0, 12)])
    due = zakat_due(value, nisab=11_554.0)
    assert due.sum(axis=1).tolist() == pytest.approx([2_500.0, 0.0])


def test_bad_share_is_refused():
    with pytest.raises(ValueError):
        zakat_due(flat(1.0, 12), share=1.5)


@pytest.mark.parametrize(
    "key, value, option",
    [("zakatable", 120, "--zakatable"), ("nisab", -1, "--nisab"), ("zakat_year", "x", "--zakat-year")],
)
def test_zakat_settings_out_of_range_are_refused_naming_the_option(key, value, option):
    # The settings as the command line and scenario files give them (Params): a zakatable share outside
    # 0-100 %, a negative nisab, a year other than lunar or solar; the error names the option.
    with pytest.raises(InputError) as refused:
        build(REGISTRY["dividend"].params, {"zakat": True, key: value})
    assert refused.value.as_option().startswith(f"{option}: ")
