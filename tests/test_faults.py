"""Faults around a run: files that cannot be written, a full disk, a closed pipe, Ctrl-C, markup in names.

Each fault gets one clear line and the right exit code, never a traceback,
and leaves no half-written or temporary file behind.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from passivecalc.cli import app
from passivecalc.cli import output as cli_output

BASE = ["dividend", "--years", "3"]
SCRIPT = [sys.executable, "-m", "passivecalc"]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


# -- -o: the file's format, mode and the command's own inputs --------------------------------------


@pytest.mark.parametrize(
    ("name", "given", "expected"),
    [
        (
            "out.txt",
            [],
            "'{path}' has '.txt', which names no format; end the name in .csv, .json, or add --format (table, csv, json, html, xlsx)",
        ),
        (
            "out",
            [],
            "'{path}' has no extension, which names no format; end the name in .csv, .json, or add --format (table, csv, json, html, xlsx)",
        ),
        ("out.csv", ["--format", "json"], "'{path}' ends in .csv but --format is json; make them agree"),
    ],
)
def test_an_output_file_must_name_its_format(tmp_path, name, given, expected):
    from passivecalc.render import EXTENSIONS

    path = tmp_path / name
    result = run(*BASE, "-o", str(path), *given)
    assert result.exit_code == 2 and result.stdout == ""
    # The formats named are the ones the renderers offer today (render.EXTENSIONS), whatever they are.
    expected = expected.replace(".csv, .json", ", ".join(EXTENSIONS)).format(path=path)
    assert result.stderr == f"passivecalc: error: --output: {expected}\n"
    assert os.listdir(tmp_path) == []


def test_a_new_file_gets_the_users_umask_and_a_replaced_file_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        assert run(*BASE, "-o", str(fresh)).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # 0666 less umask 022
        os.umask(0o077)
        other = tmp_path / "private.csv"
        assert run(*BASE, "-o", str(other)).exit_code == 0
        assert stat.S_IMODE(other.stat().st_mode) == 0o600  # 0666 less umask 077
        kept = tmp_path / "kept.csv"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert run(*BASE, "-o", str(kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        assert kept.read_text(encoding="utf-8").startswith("year,")
    finally:
        os.umask(old)


@pytest.mark.parametrize("command", ["run", "compare", "portfolio"])
def test_a_command_does_not_overwrite_its_own_input(tmp_path, command):
    if command == "portfolio":
        text = '[streams.a]\nmethod = "dividend"\n'
    else:
        text = 'version = 1\n[scenarios.a]\nmethod = "dividend"\n'
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    result = run(command, str(plan), "-o", str(plan), "--format", "csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        result.stderr
        == f"passivecalc: error: --output: '{plan}' is an input of this command; write the output to another file\n"
    )
    assert plan.read_text(encoding="utf-8") == text


# -- a file that cannot be written ------------------------------------------------------------------


def test_a_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def full(*_):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cli_output.os, "replace", full)
    result = run(*BASE, "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"passivecalc: error: cannot write {target}: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_a_read_only_folder_is_one_line_naming_the_file(tmp_path, monkeypatch):
    def read_only(*_, **__):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(cli_output.tempfile, "mkstemp", read_only)
    target = tmp_path / "out.csv"
    result = run(*BASE, "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"passivecalc: error: cannot write {target}: Read-only file system\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.slow
def test_a_folder_the_system_refuses_is_one_line_in_a_real_run():
    # /proc refuses new files to everyone, root included.
    result = subprocess.run([*SCRIPT, *BASE, "-o", "/proc/passivecalc-test.csv"], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("passivecalc: error: cannot write /proc/passivecalc-test.csv: ")
    assert len(result.stderr.splitlines()) == 1


# -- stdout: a full disk, a closed pipe ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [BASE, [*BASE, "--format", "csv"], ["--help"]])
def test_stdout_on_a_full_disk_is_an_error(args):
    # stdout buffered, as a user's Python has it: PYTHONUNBUFFERED hid the failed flush at exit (exit 120).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        result = subprocess.run([*SCRIPT, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env)
    assert result.returncode == 1
    assert result.stderr == "passivecalc: error: cannot write the output: No space left on device\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["--help"], ["dividend", "--help"], ["dividend", "--years", "100", "--period", "month"]]
)
def test_a_reader_that_stops_early_ends_the_run_quietly(args):
    # `passivecalc --help | head -1`: the pipe closes while passivecalc writes; that is no error.
    shell = f"set -o pipefail; {' '.join(SCRIPT)} {' '.join(args)} | head -1 > /dev/null"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# -- Ctrl-C ------------------------------------------------------------------------------------------------


INTERRUPT_AT = """
import builtins, sys
real = builtins.__import__
def interrupted(name, *args, **kwargs):
    if name.startswith({library!r}):
        raise KeyboardInterrupt  # Ctrl-C while this library loads
    return real(name, *args, **kwargs)
