"""Reports from the command line: -o report.html and -o plan.xlsx for every kind of result, --lang ar, --currency, --sharia.

HTML is parsed with the standard library's html.parser (tests/test_html.py's Outline); workbooks are read back
with openpyxl, a reader independent of XlsxWriter which writes them. A headless Chromium renders the dividend
report to a screenshot when a browser is installed.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

from conftest import invoke
from passivecalc.cli import output as cli_output
from test_html import browser, outline, png_size_and_colours

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PORTFOLIO = str(EXAMPLES / "blog-then-dividends.toml")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def run(*args: str, env: dict[str, str] | None = None):
    return invoke(list(args), env=env)


# One command per result type the commands produce (result.py), and the SVG charts its report draws:
# a projection's income-and-value chart; net income and value with a line per scenario (compare, sweeps) or per
# stream (portfolio); a fan chart of monthly income and of value per simulation; the medians of several
# simulations and each one's two fan charts; none for the guide.
CASES = {
    "projection": (["dividend", "--drip", "--years", "5"], 1),
    "comparison": (["compare", "a: dividend --yield 3 --years 5", "b: p2p --years 5"], 2),
    "run": (["run", str(EXAMPLES / "dividend-drip-or-cash.toml")], 2),
    "sweep": (["dividend", "--years", "5", "--vary", "yield=3,5"], 2),
    "grid": (["dividend", "--years", "5", "--vary", "yield=3,5", "--vary", "contribution=0,100"], 2),
    "portfolio": (["portfolio", PORTFOLIO], 2),
    "simulation": (["dividend", "--drip", "--years", "5", "--simulate", "200", "--seed", "1"], 2),
    "simulated portfolio": (["portfolio", PORTFOLIO, "--simulate", "100", "--seed", "1"], 2),
    "simulated comparison": (
        ["compare", "a: dividend --years 5", "b: p2p --years 5", "--simulate", "200", "--seed", "1"],
        2 + 2 * 2,
    ),
    "goal": (["goal", "dividend", "--target", "500", "--years", "5"], 1),
    "guide": (["methods"], 0),
    "ranked guide": (["methods", "--capital", "5000", "--hours-per-week", "5", "--sharia"], 0),
}


def written(tmp_path: Path, args: list[str], name: str, *extra: str) -> Path:
    path = tmp_path / name
    result = run(*args, *extra, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout == "" or args[0] == "goal"
    )  # a goal's answer line goes to stderr with -o; nothing else on stdout
    return path


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_html_report_for_every_result_type(case, tmp_path):
    args, charts = CASES[case]
    page = written(tmp_path, args, "report.html").read_text(encoding="utf-8")
    parsed = outline(page)
    assert page.startswith("<!DOCTYPE html>") and parsed.root == {"lang": "en", "dir": "ltr"}
    assert parsed.title.strip()
    assert parsed.counts.get("svg", 0) == charts and parsed.counts.get("figure", 0) == charts  # one svg per chart
    assert parsed.counts.get("table", 0) >= 1 and parsed.counts.get("td", 0) > 4
    assert parsed.counts.get("script", 0) == 0 and parsed.external == []  # self-contained: nothing fetched
    if case == "ranked guide":
        assert "Sharia notes" in parsed.headers and "Why" in parsed.headers


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_html_report_in_arabic_for_every_result_type(case, tmp_path):
    args, charts = CASES[case]
    page = written(tmp_path, args, "report.html", "--lang", "ar").read_text(encoding="utf-8")
    parsed = outline(page)
    assert parsed.root == {"lang": "ar", "dir": "rtl"}
    headings = parsed.text_by_tag["h2"]
    assert headings and all(
        ARABIC.search(h) for h in headings if not h.startswith(("a:", "b:", "yield", "dividend", "p2p", "blog"))
    )
    if charts:
        assert "الملخص" in headings


def sheet_numbers(sheet) -> list:
    return [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None]


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if "guide" not in c])
def test_workbook_for_every_result_type(case, tmp_path):
    args, _charts = CASES[case]
    data = written(tmp_path, args, "plan.xlsx").read_bytes()
    assert data[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "Summary" and len(book.sheetnames) >= 2
    summary = book.worksheets[0]
    assert summary.freeze_panes == "B3"
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"  # the header row stays in view
        assert sheet.column_dimensions["B"].width and sheet.column_dimensions["B"].width > 8
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
        numbers = [c for c in cells if isinstance(c.value, (int, float))]
        assert numbers and len(numbers) >= len(cells) - len(
            list(sheet.iter_rows(min_row=2))
        )  # at most one text label a row
    money = [
        c
        for row in summary.iter_rows(min_row=3)
        for c in row
        if isinstance(c.value, (int, float)) and "$" in c.number_format
    ]
    assert money, "money on the summary sheet carries the dollar format"


def test_a_sheet_per_scenario_with_the_projections_rows(tmp_path):
    args = ["compare", "a: dividend --yield 3 --years 4", "b: dividend --yield 5 --years 4"]
    book = openpyxl.load_workbook(written(tmp_path, args, "plan.xlsx"))
    assert book.sheetnames == ["Summary", "a", "b"]
    # 10,000 at a 5 % yield without DRIP pays 500 a year (no tax): the sum of b's income column, four years, is 2,000.
    sheet = book["b"]
    headers = [c.value for c in sheet[1]]
    income = [row[headers.index("Income")].value for row in sheet.iter_rows(min_row=2)]
    assert income == pytest.approx([500.0] * 4) and sum(income) == pytest.approx(2000.0)
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [1, 2, 3, 4]
    yield_cell = sheet.cell(row=2, column=headers.index("Yield on cost") + 1)
    assert yield_cell.value == pytest.approx(0.05) and yield_cell.number_format == "0.00%"  # 5 % stored as a fraction


def test_workbook_in_arabic_is_right_to_left_with_local_money(tmp_path):
    path = written(tmp_path, ["dividend", "--years", "3", "--currency", "kwd"], "plan.xlsx", "--lang", "ar")
    book = openpyxl.load_workbook(path)
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    assert book.sheetnames[0] == "الملخص"
    formats = {
        c.number_format
        for row in book.worksheets[1].iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, (int, float))
    }
    assert any("0.000" in f and "د.ك." in f for f in formats)  # the dinar has three decimals (ISO 4217)


def test_a_workbook_is_refused_on_a_terminal_and_written_when_redirected(monkeypatch):
    monkeypatch.setattr(cli_output, "stdout_is_terminal", lambda: True)
    refused = run("dividend", "--years", "2", "--format", "xlsx")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert (
        refused.stderr.strip()
        == "passivecalc: error: --format: xlsx writes a binary workbook: give -o FILE.xlsx (or redirect stdout to a file)"
    )
    monkeypatch.setattr(cli_output, "stdout_is_terminal", lambda: False)
    piped = run("dividend", "--years", "2", "--format", "xlsx")
    assert piped.exit_code == 0 and piped.stdout_bytes[:2] == b"PK"


# -- language ----------------------------------------------------------------------


def test_lang_from_the_environment_and_bad_languages(tmp_path):
    path = tmp_path / "r.html"
    assert run("dividend", "--years", "2", "-o", str(path), env={"PASSIVECALC_LANG": "ar"}).exit_code == 0
    assert outline(path.read_text(encoding="utf-8")).root["dir"] == "rtl"
    bad = run("dividend", "--lang", "fr")
    assert bad.exit_code == 2 and bad.stdout == "" and "'fr' is not a language passivecalc speaks" in bad.stderr
    env_bad = run("dividend", env={"PASSIVECALC_LANG": "fr"})
    assert env_bad.exit_code == 2 and env_bad.stdout == ""
    assert (
        env_bad.stderr.strip()
        == "passivecalc: error: PASSIVECALC_LANG: 'fr' is not a language passivecalc speaks; use en or ar"
    )


def test_csv_and_json_keys_stay_english_under_arabic():
    english = run("dividend", "--years", "2", "-f", "json")
    arabic = run("dividend", "--years", "2", "-f", "json", "--lang", "ar")
    assert json.loads(arabic.stdout) == json.loads(english.stdout)
    assert (
        run("dividend", "--years", "2", "-f", "csv", "--lang", "ar").stdout
        == run("dividend", "--years", "2", "-f", "csv").stdout
    )


def test_methods_guide_in_arabic_and_with_sharia_notes():
    arabic = run("methods", "--lang", "ar")
    assert arabic.exit_code == 0 and "الطريقة" in arabic.stdout and "المخاطرة" in arabic.stdout
    sharia = run("methods", "--sharia")
    assert sharia.exit_code == 0 and "Sharia notes" in sharia.stdout and "riba" in sharia.stdout
    assert "not a ruling" in sharia.stdout
    rows = json.loads(run("methods", "--sharia", "-f", "json").stdout)["methods"]
    p2p = next(row for row in rows if row["commands"] == "passivecalc p2p")
    # The closest alternative the tool models is named in the note itself.
    assert "riba for most scholars" in p2p["sharia"] and "screened dividend stocks" in p2p["sharia"]
    assert "sharia" not in json.loads(run("methods", "-f", "json").stdout)["methods"][0]


# -- currency ----------------------------------------------------------------------


def test_currency_in_any_case_and_unknown_codes():
    data = json.loads(run("dividend", "--years", "1", "--currency", "sar", "-f", "json").stdout)
    assert data["params"]["currency"] == "SAR"
    bad = run("dividend", "--currency", "rsa")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.startswith(
        "passivecalc: error: --currency: 'rsa' is not an ISO 4217 currency code (did you mean SAR?)"
    )
    assert bad.stderr.count("\n") == 1  # one line
    # Not three letters: refused by the parameters' own check, naming what was typed.
    assert run("dividend", "--currency", "dollars").stderr == (
        "passivecalc: error: --currency: 'dollars' is not a three-letter currency code such as USD or EUR\n"
    )


def test_money_written_as_its_currency_is_in_the_report(tmp_path):
    yen = outline(
        written(tmp_path, ["dividend", "--years", "2", "--currency", "jpy"], "jpy.html").read_text(encoding="utf-8")
    )
    cells = yen.text_by_tag["td"]
    assert "¥10,000" in cells and not any(re.search(r"¥[\d,]+\.\d", c) for c in cells)  # no minor units for the yen
    dinar = written(tmp_path, ["dividend", "--years", "2", "--currency", "KWD"], "kwd.html").read_text(encoding="utf-8")
    assert "KWD\u00a010,000.000" in dinar  # three decimals in the summary's money


# -- a real browser ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_dividend_report_from_the_cli_renders_in_headless_chromium(lang, tmp_path):
    path = browser()
    if path is None:
        pytest.skip(
            "no Chromium installed (Debian: apt-get install chromium); the HTML structure is still tested above"
        )
    page = written(tmp_path, ["dividend", "--drip"], "report.html", "--lang", lang)
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
    assert distinct_rows > 200  # a blank page has one distinct pixel row; text, charts and tables make hundreds
