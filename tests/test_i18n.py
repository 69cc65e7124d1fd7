"""The Arabic catalogue covers every user-facing English string of tables, reports, the guide and the notes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from passivecalc import guide
from passivecalc.errors import InputError
from passivecalc.i18n import GUIDE_STRINGS, REPORT_STRINGS, catalogue, has_translation, is_rtl, language, translate
from passivecalc.methods import REGISTRY
from passivecalc.params import build
from passivecalc.projection import STANDARD_COLUMNS
from passivecalc.render import html
from passivecalc.render.table import SUMMARY_LABELS, header, tax_line
from passivecalc.zakat import NISAB_LINE, SHARIA_NOTE, SHARIA_NOTES, ZAKAT_NOTE, ZAKATABLE

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def method_column_headers() -> set[str]:
    """Headers of every method's own columns and metrics, from a projection with its defaults."""
    found = set()
    for name in REGISTRY:
        method = REGISTRY[name]
        projection = method.project(build(method.params, {}))
        found |= {header(key) for key in (*projection.extras, *projection.metrics)}
    return found


def user_facing_strings() -> set[str]:
    """Walk the sources of what people read; a new label there without an Arabic entry fails the test below."""
    texts: set[str] = set()
    texts |= {header(name) for name in (*STANDARD_COLUMNS, "year", "month", "date", "zakat")}
    texts |= {header(name) for name in ("real_net_income", "real_payout", "real_value")}
    texts |= {label for label, _unit in SUMMARY_LABELS.values()}
    texts.add("Total zakat")
    texts |= method_column_headers()
    texts |= {html.ANSWER, html.IRR_OVER, html.MONTH_N, *html.FORMAT_STRINGS}
    texts |= {REGISTRY.description(name) for name in REGISTRY}
    for entry in guide.GUIDES:
        for text in (
            entry.name,
            entry.capital,
            entry.hours_up_front,
            entry.hours_per_month,
            entry.returns,
            entry.risks,
            entry.passive,
        ):
            texts.add(text)
        texts.add(entry.risk.value)
    texts |= {guide.ADVICE, guide.NOTHING_FITS, tax_line(True), tax_line(False)}
    texts |= set(REPORT_STRINGS) | set(GUIDE_STRINGS)
    texts |= {entry.wealth for entry in ZAKATABLE.values()}
    texts |= set(SHARIA_NOTES.values()) | {ZAKAT_NOTE, SHARIA_NOTE, NISAB_LINE}
    # Ranges and figures alone ("2-10") read the same in both languages.
    return {text for text in texts if re.search(r"[A-Za-z]", text)}


def test_every_user_facing_string_has_an_arabic_entry():
    missing = sorted(text for text in user_facing_strings() if not has_translation(text, "ar"))
    assert not missing, f"no Arabic entry in locale/ar.po for: {missing}"


def test_arabic_entries_are_arabic_and_keep_placeholders_and_figures():
    for english, arabic in catalogue("ar").items():
        assert ARABIC_LETTER.search(arabic), english
        assert sorted(re.findall(r"\{\w+\}", english)) == sorted(re.findall(r"\{\w+\}", arabic)), english
        # Every figure of the English text is in the Arabic one (a translation must not change a number).
        for figure in re.findall(r"\d[\d,.]*\d|\d", english):
            assert figure in arabic, (english, figure)


def test_known_terms():
    # Terms checked by hand against common Arabic financial usage.
    assert translate("Net income", "ar") == "صافي الدخل"
    assert translate("Zakat", "ar") == "الزكاة"
    assert "الأرباح الموزعة" in translate("market falls of 30-50 %, dividend cuts, too few stocks", "ar")
    assert "النصاب" in translate(ZAKAT_NOTE, "ar")
    assert translate("Summary", "ar") == "الملخص"


def test_unknown_text_stays_english_and_english_is_identity():
    assert translate("Not in any catalogue", "ar") == "Not in any catalogue"
    assert translate("Net income", "en") == "Net income"


def test_language_from_environment(monkeypatch):
    monkeypatch.setenv("PASSIVECALC_LANG", "ar")
    assert translate("Net income") == "صافي الدخل"
    assert is_rtl()
    monkeypatch.setenv("PASSIVECALC_LANG", "ar_SA")
    assert language() == "ar"
    monkeypatch.delenv("PASSIVECALC_LANG")
    assert language() == "en" and not is_rtl()
    monkeypatch.setenv("PASSIVECALC_LANG", "fr")
    with pytest.raises(InputError) as caught:
        language()
    assert "PASSIVECALC_LANG" in caught.value.as_option() and "'fr'" in caught.value.as_option()


def test_unknown_language_names_the_option():
    with pytest.raises(InputError) as caught:
        translate("Net income", "xx")
    assert caught.value.as_option().startswith("--lang: 'xx'")


def test_nisab_line_in_arabic_keeps_its_figures():
    from passivecalc.zakat import default_nisab

    line = default_nisab().describe("ar")
    assert "11,554" in line and "4,228" in line and "2026-06" in line and "النصاب" in line


def test_english_does_not_read_the_catalogue():
    code = "import sys, passivecalc.i18n as i; i.translate('Net income', 'en'); print('babel' in sys.modules, i.catalogue.cache_info().currsize)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""}
    ).stdout
    assert out.split() == ["False", "0"]
