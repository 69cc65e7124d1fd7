"""Shared helpers for the test suite: a CLI runner, projections by method name, hypothesis limits."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from passivecalc.methods import get
from passivecalc.params import build

# Modest by default: the suite runs on small shared machines. `HYPOTHESIS_PROFILE=thorough` digs deeper.
settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs subprocesses or many CLI invocations (deselect with -m 'not slow')")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def project(method: str, **values):
    """Validate values (keys as the user writes them) for a registered method and project them."""
    chosen = get(method)
    params = build(chosen.params, values)
    return chosen.project(params)


def dividend(**values):
    return project("dividend", **values)
