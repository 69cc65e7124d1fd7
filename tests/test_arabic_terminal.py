"""`--lang ar` on a terminal: every command's table says its words in Arabic, fits 80 columns, and English is untouched.

Each command runs as a person sees it, on an 80-column terminal with colour
off, in this process (conftest's `in_terminal`, which tests/test_terminal.py
checks against a real pseudo-terminal).
The Arabic expected in each output is read from the catalogue
(src/passivecalc/locale/ar.po, through passivecalc.i18n.translate), not
written here, so that a label missing from the catalogue or left untranslated
by a renderer fails; the English labels that must be absent are the ones the
English output of the same command shows. Widths are measured in terminal
cells (rich.cells.cell_len): Arabic marks such as tanween (ـً) are combining
characters that take no cell, although Python's len counts them.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel import Locale
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import in_terminal
from passivecalc import guide
from passivecalc.cli import app
from passivecalc.i18n import PLURAL_RULES, catalogue, language, plural, plurals, translate
from passivecalc.methods import REGISTRY
from passivecalc.money import format_money, format_percent
from passivecalc.params import build
from passivecalc.render import (
    Format,
    RenderOptions,
    answer,
    columns,
    compare,
    goal,
    guide_text,
    history,
    render,
    risk,
    riskline,
    table,
)
from passivecalc.render.numbers import DIRECTION_MARKS, Words
from passivecalc.result import ProjectionResult, Scenario
from passivecalc.risk import RiskSummary, risk_summary

WIDTH = 80
CUT = re.compile(r"\d…|…\d|[$€£¥]…")
MODULES = (table, columns, answer, compare, risk, history, goal, riskline, guide_text, guide)


def ar(english: str) -> str:
    """The catalogue's Arabic for an English text, as a terminal writes it (no direction marks)."""
    arabic = translate(english, "ar")
    assert arabic != english, f"no Arabic entry in ar.po for {english!r}"
    return arabic.translate(DIRECTION_MARKS)


def counted(n: int, one: str, other: str) -> str:
    """A counted phrase as the catalogue's plural entry says it, n in Arabic-Indic digits (SAR's)."""
    return plural(one, other, n, "ar").translate(DIRECTION_MARKS).format(n=Words("ar", "SAR").grouped(n))


# The labels an English run of the same command prints (each checked as whole words).
EN_TABLE = [
    "Year",
    "Contributed",
    "Net income",
    "Payout",
    "Value",
    "Money in and out",
    "The result",
    "Your time",
    "Money put in",
    "Total income",
    "Paid out to you",
    "Ending value",
    "Net gain",
    "Monthly net income, last year",
    "IRR",
    "Break-even",
    "Your hours",
    "Figures are before tax",
    "The ending value is before any tax",
    "more columns",
    "Left out to fit",
    "After",
    "a month",
    "a year",
    "put in",
    "the holding is worth",
    "of your time",
    "by year",
    "years",
    "month",
]
EN_RISK = ["Risk", "simulated futures", "seed", "the table is the expected path", "chance of losing money", "to P90"]
EN_COMPARE = [
    "Summary",
    "best in its row",
    "pays the most a month",
    "in its last year",
    "against",
    "for",
    "Net income per year",
    "Value at the end of each year",
    "year 1",
    "lines meet",
]
EN_GOAL = ["Invest", "now to have", "a month of net income", "in year", "Set", "to have", "articles a month"]
EN_GRID = ["is best at", "(rows)", "(columns)", "best"]
EN_PORTFOLIO = [
    "Portfolio",
    "total",
    "net income",
    "value",
    "Share of net income per year",
    "largest",
    "Largest stream",
    "Routed",
    "payout into",
    "Total",
]
EN_SIMULATION = [
    "simulated paths",
    "Monthly net income (the year's net income / 12)",
    "Value at the end of the year",
    "Paid out to you during the year",
    "At the end",
    "Losing money overall",
    "of 300 paths",
    "Monthly net income of",
    "reached by year",
    "Worst drop in monthly income",
    "median",
    "eight paths in ten",
    "Reached",
    "by then",
]
EN_SIMULATED_COMPARE = [
    "scenarios",
    "each",
    "the same draws for every scenario",
    "Scenario",
    "Monthly income",
    "Losing",
    "by year",
    "Ending",
    "on the median path",
]
EN_HISTORY = [
    "back-tested on the S&P 500",
    "start months",
    "Worst",
    "Median",
    "Best",
    "real",
    "Net income a month",
    "Total dividends",
    "IRR a year",
    "Worst income drop",
    "dividends less tax and fees",
    "Median start",
    "its rows",
    "Target",
    "reached it",
    "failed",
    "Real net income a month in the last year",
    "mean",
    "below target",
    "S&P 500 data",
    "public domain",
    "repository",
]
EN_HISTORY_START = ["History: the plan started in", "of the S&P 500 as it was"]
EN_HISTORY_GOAL = ["in money of the start month", "of historical starts since", "reach it", "The rows below"]
EN_GUIDE = [
    "Command",
    "Commands",
    "Method",
    "Takes",
    "Risk",
    "Typical return",
    "Main risks",
    "How passive",
    "More on one method",
    "every column",
    "low",
    "medium",
    "high",
    "Dividend stocks and ETFs",
    "capital from",
    "very: buy, hold, reinvest",
]

