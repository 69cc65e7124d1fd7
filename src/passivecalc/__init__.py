"""passivecalc: project passive income from the methods people weigh against each other.

The command line is `passivecalc` (see README.md). From Python, with no I/O:

    import passivecalc
    plan = passivecalc.project("dividend", yield_=4, drip=True, years=20)
    plan.summary()["ending_value"], plan.rows()[-1]

`project`, `available_methods`, `parameters`, `Result` and the errors are
imported on first use, so `import passivecalc` (and reading `__version__`)
stays cheap. (`passivecalc.methods` is the package of the methods' models.)
docs/api.md describes the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it (setuptools' dynamic version) and
# `passivecalc --version` prints it.
__version__ = "0.1.0"

__all__ = [
    "InputError",
    "NoAnswer",
    "PassivecalcError",
    "Result",
    "__version__",
    "available_methods",
    "parameters",
    "project",
]

if TYPE_CHECKING:
    from passivecalc.api import Result, available_methods, parameters, project
    from passivecalc.errors import InputError, NoAnswer, PassivecalcError

_LAZY = {
    "project": "passivecalc.api",
    "available_methods": "passivecalc.api",
    "parameters": "passivecalc.api",
    "Result": "passivecalc.api",
    "InputError": "passivecalc.errors",
    "NoAnswer": "passivecalc.errors",
    "PassivecalcError": "passivecalc.errors",
}


def __getattr__(name: str) -> Any:
    """The API's names, imported from their modules on first use (PEP 562)."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'passivecalc' has no attribute {name!r}")
