"""docs/options.md, generated from the Params models: one option table per method command.

Each field of a method's Params declares its key, unit, default, bounds and
help text; this script turns them into markdown tables (option, default,
allowed, meaning), one per method command, then one for the scenario options
every method shares, then one for the options every method command has
besides its Params (output, sweeps, simulation), read from the commands
themselves. The page is never edited by hand:

    python tests/options_doc.py            check that docs/options.md is what the models give now
    python tests/options_doc.py --update   rewrite docs/options.md

tests/test_options_doc.py runs the check.
"""

from __future__ import annotations

import sys
import types
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from passivecalc.errors import option_name
from passivecalc.methods import REGISTRY
from passivecalc.params import Params, allowed_range, number_type, panel_of, unit_of

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "options.md"

HEADER = """\
# Options of every command

<!-- Generated from the Params models and the method commands by `python tests/options_doc.py --update`; do not edit by hand. -->

One table per method command: each option, its default, what is allowed and
what it means. Money is in the `--currency` given. Percent options take percent
(`--yield 4` is 4 %). An option marked *risk* acts only with `--simulate`
(see [risk.md](risk.md)). A scenario file uses the same names as keys, with
underscores: `--dividend-growth` is `dividend_growth` (see
[scenarios.md](scenarios.md)). The options every method shares come last, in
[Scenario options](#scenario-options), then those of output, sweeps and
simulation in [Output, sweep and simulation options](#output-sweep-and-simulation-options).
"""


def cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def shown(value: Any) -> str:
    """A default as a person would type it."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    if isinstance(value, (list, tuple)):
        return ",".join(shown(item) for item in value) or "none"
    return str(value)


def option(key: str, info: FieldInfo) -> str:
    name = option_name(key)
    return f"`{name}/--no-{name[2:]}`" if info.annotation is bool else f"`{name}`"


def default(info: FieldInfo, key: str) -> str:
    if info.is_required():
        return "required"
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "not set"
    if info.annotation is bool:
        return f"`{option_name(key)}`" if value else f"`--no-{option_name(key)[2:]}`"
    return f"`{shown(value)}`"


def bare(info: FieldInfo) -> Any:
    """A field's type without `| None`."""
    kind = info.annotation
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((arg for arg in get_args(kind) if arg is not type(None)), kind)
    return kind


def allowed(info: FieldInfo) -> str:
    kind = bare(info)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return ", ".join(f"`{member.value}`" for member in kind)
    if get_origin(kind) is Literal:
        return ", ".join(f"`{shown(choice)}`" for choice in get_args(kind))
    if get_origin(kind) in (list, tuple, set, frozenset):
        return "a list"
    if kind is bool:
        return "on or off"
    if number_type(info) is not None:
        text = allowed_range(info)
        if number_type(info) is int:
            text = f"{text} (whole number)" if text else "a whole number"
        return text or "any number"
    pattern = getattr(next((m for m in info.metadata if getattr(m, "pattern", None)), None), "pattern", None)
    if pattern == r"^[A-Z]{3}$":
        return "three capital letters (ISO 4217)"
    if "YYYY-MM" in (info.description or ""):
        return "a month, YYYY-MM"
    return "text"


def meaning(info: FieldInfo, risk_panel: bool) -> str:
    text = info.description or ""
    unit = unit_of(info)
    if unit and not unit.startswith("money") and not allowed_range(info).endswith(unit):
        text = f"{text} [{unit}]"
    if risk_panel:
        text = f"*risk:* {text}"
    return text


def table(model: type[Params], names: list[str]) -> list[str]:
    rows = ["| option | default | allowed | meaning |", "| --- | --- | --- | --- |"]
    for name in names:
        info = model.model_fields[name]
        key = info.alias or name
        risk = panel_of(info, "Method").startswith("Risk")
        values = (option(key, info), default(info, key), allowed(info), meaning(info, risk))
        rows.append("| " + " | ".join(cell(v) for v in values) + " |")
    return rows


def command_options() -> dict[str, list[Any]]:
    """Method command -> its click options that are not Params fields (output, sweeps, simulation, ...)."""
    import typer

    from passivecalc.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    found = {}
    for name in REGISTRY:
        fields = REGISTRY[name].params.model_fields
        found[name] = [
            p
            for p in commands[name].params
            if p.name not in fields and p.name != "help" and not getattr(p, "hidden", False)
        ]
    return found


def option_rows(options: list[Any]) -> list[str]:
    """Table rows for click options (not Params fields): option, default, allowed, meaning."""
    rows = []
    for param in options:
        names = "/".join([*param.opts, *param.secondary_opts])
        value = param.default
        if value is None:
            shown_default = "not set"
        elif isinstance(value, bool) and not param.secondary_opts:
            shown_default = "on" if value else "off"
        elif isinstance(value, bool):
            shown_default = f"`{param.opts[0] if value else param.secondary_opts[0]}`"
        else:
            shown_default = f"`{shown(value)}`"
        allowed_text = option_allowed(param)
        meaning_text = (param.help or "").replace("\\[", "[")
        rows.append(
            "| " + " | ".join(cell(v) for v in (f"`{names}`", shown_default, allowed_text, meaning_text)) + " |"
        )
    return rows


def option_allowed(param: Any) -> str:
    """What a click option takes, from the annotation typer read it from."""
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((arg for arg in get_args(kind) if arg is not type(None)), kind)
    if getattr(param, "is_flag", False) or kind is bool:
        return "on or off"
    if isinstance(kind, type) and issubclass(kind, Enum):
        return ", ".join(f"`{member.value}`" for member in kind)
    if get_origin(kind) in (list, tuple):
        return "text; may be given more than once"
    if kind is int:
        return "a whole number"
    if kind is float:
        return "a number"
    if isinstance(kind, type) and issubclass(kind, Path):
        return "a file name"
    return "text"


def render() -> str:
    """The whole page, from the models and the method commands as they are now."""
    extra = command_options()
    common = [p for p in next(iter(extra.values())) if all(p.name in {q.name for q in extra[n]} for n in extra)]
    common_names = {p.name for p in common}
    out = [HEADER]
    for name in REGISTRY:
        method = REGISTRY[name]
        own = [n for n in method.params.model_fields if n not in Params.model_fields]
        out.append(f"## `passivecalc {name}`\n")
        out.append(f"{REGISTRY.description(name)}.\n")
        out.extend(table(method.params, own))
        out.extend(option_rows([p for p in extra[name] if p.name not in common_names]))
        out.append("")
    out.append("## Scenario options\n")
    out.append("Every method command takes these, and a scenario file may set them at its top for every scenario.\n")
    out.extend(table(Params, list(Params.model_fields)))
    out.append("")
    out.append("## Output, sweep and simulation options\n")
    out.append("Every method command takes these too; they are not scenario-file keys.\n")
    out.extend(["| option | default | allowed | meaning |", "| --- | --- | --- | --- |"])
    out.extend(option_rows(common))
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    page = render()
    if "--update" in argv:
        PAGE.write_text(page, encoding="utf-8")
        print(f"{PAGE.relative_to(ROOT)} written")
        return 0
    if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
        print(f"{PAGE.relative_to(ROOT)} differs from the models: run `python tests/options_doc.py --update`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
