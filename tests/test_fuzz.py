"""Fuzzing the command line: scenario and portfolio files, and the options test_all_methods.py leaves out.

Whatever the input, passivecalc keeps the same promises:
- the exit code is 0, 1 or 2, and no exception escapes (no traceback);
- exit 2 (bad input) prints nothing on stdout and one line on stderr starting with "passivecalc:"
  (or, for a value the option parser itself refuses by type, its usage box, as test_all_methods.py allows);
- exit 0 carries no non-finite figure: no nan/inf token in CSV or JSON (JSON is parsed with a hook that
  refuses NaN and Infinity), nor in a table;
- names print literally: a scenario named "[red]a" shows as "[red]a", never as markup.

test_all_methods.py::test_random_arguments_never_break_the_cli covers each method's own options with
random numbers; this file covers scenario files (valid-shaped with wrong values, and garbage) for run,
compare and portfolio, and the options it does not draw: values with % or thousands commas, --vary,
--simulate, --seed, -o paths and goal --target strings.

The budget is fixed: a few dozen examples a test, derandomized by the "repeatable" profile of
conftest.py, so CI runs the same inputs every time (`HYPOTHESIS_PROFILE=thorough` searches afresh).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from typer.testing import CliRunner

from passivecalc.cli import app_for
from passivecalc.methods import REGISTRY
from passivecalc.params import number_type
from passivecalc.scenarios import SHARED_KEYS

METHODS = sorted(REGISTRY)
FORMATS = ["table", "csv", "json"]
NAN_OR_INF = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])", re.IGNORECASE)
# Names that rich would read as markup or emoji codes if a name reached it as markup.
MARKUP_NAMES = ["[/x]", "[red]a", "[bold]b[/bold]", "[link=https://x.y]c[/link]", "\\[d]", ":smile:", "[/]", "e[", "[f"]


class NonFinite(ValueError):
    pass


def _refuse_constant(text: str) -> Any:
    raise NonFinite(f"JSON carries {text}")


def invoke(args: list[str]):
    # app_for: only the command asked for is built, as the console script does (and much quicker).
    return CliRunner().invoke(app_for(args), args, env={"NO_COLOR": "1", "COLUMNS": "200"})


def check(result, args: list[str], fmt: str | None = None, names: list[str] | None = None) -> None:
    """The promises every run keeps, whatever its input (module docstring)."""
    try:
        event(f"exit {result.exit_code}")
    except InvalidArgument:  # an explicit example, outside @given
        pass
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr, (args, result.stderr)
    if result.exit_code == 2:
        assert result.stdout == "", (args, result.stdout[:300])
        # Notes (one line each, "note: ...") may come before the error line.
        lines = [line for line in result.stderr.rstrip("\n").split("\n") if not line.startswith("note: ")]
        one_line = len(lines) == 1 and lines[0].startswith("passivecalc:") and result.stderr.endswith("\n")
        usage_box = result.stderr.startswith("Usage: passivecalc") and "╭─ Error" in result.stderr
        assert one_line or usage_box, (args, result.stderr)
        return
    if result.exit_code != 0:
        return
    out = result.stdout
    if fmt == "json":
        try:
            json.loads(out, parse_constant=_refuse_constant)
        except NonFinite as error:
            raise AssertionError((args, str(error))) from None
    elif fmt == "csv":
        assert not NAN_OR_INF.search(out), (args, NAN_OR_INF.search(out))
    else:
        shown = out
        for name in names or []:
            shown = shown.replace(name, "")
        assert not NAN_OR_INF.search(shown), (args, NAN_OR_INF.search(shown))
    if names and fmt in (None, "table"):
        # Control characters (a "\r" in a quoted TOML key) are rightly left out of a terminal table.
        for name in (n for n in names if n.isprintable()):
            assert name in out, (args, name)


# -- TOML text, written by hand (the standard library reads TOML but does not write it) ------------


def toml_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)  # TOML basic strings take JSON's escapes
    return quoted.replace("\x7f", "\\u007f")


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)  # a date or time, written as TOML writes it


def toml_document(top: dict[str, Any], word: str, tables: dict[str, dict[str, Any]]) -> str:
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in top.items()]
    for name, table in tables.items():
        lines.append(f"\n[{word}.{toml_key(name)}]")
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


# -- values: extremes, wrong types, unicode ----------------------------------------------------------

EXTREME_NUMBERS = st.sampled_from(
    [
        0,
        -1,
        1,
        0.0,
        -0.0,
        1e-320,
        5e-324,
        -1e-320,
        1e-9,
        1e308,
        -1e308,
        1.7976931348623157e308,
        10**20,
        -(10**20),
        2**63 - 1,
        2**63,
        10**400,
        100,
        100.0001,
        99.9999,
        float("inf"),
        float("-inf"),
        float("nan"),
    ]
)
NUMBERS = st.one_of(
    EXTREME_NUMBERS,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e3, 1e3),
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
WRONG_TYPES = st.one_of(
    st.booleans(),
    TEXT,
    st.sampled_from(["4%", "10,000", "abc", "", "1e-320", "2026-01", "monthly", "true", "3:6:0.5"]),
    st.lists(NUMBERS, max_size=3),
    st.dictionaries(st.sampled_from(["a", "yield"]), NUMBERS, max_size=2),
    st.dates(),
)
VALUES = st.one_of(NUMBERS, NUMBERS, WRONG_TYPES)
NAMES = st.one_of(
    st.sampled_from(MARKUP_NAMES),
    st.sampled_from(["safe", "a b", "ربح", "توزيعات ٤٪", "x.y", "名前", ""]),
    TEXT,
).filter(lambda n: not NAN_OR_INF.search(n))


def enum_values(model, key: str) -> list[str]:
    field = {info.alias or name: info for name, info in model.model_fields.items()}[key]
    kind = field.annotation
    return [m.value for m in kind] if isinstance(kind, type) and issubclass(kind, Enum) else []


def plausible(model, key: str) -> st.SearchStrategy[Any]:
    """A value near the field's default (0, half, the default, twice it), or one of its choices."""
    info = {i.alias or n: i for n, i in model.model_fields.items()}[key]
    choices = enum_values(model, key)
    if choices:
        return st.sampled_from(choices)
    default = info.default
    if isinstance(default, (bool, str)) or default is None:
        return st.just(default) if isinstance(default, str) else st.booleans()
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, (int, float)):
        kind = number_type(info) or float
        return st.sampled_from([0, 0.5, 1, 2]).map(lambda f: kind(default * f))
    return VALUES


