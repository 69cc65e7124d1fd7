"""Shared helpers for the test suite: a CLI runner, projections by method name, hypothesis limits."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from passivecalc.methods import get
from passivecalc.params import build

# Hypothesis profiles. "repeatable" is what `python -m pytest` (README's command) and CI run: the same
# examples on every run, on every machine and in every clone, whatever a local .hypothesis/ folder holds
# (no example database, examples derived from each test's name rather than drawn at random), no time
# limit per example (the suite shares small machines), and few enough examples to stay quick. A test's own
# @settings(max_examples=...) keeps the rest of the profile. `HYPOTHESIS_PROFILE=thorough` searches
# afresh with 500 random examples a test; a failure it finds prints the @reproduce_failure line to pin it.
_SHARED = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("repeatable", max_examples=40, derandomize=True, **_SHARED)
settings.register_profile("thorough", max_examples=500, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


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
