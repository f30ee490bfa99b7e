"""`--format text`: findings grouped by file, with the offending line, for a person at a terminal."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from djrh.check import CheckResult
from djrh.i18n import t
from djrh.output import shown_path
from djrh.personal import mask

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _source_lines(path) -> list[str] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if len(raw) > 1024 * 1024:
        return None
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    return mask(text).splitlines()  # the line under a finding is shown: never a person's number in full


def _window(source: str, column: int, width: int) -> tuple[str, int]:
    """The part of a long line around `column`, and the caret's offset in terminal cells
    (a Chinese character takes two)."""
    from rich.cells import cell_len

    start = column - 1
    pad = cell_len(source[:start])
    if pad <= max(width - 20, 20):
        return source, pad
    keep = start
    while keep > 0 and cell_len(source[keep - 1 : start]) < width // 3:
        keep -= 1
    shown = "…" + source[keep:]
    return shown, 1 + cell_len(source[keep:start])


def render(result: CheckResult, lang: str, console: Console) -> None:
    for rel, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        shown = shown_path(result.root, rel)
        console.print(Text(shown, style="bold underline"))
        lines = _source_lines(result.root / rel)
        for f in findings:
            severity = t(f"severity.{f.severity}", lang=lang)
            style = "dim" if f.waived else _STYLE[f.severity]
            head = Text()
            head.append(f"  {f.line}:{f.column}".ljust(10), style="dim")
            head.append(severity, style=style)
            head.append(" ")
            head.append(f.code, style="bold" if not f.waived else "dim")
            head.append("  ")
            head.append(f.text(lang), style="dim" if f.waived else "")
            if f.waived:
                head.append(t("out.waived_suffix", lang=lang), style="dim")
            console.print(head)
            if lines is not None and 1 <= f.line <= len(lines):
                source, pad = _window(lines[f.line - 1].replace("\t", " "), f.column, console.width - 14)
                if source.strip():
                    console.print(Text(f"          │ {source}", style="dim"), overflow="ellipsis", no_wrap=True)
                    console.print(Text("          │ " + " " * pad + "^", style=style))
        console.print()
    summary(result, lang, console)


def summary(result: CheckResult, lang: str, console: Console) -> None:
    records = len(result.records)
    errors, warnings, infos = result.count("error"), result.count("warning"), result.count("info")
    if not (errors or warnings or infos):
        line = t("out.clean", lang=lang, records=records)
        if result.waived:
            line += t("out.waived_count", lang=lang, waived=result.waived)
        console.print(Text(line, style="bold green"))
        return
    line = t("out.summary", lang=lang, records=records, errors=errors, warnings=warnings, infos=infos)
    if result.waived:
        line += t("out.waived_count", lang=lang, waived=result.waived)
    console.print(Text(line, style="bold red" if errors else "bold yellow"))
    codes = sorted({f.code for f in result.findings if not f.waived})
    console.print(escape(t("out.explain_hint", lang=lang, code=codes[0])), style="dim")
