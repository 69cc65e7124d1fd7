"""Every effort method, fuzzed over each option's whole declared range: no output figure is ever non-finite.

Hypothesis draws every numeric field anywhere between its bounds, subnormal numbers included (the
smallest price, cost or rate a user could type), optional fields left out or given, and runs the plain
projection and a small simulation. A non-finite figure in any column, own column or summary would be
printed as nan/inf in CSV or silently become null in JSON.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from passivecalc.draws import Draws
from passivecalc.errors import InputError
from passivecalc.methods import get
from passivecalc.params import bounds_of, build, number_type

METHODS = ("blog", "ebook", "course", "dropship", "domains", "rank-rent")
SCENARIO = {"years", "inflation", "currency", "start"}


def field_strategy(name, info):
    if name == "royalty":  # KDP's two plans; any other number is refused before the method runs
        return st.sampled_from([None, 35, 70])
    kind = number_type(info)
    if kind is None:
        members = getattr(info.annotation, "__members__", None)  # an Enum: any of its values
        return st.sampled_from([member.value for member in members.values()]) if members else None
    b = bounds_of(info)
    low = b.get("ge", b.get("gt", 0.0))
    high = b.get("le", b.get("lt", 1e9))
    if kind is int:
        values = st.integers(int(np.ceil(low)), int(high))
    else:
        # Subnormal numbers are drawn wherever the range holds them (hypothesis's default).
        values = st.floats(float(low), float(high), allow_nan=False, allow_infinity=False, exclude_min="gt" in b)
    return st.one_of(st.none(), values) if info.default is None else values


def params_strategy(method):
    fields = {}
    for name, info in get(method).params.model_fields.items():
        if name in SCENARIO:
            continue
        strategy = field_strategy(name, info)
        if strategy is not None:
            fields[info.alias or name] = strategy
    fields["years"] = st.integers(1, 4)
    return st.fixed_dictionaries({}, optional=fields)


def assert_finite(projection, label):
    for name, column in projection.all_columns().items():
        assert np.isfinite(column.values).all(), f"{label}: column {name}"
    for key, values in projection.summary_arrays(irr=False).items():
        assert not np.isinf(values).any(), f"{label}: summary {key}"


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60)
@given(data=st.data())
def test_no_output_is_non_finite_anywhere_in_the_declared_ranges(method, data):
    values = data.draw(params_strategy(method))
    chosen = get(method)
    try:
        params = build(chosen.params, values)
    except InputError:
        assume(False)
        return
    assert_finite(chosen.project(params), f"{method} {values}")
    simulated = chosen.project(params, Draws(params.months, 3, np.random.default_rng(1)))
    assert_finite(simulated, f"{method} simulated {values}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dropship", "--cpa", "1e-320"], "--cpa: 1e-320 is out of range (allowed: 0.01 to 1,000,000)"),
        (["dropship", "--price", "0.001"], "--price: 0.001 is out of range (allowed: 0.01 to 1,000,000)"),
        (
            ["blog", "--setup-cost", "1e-311"],
            "--setup-cost: 1e-311 is too small to mean anything (allowed: 0, or at least 1e-06 in size)",
        ),
        (
            ["course", "--hours-to-create", "5e-324"],
            "--hours-to-create: 4.94066e-324 is too small to mean anything (allowed: 0, or at least 1e-06 in size)",
        ),
    ],
)
def test_crumbs_are_refused_in_one_line(args, message):
    from typer.testing import CliRunner

    from passivecalc.cli import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"
