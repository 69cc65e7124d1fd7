"""The HTML report and its SVG charts: structure (parsed with html.parser) and a real browser render."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from passivecalc.methods import get
from passivecalc.params import build
from passivecalc.render import charts
from passivecalc.render.html import html_report, scenario_report
from passivecalc.result import Scenario


class Outline(HTMLParser):
    """What a reader sees of the page's structure: tags counted, the root's attributes, title, headers, texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, int] = {}
        self.root: dict[str, str | None] = {}
        self.title = ""
        self.headers: list[str] = []
        self.svg_texts: list[str] = []
        self.stack: list[str] = []
        self.external: list[str] = []
        self.text_by_tag: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        attributes = dict(attrs)
        if tag == "html":
            self.root = attributes
        for key in ("src", "href"):
            value = attributes.get(key)
            if value and not value.startswith("#"):
                self.external.append(value)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data):
        if not self.stack or not data.strip():
            return
        tag = self.stack[-1]
        self.text_by_tag.setdefault(tag, []).append(data.strip())
        if tag == "title":
            self.title += data
        elif tag == "th" and "thead" in self.stack:
            self.headers.append(data.strip())
        elif tag == "text" and "svg" in self.stack:
            self.svg_texts.append(data.strip())


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def dividend_scenario(currency: str = "USD") -> Scenario:
    method = get("dividend")
    params = build(
        method.params,
        {"capital": 10000, "contribution": 500, "yield": 4, "drip": True, "years": 20, "currency": currency, "tax": 10},
    )
    return Scenario("dividend", "dividend", params, method.project(params))


