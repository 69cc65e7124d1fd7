"""A minimal typer app: the start-up baseline that has passivecalc's options but none of its work.

It has one command with as many options as `passivecalc dividend` has, of the
same kinds (float, int, bool flag, text), and it validates one pydantic model
with a field per option (floats at least 0, as passivecalc's money and
percent fields are), then prints one line. It imports the stack passivecalc stands on (typer,
pydantic, numpy, rich.table, as baseline (a) does) and does nothing else: no
projection, no output beyond that line. `python benchmarks/minimal_app.py` runs it.

The options' kinds come from PASSIVECALC_BENCH_OPTIONS, one letter an option
(f float, i int, b bool, s text); bench_startup.py sets it from the dividend
command it times. Without it, the kinds of that command as of this writing
(35 options) are used.
"""

from __future__ import annotations

import inspect
import os
from typing import Annotated, Any

import numpy  # noqa: F401  (the stack passivecalc imports; unused here on purpose)
import rich.table  # noqa: F401
import typer
from pydantic import BaseModel, Field, create_model

# The 35 options of `passivecalc dividend`, in order (bench_startup.option_kinds reads them from the command).
DEFAULT_KINDS = "fffffffsbffffffffifssfbsffsssssbiif"
TYPES: dict[str, type] = {"f": float, "i": int, "b": bool, "s": str}
DEFAULTS: dict[str, Any] = {"f": 1.0, "i": 1, "b": False, "s": "a"}


def build_model(kinds: str) -> type[BaseModel]:
    """A pydantic model with one field per option: floats and ints at least 0, as passivecalc's amounts are."""
    fields: dict[str, Any] = {}
    for index, kind in enumerate(kinds):
        if kind in "fi":
            fields[f"option_{index}"] = (TYPES[kind], Field(DEFAULTS[kind], ge=0, description=f"option {index}"))
        else:
            fields[f"option_{index}"] = (TYPES[kind], Field(DEFAULTS[kind], description=f"option {index}"))
    return create_model("Params", **fields)


def build_app(kinds: str) -> typer.Typer:
    """One command whose options are the model's fields; it validates the model and prints one line."""
    model = build_model(kinds)
    app = typer.Typer(add_completion=False)

    def command(**options: Any) -> None:
        params = model.model_validate(options)
        print(f"validated {len(type(params).model_fields)} options")

    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                f"option_{index}",
                inspect.Parameter.KEYWORD_ONLY,
                default=DEFAULTS[kind],
                annotation=Annotated[TYPES[kind], typer.Option(f"--option-{index}", help=f"Option {index}.")],
            )
            for index, kind in enumerate(kinds)
        ]
    )
    app.command("dividend")(command)
    return app


def main() -> None:
    build_app(os.environ.get("PASSIVECALC_BENCH_OPTIONS") or DEFAULT_KINDS)()


if __name__ == "__main__":
    main()