@st.composite
def method_table(draw, word: str, names: list[str]) -> dict[str, Any]:
    """One [scenarios.NAME] or [streams.NAME] table: a method, a few of its keys, now and then a wrong one."""
    method = draw(st.sampled_from(METHODS))
    model = REGISTRY[method].params
    odd = draw(st.integers(0, 3)) == 0  # a quarter of the tables get odd values; the rest stay plausible
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    # Streams take the shared settings at the top only; plausible tables leave out keys with no default.
    own = [
        k
        for k, info in fields.items()
        if (odd or (k not in SHARED_KEYS or word == "scenarios") and info.default is not None)
    ]
    table: dict[str, Any] = {
        "method": draw(st.one_of(st.sampled_from(["Dividend", "nope", ""]), NUMBERS))
        if odd and draw(st.booleans())
        else method
    }
    for key in draw(st.lists(st.sampled_from(own), max_size=4, unique=True)):
        table[key] = draw(st.one_of(plausible(model, key), VALUES) if odd else plausible(model, key))
    if (word == "scenarios" or odd) and draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(own))
        table["vary"] = draw(
            st.one_of(
                st.sampled_from(
                    ["3:6:1", "0:10:1e-320", "1:2:0.5", "3,4,5", "", "a:b:c", "1e308:inf:1", "5:1:1", "0:1000000:1"]
                ),
                st.lists(VALUES, max_size=3),
                st.lists(plausible(model, key), min_size=1, max_size=3),
                VALUES,
            ).map(lambda v: {key: v})
        )
    if odd and draw(st.booleans()):
        table[draw(st.sampled_from(["yeild", "unknown", "ربح", "[red]k"]))] = draw(VALUES)
    if word == "streams":
        if draw(st.booleans()):
            table["start_month"] = draw(st.one_of(st.integers(1, 12), NUMBERS) if odd else st.integers(1, 12))
        if names and draw(st.booleans()):
            table["fund_from"] = draw(st.sampled_from([*names, "nobody"]))
            if draw(st.booleans()):
                table["share"] = draw(st.one_of(st.floats(0, 100), NUMBERS) if odd else st.sampled_from([10, 50, 100]))
    return table


