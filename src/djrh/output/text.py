"""`--format text`: findings grouped by file, with the offending line, for a person at a terminal."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console, Group
from rich.markup import escape
from rich.text import Text

from djrh.tree import treefile
from djrh.check.run import CheckResult
from djrh.i18n import t
from djrh.read.load import MAX_FILE_BYTES, readable
from djrh.output import shown_path
from djrh.personal import mask
from djrh.visible import visible

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


# A file can hold thousands of findings (one bad value repeated on a long line): the first ones
# show what to fix, the JSON output lists them all.
SHOWN_PER_FILE = 50


def _source_lines(root, rel: str) -> list[str] | None:
    """The lines of a record file, read the one safe way (djrh.tree.treefile): a link out of the tree,
    a pipe or an oversized file is never opened here either."""
    try:
        raw, _ = treefile.read(root, rel, MAX_FILE_BYTES)
    except treefile.Unreadable:
        return None
    text = readable(raw).lstrip("\ufeff")  # a GBK file's line in Chinese, not mojibake
    return mask(text).splitlines()  # the line under a finding is shown: never a person's number in full


def _window(source: str, column: int, width: int) -> tuple[str, int]:
    """The part of a line around `column`, at most `width` terminal cells (a Chinese character
    takes two), with "…" where it is cut; and the caret's offset in cells. Only `width` characters
    on each side are looked at, so a long line with many findings costs the same for each."""
    from rich.cells import cell_len

    start = min(max(column - 1, 0), len(source))
    head = visible(source[max(0, start - width) : start].replace("\t", " "))
    tail = visible(source[start : start + width].replace("\t", " "))
    if start <= width and cell_len(head) <= width * 2 // 3:
        shown_head = head
    else:  # keep a third of the width before the column
        keep, cells = len(head), 0
        while keep > 0 and cells + cell_len(head[keep - 1]) < width // 3:
            keep -= 1
            cells += cell_len(head[keep])
        shown_head = "…" + head[keep:]
    pad = cell_len(shown_head)
    room = max(width - pad, 1)
    if cell_len(tail) > room or start + width < len(source):
        cut, cells = 0, 0
        while cut < len(tail) and cells + cell_len(tail[cut]) < room:
            cells += cell_len(tail[cut])
            cut += 1
        tail = tail[:cut] + ("…" if cut < len(tail) or start + width < len(source) else "")
    return shown_head + tail, pad


# The source line under a finding is a window around its column: the terminal's width, else this
# many cells (a record line is shorter; a 60 KB line of one list is not shown whole 50 times).
SOURCE_WINDOW = 160


# The lines are printed a batch at a time: each call of rich's print costs ~0.1 ms whatever it
# prints (a tree with 2,000 findings spent a second in 11,000 of them).
BATCH = 500


def render(result: CheckResult, lang: str, console: Console) -> None:
    """In a terminal, a message longer than a line wraps under its own start (a hanging indent);
    elsewhere (a file, a pipe) each message is one whole line."""
    from djrh.output.term import hanging

    width = console.width if console.is_terminal else None
    window = (console.width if console.is_terminal else SOURCE_WINDOW) - 14
    batch: list[Text] = []
    for rel, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        shown = shown_path(result.root, rel)
        batch.append(Text(visible(shown), style="bold underline"))
        lines = _source_lines(result.root, rel)
        for f in findings[:SHOWN_PER_FILE]:
            # a waived finding is not an error: it says what it is instead of its severity
            label = t("out.waived_label", lang=lang) if f.waived else t(f"severity.{f.severity}", lang=lang)
            style = "dim" if f.waived else _STYLE[f.severity]
            where = f"  {f.line}:{f.column}".ljust(10)
            prefix = f"{where}{label} {f.code}  "
            message = visible(f.text(lang))
            if f.fixable and not f.waived and "djrh fix" not in message:  # unless the message says so itself
                message += t("out.fixable_suffix", lang=lang)
            text = Text(hanging(prefix, message, width))
            text.stylize("dim", 0, len(where))
            text.stylize(style, len(where), len(where) + len(label))
            text.stylize("dim" if f.waived else "bold", len(where) + len(label) + 1, len(prefix) - 2)
            if f.waived:
                text.stylize("dim", len(prefix))
            batch.append(text)
            if lines is not None and 1 <= f.line <= len(lines):
                source, pad = _window(lines[f.line - 1], f.column, window)
                if source.strip():
                    batch.append(Text(f"          │ {source}", style="dim", overflow="ellipsis", no_wrap=True))
                    batch.append(Text("          │ " + " " * pad + "^", style=style))
        if len(findings) > SHOWN_PER_FILE:
            batch.append(Text(t("out.more_in_file", lang=lang, count=len(findings) - SHOWN_PER_FILE), style="dim"))
        batch.append(Text(""))
        if len(batch) >= BATCH:
            console.print(Group(*batch))
            batch.clear()
    if batch:
        console.print(Group(*batch))
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
    fixable = sum(1 for f in result.findings if f.fixable and not f.waived)
    if fixable:
        console.print(Text(t("out.fixable_count", lang=lang, count=fixable), style="dim"))
    codes = sorted({f.code for f in result.findings if not f.waived})
    console.print(escape(t("out.explain_hint", lang=lang, code=codes[0])), style="dim")
