"""Resident ID numbers and mainland mobile numbers in text: found for PRV001, masked in everything
djrh prints (个人信息保护法; SPEC section 3: no message or output prints one unmasked).

What counts as a number (the heuristic, documented in `djrh explain PRV001`):

- a mobile number is 11 digits starting 13–19, optionally after +86, 0086 or 86, written whole or in
  groups of 3-4-4 with a space or a dash between (`138 1234 5678`, `138-1234-5678`);
- a resident ID number is 18 characters, 17 digits and a check digit (0–9 or X) that is right
  (GB 11643), whole or in groups of 6-8-4;
- full-width digits count as digits, and characters that cannot be seen (a zero-width space, a
  control character such as ESC in a Markdown body) are skipped: `１３８１２３４５６７８`,
  `138\u200b12345678` and `138\x1b12345678` are numbers too;
- it stands on its own: no letter or digit right before it, no digit right after it;
- not a number of a person: an amount (a decimal point and digits right after it, `13800000000.00`,
  or a currency unit around it, `￥13800000000`, `13800000000元`) or a number named as something else by
  the word right before it (订单号, 流水号, 编号, 账号, 卡号 … : `订单号13012345678`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Characters skipped inside a number: zero-width space, non-joiner, joiner, word joiner, BOM; and
# the control characters a Markdown body may hold (no YAML value does: SYN001/SCH001), which a
# document drops and a terminal does not show, so that `138<ESC>12345678` is a number too.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_SKIPPED = re.compile(f"[{INVISIBLE}{_CONTROLS}]")
_FULLWIDTH = {0xFF10 + d: str(d) for d in range(10)} | {0xFF0B: "+", 0xFF0D: "-", 0x3000: " "}
_SPECIAL = re.compile(f"[{INVISIBLE}{_CONTROLS}\uff10-\uff19\uff0b\uff0d\u3000]")

_SEP = r"[ \-]?"
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z])(?:(?:\+|00)?86" + _SEP + r")?(1[3-9][0-9])" + _SEP + r"([0-9]{4})" + _SEP + r"([0-9]{4})(?![0-9])"
)
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{5})" + _SEP + r"([0-9]{8})" + _SEP + r"([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
# What makes a run of digits an amount: a decimal part, or a currency around it.
_AMOUNT_AFTER = re.compile(r"\.[0-9]|\s*(元|万|亿|块|RMB|CNY)")
_AMOUNT_BEFORE = re.compile(r"(￥|¥|\$|RMB|CNY)\s*\Z")
# Words naming a number as something other than a person's: 订单号13012345678.
_NOT_PERSONAL = re.compile(
    r"(订单|单号|编号|流水|账号|帐号|卡号|发票|合同|序列号|批次|运单|快递|凭证|交易|学号|工号|证书|型号|条码)"
    r"[号码]?\s*[:：#＃]?\s*\Z"
)
# The test on a record file's bytes, made when it is read: 11 digits (ASCII or full-width) with at
# most two separators or invisible characters between each.
_DIGIT = rb"(?:[0-9]|\xef\xbc[\x90-\x99])"
_GAP = (
    rb"(?:[ \-\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8d]|\xe2\x81\xa0|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]"
    rb"|\xe3\x80\x80|\xef\xbc\x8d){0,2}"
)
_MAYBE_NUMBERS = re.compile(_DIGIT + b"(?:" + _GAP + _DIGIT + b"){10}")
# A faster test before it, which lets through everything the regular expression would find: digits
# and the last byte of a full-width digit become 0, the separators and the bytes of invisible
# characters go (some bytes of other characters too, which only lets more through). A C1 control
# character's last byte may be one of a full-width digit's: it becomes 0 too, which only lets more
# through.
_ZEROS = bytes(0x30 if 0x30 <= b <= 0x39 or 0x90 <= b <= 0x99 else 0x78 for b in range(256))
_DROP = (
    b" -\xef\xbc\xe2\x80\x8b\x8c\x8d\x81\xa0\xbb\xbf\xe3" + bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
    + b"\xc2\xbe" + bytes([*range(0x82, 0x8B), *range(0x8E, 0x90), *range(0x9A, 0xA0)])
)


def may_hold_numbers(raw: bytes) -> bool:
    """Whether a file's bytes may hold an ID or mobile number (PRV001 reads only those again)."""
    return b"00000000000" in raw.translate(_ZEROS, _DROP) and _MAYBE_NUMBERS.search(raw) is not None
_MAYBE_TEXT = re.compile(r"[0-9\uff10-\uff19](?:[ \-\u3000\uff0d" + INVISIBLE + _CONTROLS + r"]{0,2}[0-9\uff10-\uff19]){10}")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_resident_id(number: str) -> bool:
    """GB 11643: the 18th character is the check digit of the first 17."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


@dataclass(frozen=True, slots=True)
class Number:
    start: int  # offsets in the text searched, end exclusive
    end: int
    kind: str  # "id" or "mobile"
    masked: str  # the number with its middle digits as *, for messages


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """Full-width digits as ASCII, invisible and control characters dropped; and where each
    character of the result was in `text` (None: the same place)."""
    if _SPECIAL.search(text) is None:
        return text, None
    chars, where = [], []
    for index, char in enumerate(text):
        if _SKIPPED.match(char) is not None:
            continue
        chars.append(_FULLWIDTH.get(ord(char), char))
        where.append(index)
    where.append(len(text))
    return "".join(chars), where


def _personal(plain: str, start: int, end: int) -> bool:
    """Whether the digits at plain[start:end] are a person's number, not an amount or a code."""
    if _AMOUNT_AFTER.match(plain, end) or _AMOUNT_BEFORE.search(plain, max(0, start - 8), start):
        return False
    return _NOT_PERSONAL.search(plain, max(0, start - 12), start) is None


def find_numbers(text: str) -> Iterator[Number]:
    """Every resident ID number and mobile number in `text`, in order."""
    if _MAYBE_TEXT.search(text) is None:
        return
    plain, where = _normalise(text)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for match in _RESIDENT_ID.finditer(plain):
        digits = "".join(match.groups())
        if valid_resident_id(digits) and _personal(plain, match.start(), match.end()):
            taken.append(match.span())
            found.append(_number(where, match, "id", digits[:6] + "*" * 8 + digits[-4:]))
    for match in _MOBILE.finditer(plain):
        if any(a <= match.start(1) < b for a, b in taken):
            continue  # inside an ID number
        if _personal(plain, match.start(), match.end()):
            digits = "".join(match.groups())
            found.append(_number(where, match, "mobile", digits[:3] + "****" + digits[-4:]))
    yield from sorted(found, key=lambda n: n.start)


def _number(where: list[int] | None, match: re.Match, kind: str, masked: str) -> Number:
    start, end = match.span()
    if where is not None:
        start, end = where[start], where[end - 1] + 1
    return Number(start, end, kind, masked)


def mask(text: str) -> str:
    """`text` with the middle digits of every ID and mobile number replaced by *, nothing else
    changed (the same length, so that a caret under a source line still points right)."""
    if not text or _MAYBE_TEXT.search(text) is None:
        return text
    numbers = list(find_numbers(text))
    if not numbers:
        return text
    chars = list(text)
    for number in numbers:
        digits = [i for i in range(number.start, number.end) if chars[i] in "0123456789Xx" or 0xFF10 <= ord(chars[i]) <= 0xFF19]
        hidden = digits[-11:][3:7] if number.kind == "mobile" else digits[6:14]
        for index in hidden:
            chars[index] = "*"
    return "".join(chars)