@st.composite
def valid_shaped_files(draw) -> tuple[str, str, list[str]]:
    """TOML text of version 1 with [scenarios.NAME] or [streams.NAME] tables; returns (word, text, names)."""
    word = draw(st.sampled_from(["scenarios", "streams"]))
    names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
    odd = draw(st.integers(0, 3)) == 0
    top: dict[str, Any] = {
        "version": draw(st.sampled_from([2, 1.0, "1", True, 0])) if odd and draw(st.booleans()) else 1
    }
    # Few years keep the budget: the fuzz is about the values, not the horizon.
    top["years"] = draw(st.one_of(st.integers(1, 3), NUMBERS) if odd else st.integers(1, 3))
    for key in draw(
        st.lists(
            st.sampled_from(["inflation", "currency", "start", "bogus"] if odd else ["inflation", "currency", "start"]),
            max_size=2,
            unique=True,
        )
    ):
        ordinary = {
            "inflation": st.sampled_from([0, 3, 25.5]),
            "currency": st.sampled_from(["SAR", "AED", "EGP", "usd"]),
            "start": st.sampled_from(["2026-05", "2026-13", "1900-01"]),
            "bogus": VALUES,
        }[key]
        top[key] = draw(st.one_of(ordinary, VALUES) if odd else ordinary)
    tables = {name: draw(method_table(word, names)) for name in names}
    return word, toml_document(top, word, tables), names


def deep(depth: int, kind: str) -> str:
    if kind == "array":
        return "version = 1\nx = " + "[" * depth + "]" * depth + "\n"
    if kind == "inline":
        return "version = 1\nx = " + "{a = " * depth + "1" + "}" * depth + "\n"
    return "version = 1\n[" + ".".join(["a"] * depth) + "]\n"


GARBAGE = st.one_of(
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.builds(deep, st.integers(1, 600), st.sampled_from(["array", "inline", "table"])).map(str.encode),
    st.sampled_from(
        [
            "version = 1\nyears = 1" + "0" * 5000 + "\n",  # more digits than int() reads from text
            "version = 1e999999\n",
            "version = 1\n[scenarios]\n",
            "version = 1\nscenarios = 3\n",
            "version = 1\n[scenarios.a]\n",
            'version = 1\n[scenarios.a]\nmethod = "dividend"\n[streams.b]\nmethod = "p2p"\n',
            'version = 1\n[streams.a]\nmethod = "dividend"\nfund_from = "a"\n',
            '\ufeffversion = 1\n[scenarios.a]\nmethod = "dividend"\n',
            'version = 1\n[scenarios.a]\nmethod = "dividend"\nyield = 1e-320\nshare_price = 1e-306\n',
            "",
        ]
    ).map(str.encode),
)


def scenario_commands(word: str) -> st.SearchStrategy[str]:
    # Each command also gets the other kind of file now and then: it must say which command reads it.
    main = ["portfolio"] if word == "streams" else ["run", "compare"]
    return st.one_of(
        st.sampled_from(main),
        st.sampled_from(main),
        st.sampled_from(main),
        st.sampled_from(["run", "compare", "portfolio"]),
    )


