"""`djrh due`: the reminder list (djrh.report.due) as text, grouped per branch, or as JSON for other tools.

It is a reminder, not a check: the exit code is 0 whatever is due or late (2 for a usage problem).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Optional

import typer

from djrh.cli.app import LangOpt, RootOpt, app, format_option
from djrh.cli.common import as_of_date, check_format, fail, open_config, open_root, parse_date
from djrh.output.term import write_data
from djrh.i18n import get_lang, msg, t
from djrh.personal import mask

DUE_FORMATS = ("text", "json", "ics")
MAX_DAYS = 3660  # ten years ahead: a reminder list needs no more


@app.command("due", help=t("help.due"), short_help=t("help.short.due"))
def due_command(
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.due_as_of"), metavar="YYYY-MM-DD")] = None,
    days: Annotated[int, typer.Option("--days", "-d", help=t("help.opt.days"), metavar="N", min=0)] = 30,
    branch: Annotated[Optional[str], typer.Option("--branch", "-b", help=t("help.opt.due_branch"), metavar="ID", show_default=False)] = None,
    output_format: Annotated[str, format_option("due", DUE_FORMATS)] = "text",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    from djrh.check.run import load_tree
    from djrh.report.due import due_items, for_unit, unit_names

    check_format(output_format, DUE_FORMATS)
    if days > MAX_DAYS:
        fail(msg("due.too_many_days", days=days, limit=MAX_DAYS))
    parse_date(as_of, "--as-of")
    tree_root = open_root(root)
    config = open_config(tree_root)
    day, fixed = as_of_date(as_of, config)
    tree = load_tree(tree_root)
    names = unit_names(tree)
    items = due_items(tree, config, day, days)
    if branch is not None:
        branch = branch.strip()
        if branch not in names:
            fail(msg("due.unknown_branch", branch=branch))
        items = for_unit(items, branch, names)
    lang = get_lang()
    if output_format == "json":
        write_data(json.dumps(_document(items, names, day, days, lang), ensure_ascii=False, indent=2) + "\n")
        return
    if output_format == "ics":
        from djrh.report.ics import calendar

        write_data(calendar(items, names, day, lang))
        return
    _print_text(items, names, day, days, lang, tree_root, fixed)


def _document(items, names, day: date, days: int, lang: str) -> dict:
    return {
        "version": 1,
        "as_of": day.isoformat(),
        "days": days,
        "items": [
            {
                "kind": item.kind,
                "branch": item.branch,
                "branch_name": names.get(item.branch, (item.branch, None))[0],
                "date": item.date.isoformat(),
                "days_left": item.days_left,
                "late": item.late,
                "path": mask(item.path),
                "record": mask(item.record),
                "message": item.message.render(lang),
            }
            for item in items
        ],
        "summary": {"items": len(items), "late": sum(1 for item in items if item.late)},
    }


def _print_text(items, names, day: date, days: int, lang: str, root, fixed: bool) -> None:
    from rich.markup import escape
    from rich.text import Text

    from djrh.output import term
    from djrh.output import shown_path

    console = term.console()
    width = console.width if console.is_terminal else None  # None: each item one whole line
    if fixed:
        console.print(escape(t("out.as_of_fixed", as_of=day.isoformat())), style="bold")
    if not items:
        console.print(escape(t("due.none", as_of=day.isoformat(), days=days)))
        return
    late = sum(1 for item in items if item.late)
    console.print(escape(t("due.header", as_of=day.isoformat(), days=days, count=len(items), late=late)))
    order: list[str] = []
    for item in items:  # branches in the order of their most urgent item
        if item.branch not in order:
            order.append(item.branch)
    for unit in order:
        console.print()
        name = names.get(unit, (unit, None))[0]
        console.print(f"[bold]{escape(name)}[/] [dim]({escape(unit)})[/]")
        for item in (i for i in items if i.branch == unit):
            if item.late:
                when, style = t("due.late", days=-item.days_left), "bold red"
            elif item.days_left == 0:
                when, style = t("due.today"), "bold yellow"
            else:
                when, style = t("due.left", days=item.days_left), "yellow" if item.days_left <= 7 else ""
            kind = t(f"due.kind.{item.kind}")
            prefix = f"  {when}  {item.date.isoformat()}  {kind}  "
            text = Text(term.hanging(prefix, f"{item.message.render(lang)}  {shown_path(root, item.path)}", width))
            if style:
                text.stylize(style, 2, 2 + len(when))
            text.stylize("bold", len(prefix) - len(kind) - 2, len(prefix) - 2)
            text.stylize("dim", len(text.plain) - len(shown_path(root, item.path)))
            console.print(text)
