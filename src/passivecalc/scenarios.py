"""Scenario files (TOML), sweeps, and the projection of many scenarios for compare.

A scenario file, version 1:

    version = 1
    years = 20                 # shared settings (years, inflation, currency, start)
                               # apply to every scenario; a scenario may override them
    [scenarios.safe]           # one table per scenario, named
    method = "dividend"        # a method of the registry
    yield = 4                  # its parameters under their keys (the CLI options' words)
    drip = true
    vary = { yield = "3:6:0.5" }   # optional sweep: one scenario per value (two keys: a grid)

A portfolio file holds `[streams.NAME]` tables instead, each a scenario plus
`start_month`, `fund_from` and `share` (see portfolio.py); shared settings
then belong at the top only, since streams add up month by month.

Everything goes through the registry and the Params models: keys, bounds and
messages come from the field declarations, so a method added to the registry
works here with no code of its own. Errors name the file, the scenario and
the key: `plan.toml: scenario "safe": yeild: unknown key (did you mean "yield"?)`.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from passivecalc.errors import InputError
from passivecalc.methods import REGISTRY, Method
from passivecalc.params import Params, build, did_you_mean, keys, upper_bound
from passivecalc.result import Scenario

FORMAT_VERSION = 1
SHARED_KEYS = tuple(keys(Params).values())  # years, inflation, currency, start
STREAM_KEYS = ("start_month", "fund_from", "share")
# A sweep (or grid) projects one scenario per value (per cell): keep it to a size a person reads.
MAX_SWEEP = 1000
# The smallest step of a range such as 3:6:0.5; below it (subnormal numbers such as 1e-320 included)
# the values could not be told apart in any output.
MIN_STEP = 1e-9
# Scenario and portfolio files larger than this are refused before they are read (a plan is a few KB).
MAX_FILE_BYTES = 1 << 20


@dataclass(frozen=True)
class Spec:
    """A scenario ready to project: its name, method and validated parameters."""

    name: str
    method: Method
    params: Params


@dataclass(frozen=True)
class Sweep:
    """The keys a sweep varies and their values, in order: one key is a list, two a grid."""

    axes: tuple[tuple[str, tuple[Any, ...]], ...]

    @property
    def is_grid(self) -> bool:
        return len(self.axes) == 2


@dataclass(frozen=True)
class ScenarioSet:
    """What a file (or a command line) asks to compare: the scenarios, and the sweep that made them, if one did."""

    specs: tuple[Spec, ...]
    sweep: Sweep | None = None


# -- projecting ----------------------------------------------------------------


def project(spec: Spec) -> Scenario:
    """One scenario projected: the single place compare, run and sweeps project."""
    return Scenario(spec.name, spec.method.name, spec.params, spec.method.project(spec.params))


def project_all(specs: Iterable[Spec], max_work: float = 1.0) -> list[Scenario]:
    """Every scenario projected, after checking the work budget (InputError when over it)."""
    specs = list(specs)
    check_work(specs, max_work=max_work)
    return [project(spec) for spec in specs]


def check_work(specs: list[Spec], paths: int | None = None, max_work: float = 1.0) -> None:
    """Refuse (InputError, exit 2) projecting or simulating these scenarios when over the work budget.

    paths: None for plain projections (compare, run, sweeps), else the paths each scenario simulates
    (compare --simulate, one after another). max_work multiplies the budget (risk.check_work).
    """
    from passivecalc import risk

    if not specs:
        return
    months = max(spec.params.months for spec in specs)
    work = risk.estimate_work([spec.method.name for spec in specs], months, paths, together=paths is None)
    reduce = "fewer scenarios or --vary values" + (" or fewer paths (--simulate)" if paths is not None else "")
    risk.check_work(work, max_work, reduce=reduce)


# -- sweeps ----------------------------------------------------------------------


def parse_values(text: str) -> tuple[Any, ...]:
    """`3,4,5` -> (3, 4, 5); `3:6:0.5` -> (3.0, 3.5, ..., 6.0), end included.

    Numbers become numbers; other values (true/false, choices) stay text, which
    the Params model converts as it converts a CLI option.
    """
    text = text.strip()
    if re.fullmatch(r"[^,]+:[^,]+:[^,]+", text):
        return range_values(text)
    values = tuple(v.strip() for v in text.split(","))
    if not text or any(v == "" for v in values):
        raise InputError(
            "vary", f"'{text}' has an empty value; give V1,V2,... or a range such as 3:6:0.5 (3 to 6 by 0.5)"
        )
    return tuple(_number_or_text(v) for v in values)


def _number_or_text(text: str) -> Any:
    """'4' -> 4, '4.5' -> 4.5 (so that messages and JSON show numbers); 'monthly', 'true' stay text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def range_values(text: str) -> tuple[float, ...]:
    """A range 'start:end:step', both ends included, e.g. 3:6:0.5 -> 3, 3.5, ..., 6."""
    try:
        start, end, step = (float(part) for part in text.split(":"))
    except ValueError:
        raise InputError("vary", f"'{text}' is not a range of numbers such as 3:6:0.5 (3 to 6 by 0.5)") from None
    if not all(math.isfinite(x) for x in (start, end, step)):
        raise InputError("vary", f"'{text}' is not a range of finite numbers")
    if step <= 0 or end < start:
        raise InputError("vary", f"'{text}': the step must be above 0 and the end at least the start, e.g. 3:6:0.5")
    if step < MIN_STEP:
        raise InputError("vary", f"'{text}': the step is too small (at least {MIN_STEP:g})")
    # The number of values as a float first: a tiny step gives a count too large (or infinite) to count exactly.
    steps = (end - start) / step
    if not steps < 1e15:
        raise InputError("vary", f"'{text}' gives more than {MAX_SWEEP:,} values (at most {MAX_SWEEP:,})")
    count = math.floor(steps + 1e-9) + 1
    if count > MAX_SWEEP:
        raise InputError("vary", f"'{text}' gives {count:,} values (at most {MAX_SWEEP:,})")
    # start + i * step rather than repeated addition: 0.1 steps stay exact to print.
    return tuple(round(start + i * step, 12) for i in range(count))


