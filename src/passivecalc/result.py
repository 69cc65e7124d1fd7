"""A projected scenario: what the renderers and analyses pass around."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from passivecalc.params import Params
from passivecalc.projection import Projection


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    params: Params
    projection: Projection

    def params_dict(self) -> dict[str, Any]:
        """The parameters under the user's keys, as JSON-friendly values."""
        return self.params.model_dump(mode="json", by_alias=True)
