"""Named errors of the core and the exit codes they map to.

The core raises these; one handler in the CLI turns them into one line on
stderr and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NO_ANSWER = 1  # a valid question with no answer, e.g. a goal that cannot be reached
    FAULT = 1  # the system failed the run: a full disk, a read-only folder (same code as NO_ANSWER)
    BAD_INPUT = 2


class PassivecalcError(Exception):
    exit_code = ExitCode.BAD_INPUT


class InputError(PassivecalcError):
    """Bad input: names the parameter (in the user's vocabulary), what was given, what is allowed.

    `key` is the parameter's file key (`dividend_growth`); the CLI shows it as
    `--dividend-growth`, scenario files as `dividend_growth`. An empty key means
    the message already names what it is about.
    """

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key
        self.message = message

    def as_option(self) -> str:
        if not self.key:
            return self.message
        return f"{option_name(self.key)}: {self.message}"

    def as_key(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


class NoAnswer(PassivecalcError):
    """A valid question with no answer (exit 1)."""

    exit_code = ExitCode.NO_ANSWER


class OutputError(PassivecalcError):
    """The output could not be written (a full disk, a read-only folder): names the file and the system's reason (exit 1)."""

    exit_code = ExitCode.FAULT


def option_name(key: str) -> str:
    """`dividend_growth` -> `--dividend-growth`."""
    return "--" + key.replace("_", "-")