def parse_vary(model: type[Params], texts: Iterable[str]) -> Sweep:
    """`--vary NAME=V1,V2` options (at most two) as a Sweep over the model's keys."""
    axes = []
    for text in texts:
        key, sep, values = text.partition("=")
        if not sep:
            raise InputError("vary", f"'{text}' is not NAME=V1,V2,... or a range NAME=3:6:0.5 (3 to 6 by 0.5)")
        axes.append((key.strip().replace("-", "_"), parse_values(values)))
    return make_sweep(model, axes)


def make_sweep(model: type[Params], axes: list[tuple[str, tuple[Any, ...]]]) -> Sweep:
    known = list(keys(model).values())
    seen: set[str] = set()
    for key, values in axes:
        if key not in known:
            raise InputError("vary", f"{key}: unknown key{did_you_mean(key, known)}")
        if key in seen:
            raise InputError("vary", f"{key} is varied twice; give its values once, e.g. {key}=3,4,5")
        seen.add(key)
        if not values:
            raise InputError("vary", f"{key}: no values")
    if len(axes) > 2:
        raise InputError("vary", f"{len(axes)} keys varied; vary one (a list) or two (a grid)")
    size = math.prod(len(values) for _, values in axes)
    if size > MAX_SWEEP:
        raise InputError("vary", f"{size:,} scenarios is too many (at most {MAX_SWEEP:,})")
    return Sweep(tuple((key, tuple(values)) for key, values in axes))


def expand(name: str, method: Method, values: dict[str, Any], sweep: Sweep | None) -> list[Spec]:
    """One Spec per sweep value (or grid cell), each validated; just one without a sweep.

    values: the scenario's parameters (keys or field names) before the sweep's.
    A scenario from a sweep is named `name key=value` (`key=value` alone when name is empty).
    """
    if sweep is None or not sweep.axes:
        return [Spec(name, method, build(method.params, values))]
    field_of = {key: field for field, key in keys(method.params).items()}
    specs = []
    for combo in itertools.product(*(values_ for _, values_ in sweep.axes)):
        varied = tuple((key, value) for (key, _), value in zip(sweep.axes, combo, strict=True))
        given = {field_of.get(k, k): v for k, v in values.items()}
        given.update({field_of[key]: value for key, value in varied})
        label = ", ".join(f"{key}={show(value)}" for key, value in varied)
        specs.append(Spec(f"{name} {label}" if name else label, method, build(method.params, given)))
    return specs


