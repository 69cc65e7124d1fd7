"""Docs that cannot go stale: every command has help text and appears in README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

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


def _help(*args: str) -> str:
    """`passivecalc ARGS --help` as a user reads it in a wide terminal (so no option name is cut)."""
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "240", "NO_COLOR": "1", "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _options(command) -> list[str]:
    return [opt for p in command.params if not getattr(p, "hidden", False) for opt in p.opts if opt.startswith("--")]


@pytest.mark.parametrize("name", sorted(n for n in COMMANDS if n != "goal"))
def test_every_command_help_names_each_of_its_options(name):
    # The options come from the click command typer builds; the help text is what a user reads.
    # A missing panel entry, a hidden option or a help screen cut short fails here.
    text = _help(name)
    missing = [opt for opt in _options(COMMANDS[name]) if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text)]
    assert not missing, f"passivecalc {name} --help never names {missing}"


@pytest.mark.parametrize("method", sorted(REGISTRY))
def test_every_goal_command_help_names_each_of_its_options(method):
    group = COMMANDS["goal"]
    command = group.get_command(None, method)
    assert command is not None, f"passivecalc goal {method} does not exist"
    text = _help("goal", method)
    missing = [opt for opt in _options(command) if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text)]
    assert not missing, f"passivecalc goal {method} --help never names {missing}"


def test_top_level_help_lists_every_command():
    text = _help()
    missing = [name for name in COMMANDS if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    assert not missing, f"passivecalc --help never lists {missing}"
