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

import math
from collections.abc import Sequence
from html import escape

from passivecalc.i18n import is_rtl, language, translate
from passivecalc.result import Scenario

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
) -> str:
    """The report page as HTML text (UTF-8 when written).

    All texts are given in the page's language and escaped here; `charts` are SVG
    documents without the XML prolog (passivecalc.render.charts) and are inlined as
    they are. Headings are translated to `lang`. Sections with nothing in them are left out.
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
    if summary_rows:
        parts += [f'<section id="summary"><h2>{escape(t("Summary"))}</h2>', '<table class="summary"><tbody>']
        parts += [f'<tr><th scope="row">{escape(label)}</th><td class="num">{escape(value)}</td></tr>' for label, value in summary_rows]
        parts += ["</tbody></table>", "</section>"]
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
    parts += [f"<footer>{escape(t('Made with passivecalc. Estimates, not advice.'))}</footer>", "</body>", "</html>", ""]
    return "\n".join(part for part in parts if part)


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    numeric = [all(_looks_numeric(row[i]) for row in rows if i < len(row)) for i in range(len(headers))]
    head = "".join(f'<th scope="col"{" class=num" if numeric[i] else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "\n".join(
        "<tr>" + "".join(f'<td{" class=num" if numeric[i] else ""}>{escape(cell)}</td>' for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return (
        f'<section class="table"><h2>{escape(caption)}</h2>\n<div class="scroll"><table class="rows">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n</section>"
    )


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
) -> str:
    """The HTML report of one projected scenario: its answer, summary, income/value chart, rows and parameters.

    A projection of several simulated paths also gets a fan chart of its value (P10-P90 and median across
    paths); its summary, rows and income/value chart are those of path 0, as in the terminal.

    lang: "en"/"ar" (None: PASSIVECALC_LANG, else English). locale: the number locale
    (None: passivecalc.money.locale_for(lang, currency)). period: "year" or "month" rows.
    """
    from passivecalc.money import locale_for, normalise_currency
    from passivecalc.render.table import tax_line

    code = language(lang)
    projection = scenario.projection
    currency = normalise_currency(projection.currency)
    where = locale or locale_for(code, currency)
    summary = projection.summary()
    fmt = _Formatter(currency, where, code)

    answer = translate(ANSWER, code).format(
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
                [row["year"] for row in yearly], [row["net_income"] for row in yearly], [row["value"] for row in yearly], code, where
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
    from passivecalc.money import normalise_currency
    from passivecalc.render.table import IRR_SHOWN_UP_TO, SUMMARY_LABELS, header

    projection = scenario.projection
    fmt = _Formatter(normalise_currency(projection.currency), locale, lang)
    metric_units = projection.metric_units()
    out = []
    for key, value in projection.summary().items():
        label, unit = SUMMARY_LABELS.get(key, (header(key), metric_units.get(key, "money")))
        if key == "irr_pct" and value is not None and value > IRR_SHOWN_UP_TO:
            text = translate(IRR_OVER, lang).format(value=fmt.percent(IRR_SHOWN_UP_TO, 0))
        else:
            text = fmt.value(value, unit, 2 if unit in ("money", "hours") else None)
        out.append((translate(label, lang), text))
    return out


def scenario_rows_table(scenario: Scenario, period: str, lang: str, locale: str, caption: str) -> Table:
    """Period rows as (caption, headers, rows of text); columns zero in every row are left out, as in the terminal."""
    from passivecalc.money import normalise_currency
    from passivecalc.render.table import header

    projection = scenario.projection
    rows = projection.rows("month" if period == "month" else "year")
    units = projection.units()
    fmt = _Formatter(normalise_currency(projection.currency), locale, lang)
    labels = [k for k in ("year", "month", "date") if rows and k in rows[0]]
    shown = [name for name in units if any(abs(row.get(name, 0.0)) > 1e-9 for row in rows)]
    decimals = {name: 0 if max(abs(row[name]) for row in rows) >= 1000 else 2 for name in shown if units[name] == "money"}
    texts = [header(name) for name in shown]
    # A percent column beside a money column of the same name ('Impermanent loss') keeps its %.
    headers = [translate(header(k), lang) for k in labels] + [
        translate(text, lang) + (" %" if name.endswith("_pct") and texts.count(text) > 1 else "") for name, text in zip(shown, texts, strict=True)
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


def guide_table(lang: str | None = None, sharia: bool = False) -> Table:
    """The methods guide as (caption, headers, rows of text) in `lang`; `sharia` adds the sharia notes column.

    A guide line covering several commands (crypto: staking, crypto-lending, liquidity) gets one note per command.
    """
    from passivecalc.guide import GUIDES
    from passivecalc.zakat import SHARIA_NOTES

    code = language(lang)
    t = lambda text: translate(text, code)  # noqa: E731
    headers = [t("Method"), t("Takes"), t("Typical return"), t("Main risks"), t("How passive"), t("Risk")]
    if sharia:
        headers.append(t("Sharia notes"))
    rows = []
    for entry in GUIDES:
        takes = ("؛ " if is_rtl(code) else "; ").join(
            [
                t("Capital: {capital}").format(capital=t(entry.capital)),
                t("{hours} h up front").format(hours=entry.hours_up_front),
                t("{hours} h a month").format(hours=t(entry.hours_per_month)),
            ]
        )
        # Commands are left-to-right words: isolated (LRI ... PDI) so that an Arabic line keeps them whole.
        commands = "\u2066" + ", ".join(f"passivecalc {c}" for c in entry.commands) + "\u2069"
        row = [f"{t(entry.name)} ({commands})", takes, t(entry.returns), t(entry.risks), t(entry.passive), t(entry.risk.value)]
        if sharia:
            notes = [t(SHARIA_NOTES[c]) for c in entry.commands]
            if len(entry.commands) > 1:
                notes = [f"\u2066{c}\u2069: {note}" for c, note in zip(entry.commands, notes, strict=True)]
            row.append(" ".join(notes))
        rows.append(row)
    return t("Passive income methods"), headers, rows


def guide_report(lang: str | None = None, sharia: bool = False) -> str:
    """The methods guide as an HTML page (a table, the advice line, and the sharia caveat with `sharia`)."""
    from passivecalc.guide import ADVICE
    from passivecalc.zakat import SHARIA_NOTE

    code = language(lang)
    caption, headers, rows = guide_table(code, sharia)
    notes = [translate(SHARIA_NOTE, code)] if sharia else []
    return html_report(caption, translate(ADVICE, code), [], None, [], [(caption, headers, rows)], [], code, notes)
