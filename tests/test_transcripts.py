"""Every `$ passivecalc ...` transcript in README.md and docs/ still prints what the page shows.

When output changes on purpose, `python tests/transcripts.py --update` rewrites the pages.
"""

from __future__ import annotations

import pytest

from transcripts import check, every_transcript, run

TRANSCRIPTS = every_transcript()


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.name[:90] for t in TRANSCRIPTS])
def test_transcript_still_reproduces(transcript):
    differ = check(transcript)
    message = "\n\n".join(
        f"$ {command}\n--- page\n{expected}\n--- now\n{actual}" for command, expected, actual in differ
    )
    assert not differ, f"{transcript.path.name} is stale; run `python tests/transcripts.py --update`\n{message}"


def test_the_runner_sees_an_80_column_terminal():
    # stty reports the pseudo-terminal's size as a person's terminal would.
    assert run("stty size < /dev/stdout") == "50 80"
    assert run("test -t 1 && echo terminal") == "terminal"