builtins.__import__ = interrupted
sys.argv = ["passivecalc", "dividend", "--years", "3"]
from passivecalc.cli import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize("library", ["typer", "pydantic", "passivecalc.methods", "numpy"])
def test_ctrl_c_during_start_up_prints_no_traceback(library):
    # The interrupt is raised where Ctrl-C would raise it: inside an import of passivecalc's start-up.
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT.format(library=library)], capture_output=True, text=True
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "passivecalc: interrupted\n" and result.stdout == ""


@pytest.mark.slow
def test_ctrl_c_while_the_command_is_built_prints_no_traceback():
    code = INTERRUPT_AT.replace(
        "from passivecalc.cli import main",
        "from passivecalc.cli import main\nimport typer.main\ntyper.main.get_command = lambda app: (_ for _ in ()).throw(KeyboardInterrupt)",
    )
    result = subprocess.run(
        [sys.executable, "-c", code.format(library="no-such-library")], capture_output=True, text=True
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "passivecalc: interrupted\n"


# -- names print as typed ----------------------------------------------------------------------------------


def test_markup_in_a_name_prints_literally_in_messages():
    result = run("compare", "[red]a: dividend --yield 500")
    assert result.exit_code == 2
    assert (
        result.stderr == 'passivecalc: error: scenario "[red]a": --yield: 500 is out of range (allowed: 0 to 100 %)\n'
    )


def test_markup_in_a_scenario_name_prints_literally_in_tables():
    result = run("compare", "[/x]: dividend --years 2", "[red]a: p2p --years 2")
    assert result.exit_code == 0, result.stderr
    assert "[/x]" in result.stdout and "[red]a" in result.stdout


# -- example: a command line saved as a scenario file ---------------------------------------------------


def test_example_with_options_saves_a_scenario_that_runs_to_the_same_numbers(tmp_path):
    import csv
    import io

    saved = run("example", "dividend", "--yield", "5", "--drip", "--years", "7", "--currency", "SAR")
    assert saved.exit_code == 0, saved.stderr
    plan = tmp_path / "plan.toml"
    plan.write_text(saved.stdout, encoding="utf-8")
    assert "yield = 5  # " in saved.stdout and "drip = true  # " in saved.stdout and 'currency = "SAR"' in saved.stdout
    from_file = list(csv.DictReader(io.StringIO(run("run", str(plan), "--format", "csv").stdout)))
    direct = list(
        csv.DictReader(
            io.StringIO(
                run("dividend", "--yield", "5", "--drip", "--years", "7", "--currency", "SAR", "--format", "csv").stdout
            )
        )
    )
    assert len(direct) == 7
    assert [{k: v for k, v in row.items() if k != "scenario"} for row in from_file] == direct


def test_example_checks_the_values_it_saves():
    result = run("example", "dividend", "--yield", "500")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "passivecalc: error: --yield: 500 is out of range (allowed: 0 to 100 %)\n"


def test_example_to_a_toml_file(tmp_path):
    target = tmp_path / "plan.toml"
    assert run("example", "p2p", "--rate", "9", "-o", str(target)).exit_code == 0
    assert "rate = 9  # " in Path(target).read_text(encoding="utf-8")