# Command family -> (arguments, the English texts whose Arabic it shows, the English labels it must not show).
FAMILIES = {
    "projection": (
        "dividend --years 5 --currency sar",
        [
            "Year",
            "Contributed",
            "Net income",
            "Payout",
            "Value",
            "Money in and out",
            "The result",
            "Your time",
            "Money put in",
            "Monthly net income, last year",
            "IRR (annualised)",
            "Break-even",
            "Figures are before tax (no tax rate given).",
            "The ending value is before any tax on selling what you own.",
            "chance of losing money: {chance}",
        ],
        EN_TABLE + EN_RISK,
    ),
    "compare": (
        "compare examples/dividend-vs-p2p.toml",
        ["Summary", "* best in its row", "Net income per year", "Value at the end of each year", "lines meet"],
        EN_TABLE + EN_COMPARE,
    ),
    "goal": (
        "goal dividend --target 500 --yield 4 --currency sar",
        ["Money put in", "Net income", " a month", "Figures are before tax (no tax rate given)."],
        EN_TABLE + EN_GOAL,
    ),
    "goal-lever": ("goal blog --target 500", ["Your hours"], EN_TABLE + EN_GOAL),
    "sweep": (
        "dividend --vary yield=2:6:1 --currency egp",
        ["Summary", "* best in its row", "Net income per year"],
        EN_TABLE + EN_COMPARE,
    ),
    "grid": (
        "dividend --vary yield=2,4,6 --vary price_growth=0,3,6",
        ["Monthly net income, last year", "* best"],
        EN_TABLE + EN_GRID,
    ),
    "portfolio": (
        "portfolio examples/blog-then-dividends.toml",
        ["Share of net income per year", "Total", "total", "largest", "Money in and out"],
        EN_TABLE + EN_PORTFOLIO,
    ),
    "simulation": (
        "dividend --simulate 300 --seed 1 --target 50 --currency sar",
        [
            "Monthly net income (the year's net income / 12)",
            "Value at the end of the year",
            "At the end",
            "Worst drop in monthly income",
        ],
        EN_TABLE + EN_SIMULATION,
    ),
    "simulated-compare": (
        "compare examples/dividend-vs-p2p.toml --simulate 200 --seed 2 --target 300",
        ["Scenario", "Losing\nmoney"],
        EN_TABLE + EN_SIMULATION + EN_SIMULATED_COMPARE,
    ),
    "history": (
        "dividend --history --target 40",
        ["Worst", "Median", "Best", "Total dividends", "Worst income drop", "real"],
        EN_TABLE + EN_HISTORY,
    ),
    "history-start": (
        "dividend --history --start-at 1990-01 --years 3",
        ["Money in and out", "Date"],
        EN_TABLE + EN_HISTORY + EN_HISTORY_START,
    ),
    "history-goal": (
        "goal dividend --history --target 500 --confidence 90",
        ["Money in and out", "in year {years}"],
        EN_TABLE + EN_HISTORY + EN_HISTORY_GOAL + EN_GOAL,
    ),
    "guide": ("methods", ["Command", "Method", "Typical return"], EN_GUIDE),
    "guide-card": ("methods dividend", ["Commands", "Takes", "Main risks"], EN_GUIDE),
}