def run_file(command: str, content: bytes, fmt: str, names: list[str] | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(content)
        args = [command, str(path), "-f", fmt]
        result = invoke(args)
        check(result, [*args, content.decode("utf-8", "replace")[:300]], fmt, names if result.exit_code == 0 else None)
        assert os.listdir(folder) == ["plan.toml"]


@pytest.mark.slow
@settings(max_examples=120)
@given(file=valid_shaped_files(), data=st.data(), fmt=st.sampled_from(FORMATS))
def test_valid_shaped_scenario_files_never_break_the_cli(file, data, fmt):
    word, text, names = file
    command = data.draw(scenario_commands(word), label="command")
    # Table output names every scenario (sweeps add to a name, so look for the name only without one).
    literal = names if fmt == "table" and "vary" not in text and command != "portfolio" else None
    run_file(command, text.encode("utf-8"), fmt, literal)


@pytest.mark.slow
@settings(max_examples=60)
@given(content=GARBAGE, command=st.sampled_from(["run", "compare", "portfolio"]), fmt=st.sampled_from(FORMATS))
def test_garbage_files_never_break_the_cli(content, command, fmt):
    run_file(command, content, fmt)


@pytest.mark.parametrize("name", MARKUP_NAMES)
@pytest.mark.parametrize("command", ["run", "compare"])
def test_scenario_names_print_literally(name, command):
    text = toml_document(
        {"version": 1, "years": 2}, "scenarios", {name: {"method": "dividend"}, "plain": {"method": "p2p"}}
    )
    run_file(command, text.encode("utf-8"), "table", [name, "plain"])


@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_stream_names_print_literally(name):
    text = toml_document(
        {"version": 1, "years": 2}, "streams", {name: {"method": "dividend"}, "plain": {"method": "blog"}}
    )
    run_file("portfolio", text.encode("utf-8"), "table", [name, "plain"])


@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_typed_scenario_names_print_literally(name):
    args = ["compare", f"{name}: dividend --years 2", "p2p --years 2"]
    result = invoke(args)
    if " " in name or ":" in name or not name.strip():
        return  # not a name when typed: NAME ends at the first colon and holds no space
    check(result, args, "table", [name] if result.exit_code == 0 else None)
    assert result.exit_code == 0, (args, result.stderr)


# -- options test_all_methods.py does not draw ---------------------------------------------------------

ODD_NUMBERS = st.sampled_from(
    [
        "0",
        "-1",
        "1e-320",
        "1e308",
        "-1e308",
        "4%",
        "10,000",
        "1,5",
        "abc",
        "",
        " ",
        "99999999999999999999999999",
        "2000/month",
        "1e3",
        "0.5",
        "nan",
        "inf",
        "+5",
        "٤",
        "１",
    ]
)
# Odd values half the time, ordinary ones otherwise, so that runs get past validation and print figures.
SOME_NUMBERS = st.one_of(
    ODD_NUMBERS, st.sampled_from(["1", "4", "10", "100", "1000", "0.5", "50", "1e-4", "20000", "0.01"])
)
ODD_INTS = st.sampled_from(
    [
        "0",
        "-1",
        "1",
        "2",
        "17",
        "abc",
        "",
        "1.5",
        "1e3",
        "1000001",
        "99999999999999999999999",
        str(2**63),
        str(2**63 - 1),
        "10,000",
        "4%",
    ]
)


def numeric_keys(name: str) -> list[str]:
    return [info.alias or field for field, info in REGISTRY[name].params.model_fields.items() if number_type(info)]


@st.composite
def vary_specs(draw, name: str) -> list[str]:
    known = numeric_keys(name)
    out = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        key = draw(st.one_of(st.sampled_from(known), st.sampled_from(["yeild", "", "years"])))
        values = draw(
            st.one_of(
                st.sampled_from(
                    [
                        "0:10:1e-320",
                        "3:6",
                        "3:6:1",
                        "1,2",
                        "1:3:1",
                        "0.5:1:0.25",
                        "1e-320:1e-319:1e-321",
                        "1:2:0.25",
                        "3,4,5",
                        "4%,5%",
                        "10,000",
                        "",
                        ",",
                        "a,b",
                        "1e308,1e308",
                        "-1,0,1",
                        "nan",
                        "inf:inf:1",
                        "0:1:0",
                        "6:3:1",
                    ]
                ),
                st.builds(lambda a, b, c: f"{a}:{b}:{c}", ODD_NUMBERS, ODD_NUMBERS, ODD_NUMBERS),
            )
        )
        out += ["--vary", f"{key}={values}"]
    return out


@st.composite
def option_lists(draw, name: str, folder: str) -> tuple[list[str], str | None]:
    """A method command with odd values; returns the arguments and the format asked for (None: from -o or table)."""
    args = [name, "--years", draw(st.sampled_from(["1", "2"]))]
    for key in draw(st.lists(st.sampled_from(numeric_keys(name)), max_size=2, unique=True)):
        args += [f"--{key.replace('_', '-')}", draw(SOME_NUMBERS)]
    if draw(st.booleans()):
        args += draw(vary_specs(name))
    if draw(st.booleans()):
        args += ["--simulate", draw(st.one_of(ODD_INTS, st.sampled_from(["50", "200"])))]
    if draw(st.booleans()):
        args += ["--seed", draw(ODD_INTS)]
    if draw(st.integers(0, 3)) == 0:
        args += ["--target", draw(SOME_NUMBERS)]
    fmt = draw(st.sampled_from([None, "table", "csv", "json"]))
    if fmt:
        args += ["-f", fmt]
    if draw(st.integers(0, 3)) == 0:
        target = draw(
            st.sampled_from(
                ["out.csv", "out.json", "out.txt", "out.xyz", "no/such/folder/out.csv", "", ".", "sub", "out.csv/"]
            )
        )
        args += ["-o", os.path.join(folder, target) if target else target]
        fmt = "file"
    return args, fmt


def check_output_file(result, args: list[str], folder: str) -> None:
    """-o: the file written whole on exit 0 ("wrote PATH" on stderr), and no temp file left either way."""
    left = [n for n in os.listdir(folder) if n.endswith(".tmp")]
    assert not left, (args, left)
    if result.exit_code == 0:
        assert result.stdout == "", (args, result.stdout[:300])
        written = result.stderr.rstrip("\n").split("\n")[-1]
        assert written.startswith("wrote "), (args, result.stderr)
        path = Path(written.removeprefix("wrote "))
        assert path.is_file(), args
        content = path.read_bytes()
        if path.suffix == ".json":
            try:
                json.loads(content, parse_constant=_refuse_constant)
            except NonFinite as error:
                raise AssertionError((args, str(error))) from None
        elif path.suffix in (".csv", ".txt"):
            assert not NAN_OR_INF.search(content.decode("utf-8")), args


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dividend", "p2p", "staking", "blog", "dropship", "domains"])
@settings(max_examples=20)
@given(data=st.data())
def test_odd_option_values_never_break_the_cli(name, data):
    with tempfile.TemporaryDirectory() as folder:
        os.mkdir(os.path.join(folder, "sub"))
        args, fmt = data.draw(option_lists(name, folder), label="args")
        result = invoke(args)
        check(result, args, None if fmt == "file" else fmt)
        if fmt == "file":
            check_output_file(result, args, folder)


@st.composite
def goal_lists(draw) -> tuple[list[str], str | None]:
    name = draw(st.sampled_from(["dividend", "p2p", "blog", "staking"]))
    args = ["goal", name, "--years", draw(st.sampled_from(["1", "3"])), "--target", draw(SOME_NUMBERS)]
    for key in draw(st.lists(st.sampled_from(numeric_keys(name)), max_size=1)):
        args += [f"--{key.replace('_', '-')}", draw(SOME_NUMBERS)]
    if draw(st.booleans()):
        args += ["--confidence", draw(SOME_NUMBERS)]
        if draw(st.booleans()):
            args += ["--paths", draw(st.one_of(ODD_INTS, st.just("100")))]
    if draw(st.booleans()):
        args += ["--seed", draw(ODD_INTS)]
    fmt = draw(st.sampled_from([None, "csv", "json"]))
    if fmt:
        args += ["-f", fmt]
    return args, fmt


@pytest.mark.slow
@settings(max_examples=40)
@given(drawn=goal_lists())
def test_goal_targets_never_break_the_cli(drawn):
    args, fmt = drawn
    result = invoke(args)
    check(result, args, fmt)
    if result.exit_code == 0 and fmt is not None:
        # CSV and JSON put the answer's sentence on stderr: it is a figure too.
        assert not NAN_OR_INF.search(result.stderr), (args, result.stderr)
