"""The branch × month heat map of theme days, as inline SVG for the HTML dashboard.

Rows are branches grouped under their general branch; columns the 12 months. A cell shows the
number of theme days held that month (darker for more), a gold frame and a gold dot for each
integration day, a
hatched grey for the months off (policy.months_off), a red dashed frame and 缺 for a month counted in
months_missing, and stays blank for the months still to come. Every cell has a <title> (shown on
hover, read by screen readers) saying all of that in words, so colour is never the only sign.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from djrh.i18n import t
from djrh.report.stats import BEFORE, FUTURE, MISSING, OFF, OPEN, BranchRow, MonthCell, Report
from djrh.rules.themedays import MonthList

LABEL_WIDTH = 300
CELL_W, CELL_H, GAP = 54, 34, 4
SUMMARY_WIDTH = 150
HEADER_H = 30
GROUP_H = 30
ROW_H = CELL_H + GAP
FONT = 15
NAME_CHARS = 18  # longer branch names are shortened; the full name is in the row's <title>

# Blues for the number of theme days held (1, 2, 3+): dark text stays readable on all of them.
HELD_FILL = ("#d6e6f5", "#a9cbe8", "#7fb0dc")
INTEGRATION_DOT = "#c58a00"


def render(report: Report, lang: str) -> str:
    rows_height = sum(GROUP_H + len(group.rows) * ROW_H for group in report.groups)
    width = LABEL_WIDTH + 12 * (CELL_W + GAP) + SUMMARY_WIDTH
    height = HEADER_H + rows_height + 4
    title = t("report.html.heatmap_title", lang=lang, year=report.year)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="heatmap-title" font-size="{FONT}">',
        f'<title id="heatmap-title">{escape(title)}</title>',
        '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="8" stroke="#bdbdbd" stroke-width="3"/>'
        "</pattern></defs>",
    ]
    for month in range(1, 13):
        x = LABEL_WIDTH + (month - 1) * (CELL_W + GAP) + CELL_W / 2
        parts.append(f'<text x="{x:.0f}" y="{HEADER_H - 10}" text-anchor="middle" class="month">{escape(_month(month, lang))}</text>')
    parts.append(
        f'<text x="{LABEL_WIDTH + 12 * (CELL_W + GAP) + 8}" y="{HEADER_H - 10}" class="month">'
        f"{escape(t('report.html.heatmap_summary', lang=lang))}</text>"
    )
    y = HEADER_H
    for group in report.groups:
        parts.append(f'<text x="0" y="{y + GROUP_H - 9}" class="group">{escape(group.label(lang))}</text>')
        y += GROUP_H
        for row in group.rows:
            parts.append(_row(row, y, report, lang))
            y += ROW_H
    parts.append("</svg>")
    return "\n".join(parts)


def _row(row: BranchRow, y: int, report: Report, lang: str) -> str:
    name = row.name if len(row.name) <= NAME_CHARS else row.name[: NAME_CHARS - 1] + "…"
    parts = [
        f'<g class="row" data-branch={quoteattr(row.id)}>',
        f'<text x="12" y="{y + CELL_H / 2 + 5:.0f}" class="name"><title>{escape(row.name)}</title>{escape(name)}</text>',
    ]
    for cell in row.months:
        parts.append(_cell(row, cell, y, report, lang))
    x = LABEL_WIDTH + 12 * (CELL_W + GAP) + 8
    met_quota = row.integration_days >= report.min_days
    summary = t("report.html.row_summary", lang=lang, held=row.integration_days, minimum=report.min_days)
    mark = "✓" if met_quota else "✗" if report.complete else "○"
    css = "ok" if met_quota else "short"
    parts.append(f'<text x="{x}" y="{y + CELL_H / 2 + 5:.0f}" class="summary {css}">{escape(mark + " " + summary)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _cell(row: BranchRow, cell: MonthCell, y: int, report: Report, lang: str) -> str:
    x = LABEL_WIDTH + (cell.month - 1) * (CELL_W + GAP)
    label = t("report.html.cell_title", lang=lang, branch=row.name, year=report.year, month=_month(cell.month, lang))
    words = [t(f"report.html.cell.{cell.state}", lang=lang, held=cell.held, integration=cell.integration)]
    if cell.state in (OFF, OPEN) and cell.held:
        words.append(t("report.html.cell.held", lang=lang, held=cell.held, integration=cell.integration))
    if cell.planned:
        words.append(t("report.html.cell.planned", lang=lang, planned=cell.planned))
    tooltip = label + t("punct.colon", lang=lang) + t("punct.list_sep", lang=lang).join(words)
    rect = f'x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" rx="4"'
    parts = [f'<g class="cell {cell.state}" data-month="{cell.month}" data-held="{cell.held}" data-integration="{cell.integration}">',
             f"<title>{escape(tooltip)}</title>"]
    if cell.state == OFF:
        parts.append(f'<rect {rect} fill="url(#hatch)" stroke="#bdbdbd"/>')
    elif cell.state == MISSING:
        parts.append(f'<rect {rect} fill="#fff5f5" stroke="#c62828" stroke-width="2" stroke-dasharray="5 3"/>')
        parts.append(_text(x, y, t("report.html.missing_mark", lang=lang), "missing"))
    elif cell.state in (FUTURE, BEFORE):
        parts.append(f'<rect {rect} fill="#ffffff" stroke="#e0e0e0"/>')
    elif cell.state == OPEN and not cell.held:
        parts.append(f'<rect {rect} fill="#ffffff" stroke="#9e9e9e" stroke-dasharray="2 3"/>')
    else:  # HELD, or a month off / the current month with theme days held
        fill = HELD_FILL[min(cell.held, len(HELD_FILL)) - 1] if cell.held else "#ffffff"
        stroke = f'stroke="{INTEGRATION_DOT}" stroke-width="2.5"' if cell.integration else 'stroke="#5b8fc7"'
        parts.append(f'<rect {rect} fill="{fill}" {stroke}/>')
    if cell.held and cell.state != MISSING:
        parts.append(_text(x, y, str(cell.held), "count"))
    for index in range(min(cell.integration, 3)):
        parts.append(f'<circle cx="{x + CELL_W - 9 - index * 11}" cy="{y + 9}" r="5" fill="{INTEGRATION_DOT}" stroke="#ffffff" stroke-width="1"/>')
    if cell.planned and cell.state in (FUTURE, OPEN):
        parts.append(f'<circle cx="{x + 9}" cy="{y + CELL_H - 9}" r="4" fill="none" stroke="#5b8fc7" stroke-width="1.5"/>')
    parts.append("</g>")
    return "".join(parts)


def _text(x: int, y: int, text: str, css: str) -> str:
    return f'<text x="{x + CELL_W / 2:.0f}" y="{y + CELL_H / 2 + 6:.0f}" text-anchor="middle" class="{css}">{escape(text)}</text>'


def _month(month: int, lang: str) -> str:
    return MonthList([month]).render(lang)