def english_present(shown: str, labels: list[str]) -> list[str]:
    return [label for label in labels if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", shown)]


def fits(shown: str) -> list[str]:
    return [line for line in shown.splitlines() if cell_len(line) > WIDTH or CUT.search(line)]


@pytest.mark.slow
@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_command_family_speaks_arabic_fits_80_columns_and_shows_no_english_label(family):
    arguments, arabic, english = FAMILIES[family]
    # The English labels checked are ones the English run of the same command shows.
    in_english = CliRunner().invoke(app, arguments.split())
    assert in_english.exit_code == 0, in_english.output
    assert len(english_present(in_english.stdout, english)) >= 5, english_present(in_english.stdout, english)
    shown = in_terminal(f"passivecalc {arguments} --lang ar")
    assert "Traceback" not in shown and "error" not in shown.lower(), shown
    for text in arabic:
        # A template's words before its first placeholder; a heading may wrap at words over its column's lines.
        for word in ar(text).split("{")[0].split():
            assert word in shown, (family, text, word)
    assert not english_present(shown, english), (family, english_present(shown, english))
    assert not fits(shown), (family, fits(shown))


@pytest.mark.parametrize("method", list(REGISTRY))
def test_every_method_in_arabic_and_riyals_leads_with_the_answer_and_fits(method):
    # The table format at a terminal's 80 columns, as the CLI renders a method command (its risk line too).
    chosen = REGISTRY[method]
    params = build(chosen.params, {"currency": "SAR"})
    projection = chosen.project(params)
    result = ProjectionResult(
        Scenario(method, method, params, projection), risk_summary(chosen, params, expected=projection)
    )
    shown = render(result, Format.table, RenderOptions(lang="ar", width=WIDTH))
    assert isinstance(shown, str)
    lines = shown.splitlines()
    # "After 10 years" as the catalogue's plural entry says it after "after" (بعد ١٠ سنوات), with SAR's digits.
    assert lines[0].startswith(counted(10, *answer.AFTER) + ":"), lines[0]
    assert not english_present(shown, EN_TABLE + EN_RISK), english_present(shown, EN_TABLE + EN_RISK)
    assert not fits(shown), fits(shown)


@pytest.mark.slow
def test_the_environment_variable_chooses_arabic_too():
    shown = in_terminal("passivecalc dividend --years 5", PASSIVECALC_LANG="ar")
    assert ar("Money in and out") in shown and "Money in and out" not in shown


def test_arabic_numbers_are_the_reports_without_direction_marks():
    # Oracle: passivecalc.money, the HTML report's formatter (CLDR through Babel): ar_SA writes Arabic-Indic digits.
    said = Words("ar", "SAR")
    assert format_money(10000, "SAR", "ar_SA", 0) == "\u200f١٠٬٠٠٠\u00a0ر.س.\u200f"
    assert said.money(10000) == "١٠٬٠٠٠\u00a0ر.س."
    assert said.money(33.333, 2) == "٣٣٫٣٣\u00a0ر.س."
    assert said.percent(4.06) == format_percent(4.06, "ar_SA").translate(DIRECTION_MARKS) == "٤٫٠٦٪"
    assert said.integer(2026) == "٢٠٢٦" and said.grouped(1710) == "١٬٧١٠"
    # The report's Words keep the marks: a right-to-left page lays them out.
    assert Words("ar", "SAR", "ar_SA").money(10000) == format_money(10000, "SAR", "ar_SA", 0)
    # Latin digits where the country writes them (CLDR: ar_AE).
    assert Words("ar", "AED").money(1234.5, 2) == "1,234.50\u00a0د.إ."


def test_a_terminal_line_measures_what_it_shows():
    # Every Arabic text the terminal prints is free of direction marks, which terminals disagree on the width of.
    said = Words("ar", "SAR")
    for text in (said.money(-2062.5), said.percent(34, 0), said.t(columns.PICKS), said.t(table.IRR_NOTE)):
        assert not set(text) & {chr(mark) for mark in DIRECTION_MARKS}, repr(text)


def test_english_words_are_the_old_formatters():
    # English on a terminal is render.numbers.money and number, unchanged (test_terminal and the transcripts pin them).
    from passivecalc.render.numbers import money, number

    said = Words("en", "USD")
    for value in (0.0, 4.5, 1234.5, -2062.5, 1e9):
        assert said.money(value) == money(value, "USD") and said.money(value, 2) == money(value, "USD", 2)
        for unit in ("money", "percent", "month", "hours", "tokens", "count", "ratio"):
            assert said.number(value, unit) == number(value, unit, "USD")
    assert said.count(1, *table.YEARS) == "1 year" and said.count(10, *table.YEARS) == "10 years"


@pytest.mark.parametrize("n", [*range(0, 250), 1000, 1002, 1003, 1010, 1011, 1099, 1100, 1710, 100000])
def test_arabic_plural_categories_are_cldrs(n):
    # Oracle: CLDR's Arabic plural rules as Babel reads them (zero, one, two, few, many, other).
    categories = ["zero", "one", "two", "few", "many", "other"]
    assert categories[PLURAL_RULES["ar"](n)] == Locale("ar").plural_form(n)


def test_a_fraction_takes_the_other_form():
    # CLDR: any non-integer count is "other" in Arabic ("٢٣٫٨٨ مقالة").
    assert Locale("ar").plural_form(23.88) == "other"
    assert PLURAL_RULES["ar"](23.88) == 5


def test_counted_phrases_in_arabic():
    # The forms written in ar.po: one and two in words, 3-10 plural, 11-99 and 100 up singular.
    assert counted(1, *table.YEARS) == "سنة واحدة"
    assert counted(2, *table.YEARS) == "سنتان"
    assert counted(5, *table.YEARS) == "٥ سنوات"
    assert counted(15, *table.YEARS) == "١٥ سنة"
    assert counted(2, *answer.AFTER) == "بعد سنتين"  # after "after", the dual is genitive
    assert counted(1000, *riskline.FUTURES) == "١٬٠٠٠ مسار محاكاة"
    assert counted(80, *columns.WIDTH) == "٨٠ عمودًا"
    # English: singular for 1, plural otherwise; a catalogue without the entry gives the English forms.
    assert plural("{n} year", "{n} years", 1, "en") == "{n} year"
    assert plural("{n} thing", "{n} things", 3, "ar") == "{n} things"


def test_every_terminal_text_and_counted_phrase_has_an_arabic_entry():
    texts = {text for module in MODULES for text in module.TEXTS}
    missing = sorted(text for text in texts if not catalogue("ar").get(text))
    assert not missing, f"no Arabic entry in locale/ar.po for: {missing}"
    for module in MODULES:
        for one, other in getattr(module, "PLURALS", ()):
            forms = plurals("ar").get(other)
            assert forms is not None and len(forms) == 6, (module.__name__, other)
            allowed = set(re.findall(r"\{\w+\}", one + other))
            for index, form in enumerate(forms):
                assert re.search(r"[\u0600-\u06FF]", form), (other, index)
                assert set(re.findall(r"\{\w+\}", form)) <= allowed, (other, index)
                # Zero, few, many and other write the figure; one and two may say it in words.
                if index in (0, 3, 4, 5) and "{n}" in other:
                    assert "{n}" in form, (other, index)


def test_the_reports_risk_paragraph_is_the_terminals_risk_lines_in_arabic():
    # Task of render/riskline.py: one text; the HTML paragraph is the terminal's sentences joined with Arabic's ؛.
    from passivecalc.render.riskline import risk_lines

    method = REGISTRY["dividend"]
    params = build(method.params, {"currency": "SAR", "years": 5})
    summary = RiskSummary(
        paths=1000,
        seed=1,
        years=5,
        currency="SAR",
        monthly_income_end=(25.0, 33.0, 33.0),
        net_gain=(-2062.0, 1174.0, 5868.0),
        chance_of_loss=0.34,
        table_monthly_income_end=33.0,
        table_net_gain=2000.0,
        far_from_table=True,
        message="English, from risk.py",
    )
    page = render(
        ProjectionResult(Scenario("dividend", "dividend", params, method.project(params)), summary),
        Format.html,
        RenderOptions(lang="ar"),
    )
    assert isinstance(page, str)
    heading, *items = risk_lines(summary, Words("ar", "SAR"))
    warning = items.pop()
    paragraph = f"{heading} {'؛ '.join(item.strip() for item in items)}. {warning}"
    shown = re.search(r'<p class="risk">(.*?)</p>', page, re.S)
    assert shown is not None
    assert shown.group(1).translate(DIRECTION_MARKS) == paragraph
    assert (
        "٣٤٪" in paragraph
        and ar("Warning: the median future's net gain, {median}, is far from the table's {table}.")[:6] in warning
    )
    assert "English" not in page


def test_an_english_run_imports_no_babel_and_reads_no_catalogue():
    # The table of a dollar run in English: passivecalc.money and the catalogue are for other currencies and Arabic.
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from passivecalc.cli import app\n"
        "import passivecalc.i18n as i\n"
        "result = CliRunner().invoke(app, ['dividend', '--years', '5'])\n"
        "assert result.exit_code == 0 and 'Money in and out' in result.stdout, result.stdout\n"
        "print('babel' in sys.modules, i.catalogue.cache_info().currsize, i.plurals.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "0", "0"]


def test_language_resolves_before_words_are_said():
    assert Words(language("ar_SA"), "SAR").t("Net income") == "صافي الدخل"


@pytest.mark.parametrize("fmt", ["html", "xlsx", "csv"])
def test_an_arabic_goal_says_its_answer_in_arabic_in_files_and_beside_the_data(fmt, tmp_path):
    # The goal's sentence (render/goal.py's INVEST template, from the catalogue) heads the report, titles the
    # workbook and goes to stderr beside CSV; before, all three were the English sentence.
    invest = ar(goal.INVEST).split("{")[0].strip()
    target = ["goal", "dividend", "--target", "500", "--currency", "sar", "--lang", "ar"]
    if fmt == "csv":
        result = CliRunner().invoke(app, [*target, "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert invest in result.stderr and "Invest" not in result.stderr
        assert invest not in result.stdout  # the data stays clean
        return
    out = tmp_path / f"goal.{fmt}"
    result = CliRunner().invoke(app, [*target, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "html":
        page = out.read_text(encoding="utf-8")
        assert f'<p class="answer">{invest}' in page and "Invest" not in page
    else:
        import openpyxl

        title = openpyxl.load_workbook(out).worksheets[0]["A1"].value
        assert title.startswith(invest) and "١٥٠٬٠٠٠" in title  # 150,000 riyals, the English run's answer


def test_a_ranked_guide_says_why_in_arabic_in_every_format_that_shows_words(tmp_path):
    # guide.why's templates come from the catalogue (ar.po); the English rows, which CSV keeps, were the only text.
    situation = ["methods", "--capital", "5000", "--hours-per-week", "5", "--risk", "medium"]
    fits, misfit = ar(guide.FITS).split("{")[0].strip(), ar(guide.MISFIT).split("{")[0].strip()
    weeks = plural(*guide.WEEKS, 24, "ar").format(n="24")  # ebook: 120 h to set up at 5 h a week
    shown = in_terminal("passivecalc " + " ".join(situation) + " --lang ar")
    for text in (fits, misfit, weeks, ar(guide.UNDER_A_WEEK)):
        assert text in shown, text
    assert "fits:" not in shown and "does not fit" not in shown and "h a week" not in shown
    page = tmp_path / "guide.html"
    assert CliRunner().invoke(app, [*situation, "--lang", "ar", "-o", str(page)]).exit_code == 0
    assert fits in page.read_text(encoding="utf-8") and "does not fit" not in page.read_text(encoding="utf-8")
    english = CliRunner().invoke(app, [*situation, "--lang", "ar", "--format", "csv"])
    assert "fits: medium risk (you accept medium)" in english.stdout  # CSV keeps English words


@pytest.mark.parametrize("weeks", [1, 2, 3, 11, 24, 100])
def test_weeks_to_set_up_take_arabics_counted_forms(weeks):
    # The counted forms from CLDR's Arabic plural rule (checked above): 1 and 2 in words, 3-10 plural, 11-99 singular.
    expected = {1: "نحو أسبوع واحد", 2: "نحو أسبوعين", 3: "نحو ٣ أسابيع", 11: "نحو ١١ أسبوعًا", 24: "نحو ٢٤ أسبوعًا"}
    said = Words("ar", "SAR").count(weeks, *guide.WEEKS)
    assert said == expected.get(weeks, "نحو ١٠٠ أسبوع")
