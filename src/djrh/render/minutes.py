"""The minutes (会议记录): the Markdown body of a `.md` record, as blocks a document can print.

markdown-it (CommonMark, with tables) parses the body; what comes out is a short list of plain
blocks — headings, paragraphs, list items, quotes, code, tables — with runs of bold/italic text.
Raw HTML is printed as text, never interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(slots=True)
class Block:
    kind: str  # heading, paragraph, item, quote, code, table, rule
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level; list depth of an item (1 = top)
    marker: str = ""  # "1." or "•" before a list item
    rows: list[list[list[Run]]] = field(default_factory=list)  # table: rows of cells of runs

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def parse(body: str) -> list[Block]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(body)
    blocks: list[Block] = []
    lists: list[list] = []  # [ordered, next number] per open list
    item_marker: str | None = None  # the marker waiting for the first paragraph of an item
    quote_depth = 0
    heading_level = 0
    table: Block | None = None
    row: list[list[Run]] | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            item_marker = f"{number}." if ordered else "•"
            lists[-1][1] = number + 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "table_open":
            table = Block("table")
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            table.rows.append(row)
            row = None
        elif kind in ("fence", "code_block"):
            blocks.append(Block("code", [Run(token.content.rstrip("\n"), code=True)]))
        elif kind == "hr":
            blocks.append(Block("rule"))
        elif kind == "inline":
            runs = inline_runs(token.children or [])
            if row is not None:
                row.append(runs)
            elif heading_level:
                blocks.append(Block("heading", runs, level=heading_level))
                heading_level = 0
            elif item_marker is not None:
                blocks.append(Block("item", runs, level=len(lists), marker=item_marker))
                item_marker = None
            elif lists:  # a second paragraph of a list item
                blocks.append(Block("item", runs, level=len(lists)))
            elif quote_depth:
                blocks.append(Block("quote", runs, level=quote_depth))
            else:
                blocks.append(Block("paragraph", runs))
    return blocks


def inline_runs(children) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "text":
            runs.append(Run(child.content, bold, italic))
        elif kind == "code_inline":
            runs.append(Run(child.content, bold, italic, code=True))
        elif kind == "softbreak":
            # a line break inside a paragraph: nothing between Chinese characters, a space in English
            last = runs[-1].text[-1:] if runs and runs[-1].text else ""
            runs.append(Run(" " if last.isascii() and last.strip() else "", bold, italic))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold, italic))
        elif kind == "image":
            runs.append(Run(child.content or "", bold, italic))
    return [run for run in runs if run.text]


def plain_paragraphs(body: str) -> list[str]:
    """The minutes as plain text paragraphs (for an institution's template)."""
    lines = []
    for block in parse(body):
        if block.kind == "table":
            lines.extend("　".join("".join(r.text for r in cell) for cell in row) for row in block.rows)
        elif block.kind == "rule":
            continue
        elif block.kind == "item" and block.marker:
            lines.append(f"{block.marker} {block.text}")
        else:
            lines.append(block.text)
    return [line for line in lines if line.strip()]
