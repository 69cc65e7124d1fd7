"""A self-contained HTML report: answer, summary, risk line, charts, tables, parameters.

One file that opens anywhere and can be mailed: no network, no scripts, no
web fonts (system fonts only), charts as inline SVG, print-friendly CSS.
Arabic pages are `<html lang="ar" dir="rtl">`.

`html_report` builds the page from plain, already formatted text (the caller
chooses the words and number formats); `scenario_report` builds it from a
passivecalc.result.Scenario, formatting numbers with passivecalc.money and
translating labels with passivecalc.i18n.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from passivecalc.i18n import is_rtl, language, translate
from passivecalc.render import RenderOptions
from passivecalc.render.risk import FINAL_LABELS, YEARLY_TITLES  # the simulation's labels, as the terminal shows them
from passivecalc.result import (
    BacktestResult,
    ComparisonResult,
    GoalResult,
    GridResult,
    GuideResult,
    HistoryGoalResult,
    HistoryStartResult,
    PortfolioResult,
    ProjectionResult,
    Scenario,
    SimulatedComparisonResult,
    SimulationResult,
)

if TYPE_CHECKING:
    from passivecalc.projection import Projection
    from passivecalc.risk import Simulation

Table = tuple[str, Sequence[str], Sequence[Sequence[str]]]  # caption, headers, rows of cell texts

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic",
       Tahoma, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem;
       color: #1a1a1a; background: #ffffff; line-height: 1.5; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #d0d0d0; padding-bottom: 0.2rem; }
p.answer { font-size: 1.15rem; margin: 0.4rem 0 1rem; }
p.risk { background: #fff4e0; border-inline-start: 4px solid #e69f00; padding: 0.5rem 0.8rem; }
ul.notes { padding-inline-start: 1.2rem; color: #333333; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: start; font-weight: 600; padding: 0.3rem 0; }
th, td { padding: 0.25rem 0.7rem; border-bottom: 1px solid #e4e4e4; }
th { text-align: start; background: #f3f5f8; font-weight: 600; }
td.num, th.num { text-align: end; white-space: nowrap; }
table.summary th { background: none; font-weight: normal; }
table.summary td { font-weight: 600; }
table.rows { width: 100%; font-size: 0.85rem; }
table.grid { font-size: 0.9rem; }
table.grid td:first-child { font-weight: normal; }
div.scroll { overflow-x: auto; }
figure { margin: 0.8rem 0 1.2rem; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figure svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Naskh Arabic",
                  "Noto Sans Arabic", Tahoma, Arial, sans-serif !important; }
footer { margin-top: 2rem; color: #666666; font-size: 0.85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table.rows { font-size: 8pt; }
  div.scroll { overflow: visible; }
  tr { break-inside: avoid; }
  p.risk { border: 1px solid #e69f00; }
}
"""


