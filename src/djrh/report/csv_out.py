"""`djrh report --format csv`: the flat table (layout.py, its spreadsheet form: one value per cell,
the branch lines before the sums) with Chinese headers, for Excel and email.

Written to a file it starts with a UTF-8 byte order mark, so that Excel (which otherwise assumes
the local code page, GBK on Chinese Windows) shows the Chinese text correctly.
"""

from __future__ import annotations

import csv
import io

from djrh.report import layout
from djrh.report.stats import Report


def render(report: Report, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(layout.sheet_headers(lang))
    branches, sums = layout.sheet_lines(report, lang)
    for line in branches + sums:  # the branch lines, then the sums: a filter or sort cannot mix them
        writer.writerow([neutral(cell) for cell in line.cells])
    return buffer.getvalue()


# A cell starting with one of these is a formula to Excel, LibreOffice and WPS, even in a CSV file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe, which makes
    it text (the OWASP recipe against CSV injection); numbers are left as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def file_bytes(report: Report, lang: str) -> bytes:
    return render(report, lang).encode("utf-8-sig")
