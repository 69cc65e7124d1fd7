"""Sweeps: --vary on any method command and in files; a sweep equals the runs made one by one; grids."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from passivecalc import scenarios
from passivecalc.cli import app
from passivecalc.errors import InputError
from passivecalc.methods import REGISTRY

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def as_json(*args: str) -> dict:
    result = invoke(*args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_range_values_include_both_ends():
    assert scenarios.parse_values("3:6:0.5") == (3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0)
    assert scenarios.parse_values("0:0.3:0.1") == (0.0, 0.1, 0.2, 0.3)  # no 0.30000000000000004
    assert scenarios.parse_values("5:5:1") == (5.0,)
    assert scenarios.parse_values("3, 4,5.5") == (3, 4, 5.5)
    assert scenarios.parse_values("monthly,annual") == ("monthly", "annual")


@pytest.mark.parametrize(
    "text, message",
    [
        ("6:3:1", "'6:3:1': the step must be above 0 and the end at least the start, e.g. 3:6:0.5"),
        ("3:6:0", "'3:6:0': the step must be above 0 and the end at least the start, e.g. 3:6:0.5"),
        ("a:b:c", "'a:b:c' is not a range of numbers such as 3:6:0.5 (3 to 6 by 0.5)"),
        ("3,,4", "'3,,4' has an empty value; give V1,V2,... or a range such as 3:6:0.5 (3 to 6 by 0.5)"),
        ("0:1e6:1", "'0:1e6:1' gives 1,000,001 values (at most 1,000)"),
    ],
)
def test_bad_values(text, message):
    with pytest.raises(InputError) as error:
        scenarios.parse_values(text)
    assert error.value.message == message


def test_a_sweep_equals_the_runs_made_one_by_one():
    swept = as_json("dividend", "--drip", "--contribution", "100", "--vary", "yield=3:5:1")["scenarios"]
    assert [s["name"] for s in swept] == ["yield=3", "yield=4", "yield=5"]
    for scenario, value in zip(swept, ("3", "4", "5"), strict=True):
        alone = as_json("dividend", "--drip", "--contribution", "100", "--yield", value)
        assert scenario["params"] == alone["params"]
        assert scenario["summary"] == alone["summary"]
        assert scenario["rows"] == alone["rows"]


@settings(max_examples=20, deadline=None)
@given(
    method=st.sampled_from(sorted(REGISTRY)),
    years=st.lists(st.integers(1, 40), min_size=1, max_size=3, unique=True),
)
def test_a_sweep_of_years_equals_one_by_one_for_every_method(method, years):
    m = REGISTRY[method]
    sweep = scenarios.parse_vary(m.params, [f"years={','.join(map(str, years))}"])
    specs = scenarios.expand("", m, {}, sweep)
    for spec, n in zip(scenarios.project_all(specs), years, strict=True):
        alone = m.project(m.params(years=n))
        assert spec.name == f"years={n}"
        assert spec.projection.summary() == alone.summary()


def test_two_varies_make_a_grid_of_one_metric():
    data = as_json("dividend", "--vary", "yield=3,4", "--vary", "price_growth=0,5", "--metric", "ending_value")
    names = [s["name"] for s in data["scenarios"]]
    assert names == [
        "yield=3, price_growth=0",
        "yield=3, price_growth=5",
        "yield=4, price_growth=0",
        "yield=4, price_growth=5",
    ]
    grid = data["grid"]
    assert grid["rows"] == {"key": "yield", "values": [3, 4]}
    assert grid["columns"] == {"key": "price_growth", "values": [0, 5]}
    for r, y in enumerate(("3", "4")):
        for c, g in enumerate(("0", "5")):
            alone = as_json("dividend", "--yield", y, "--price-growth", g)
            assert grid["matrix"][r][c] == alone["summary"]["ending_value"]


def test_grid_table_is_a_matrix():
    result = invoke(
        "dividend", "--years", "1", "--vary", "yield=2,4", "--vary", "capital=1000,2000", "--metric", "total_income"
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("│")]
    # total income over one year: capital x yield (quarterly, no growth)
    assert [cell.strip() for cell in lines[0].strip("│").split("│")] == ["2", "$20", "$40"]
    assert [cell.strip() for cell in lines[1].strip("│").split("│")] == ["4", "$40", "$80 *"]
    assert result.stdout.startswith(
        "Total income is best at yield=4, capital=2000: $80.\n\nTotal income: yield (rows) by capital (columns)"
    )


def test_a_sweep_in_a_file_equals_the_command_line(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(
        'version = 1\n[scenarios.s]\nmethod = "dividend"\ndrip = true\nvary = { yield = [3, 4.5] }\n', encoding="utf-8"
    )
    from_file = as_json("run", str(path))["scenarios"]
    from_cli = as_json("dividend", "--drip", "--vary", "yield=3,4.5")["scenarios"]
    assert [s["name"] for s in from_file] == ["s yield=3", "s yield=4.5"]
    for a, b in zip(from_file, from_cli, strict=True):
        assert a["summary"] == b["summary"] and a["rows"] == b["rows"]


def test_a_sweep_of_a_choice_and_a_switch():
    data = as_json("dividend", "--vary", "frequency=monthly,annual", "--vary", "drip=true,false")
    assert len(data["scenarios"]) == 4
    assert data["scenarios"][0]["params"]["frequency"] == "monthly" and data["scenarios"][0]["params"]["drip"] is True


def test_a_sweep_in_compare_typed_scenarios():
    data = as_json("compare", "d: dividend --vary yield=3,6", "p2p")
    assert [s["name"] for s in data["scenarios"]] == ["d yield=3", "d yield=6", "p2p"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--vary", "yeild=3,4"], '--vary: yeild: unknown key (did you mean "yield"?)'),
        (["--vary", "yield"], "--vary: 'yield' is not NAME=V1,V2,... or a range NAME=3:6:0.5 (3 to 6 by 0.5)"),
        (["--vary", "yield=3,400"], "--yield: 400 is out of range (allowed: 0 to 100 %)"),
        (
            ["--vary", "yield=3", "--vary", "yield=4"],
            "--vary: yield is varied twice; give its values once, e.g. yield=3,4,5",
        ),
        (
            ["--vary", "yield=3", "--vary", "tax=1", "--vary", "capital=5"],
            "--vary: 3 keys varied; vary one (a list) or two (a grid)",
        ),
        (
            ["--metric", "irr_pct"],
            "--metric: picks what a grid shows; give two --vary, e.g. --vary yield=3,4,5 --vary price_growth=0,5",
        ),
        (
            ["--vary", "yield=3,4", "--metric", "irr_pct"],
            "--metric: picks what a grid shows; give two --vary (or a file whose vary has two keys)",
        ),
        (["--wide"], "--wide: lays out several scenarios; give --vary NAME=V1,V2,..."),
    ],
)
def test_sweep_errors(args, message):
    result = invoke("dividend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"passivecalc: error: {message}\n"


def test_every_method_command_takes_vary():
    for name in REGISTRY:
        result = invoke(name, "--years", "2", "--vary", "years=1,2", "-f", "csv")
        assert result.exit_code == 0, (name, result.output)
        assert result.stdout.startswith("scenario,year,")


def test_a_sweep_with_simulate_simulates_every_value_on_one_seed():
    swept = as_json("dividend", "--vary", "yield=3,4", "--simulate", "200", "--seed", "5")["scenarios"]
    assert [s["name"] for s in swept] == ["yield=3", "yield=4"]
    compared = as_json(
        "compare", "yield=3: dividend --yield 3", "yield=4: dividend --yield 4", "--simulate", "200", "--seed", "5"
    )
    assert swept == compared["scenarios"]
