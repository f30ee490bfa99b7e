"""Text a person sees never hides or smuggles a character.

Names, values and file names reach messages, terminals, CI logs and documents. A control
character (ESC rewrites a terminal or a CI log; NUL, \\x01 or U+FFFE make an xlsx or docx writer
fail) or a file name that is not UTF-8 (a zip made on Chinese Windows gives GBK names) is shown
as something a person can read and nothing can misread: `\\x1b`, `\\ufffe`, and a GBK name decoded.
"""

from __future__ import annotations

import re

# YAML's printable set (1.2 section 5.1) minus TAB/LF/CR; also what XML 1.0 and Excel refuse.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What Python makes of the bytes of a file name that are not UTF-8 (os.fsdecode, surrogateescape).
_UNDECODED = re.compile("[\udc80-\udcff]")


def visible(text: str) -> str:
    """`text` with every unprintable character written as an escape; a non-UTF-8 name decoded
    as GB18030 (GBK) when it is that."""
    if UNPRINTABLE.search(text) is None:
        return text
    if _UNDECODED.search(text) is not None:
        text = _decode_name(text)
    return UNPRINTABLE.sub(_escape, text)


def undecodable(name: str) -> bool:
    """The name came from bytes that are not UTF-8."""
    return _UNDECODED.search(name) is not None


def _decode_name(text: str) -> str:
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from the file system
        return text
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return text


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecoded byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
