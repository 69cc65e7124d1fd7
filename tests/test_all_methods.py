"""Every registered method, including those added later: contracts that hold whatever the method is.

Generic over `passivecalc.methods.REGISTRY`: a new method is covered by adding it to the registry.
"""

from __future__ import annotations

import json
import re
import types
from enum import Enum
from typing import Union, get_args, get_origin

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from conftest import invoke
from passivecalc.errors import option_name
from passivecalc.methods import REGISTRY
from passivecalc.params import build

METHODS = sorted(REGISTRY)


def projection_of(name: str, **values):
    method = REGISTRY[name]
    return method.project(build(method.params, values))


@pytest.mark.parametrize("name", METHODS)
@pytest.mark.parametrize("years", [1, 7, 30])
def test_defaults_keep_every_contract(name, years):
    projection = projection_of(name, years=years)
    assert projection.months == 12 * years and projection.paths == 1
    # Conservation (the Projection contract): value[m] = value[m-1] + contributed + reinvested - returned + revaluation.
    scale = max(1.0, np.abs(projection.value).max(), np.abs(projection.contributed).sum())
    assert np.abs(projection.conservation_error()).max() <= 1e-9 * scale
    for column, extra in projection.all_columns().items():
        assert extra.values.shape == (1, 12 * years), column
        assert np.isfinite(extra.values).all(), column
    for key, figure in projection.summary().items():
        assert figure is None or np.isfinite(figure), key
    assert len(projection.rows("year")) == years
    assert len(projection.rows("month")) == 12 * years


@pytest.mark.parametrize("name", METHODS)
def test_every_method_has_a_description_and_documented_parameters(name):
    method = REGISTRY[name]
    assert method.description and not method.description.endswith(".")
    assert method.project_fn.__module__.startswith("passivecalc.methods.")
    for field, info in method.params.model_fields.items():
        assert info.description, f"{name}: {field} has no help text"
    assert method.scale in method.params.model_fields, f"{name}: scale {method.scale!r} is not a parameter"


@pytest.mark.parametrize("name", METHODS)
def test_inflation_and_start_work_for_every_method(name):
    projection = projection_of(name, years=2, inflation=3, start="2026-05")
    rows = projection.rows("year")
    assert rows[0]["date"] == "2027-04"
    assert "real_value" in rows[0]
    assert all(np.isfinite(v) for v in projection.summary_arrays()["real_ending_value"])


# -- the CLI never breaks: random argument lists built from each method's own options ------------

NUMBER_TEXT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**15), 10**15).map(str),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: f"{x:g}"),
    st.sampled_from(
        ["nan", "-nan", "inf", "-inf", "1e400", "-1e400", "abc", "", " ", "1,5", "0x10", "1_000", "--", "0", "-0"]
    ),
)
ANY_TEXT = st.one_of(st.text(max_size=8), st.sampled_from(["USD", "usd", "2026-01", "2026-13", "", "nan"]))
NAN_OR_INF = re.compile(r"\b(nan|inf|infinity)\b", re.IGNORECASE)


def base_type(annotation):
    if get_origin(annotation) in (Union, types.UnionType):
        return next((a for a in get_args(annotation) if a is not type(None)), annotation)
    return annotation


def option_strategy(name: str, info) -> st.SearchStrategy[list[str]]:
    option = option_name(info.alias or name)
    kind = base_type(info.annotation)
    if kind is bool:
        return st.sampled_from([[option], ["--no-" + option[2:]]])
    if isinstance(kind, type) and issubclass(kind, Enum):
        values = [member.value for member in kind]
        return st.one_of(st.sampled_from(values), st.sampled_from(["", "other", values[0].upper()])).map(
            lambda v: [option, v]
        )
    if kind in (int, float):
        return NUMBER_TEXT.map(lambda v: [option, v])
    return ANY_TEXT.map(lambda v: [option, v])


@st.composite
def argument_lists(draw, name: str) -> list[str]:
    fields = REGISTRY[name].params.model_fields
    chosen = draw(st.lists(st.sampled_from(sorted(fields)), max_size=6, unique=True))
    args = [name]
    for field in chosen:
        args += draw(option_strategy(field, fields[field]))
    args += draw(st.sampled_from([[], ["--format", "csv"], ["--format", "json"], ["--format", "xml"]]))
    args += draw(st.sampled_from([[], ["--period", "month"], ["--period", "week"]]))
    return args


@pytest.mark.slow
@pytest.mark.parametrize("name", METHODS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_random_arguments_never_break_the_cli(name, data):
    args = data.draw(argument_lists(name), label="args")
    result = invoke(args, env={"NO_COLOR": "1"})
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 2:
        assert result.stdout == ""
        one_line = result.stderr.startswith("passivecalc: error: ") and result.stderr.count("\n") == 1
        usage_box = result.stderr.startswith("Usage: passivecalc") and "╭─ Error" in result.stderr
        assert one_line or usage_box, result.stderr
        assert "Traceback" not in result.stderr
    else:
        assert not NAN_OR_INF.search(result.stdout), args


@pytest.mark.parametrize("name", METHODS)
def test_every_method_prices_time_with_hour_value(name):
    # `--hour-value` is a shared setting: every command has it, and the summary adds what the hours cost,
    # net gain - hours x hour value (a plain product here), and an IRR that can only fall when time costs money.
    result = invoke([name, "--hour-value", "25", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["params"]["hour_value"] == 25
    summary = data["summary"]
    assert summary["net_gain_after_time"] == pytest.approx(
        summary["net_gain"] - summary["total_hours"] * 25, rel=1e-12, abs=1e-6
    )
    if summary["irr_after_time_pct"] is not None and summary["irr_pct"] is not None:
        assert summary["irr_after_time_pct"] <= summary["irr_pct"] + 1e-9