def show(value: Any) -> str:
    """A swept value as a label: 4.0 -> 4, True -> true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# -- files -----------------------------------------------------------------------


def read(path: Path) -> dict[str, Any]:
    """A TOML file's tables, or an InputError naming the file (and the line and column of a syntax error)."""
    try:
        size = path.stat().st_size if path.is_file() else 0
        if size > MAX_FILE_BYTES:
            raise InputError(
                "", f"{path}: {size:,} bytes is too large for a scenario file (at most {MAX_FILE_BYTES:,} bytes, 1 MiB)"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("", f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError("", f"{path}: is a folder; give a .toml file") from None
    except UnicodeDecodeError:
        raise InputError("", f"{path}: not a text file (UTF-8 TOML expected)") from None
    except OSError as error:
        raise InputError("", f"{path}: cannot read ({error.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError("", f"{path}: {_syntax(str(error))}") from None
    except RecursionError:
        raise InputError(
            "", f"{path}: tables or lists nested too deeply to read (a scenario file needs two or three levels)"
        ) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise InputError("", f"{path}: a number too long to read (over 4,300 digits)") from None
    version = data.get("version")
    if version is None:
        raise InputError("", f"{path}: version: missing; start the file with version = {FORMAT_VERSION}")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise InputError(
            "", f"{path}: version: {version!r} is not supported (this passivecalc reads version {FORMAT_VERSION})"
        )
    return data


def _syntax(message: str) -> str:
    """tomllib's 'Expected ... (at line 3, column 7)' as 'line 3, column 7: TOML syntax error: expected ...'."""
    found = re.search(r"^(.*) \(at line (\d+), column (\d+)\)$", message)
    if not found:
        return f"TOML syntax error: {message}"
    what, line, column = found.groups()
    return f"line {line}, column {column}: TOML syntax error: {what[0].lower()}{what[1:]}"


def kind(data: dict[str, Any]) -> str:
    """'scenarios' or 'streams': what a parsed file holds."""
    return "streams" if "streams" in data and "scenarios" not in data else "scenarios"


def load(path: Path) -> ScenarioSet:
    """The scenarios of a file, sweeps expanded, each validated."""
    data = read(path)
    if kind(data) == "streams":
        raise InputError("", f"{path}: holds [streams] (a portfolio); run it with: passivecalc portfolio {path}")
    shared = shared_settings(path, data, allowed=("version", "scenarios"))
    scenario_tables = tables(path, data, "scenarios")
    specs: list[Spec] = []
    sweeps: list[Sweep] = []
    for name, table in scenario_tables.items():
        where = f'{path}: scenario "{name}"'
        method, values = method_and_values(where, table, allowed=("vary",))
        with context(where):
            sweep = _file_sweep(method, table.get("vary"))
            specs.extend(expand(name, method, {**shared, **values}, sweep))
        if sweep is not None:
            sweeps.append(sweep)
    if len(specs) > MAX_SWEEP:
        raise InputError("", f"{path}: {len(specs):,} scenarios is too many (at most {MAX_SWEEP:,})")
    # A grid is shown as a matrix only when it is all the file holds.
    sweep = sweeps[0] if len(scenario_tables) == 1 and sweeps else None
    return ScenarioSet(tuple(specs), sweep)


def shared_settings(path: Path, data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """The top-level shared settings (years, inflation, currency, start), validated; other keys refused."""
    words = [*allowed, *SHARED_KEYS]
    for key in data:
        if key not in words:
            raise InputError("", f"{path}: {key}: unknown key at the top{did_you_mean(key, words)}")
    shared = {key: data[key] for key in SHARED_KEYS if key in data}
    with context(str(path)):
        build(Params, shared)
    return shared


def tables(path: Path, data: dict[str, Any], word: str) -> dict[str, dict[str, Any]]:
    found = data.get(word)
    if not isinstance(found, dict) or not found:
        raise InputError("", f'{path}: no {word}; add a [{word}.NAME] table with a method, e.g. method = "dividend"')
    for name, table in found.items():
        if not isinstance(table, dict):
            raise InputError("", f"{path}: {word}.{name}: expected a table [{word}.{name}], got a value")
    return found


def method_and_values(where: str, table: dict[str, Any], allowed: tuple[str, ...]) -> tuple[Method, dict[str, Any]]:
    """The scenario's method and its parameter values; unknown keys refused with a 'did you mean'."""
    name = table.get("method")
    if name is None:
        raise InputError("", f"{where}: method: missing; one of {', '.join(REGISTRY)}")
    if not isinstance(name, str) or name not in REGISTRY:
        raise InputError("", f"{where}: method: {name!r} is not a method{did_you_mean(str(name), list(REGISTRY))}")
    method = REGISTRY[name]
    known = list(keys(method.params).values())
    values = {}
    for key, value in table.items():
        if key == "method" or key in allowed:
            continue
        if key not in known:
            raise InputError("", f"{where}: {key}: unknown key{did_you_mean(key, [*known, *allowed])}")
        if isinstance(value, (dict, list)):
            raise InputError(
                "", f"{where}: {key}: expected a single value, got a {'table' if isinstance(value, dict) else 'list'}"
            )
        values[key] = value
    return method, values


def _file_sweep(method: Method, vary: Any) -> Sweep | None:
    """`vary = { yield = [3, 4, 5] }` or `{ yield = "3:6:0.5" }` (or "3,4,5") as a Sweep."""
    if vary is None:
        return None
    if not isinstance(vary, dict) or not vary:
        raise InputError("vary", 'expected a table of keys and values, e.g. vary = { yield = "3:6:0.5" }')
    axes = []
    for key, values in vary.items():
        if isinstance(values, list):
            if not values or any(isinstance(v, (dict, list)) for v in values):
                raise InputError("vary", f"{key}: expected a list of values, e.g. [3, 4, 5]")
            axes.append((key, tuple(values)))
        elif isinstance(values, str):
            axes.append((key, parse_values(values)))
        else:
            raise InputError("vary", f'{key}: expected a list [3, 4, 5] or a range "3:6:0.5", got {values!r}')
    return make_sweep(method.params, axes)


@contextmanager
def context(where: str):
    """Prefix an InputError raised inside with where it happened (file, scenario), keeping its key."""
    try:
        yield
    except InputError as error:
        raise InputError("", f"{where}: {error.as_key()}") from None


# -- templates -------------------------------------------------------------------


def template(method: Method) -> str:
    """A commented scenario file for one method: every parameter with its help, unit, allowed range and default."""
    from enum import Enum

    from passivecalc.params import allowed_range, unit_of

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, Enum):
            return f'"{v.value}"'
        if isinstance(v, str):
            return f'"{v}"'
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)

    def lines(model_fields: list[str]) -> list[str]:
        out = []
        for name in model_fields:
            info = method.params.model_fields[name]
            key = info.alias or name
            notes = [info.description or ""]
            unit = unit_of(info)
            if unit:
                notes.append(f"[{unit}]")
            allowed = allowed_range(info)
            if allowed:
                notes.append(f"allowed: {allowed}")
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                notes.append("one of " + ", ".join(f'"{m.value}"' for m in annotation))
            comment = "  # " + " ".join(n for n in notes if n)
            if info.default is None:
                out.append(f"# {key} = ...{comment}")
            else:
                out.append(f"{key} = {value(info.default)}{comment}")
        return out

    shared = [n for n in method.params.model_fields if n in Params.model_fields]
    own = [n for n in method.params.model_fields if n not in Params.model_fields]
    return "\n".join(
        [
            f"# passivecalc scenario file: {method.name} ({method.description}).",
            "# Edit the values, add scenarios, then: passivecalc run FILE  (or passivecalc compare FILE).",
            f"version = {FORMAT_VERSION}",
            "",
            "# Shared settings: they apply to every scenario below (a scenario may set its own).",
            *lines(shared),
            "",
            f"[scenarios.{method.name}]",
            f'method = "{method.name}"',
            *lines(own),
            '# A sweep: one scenario per value (a list, or a range such as "3:6:0.5"); two keys make a grid.',
            f"# vary = {{ {_sweep_hint(method)} }}",
            "",
        ]
    )


def _sweep_hint(method: Method) -> str:
    """`yield = [4, 8]`: the first numeric parameter with a default above 0, at its default and twice it."""
    for name, info in method.params.model_fields.items():
        if name in Params.model_fields or info.annotation not in (float, int) or not info.default:
            continue
        low, high = info.default, info.default * 2
        upper = upper_bound(info)
        values = [low, high if upper is None else min(high, upper)]
        shown = ", ".join(f"{v:g}" for v in values)
        return f"{info.alias or name} = [{shown}]"
    return "years = [5, 10]"
