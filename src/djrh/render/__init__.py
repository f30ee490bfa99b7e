"""`djrh render`: the DOCX forms that get printed, signed and filed.

records (source) → plain values with labels resolved (context) → a document, built in code with
python-docx (themeday, bundle, pilot; their look in style) or from the tree's own template
(templates) → DOCX bytes with a footer trace (trace) → optionally a PDF through LibreOffice (pdf).
`build` picks the document; nothing here prints.
"""

from __future__ import annotations

from djrh.i18n import Msg

# The kinds a branch's 工作记录本 holds, one form each (build.render_bundle; the forms a sandbox
# started for a book compiles ahead: cli/render.py).
BOOK_KINDS = ("themeday", "meeting")


class RenderError(Exception):
    """A render that cannot be done, with a message a person can act on (exit code 2)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message
