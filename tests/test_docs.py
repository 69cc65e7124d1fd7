"""Docs that cannot go stale: every command has help text and appears in README.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from passivecalc.cli import app
from passivecalc.methods import REGISTRY

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # every command of the app, incl. those added later


def test_the_app_has_every_method_as_a_command():
    assert set(REGISTRY) <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_text(name):
    command = COMMANDS[name]
    assert (command.help or command.short_help or "").strip(), f"passivecalc {name} has no help text"
    for parameter in command.params:
        if parameter.name != "help" and not getattr(parameter, "hidden", False):
            assert getattr(parameter, "help", None), f"passivecalc {name}: {parameter.opts[0]} has no help text"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_appears_in_the_readme(name):
    assert f"passivecalc {name}" in README, f"README.md never shows `passivecalc {name}`"


def test_readme_quick_start_is_two_shell_blocks_install_and_test():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [block.split("```", 1)[0] for block in quick.split("```sh\n")[1:]]
    assert len(blocks) >= 2
    assert "pip install" in blocks[0] and "passivecalc dividend --yield 4 --drip" in blocks[0]
    assert ".[test]" in blocks[1] and "pytest" in blocks[1]


def test_no_section_marker_is_left_for_the_foundation():
    for marker in ("<!-- section:dividend -->", "<!-- section:dev -->"):
        assert marker not in README