def small_page(lang: str = "en") -> str:
    svg = charts.lines_chart([1, 2, 3], {"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]}, "Scenarios", lang)
    return html_report(
        title="Plan & <test>",
        answer_sentence="You get 100 a month.",
        summary_rows=[("Net gain", "$1,000")],
        risk_line="1 in 10 outcomes ends below 500.",
        charts=[svg, charts.start_year_chart([1990, 1991], [5.0, -2.0], lang=lang)],
        tables=[("Rows by year", ["Year", "Income"], [["1", "$10"], ["2", "$20"]])],
        params=[("yield", "4.0")],
        lang=lang,
        notes=["A note."],
    )


# -- structure ---------------------------------------------------------------------


def test_page_structure_in_english():
    page = small_page()
    parsed = outline(page)
    assert page.startswith("<!DOCTYPE html>")
    assert parsed.root == {"lang": "en", "dir": "ltr"}
    assert parsed.title == "Plan & <test>"  # escaped in the source, read back as given
    assert "&lt;test&gt;" in page
    assert parsed.counts["svg"] == 2 and parsed.counts["figure"] == 2  # one svg per chart
    assert parsed.headers[:2] == ["Year", "Income"] and "Parameter" in parsed.headers
    assert parsed.counts.get("script", 0) == 0 and parsed.counts.get("link", 0) == 0
    assert parsed.external == []  # no network: nothing fetched from anywhere
    assert "<?xml" not in page and "@import" not in page and "url(http" not in page


def test_page_structure_in_arabic():
    page = small_page("ar")
    parsed = outline(page)
    assert parsed.root == {"lang": "ar", "dir": "rtl"}
    assert "الملخص" in parsed.text_by_tag["h2"] and "المُدخلات" in parsed.text_by_tag["h2"]
    assert "السيناريوهات" in parsed.svg_texts  # the chart title, kept as text


def test_chart_ids_are_unique_and_references_resolve():
    page = small_page()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    references = set(re.findall(r'url\(#([^)]+)\)|xlink:href="#([^"]+)"', page))
    assert {ref for pair in references for ref in pair if ref} <= set(ids)


def test_scenario_report_has_the_projections_rows_and_summary():
    scenario = dividend_scenario()
    page = scenario_report(scenario)
    parsed = outline(page)
    yearly = scenario.projection.rows("year")
    assert parsed.counts["svg"] == 1
    assert parsed.headers[:3] == ["Year", "Contributed", "Income"]
    # One table row per year, plus the summary and parameter rows; the last year's value is shown as money.
    assert f"${yearly[-1]['value']:,.0f}" in page
    assert parsed.counts["tr"] == len(yearly) + 1 + len(scenario.projection.summary()) + len(scenario.params_dict()) + 1
    assert "Figures are after the tax rate given." in page


def test_scenario_report_in_arabic_with_riyals():
    page = scenario_report(dividend_scenario("SAR"), lang="ar")
    parsed = outline(page)
    assert parsed.root["dir"] == "rtl"
    assert "صافي الدخل" in parsed.headers and "ر.س." in page
    assert "١٣٠٬٠٠٠" in page  # 130,000 put in, Arabic-Indic digits for ar_SA


# -- charts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "svg",
    [
        lambda: charts.income_value_chart([1, 2, 3], [10.0, 20.0, 30.0], [100.0, 200.0, 300.0]),
        lambda: charts.fan_chart([1, 2, 3], [1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [3.0, 4.0, 5.0]),
        lambda: charts.scenarios_chart([1, 2], {"a": [1.0, 2.0]}),
        lambda: charts.streams_chart([1, 2], {"blog": [1.0, -2.0], "dividend": [3.0, 4.0]}),
        lambda: charts.start_year_chart([1950, 1951], [1.0, 2.0]),
    ],
)
def test_each_chart_is_inline_svg_with_text_as_text(svg):
    text = svg()
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")
    assert "<text" in text and "<?xml" not in text and "<!DOCTYPE" not in text
    assert 'viewBox="' in text and ' width="' not in text.split(">", 1)[0]


def test_income_and_value_get_two_panels_and_the_fan_chart_its_band():
    two = charts.income_value_chart([1, 2], [1.0, 2.0], [3.0, 4.0])
    assert two.count('id="chart') and len(re.findall(r'<g id="[^"]*axes_\d+"', two)) == 2
    fan = charts.fan_chart([1, 2], [1.0, 2.0], [2.0, 3.0], [3.0, 4.0])
    assert "Median" in fan and "10th to 90th percentile" in fan


def test_matplotlib_is_not_imported_by_the_report_modules_until_a_chart_is_drawn():
    code = "import sys, passivecalc.render.html, passivecalc.render.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# -- a real browser ----------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str | None:
    return next((path for path in map(shutil.which, BROWSERS) if path), None)


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct pixel rows of an 8-bit RGB(A) PNG, read with zlib alone."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour_type = struct.unpack(">IIBB", data[16:26])
    chunks, offset = [], 8
    while offset < len(data):
        length = struct.unpack(">I", data[offset : offset + 4])[0]
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = 1 + width * (4 if colour_type == 6 else 3)
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(height)} if depth == 8 else set()
    return width, height, len(rows)


@pytest.mark.slow
@pytest.mark.parametrize("lang, currency", [("en", "USD"), ("ar", "SAR")])
def test_the_report_renders_in_headless_chromium(lang, currency, tmp_path):
    path = browser()
    if path is None:
        pytest.skip(
            "no Chromium installed (Debian: apt-get install chromium); the HTML structure is still tested above"
        )
    page = tmp_path / f"report-{lang}.html"
    page.write_text(scenario_report(dividend_scenario(currency), lang=lang), encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = [
        path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", f"--user-data-dir={tempfile.mkdtemp()}", f"--screenshot={shot}",
        "--window-size=1200,1600", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert shot.exists(), "Chromium wrote no screenshot"
    width, height, distinct_rows = png_size_and_colours(shot)
    assert (width, height) == (1200, 1600)
    # A blank page has one distinct pixel row; text, charts and tables make hundreds.
    assert distinct_rows > 200


# -- the methods guide -------------------------------------------------------------


def test_guide_page_with_sharia_notes():
    from passivecalc.guide import GUIDES
    from passivecalc.render.html import guide_report, guide_table
    from passivecalc.zakat import SHARIA_NOTES

    caption, headers, rows = guide_table("en", sharia=True)
    assert headers == ["Method", "Takes", "Typical return", "Main risks", "How passive", "Risk", "Sharia notes"]
    assert len(rows) == len(GUIDES)
    p2p = next(row for row in rows if "passivecalc p2p" in row[0])
    assert p2p[-1] == SHARIA_NOTES["p2p"]
    crypto = next(row for row in rows if "passivecalc staking" in row[0])
    assert all(f"\u2066{c}\u2069: " in crypto[-1] for c in ("staking", "crypto-lending", "liquidity"))
    assert len(guide_table("en")[1]) == 6  # no sharia column unless asked

    parsed = outline(guide_report("ar", sharia=True))
    assert parsed.root == {"lang": "ar", "dir": "rtl"}
    assert "ملاحظات شرعية" in parsed.headers and "الطريقة" in parsed.headers
    assert any("ربا" in text for text in parsed.text_by_tag["td"])


def test_yearly_bands_against_numpy_by_hand():
    import numpy as np

    from passivecalc.render.charts import yearly_bands

    # Three paths, 24 months: path k is worth k x month number. Year ends are months 12 and 24.
    values = np.array([[k * (m + 1) for m in range(24)] for k in (1, 2, 3)], dtype=float)
    years, low, median, high = yearly_bands(values, "last", 10, 90)
    assert years == [1, 2]
    # Median of (12, 24, 36) is 24; P10 by linear interpolation is 12 + 0.2 x 12 = 14.4; P90 is 24 + 0.8 x 12 = 33.6.
    assert median == [24.0, 48.0] and low == pytest.approx([14.4, 28.8]) and high == pytest.approx([33.6, 67.2])
    # Flows add up over the year: path 1 earns 1 + 2 + ... + 12 = 78 in year 1.
    assert yearly_bands(values[:1], "sum")[2] == [78.0, 222.0]


def test_a_simulated_scenario_gets_a_fan_chart():
    import numpy as np

    from passivecalc.draws import Draws

    method = get("dividend")
    params = build(method.params, {"capital": 10000, "yield": 4, "years": 5, "volatility": 15})
    projection = method.project(params, Draws(params.months, 50, np.random.default_rng(1)))
    page = scenario_report(Scenario("dividend", "dividend", params, projection))
    assert outline(page).counts["svg"] == 2 and "Median" in page


def test_the_risk_paragraph_has_the_terminals_words_and_figures():
    from passivecalc.render import Format, RenderOptions, render
    from passivecalc.render.riskline import risk_lines
    from passivecalc.result import ProjectionResult
    from passivecalc.risk import RiskSummary

    risk = RiskSummary(
        paths=2000,
        seed=1,
        years=20,
        currency="USD",
        monthly_income_end=(30.0, 45.0, 57.0),
        net_gain=(-1200.0, 5000.0, 9000.0),
        chance_of_loss=0.232,
        table_monthly_income_end=45.0,
        table_net_gain=5100.0,
        far_from_table=False,
        message=None,
    )
    page = render(ProjectionResult(dividend_scenario(), risk), Format.html, RenderOptions(lang="en"))
    assert isinstance(page, str)
    # The figures above in whole dollars, the chance in whole percent, in the terminal's words.
    paragraph = (
        "Risk, 2,000 simulated futures (seed 1); the table is the expected path: monthly net income, last year: "
        "$45 (P10 $30 to P90 $57); net gain: $5,000 (P10 -$1,200 to P90 $9,000); chance of losing money: 23 %."
    )
    assert paragraph in outline(page).text_by_tag["p"]
    # One text (render/riskline.py): the terminal's lines are the same sentences, laid out a figure a line.
    heading, *items = risk_lines(risk)
    assert paragraph == f"{heading} {'; '.join(item.strip() for item in items)}."
    # Without a risk summary there is no risk line.
    assert 'class="risk"' not in render(
        ProjectionResult(dividend_scenario(), object()), Format.html, RenderOptions(lang="en")
    )
