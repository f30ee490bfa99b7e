"""Dates and times held on one line on paper: the text side of the forms, without python-docx (the
values of a form are prepared in the main process; only the sandbox that fills the templates
imports python-docx, djrh.paper.style)."""

from __future__ import annotations

import re

# A date or a time is never broken across two lines on paper ("2026年12月16" ⏎ "日", "2027-" ⏎
# "03-31"): a word joiner (U+2060, zero width, no break) between its characters, a no-break space
# for a space. Chinese and English forms alike; a date without its year (6月30日) too.
WORD_JOINER = "\u2060"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATES = re.compile(
    r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}:\d{2}(?:\s*[—–~-]\s*\d{1,2}:\d{2})?|（星期.）"
    rf"|(?:{_MONTHS})\s\d{{1,2}},\s\d{{4}}"
)


def nobreak(text: str) -> str:
    """`text` with every date and time in it held on one line (written again, it is unchanged)."""
    def joined(match: re.Match) -> str:
        return WORD_JOINER.join(match.group(0).replace(" ", "\u00a0"))

    return _DATES.sub(joined, text)
