"""The smallest amounts the effort methods accept: 0, or a number a user could mean.

A price, cost, rate or count of 1e-320 is not an input anyone means, and a
subnormal number in a denominator (yield on cost over the money put in, the
hourly rate over the hours) overflows to infinity. So every number an effort
method takes is 0 or at least `SMALLEST` in size (a millionth: a millionth of
a cent, an hour, a percent or an article is still far below anything real),
which keeps every ratio of two inputs, and of their products, finite.
"""

from __future__ import annotations

from pydantic import model_validator

from passivecalc.errors import InputError
from passivecalc.params import Params

SMALLEST = 1e-6


class EffortParams(Params):
    """Params whose numbers are each 0 or at least SMALLEST in size (see the module docstring)."""

    @model_validator(mode="after")
    def _no_crumbs(self) -> EffortParams:
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, float) and 0 < abs(value) < SMALLEST:
                raise InputError(
                    info.alias or name,
                    f"{value:g} is too small to mean anything (allowed: 0, or at least {SMALLEST:g} in size)",
                )
        return self