def html_report(
    title: str,
    answer_sentence: str,
    summary_rows: Sequence[tuple[str, str]],
    risk_line: str | None,
    charts: Sequence[str],
    tables: Sequence[Table],
    params: Sequence[tuple[str, str]],
    lang: str = "en",
    notes: Sequence[str] = (),
    summary_table: Table | None = None,
) -> str:
    """The report page as HTML text (UTF-8 when written).

    All texts are given in the page's language and escaped here; `charts` are SVG
    documents without the XML prolog (passivecalc.render.charts) and are inlined as
    they are. Headings are translated to `lang`. Sections with nothing in them are left out.
    summary_table: a summary of several columns (one per scenario or percentile), shown in the
    summary's place, after `summary_rows` when both are given.
    """
    code = language(lang)
    t = lambda text: translate(text, code)  # noqa: E731
    direction = ' dir="rtl"' if is_rtl(code) else ' dir="ltr"'
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{code}"{direction}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="answer">{escape(answer_sentence)}</p>' if answer_sentence else "",
        "</header>",
    ]
    if summary_rows or summary_table:
        parts.append(f'<section id="summary"><h2>{escape(t("Summary"))}</h2>')
        if summary_rows:
            parts.append('<table class="summary"><tbody>')
            parts += [
                f'<tr><th scope="row">{escape(label)}</th><td class="num">{escape(value)}</td></tr>'
                for label, value in summary_rows
            ]
            parts.append("</tbody></table>")
        if summary_table:
            caption = summary_table[0] if summary_table[0] != t("Summary") else ""
            parts.append(_table(*summary_table, heading=False, caption_shown=caption))
        parts.append("</section>")
    if risk_line:
        parts.append(f'<p class="risk">{escape(risk_line)}</p>')
    if charts:
        parts.append(f'<section id="charts"><h2>{escape(t("Charts"))}</h2>')
        parts += [f"<figure>{svg.strip()}</figure>" for svg in charts]
        parts.append("</section>")
    for caption, headers, rows in tables:
        parts.append(_table(caption, headers, rows))
    if notes:
        parts += [f'<section id="notes"><h2>{escape(t("Notes"))}</h2>', '<ul class="notes">']
        parts += [f"<li>{escape(note)}</li>" for note in notes]
        parts += ["</ul>", "</section>"]
    if params:
        parts += [
            f'<section id="parameters"><h2>{escape(t("Parameters"))}</h2>',
            '<table class="params">',
            f'<thead><tr><th scope="col">{escape(t("Parameter"))}</th><th scope="col">{escape(t("Value"))}</th></tr></thead><tbody>',
        ]
        parts += [f'<tr><td dir="ltr">{escape(key)}</td><td>{escape(value)}</td></tr>' for key, value in params]
        parts += ["</tbody></table>", "</section>"]
    parts += [
        f"<footer>{escape(t('Made with passivecalc. Estimates, not advice.'))}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(part for part in parts if part)


def _table(
    caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], heading: bool = True, caption_shown: str = ""
) -> str:
    # A column of figures ('–' for none among them) is aligned to the end; the first column holds labels when headed "".
    numeric = [
        any(_looks_numeric(row[i]) for row in rows if i < len(row))
        and all(_looks_numeric(row[i]) or row[i] == "–" for row in rows if i < len(row))
        for i in range(len(headers))
    ]
    head = "".join(
        f'<th scope="col"{" class=num" if numeric[i] else ""}>{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "\n".join(
        "<tr>"
        + "".join(f"<td{' class=num' if numeric[i] else ''}>{escape(cell)}</td>" for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    kind = "rows" if heading else "grid"
    shown = f"<caption>{escape(caption_shown)}</caption>" if caption_shown else ""
    table = f'<div class="scroll"><table class="{kind}">{shown}\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>'
    if not heading:
        return table
    return f'<section class="table"><h2>{escape(caption)}</h2>\n{table}\n</section>'


def _looks_numeric(text: str) -> bool:
    """A figure ('$1,234', '4.12 %', '١٣٠٬٠٠٠ ر.س.', 'month 14'), not a phrase that holds numbers: aligned to the end."""
    return any(ch.isdigit() for ch in text) and len(text) <= 30 and len(text.split()) <= 3


# -- from a Scenario ------------------------------------------------------------

ANSWER = "{contributed} put in earns {monthly} a month net in year {years} and is worth {value} at the end."
IRR_OVER = "over {value}"
MONTH_N = "month {n}"


def scenario_report(
    scenario: Scenario,
    period: str = "year",
    lang: str | None = None,
    locale: str | None = None,
    risk_line: str | None = None,
    charts: bool = True,
    notes: Sequence[str] = (),
    answer: str | None = None,
) -> str:
    """The HTML report of one projected scenario: its answer, summary, income/value chart, rows and parameters.

    A projection of several simulated paths also gets a fan chart of its value (P10-P90 and median across
    paths); its summary, rows and income/value chart are those of path 0, as in the terminal.

    lang: "en"/"ar" (None: PASSIVECALC_LANG, else English). locale: the number locale
    (None: passivecalc.money.locale_for(lang, currency)). period: "year" or "month" rows.
    answer: the answer sentence (None: what the money put in earns, from the summary).
    """
    from passivecalc.money import locale_for, normalise_currency
    from passivecalc.render.table import tax_line

    code = language(lang)
    projection = scenario.projection
    currency = normalise_currency(projection.currency)
    where = locale or locale_for(code, currency)
    summary = projection.summary()
    fmt = _Formatter(currency, where, code)

    answer = answer or translate(ANSWER, code).format(
        contributed=fmt.money(summary.get("total_contributed"), 0),
        monthly=fmt.money(summary.get("monthly_income_end"), None),
        years=fmt.integer(projection.years),
        value=fmt.money(summary.get("ending_value"), 0),
    )
    svgs = []
    if charts and projection.paths > 1:
        from passivecalc.render.charts import fan_chart, yearly_bands

        years, p10, median, p90 = yearly_bands(projection.value, "last")
        svgs.append(fan_chart(years, p10, median, p90, "Value at year end", code, where))
    if charts:
        from passivecalc.render.charts import income_value_chart

        yearly = projection.rows("year")
        svgs.append(
            income_value_chart(
                [row["year"] for row in yearly],
                [row["net_income"] for row in yearly],
                [row["value"] for row in yearly],
                code,
                where,
            )
        )
    caption = translate("Rows by month" if period == "month" else "Rows by year", code)
    table = scenario_rows_table(scenario, period, code, where, caption)
    return html_report(
        title=_title(scenario, code),
        answer_sentence=answer,
        summary_rows=scenario_summary_rows(scenario, code, where),
        risk_line=risk_line,
        charts=svgs,
        tables=[table],
        params=[(key, _param_text(value)) for key, value in scenario.params_dict().items()],
        lang=code,
        notes=[translate(tax_line(projection.after_tax), code), *notes],
    )


def scenario_summary_rows(scenario: Scenario, lang: str, locale: str) -> list[tuple[str, str]]:
    """The summary as (label, value text) in the language and locale; 'none' figures as '–'."""
    return projection_summary_rows(scenario.projection, lang, locale)


def projection_summary_rows(projection: Projection, lang: str, locale: str) -> list[tuple[str, str]]:
    """A projection's summary as (label, value text) in the language and locale (a scenario's, a portfolio's total)."""
    from passivecalc.money import normalise_currency
    from passivecalc.render.table import IRR_SHOWN_UP_TO, SUMMARY_LABELS, header

    fmt = _Formatter(normalise_currency(projection.currency), locale, lang)
    metric_units = projection.metric_units()
    out = []
    for key, value in projection.summary().items():
        label, unit = SUMMARY_LABELS.get(key, (header(key), metric_units.get(key, "money")))
        if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
            text = translate(IRR_OVER, lang).format(value=fmt.percent(IRR_SHOWN_UP_TO, 0))
        else:
            # Money with the currency's minor units (none for the yen, three for the dinar), as the terminal's summary has cents.
            text = fmt.money(value, None) if unit == "money" else fmt.value(value, unit, 2 if unit == "hours" else None)
        out.append((translate(label, lang), text))
    return out


def scenario_rows_table(scenario: Scenario, period: str, lang: str, locale: str, caption: str) -> Table:
    """Period rows as (caption, headers, rows of text); columns zero in every row are left out, as in the terminal."""
    from passivecalc.money import minor_units, normalise_currency
    from passivecalc.render.table import header

    projection = scenario.projection
    rows = projection.rows("month" if period == "month" else "year")
    units = projection.units()
    fmt = _Formatter(normalise_currency(projection.currency), locale, lang)
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    # Small amounts (a dividend per share) keep the currency's minor units; large ones read better without.
    minor = minor_units(projection.currency)
    decimals = {
        name: 0 if max(abs(row[name]) for row in rows) >= 1000 else minor for name in shown if units[name] == "money"
    }
    texts = [header(name) for name in shown]
    # A percent column beside a money column of the same name ('Impermanent loss') keeps its %.
    headers = [translate(header(k), lang) for k in labels] + [
        translate(text, lang) + (" %" if name.endswith("_pct") and texts.count(text) > 1 else "")
        for name, text in zip(shown, texts, strict=True)
    ]
    body = [
        [fmt.integer(row[k]) if k != "date" else str(row[k]) for k in labels]
        + [fmt.value(row[name], units[name], decimals.get(name)) for name in shown]
        for row in rows
    ]
    return caption, headers, body


class _Formatter:
    """Numbers of one report: money in its currency, percents, counts, in one locale."""

    def __init__(self, currency: str, locale: str, lang: str):
        self.currency, self.locale, self.lang = currency, locale, lang

    def money(self, value: float | int | None, decimals: int | None) -> str:
        from passivecalc.money import format_money

        return "–" if value is None else format_money(float(value), self.currency, self.locale, decimals)

    def percent(self, value: float, decimals: int = 2) -> str:
        from passivecalc.money import format_percent

        return format_percent(value, self.locale, decimals)

    def integer(self, value: float | int | str) -> str:
        from passivecalc.money import format_number

        return format_number(float(value), self.locale, 0).replace(",", "").replace("٬", "")

    def value(self, value: float | int | None, unit: str, decimals: int | None = None) -> str:
        from passivecalc.money import format_number

        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return "–"
        if unit == "money":
            return self.money(value, 0 if decimals is None else decimals)
        if unit == "percent":
            return self.percent(float(value))
        if unit == "month":
            return translate(MONTH_N, self.lang).format(n=self.integer(value))
        if unit == "hours":
            return format_number(float(value), self.locale, 0 if decimals is None else decimals)
        if unit == "tokens":
            return format_number(float(value), self.locale, 4)
        return format_number(float(value), self.locale, 2 if decimals is None else decimals)


def _title(scenario: Scenario, lang: str) -> str:
    from passivecalc.methods import REGISTRY

    description = REGISTRY.description(scenario.method) if scenario.method in REGISTRY else scenario.method
    if scenario.name and scenario.name != scenario.method:
        return f"{scenario.name}: {translate(description, lang)}"
    return translate(description, lang)


def _param_text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# -- the methods guide -------------------------------------------------------------


def guide_table(lang: str | None = None, sharia: bool = False, rows: Sequence[dict[str, Any]] | None = None) -> Table:
    """The methods guide as (caption, headers, rows of text) in `lang`; `sharia` adds the sharia notes column.

    rows: the guide's rows as passivecalc.guide.rows gives them (ranked, with a rank and why, when a situation
    was given); None: every method in the guide's order. A row with a "sharia" key turns the column on too.
    A guide line covering several commands (crypto: staking, crypto-lending, liquidity) gets one note per command.
    """
    from passivecalc.guide import GUIDES
    from passivecalc.zakat import sharia_note

    code = language(lang)
    t = lambda text: translate(text, code)  # noqa: E731
    by_name = {entry.name: entry for entry in GUIDES}
    given = list(rows) if rows is not None else [{"method": entry.name} for entry in GUIDES]
    ranked = any("rank" in row for row in given)
    sharia = sharia or any("sharia" in row for row in given)
    headers = [t("Method"), t("Takes"), t("Typical return"), t("Main risks"), t("How passive"), t("Risk")]
    if ranked:
        headers = ["#", *headers, t("Why")]
    if sharia:
        headers.append(t("Sharia notes"))
    out = []
    for given_row in given:
        entry = by_name[given_row["method"]]
        takes = ("؛ " if is_rtl(code) else "; ").join(
            [
                t("Capital: {capital}").format(capital=t(entry.capital)),
                t("{hours} h up front").format(hours=entry.hours_up_front),
                t("{hours} h a month").format(hours=t(entry.hours_per_month)),
            ]
        )
        # Commands are left-to-right words: isolated (LRI ... PDI) so that an Arabic line keeps them whole.
        commands = "\u2066" + ", ".join(f"passivecalc {c}" for c in entry.commands) + "\u2069"
        row = [
            f"{t(entry.name)} ({commands})",
            takes,
            t(entry.returns),
            t(entry.risks),
            t(entry.passive),
            t(entry.risk.value),
        ]
        if ranked:
            rank = given_row.get("rank")
            row = ["–" if rank is None else str(rank), *row, str(given_row.get("why", ""))]
        if sharia:
            row.append(sharia_note(entry.commands, code))
        out.append(row)
    return t("Passive income methods"), headers, out


def guide_report(
    lang: str | None = None,
    sharia: bool = False,
    rows: Sequence[dict[str, Any]] | None = None,
    advice: str | None = None,
) -> str:
    """The methods guide as an HTML page (a table, the advice line, and the sharia caveat with `sharia`)."""
    from passivecalc.guide import ADVICE
    from passivecalc.zakat import SHARIA_NOTE

    code = language(lang)
    caption, headers, body = guide_table(code, sharia, rows)
    sharia = sharia or any("sharia" in row for row in rows or ())
    notes = [translate(SHARIA_NOTE, code)] if sharia else []
    return html_report(
        caption, translate(advice or ADVICE, code), [], None, [], [(caption, headers, body)], [], code, notes
    )


# -- the format: one handler per result type ------------------------------------------

COMPARISON = "Comparison"
BEST_INCOME = "{name} pays the most a month in its last year: {monthly}."
SIMULATED = "{name}: {paths} simulated paths, {years} years, seed {seed}."
SIMULATED_MANY = (
    "{count} scenarios, {paths} simulated paths each, {years} years, seed {seed} (the same draws for every scenario)."
)
LOSING = "Losing money overall (net gain below 0): {share} of the paths."
REACHED = "Monthly net income of {target} reached by year {years}: {share} of the paths."
PORTFOLIO = "Portfolio"
LARGEST = "Largest stream: {name}, {share} of the net income over {years} years."
ROUTED = "Routed: {share} of {source}'s payout into {target}, {moved} in all."
# Texts of this section, for the catalogue's test (passivecalc.i18n.REPORT_STRINGS lists the headings).
FORMAT_STRINGS = (
    COMPARISON, BEST_INCOME, SIMULATED, SIMULATED_MANY, LOSING, REACHED, PORTFOLIO, LARGEST, ROUTED,
    *YEARLY_TITLES.values(), *FINAL_LABELS.values(), "At the end", "Scenario", "Losing money", "Share of net income per year",
    "Some figures are after tax, some before (see each scenario's tax rate).", "Paths that reached the target",
)  # fmt: skip


@functools.singledispatch
def render(result: object, options: RenderOptions) -> str:
    """The result as a self-contained HTML page (see html_report); TypeError for a type with no handler."""
    raise TypeError(f"the html format cannot show a {type(result).__name__}")


def _where(options: RenderOptions, currency: str) -> tuple[str, str, _Formatter]:
    """The language, the number locale and a formatter for a result in `currency`."""
    from passivecalc.money import locale_for, normalise_currency

    code = language(options.lang)
    money_code = normalise_currency(currency)
    where = locale_for(code, money_code)
    return code, where, _Formatter(money_code, where, code)


def risk_text(risk: object, fmt: _Formatter) -> str | None:
    """The risk line of a projection as one paragraph, from its seeded risk summary (None: no line).

    The words and figures are the terminal's (passivecalc.render.riskline), money in the report's locale.
    """
    from passivecalc.render.numbers import Words
    from passivecalc.render.riskline import risk_paragraph
    from passivecalc.risk import RiskSummary

    if not isinstance(risk, RiskSummary):
        return None
    return risk_paragraph(risk, Words(fmt.lang, fmt.currency, fmt.locale))


@render.register(ProjectionResult)
def _projection(result: ProjectionResult, options: RenderOptions) -> str:
    code, where, fmt = _where(options, result.scenario.projection.currency)
    return scenario_report(result.scenario, options.rows, code, where, risk_line=risk_text(result.risk, fmt))


@render.register(GoalResult)
def _goal(result: GoalResult, options: RenderOptions) -> str:
    """The goal's answer heads the report of the projection at the answer.

    The goal's sentence, in the report's language, with money as the report writes it (the terminal says the
    same sentence from the same templates, render/goal.py).
    """
    from passivecalc.render.goal import said_sentence, sentence
    from passivecalc.render.numbers import Words

    currency = result.scenario.projection.currency
    code, where, fmt = _where(options, currency)
    if code == "en":
        answer = sentence(result.answer, lambda value: fmt.money(value, None))
    else:
        answer = said_sentence(result.answer, Words(code, currency, where))
    return scenario_report(result.scenario, options.rows, code, where, answer=answer)


def _yearly(projections: Sequence[Projection], column: str) -> tuple[list[int], list[list[float]]]:
    """Years 1..longest and each projection's yearly `column`, padded with NaN past its end (a gap in a chart)."""
    yearly = [[float(row[column]) for row in p.rows("year")] for p in projections]
    longest = max((len(values) for values in yearly), default=0)
    return list(range(1, longest + 1)), [values + [math.nan] * (longest - len(values)) for values in yearly]


def _scenario_charts(scenarios: Sequence[Scenario], code: str, where: str) -> list[str]:
    """Net income per year and the value at year end, one line per scenario."""
    from passivecalc.render.charts import lines_chart

    names = [s.name for s in scenarios]
    years, income = _yearly([s.projection for s in scenarios], "net_income")
    _years, value = _yearly([s.projection for s in scenarios], "value")
    svgs = [lines_chart(years, dict(zip(names, income, strict=True)), "Net income per year", code, where)]
    if any(abs(v) > 1e-9 for values in value for v in values if math.isfinite(v)):
        svgs.append(lines_chart(years, dict(zip(names, value, strict=True)), "Value at year end", code, where))
    return svgs


def _side_by_side(scenarios: Sequence[Scenario], code: str, where: str) -> Table:
    """The scenarios' summaries side by side: a row per figure, a column per scenario."""
    from passivecalc.render.table import IRR_SHOWN_UP_TO, SUMMARY_LABELS, header

    summaries = [s.projection.summary() for s in scenarios]
    units: dict[str, str] = {}
    for s in scenarios:
        units.update(s.projection.metric_units())
    fmt = _Formatter(_currency(scenarios), where, code)
    body = []
    for key in dict.fromkeys(key for summary in summaries for key in summary):
        label, unit = SUMMARY_LABELS.get(key, (header(key), units.get(key, "money")))
        cells = []
        for summary in summaries:
            value = summary.get(key)
            if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
                cells.append(translate(IRR_OVER, code).format(value=fmt.percent(IRR_SHOWN_UP_TO, 0)))
            else:
                cells.append(fmt.value(value, unit, 0 if unit == "money" else None))
        body.append([translate(label, code), *cells])
    return translate("Summary", code), ["", *(s.name for s in scenarios)], body


def _params_table(named: Sequence[tuple[str, dict[str, Any]]], code: str) -> Table:
    """Parameters side by side: a row per key, a column per scenario (or stream)."""
    keys = list(dict.fromkeys(key for _name, values in named for key in values))
    body = [[key, *(_param_text(values.get(key)) for _name, values in named)] for key in keys]
    return translate("Parameters", code), [translate("Parameter", code), *(name for name, _v in named)], body


def _currency(scenarios: Sequence[Scenario]) -> str:
    from passivecalc.money import normalise_currency

    return normalise_currency(scenarios[0].projection.currency) if scenarios else "USD"


def _tax_note(after_tax: set[bool], code: str) -> str:
    from passivecalc.render.table import tax_line

    if len(after_tax) == 1:
        return translate(tax_line(after_tax.pop()), code)
    return translate("Some figures are after tax, some before (see each scenario's tax rate).", code)


def _scenarios_report(
    scenarios: Sequence[Scenario],
    options: RenderOptions,
    summary: Table,
    extra: Sequence[Table] = (),
    title: str | None = None,
) -> str:
    code, where, fmt = _where(options, _currency(scenarios))
    best = max(scenarios, key=lambda s: s.projection.summary().get("monthly_income_end") or -math.inf)
    answer = translate(BEST_INCOME, code).format(
        name=best.name, monthly=fmt.money(best.projection.summary().get("monthly_income_end"), None)
    )
    caption = "Rows by month" if options.rows == "month" else "Rows by year"
    tables = [
        *extra,
        *(
            scenario_rows_table(s, options.rows, code, where, f"{s.name}: {translate(caption, code)}")
            for s in scenarios
        ),
    ]
    tables.append(_params_table([(s.name, s.params_dict()) for s in scenarios], code))
    return html_report(
        title=f"{translate(COMPARISON, code)}: {title or ', '.join(s.name for s in scenarios)}",
        answer_sentence=answer if len(scenarios) > 1 else "",
        summary_rows=[],
        risk_line=None,
        charts=_scenario_charts(scenarios, code, where) if options.chart is not None else [],
        tables=tables,
        params=[],
        lang=code,
        notes=[_tax_note({s.projection.after_tax for s in scenarios}, code)],
        summary_table=summary,
    )


@render.register(ComparisonResult)
def _comparison(result: ComparisonResult, options: RenderOptions) -> str:
    code, where, _fmt = _where(options, _currency(result.scenarios))
    return _scenarios_report(result.scenarios, options, _side_by_side(result.scenarios, code, where))


@render.register(GridResult)
def _grid(result: GridResult, options: RenderOptions) -> str:
    """The grid of the metric (rows the first key's values, columns the second's), then the scenarios."""
    from passivecalc.render.table import SUMMARY_LABELS, header
    from passivecalc.scenarios import show

    code, where, fmt = _where(options, _currency(result.scenarios))
    (row_key, row_values), (column_key, column_values) = result.axes
    label, unit = SUMMARY_LABELS.get(result.metric, (header(result.metric), "money"))
    values = [s.projection.summary().get(result.metric) for s in result.scenarios]
    width = len(column_values)
    body = [
        [
            show(row_value),
            *(fmt.value(values[r * width + c], unit, 0 if unit == "money" else None) for c in range(width)),
        ]
        for r, row_value in enumerate(row_values)
    ]
    grid = (
        f"{translate(label, code)}: {row_key} \\ {column_key}",
        [f"{row_key} \\ {column_key}", *(show(v) for v in column_values)],
        body,
    )
    return _scenarios_report(
        result.scenarios, options, grid, [_side_by_side(result.scenarios, code, where)], f"{row_key} × {column_key}"
    )


@render.register(PortfolioResult)
def _portfolio(result: PortfolioResult, options: RenderOptions) -> str:
    """The total's summary, a line per stream (and the total) of net income and value, then the rows per period."""
    from passivecalc.render.charts import lines_chart

    portfolio = result.portfolio
    total = portfolio.total
    code, where, fmt = _where(options, total.currency)
    names = [*portfolio.names, "total"]
    projections = [*(portfolio.streams[n] for n in portfolio.names), total]
    svgs = []
    if options.chart is not None:
        years, income = _yearly(projections, "net_income")
        _years, value = _yearly(projections, "value")
        svgs = [
            lines_chart(years, dict(zip(names, income, strict=True)), "Net income per year", code, where),
            lines_chart(years, dict(zip(names, value, strict=True)), "Value at year end", code, where),
        ]
    rows = {n: p.rows(options.rows) for n, p in zip(names, projections, strict=True)}
    labels = [k for k in ("year", "month", "date") if k in rows["total"][0]]
    from passivecalc.render.table import header

    headers = [translate(header(k), code) for k in labels]
    for name in names:
        headers += [f"{name}: {translate(column, code)}" for column in ("Net income", "Value")]
    body = [
        [fmt.integer(row[k]) if k != "date" else str(row[k]) for k in labels]
        + [fmt.money(rows[n][i][column], 0) for n in names for column in ("net_income", "value")]
        for i, row in enumerate(rows["total"])
    ]
    caption = translate("Rows by month" if options.rows == "month" else "Rows by year", code)
    shares = portfolio.income_shares()
    share_table = (
        translate("Share of net income per year", code),
        [translate("Year", code), *portfolio.names],
        [
            [fmt.integer(y + 1), *(fmt.percent(float(shares[n][y]), 1) for n in portfolio.names)]
            for y in range(total.years)
        ],
    )
    notes = [_tax_note({total.after_tax}, code)]
    largest = portfolio.largest()
    if largest:
        notes.insert(
            0,
            translate(LARGEST, code).format(
                name=largest[0], share=fmt.percent(largest[1], 1), years=fmt.integer(total.years)
            ),
        )
    for target, (source, share) in portfolio.funding.items():
        moved = float(portfolio.routed_in[target][0].sum())
        notes.append(
            translate(ROUTED, code).format(
                share=fmt.percent(share, 0), source=source, target=target, moved=fmt.money(moved, 0)
            )
        )
    streams = [
        (
            n,
            {
                "method": portfolio.methods[n],
                "start_month": portfolio.start_months[n],
                **_params_json(portfolio.params[n]),
            },
        )
        for n in portfolio.names
    ]
    return html_report(
        title=f"{translate(PORTFOLIO, code)}: {', '.join(portfolio.names)}",
        answer_sentence=translate(ANSWER, code).format(
            contributed=fmt.money(total.summary().get("total_contributed"), 0),
            monthly=fmt.money(total.summary().get("monthly_income_end"), None),
            years=fmt.integer(total.years),
            value=fmt.money(total.summary().get("ending_value"), 0),
        ),
        summary_rows=projection_summary_rows(total, code, where),
        risk_line=None,
        charts=svgs,
        tables=[(caption, headers, body), share_table, _params_table(streams, code)],
        params=[],
        lang=code,
        notes=notes,
    )


def _params_json(params: Any) -> dict[str, Any]:
    from passivecalc.result import params_json

    return params_json(params)


def _simulation_parts(
    name: str, sim: Simulation, fmt: _Formatter, charts_on: bool
) -> tuple[Table, list[str], list[str], list[Table]]:
    """A simulation's end figures (a table of percentiles), risk lines, fan charts and per-year percentile tables."""
    from passivecalc.render.charts import fan_chart
    from passivecalc.risk import PERCENTILES

    code = fmt.lang
    columns = [f"P{pct}" for pct in PERCENTILES]
    end = []
    for key, label in FINAL_LABELS.items():
        values = sim.final[key]
        if key != "worst_drop_pct" and max(abs(float(v)) for v in values) <= 1e-9:
            continue  # nothing paid out (full DRIP), nothing put in: not worth a row
        cells = [fmt.percent(float(v), 1) if key == "worst_drop_pct" else fmt.money(float(v), 0) for v in values]
        end.append([translate(label, code), *cells])
    share = lambda count: fmt.percent(100 * count / sim.paths, 1)  # noqa: E731
    lines = [translate(LOSING, code).format(share=share(sim.losing_paths))]
    if sim.reached is not None and sim.target is not None:
        lines.append(
            translate(REACHED, code).format(
                target=fmt.money(sim.target, None), years=fmt.integer(sim.years), share=share(int(sim.reached[-1]))
            )
        )
    years = list(range(1, sim.years + 1))
    svgs: list[str] = []
    tables: list[Table] = []
    for column, title in YEARLY_TITLES.items():
        bands = sim.yearly[column]
        if max(abs(float(v)) for v in bands.ravel()) <= 1e-9:
            continue  # zero on every path (payout under full DRIP, value of a blog)
        if charts_on and column != "payout":
            svgs.append(
                fan_chart(
                    years,
                    bands[0].tolist(),
                    bands[2].tolist(),
                    bands[4].tolist(),
                    f"{name}: {translate(title, code)}",
                    code,
                    fmt.locale,
                )
            )
        body = [[fmt.integer(y + 1), *(fmt.money(float(v), 0) for v in bands[:, y])] for y in range(sim.years)]
        tables.append((translate(title, code), [translate("Year", code), *columns], body))
    summary: Table = (translate("At the end", code), ["", *columns], end)
    return summary, lines, svgs, tables


@render.register(SimulationResult)
def _simulation(result: SimulationResult, options: RenderOptions) -> str:
    from passivecalc.methods import REGISTRY

    sim = result.simulation
    code, where, fmt = _where(options, sim.currency)
    end, lines, svgs, tables = _simulation_parts(result.name, sim, fmt, options.chart is not None)
    if result.params is not None:
        params = [(key, _param_text(value)) for key, value in _params_json(result.params).items()]
    else:
        streams = [
            (s.name, {"method": s.method.name, "start_month": s.start_month, **_params_json(s.params)})
            for s in result.streams
        ]
        tables.append(_params_table(streams, code))
        params = []
    description = REGISTRY.description(result.method) if result.method in REGISTRY else PORTFOLIO
    return html_report(
        title=f"{result.name}: {translate(description, code)}",
        answer_sentence=translate(SIMULATED, code).format(
            name=result.name, paths=fmt.value(sim.paths, "count", 0), years=fmt.integer(sim.years), seed=sim.seed
        ),
        summary_rows=[],
        risk_line=" ".join(lines),
        charts=svgs,
        tables=tables,
        params=params,
        lang=code,
        summary_table=end,
    )


@render.register(SimulatedComparisonResult)
def _simulated_comparison(result: SimulatedComparisonResult, options: RenderOptions) -> str:
    """A row per scenario (the spread of its end figures), the medians side by side, then each scenario's fan chart."""
    from passivecalc.render.charts import lines_chart

    first = result.items[0].simulation
    code, where, fmt = _where(options, first.currency)
    headers = [
        translate("Scenario", code),
        f"{translate('Monthly net income, last year', code)} (P10 / P50 / P90)",
        f"{translate('Ending value', code)} (P50)",
        f"{translate('Net gain', code)} (P10 / P50)",
        translate("Losing money", code),
    ]
    body = []
    for item in result.items:
        sim = item.simulation
        income, gain = sim.final["monthly_income_end"], sim.final["net_gain"]
        body.append(
            [
                item.name,
                " / ".join(fmt.money(float(income[i]), 0) for i in (0, 2, 4)),
                fmt.money(float(sim.final["ending_value"][2]), 0),
                " / ".join(fmt.money(float(gain[i]), 0) for i in (0, 2)),
                fmt.percent(100 * sim.probability_of_loss, 1),
            ]
        )
    svgs: list[str] = []
    tables: list[Table] = []
    if options.chart is not None:
        years = list(range(1, max(i.simulation.years for i in result.items) + 1))
        for column in ("monthly_income", "value"):
            series = {
                i.name: i.simulation.yearly[column][2].tolist() + [math.nan] * (len(years) - i.simulation.years)
                for i in result.items
            }
            svgs.append(
                lines_chart(
                    years, series, f"{translate(YEARLY_TITLES[column], code)}: {translate('Median', code)}", code, where
                )
            )
    for item in result.items:
        _end, _lines, fans, percentiles = _simulation_parts(item.name, item.simulation, fmt, options.chart is not None)
        svgs += fans
        tables += [(f"{item.name}: {caption}", headers_, rows) for caption, headers_, rows in percentiles]
    tables.append(
        _params_table([(i.name, _params_json(i.params) if i.params is not None else {}) for i in result.items], code)
    )
    return html_report(
        title=f"{translate(COMPARISON, code)}: {', '.join(i.name for i in result.items)}",
        answer_sentence=translate(SIMULATED_MANY, code).format(
            count=fmt.integer(len(result.items)),
            paths=fmt.value(first.paths, "count", 0),
            years=fmt.integer(first.years),
            seed=first.seed,
        ),
        summary_rows=[],
        risk_line=None,
        charts=svgs,
        tables=tables,
        params=[],
        lang=code,
        summary_table=(translate("Summary", code), headers, body),
    )


@render.register(GuideResult)
def _guide(result: GuideResult, options: RenderOptions) -> str:
    from passivecalc.render.guide_text import said
    from passivecalc.render.numbers import Words

    code, where, _fmt = _where(options, "USD")
    return guide_report(options.lang, rows=said(result, Words(code, "USD", where)).rows, advice=result.advice)


# -- history (Shiller back-tests) ---------------------------------------------------


def _history_distribution(history: Any, fmt: _Formatter) -> Table:
    """Worst, P10, median, P90 and best of each figure over every start, with the worst and best start months."""
    from passivecalc.render.history import ROWS

    units = history.units()
    body = []
    for name, label in ROWS:
        d = history.distribution(name)
        unit = units[name]

        def shown(key: str, d: dict[str, Any] = d, unit: str = unit) -> str:
            value = d[key]
            return fmt.value(value if isinstance(value, float) else None, unit, 0 if unit == "money" else None)

        label_text = label.strip() if label.strip() != "real" else "  ↳ real"
        body.append(
            [
                translate(label_text, fmt.lang),
                f"{shown('worst')} ({d['worst_start'] or ''})",
                shown("p10"),
                shown("median"),
                shown("p90"),
                f"{shown('best')} ({d['best_start'] or ''})",
            ]
        )
    headers = ["", *(translate(h, fmt.lang) for h in ("Worst", "P10", "Median", "P90", "Best"))]
    return translate("Over every start", fmt.lang), headers, body


@render.register(BacktestResult)
def _backtest(result: BacktestResult, options: RenderOptions) -> str:
    """The distribution over every historical start, the success rate, the start-year chart, the credit."""
    from passivecalc.history import CREDIT, success_rate
    from passivecalc.render.charts import start_year_chart
    from passivecalc.render.history import success_line

    history = result.history
    currency = history.params.currency
    code, where, fmt = _where(options, currency)
    years = history.months // 12
    title = f"{result.name}: {years} years from each of {history.count:,} starts, {history.first_start} to {history.last_start}"
    median = float(history.distribution("real_monthly_income_end")["median"] or 0.0)
    answer = (
        f"Started in the median month, the plan paid {fmt.money(median, 0)} a month in its last year, "
        f"in money of the start month (median start: {history.median_start()})."
    )
    notes = [CREDIT + "."]
    if result.target is not None:
        notes.insert(0, success_line(success_rate(history, result.target), currency))
    points = history.by_start_year("real_monthly_income_end")
    charts = [
        start_year_chart(
            [year for year, _ in points],
            [value for _, value in points],
            "Real net income a month in the last year, by start year",
            code,
            where,
        )
    ]
    params = [(key, _param_text(value)) for key, value in _params_json(history.params).items()]
    return html_report(title, answer, [], None, charts, [_history_distribution(history, fmt)], params, code, notes)


@render.register(HistoryStartResult)
def _history_start(result: HistoryStartResult, options: RenderOptions) -> str:
    from passivecalc.render.history import start_line

    code, where, _fmt = _where(options, result.scenario.projection.currency)
    return scenario_report(
        result.scenario, options.rows, code, where, notes=(start_line(result.start, result.scenario.projection.months),)
    )


@render.register(HistoryGoalResult)
def _history_goal(result: HistoryGoalResult, options: RenderOptions) -> str:
    from passivecalc.render.history import goal_sentence

    code, where, _fmt = _where(options, result.scenario.projection.currency)
    return scenario_report(result.scenario, options.rows, code, where, answer=goal_sentence(result))
