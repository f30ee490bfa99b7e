"""The branch × month heat map of theme days and meetings, as inline SVG for the HTML dashboard.

Rows are branches grouped under their general branch; columns the 12 months. Under each branch's
theme-day row, smaller rows show its meetings (stats.CalendarLine): the 支部党员大会 by quarter (one
cell across three months), the 支委会 and the 党小组会 by month (where they apply: "2/3" groups met),
and the 党课, 组织生活会 and 民主评议党员 marked in the month they were held, each row with its
held/required count at the end; a red dashed 缺 where MT001–MT003 report a quarter or month
missing. In the theme-day row a cell shows the
number of theme days held that month (darker for more), a gold frame and a gold dot for each
integration day, a
hatched grey for the months off (policy.months_off), a red dashed frame and 缺 for a month counted in
months_missing, and stays blank for the months still to come. Every cell has a <title> (shown on
hover, read by screen readers) saying all of that in words, so colour is never the only sign.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from djrh.i18n import t as _message
from djrh.kinds import vocab
from djrh.report.stats import BEFORE, FUTURE, MISSING, NONE, OFF, OPEN, BranchRow, CalendarCell, CalendarLine, MonthCell, Report
from djrh.rules.themedays import MonthList

LABEL_WIDTH = 300
CELL_W, CELL_H, GAP = 54, 34, 4
SUB_H, SUB_GAP = 22, 3  # a meeting row
SUB_FONT = 12
SUMMARY_WIDTH = 300
BRANCH_GAP = 8  # below a branch's last meeting row
HEADER_H = 30
GROUP_H = 30
ROW_H = CELL_H + GAP
FONT = 15
NAME_CHARS = 18  # longer branch names are shortened; the full name is in the row's <title>

# Blues for the number of theme days held (1, 2, 3+): dark text stays readable on all of them.
HELD_FILL = ("#d6e6f5", "#a9cbe8", "#7fb0dc")
INTEGRATION_DOT = "#c58a00"

# A year's map of 200 branches has 8,000 cells, each with a tooltip of a few messages, most of them
# alike (the same month, state and count): rendered once each (messages depend only on their key,
# language and arguments).
t = lru_cache(maxsize=16384)(_message)


def render(report: Report, lang: str) -> str:
    rows_height = sum(GROUP_H + sum(_branch_height(row) for row in group.rows) for group in report.groups)
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
            for line in row.calendar:
                parts.append(_meeting_row(row, line, y, report, lang))
                y += SUB_H + SUB_GAP
            y += BRANCH_GAP
    parts.append("</svg>")
    return "\n".join(parts)


def _branch_height(row: BranchRow) -> int:
    return ROW_H + len(row.calendar) * (SUB_H + SUB_GAP) + BRANCH_GAP


def _meeting_row(row: BranchRow, line: CalendarLine, y: int, report: Report, lang: str) -> str:
    """One meeting row under a branch: its label, its cells, its held/required count."""
    label = t(f"report.html.meeting_row.{line.kind}", lang=lang)
    parts = [
        f'<g class="meetings" data-branch={quoteattr(row.id)} data-kind="{line.kind}">',
        f'<text x="28" y="{y + SUB_H / 2 + 4:.0f}" class="sub">{escape(label)}</text>',
    ]
    for cell in line.cells:
        parts.append(_meeting_cell(row, line, cell, y, report, lang))
    x = LABEL_WIDTH + 12 * (CELL_W + GAP) + 8
    codes = ("party_lecture", "life_meeting", "member_review") if line.kind == "yearly" else (line.kind,)
    texts, short = [], False
    for code in codes:
        quota = row.meeting_quotas[code]
        count = f"{quota.held}/{quota.required}" if quota.required is not None else str(quota.held)
        short = short or (quota.required is not None and quota.held < quota.required)
        texts.append(t("report.html.meeting_count", lang=lang, type=_short(code, lang), count=count) if line.kind == "yearly" else count)
    mark = "✗" if short and report.complete else "○" if short else "✓"
    css = "short" if short and report.complete else "ok" if not short else "open"
    summary = t("punct.list_sep", lang=lang).join(texts)
    parts.append(f'<text x="{x}" y="{y + SUB_H / 2 + 4:.0f}" class="sub summary {css}">{escape(mark + " " + summary)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _meeting_cell(row: BranchRow, line: CalendarLine, cell: CalendarCell, y: int, report: Report, lang: str) -> str:
    x = LABEL_WIDTH + (cell.month - 1) * (CELL_W + GAP)
    width = cell.span * CELL_W + (cell.span - 1) * GAP
    if cell.span == 3:
        when = t("report.html.quarter", lang=lang, quarter=(cell.month + 2) // 3)
    else:
        when = _month(cell.month, lang)
    label = t("report.html.cell_title", lang=lang, branch=row.name, year=report.year, month=when)
    words = [t(f"report.html.meeting_row.{line.kind}", lang=lang)]
    if cell.state == MISSING:
        words.append(t("report.html.meeting_cell.missing", lang=lang))
    elif cell.state == OFF and not cell.held:
        words.append(t("report.html.meeting_cell.off", lang=lang))
    elif cell.state == OPEN and not cell.held and cell.span == 3:
        words.append(t("report.html.meeting_cell.open_quarter", lang=lang))
    elif cell.state in (BEFORE, OPEN, FUTURE) and not cell.held:
        words.append(t(f"report.html.cell.{cell.state}", lang=lang, held=0, integration=0))
    if line.kind == "party_group" and cell.groups:
        words.append(t("report.html.meeting_cell.groups", lang=lang, met=cell.held, groups=cell.groups))
    elif line.kind == "yearly" and cell.marks:
        words.append(t("punct.list_sep", lang=lang).join(vocab.label(vocab.MEETING_TYPE, code, lang) for code in cell.marks))
    elif cell.held:
        words.append(t("report.html.meeting_cell.held", lang=lang, held=cell.held))
    if cell.missing:
        words.append(t("report.html.meeting_cell.groups_missing", lang=lang, names=t("punct.list_sep", lang=lang).join(cell.missing)))
    if cell.planned:
        words.append(t("report.html.cell.planned", lang=lang, planned=cell.planned))
    tooltip = label + t("punct.colon", lang=lang) + t("punct.list_sep", lang=lang).join(words)
    rect = f'x="{x}" y="{y}" width="{width}" height="{SUB_H}" rx="3"'
    parts = [f'<g class="mcell {cell.state}" data-month="{cell.month}" data-held="{cell.held}">', f"<title>{escape(tooltip)}</title>"]
    if cell.state == OFF:
        parts.append(f'<rect {rect} fill="url(#hatch)" stroke="#bdbdbd"/>')
    elif cell.state == MISSING:
        parts.append(f'<rect {rect} fill="#fff5f5" stroke="#c62828" stroke-width="2" stroke-dasharray="5 3"/>')
    elif cell.held:
        parts.append(f'<rect {rect} fill="{HELD_FILL[0]}" stroke="#5b8fc7"/>')
    elif cell.state == OPEN:
        parts.append(f'<rect {rect} fill="#ffffff" stroke="#9e9e9e" stroke-dasharray="2 3"/>')
    else:  # NONE, FUTURE, BEFORE
        parts.append(f'<rect {rect} fill="#ffffff" stroke="#e0e0e0"/>')
    if line.kind == "yearly" and cell.marks:
        text = "".join(t(f"report.html.mark.{code}", lang=lang) for code in cell.marks)
    elif line.kind == "party_group" and cell.groups and (cell.held or cell.state == MISSING):
        text = f"{cell.held}/{cell.groups}"
    elif cell.held:
        text = str(cell.held)
    else:
        text = ""
    if cell.state == MISSING:
        text = t("report.html.missing_mark", lang=lang) + (f" {text}" if text else "")
    if text:
        css = "sub missing" if cell.state == MISSING else "sub count"
        parts.append(f'<text x="{x + width / 2:.0f}" y="{y + SUB_H / 2 + 4:.0f}" text-anchor="middle" class="{css}">{escape(text)}</text>')
    if cell.planned and cell.state in (FUTURE, OPEN, NONE):
        parts.append(f'<circle cx="{x + 8}" cy="{y + SUB_H - 7}" r="3" fill="none" stroke="#5b8fc7" stroke-width="1.5"/>')
    parts.append("</g>")
    return "".join(parts)


def _short(code: str, lang: str) -> str:
    return t(f"report.html.short.{code}", lang=lang)


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


@lru_cache(maxsize=64)
def _month(month: int, lang: str) -> str:
    return MonthList([month]).render(lang)
