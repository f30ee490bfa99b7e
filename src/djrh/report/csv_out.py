"""`djrh report --format csv`: the flat table (layout.py) with Chinese headers, for Excel and email.

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
    writer.writerow(layout.headers(lang))
    for line in layout.lines(report, lang):
        writer.writerow(line.cells)
    return buffer.getvalue()


def file_bytes(report: Report, lang: str) -> bytes:
    return render(report, lang).encode("utf-8-sig")
