"""`djrh report --format table`: the report in the terminal (rich), one section per general branch."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from djrh.i18n import t
from djrh.report import layout
from djrh.report.stats import IN_PROGRESS, MET, NOT_MET, Report, Totals

_STATUS_STYLE = {MET: "green", NOT_MET: "bold red", IN_PROGRESS: "yellow"}
_STATUS_MARK = {MET: "✓", NOT_MET: "✗", IN_PROGRESS: "○"}


def render(report: Report, lang: str, console: Console) -> None:
    """In a terminal the table fits its width (a long name wraps in its cell); elsewhere each row
    is one whole line."""
    from djrh.output.term import print_table

    console.print(f"[bold]{escape(layout.title(report, lang))}[/]")
    console.print(escape(layout.subtitle(report, lang)))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, padding=(0, 0, 0, 1), expand=False)
    table.add_column(t("report.col.branch", lang=lang), overflow="fold", min_width=16)
    for column in ("themedays", "integration_days", "months_missing", "outcomes", "brands", "pilots", "errors", "warnings", "waived"):
        table.add_column(t(f"report.short.{column}", lang=lang), justify="right", overflow="fold", min_width=3)
    table.add_column(t("report.short.status", lang=lang), overflow="fold")
    for group in report.groups:
        table.add_row(f"[bold]{escape(group.label(lang))}[/]")
        for row in group.rows:
            table.add_row(
                escape(row.name), str(row.themedays), _integration(row.integration_days, report.min_days),
                _plain_or_warn(row.months_missing), _outcomes(row.outcomes_filled, row.outcomes_due),
                _brands(row.brands, len(row.inherited_brands), lang), str(row.pilots),
                _plain_or(row.errors, "bold red"), _plain_or(row.warnings, "yellow"), str(row.waived),
                f"[{_STATUS_STYLE[row.status]}]{_STATUS_MARK[row.status]} {escape(layout.status_label(row.status, lang))}[/]",
            )
        _sum_row(table, t("report.subtotal", lang=lang, count=group.totals.branches), group.totals, report, lang, end=True)
    _sum_row(table, t("report.total", lang=lang, count=report.totals.branches), report.totals, report, lang, end=False)
    if console.is_terminal and _width_needed(table) > console.width:
        _narrow(report, lang, console, table)  # a phone-wide terminal: one branch a block
    else:
        print_table(console, table)
    meetings_table(report, lang, console)
    if report.waivers:
        console.print()
        console.print(f"[bold]{escape(t('report.waivers_title', lang=lang))}[/]")
        for entry in report.waivers:
            console.print(f"  {escape(entry.branch)}  {escape(entry.finding.record)}  {escape(layout.waiver_text(entry, lang))}")
    console.print()
    console.print(escape(t("report.table_legend", lang=lang)))
    console.print(escape(t("report.table_note", lang=lang, minimum=report.min_days, days=report.outcome_days)))


def _width_needed(table: Table) -> int:
    """The width the table needs with every column but the first (the names, which wrap) whole:
    rich would drop the columns that do not fit."""
    from rich.cells import cell_len
    from rich.text import Text

    wide = Console(width=10_000, color_system=None)
    with wide.capture() as captured:
        wide.print(table)
    natural = max((cell_len(line.rstrip()) for line in captured.get().splitlines()), default=0)
    names = [Text.from_markup(str(cell)).plain for cell in table.columns[0].cells]
    longest = max((cell_len(name) for name in names), default=0)
    return natural - longest + (table.columns[0].min_width or 0)


def _narrow(report: Report, lang: str, console: Console, table: Table) -> None:
    """The table's rows for a terminal too narrow for its columns: each row's name on a line, then
    its values with their column headings, wrapped under each other; nothing left out."""
    from rich.cells import cell_len
    from rich.text import Text

    headings = [column.header for column in table.columns]
    cells = [list(column.cells) for column in table.columns]
    for index in range(table.row_count):
        row = [Text.from_markup(str(column[index])).plain if index < len(column) else "" for column in cells]
        if not any(row[1:]):  # a general branch's heading
            console.print()
            console.print(Text(row[0], style="bold"))
            continue
        console.print(Text(row[0], style="bold" if table.rows[index].style == "bold" else ""))
        line = ""
        for item in (f"{heading} {value}" for heading, value in zip(headings[1:], row[1:]) if value):
            if line and cell_len(line + "  " + item) > console.width:
                console.print(line, highlight=False)
                line = ""
            line = f"{line}  {item}" if line else f"    {item}"
        console.print(line, highlight=False)


def meetings_table(report: Report, lang: str, console: Console) -> None:
    """三会一课 and the other meetings: held/required per type, one line per branch."""
    from djrh.output.term import print_table

    console.print()
    console.print(f"[bold]{escape(t('report.meetings_title', lang=lang))}[/]")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, padding=(0, 0, 0, 1), expand=False)
    table.add_column(t("report.col.branch", lang=lang), overflow="fold", min_width=16)
    for heading in layout.meeting_headers(lang):
        table.add_column(heading, justify="right", overflow="fold", min_width=5)
    style = "bold red" if report.complete else "yellow"

    def shown(cell: layout.MeetingCell) -> str:
        return f"[{style}]{cell.text}[/]" if cell.short else cell.text

    for group in report.groups:
        table.add_row(f"[bold]{escape(group.label(lang))}[/]")
        for row in group.rows:
            table.add_row(escape(row.name), *(shown(cell) for cell in layout.meeting_cells(row.meeting_quotas)))
    table.add_row(
        f"[bold]{escape(t('report.total', lang=lang, count=report.totals.branches))}[/]",
        *(cell.text for cell in layout.meeting_sum_cells(report.totals)), style="bold",
    )
    print_table(console, table)
    console.print(escape(t("report.meetings_note", lang=lang, lectures=report.lectures_per_year)))


def _sum_row(table: Table, label: str, totals: Totals, report: Report, lang: str, end: bool) -> None:
    table.add_row(
        f"[bold]{escape(label)}[/]", str(totals.themedays), str(totals.integration_days), str(totals.months_missing),
        _outcomes(totals.outcomes_filled, totals.outcomes_due), str(totals.brands), str(totals.pilots),
        str(totals.errors), str(totals.warnings), str(totals.waived), escape(_sum_status(totals, report, lang)),
        style="dim" if end else "bold", end_section=True,
    )


def _sum_status(totals: Totals, report: Report, lang: str) -> str:
    """Short enough for a terminal: 达标 8/10, or 进行中 while the year is not over."""
    if not report.complete:
        return layout.status_label(IN_PROGRESS, lang)
    return f"{layout.status_label(MET, lang)} {totals.met}/{totals.branches}"


def _integration(value: int, minimum: int) -> str:
    return f"{value}" if value >= minimum else f"[bold red]{value}[/]"


def _outcomes(filled: int, due: int) -> str:
    text = f"{filled}/{due}"
    return text if filled >= due else f"[yellow]{text}[/]"


def _brands(own: int, inherited: int, lang: str) -> str:
    """Own brands, "+N" for those of the general branch (个个支部有亮点 counts them too, BR002)."""
    return f"{own}" if not inherited else f"{own}+{inherited}"


def _plain_or_warn(value: int) -> str:
    return str(value) if not value else f"[yellow]{value}[/]"


def _plain_or(value: int, style: str) -> str:
    return str(value) if not value else f"[{style}]{value}[/]"
