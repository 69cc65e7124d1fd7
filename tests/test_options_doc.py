"""docs/options.md still shows every option the Params models declare, as the generator writes it.

When a field is added or changed, `python tests/options_doc.py --update` rewrites the page.
"""

from __future__ import annotations

import difflib

from options_doc import PAGE, render
from passivecalc.methods import REGISTRY
from passivecalc.params import Params


def test_the_options_page_is_up_to_date():
    now = render()
    page = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    diff = "".join(
        difflib.unified_diff(page.splitlines(True), now.splitlines(True), "docs/options.md", "generated", n=1)
    )
    assert page == now, f"docs/options.md is stale; run `python tests/options_doc.py --update`\n{diff[:4000]}"


def test_every_option_of_every_method_has_a_row():
    # Read back from the page itself, not from render(): every field's option appears in its command's table.
    page = PAGE.read_text(encoding="utf-8")
    sections = {part.split("`", 1)[0]: part for part in page.split("## `passivecalc ")[1:]}
    assert set(sections) == set(REGISTRY)
    for name in REGISTRY:
        model = REGISTRY[name].params
        for field_name, info in model.model_fields.items():
            if field_name in Params.model_fields:
                continue
            option = "--" + (info.alias or field_name).replace("_", "-")
            assert f"| `{option}" in sections[name], f"{name}: {option} has no row in docs/options.md"
    shared = page.split("## Scenario options", 1)[1]
    for option in ("--years", "--inflation", "--currency", "--start"):
        assert f"| `{option}`" in shared
    # Options that are not Params fields, read from the commands: written out by hand here.
    for option in ("`--format/-f`", "`--output/-o`", "`--simulate`", "`--seed`", "`--vary`"):
        assert f"| {option} |" in shared.split("## Output, sweep and simulation options", 1)[1]


def test_a_pipe_in_a_description_cannot_break_a_table():
    from options_doc import cell

    assert cell("a | b") == "a \\| b"
