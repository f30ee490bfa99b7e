"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from djrh.check.run import CheckResult
from djrh.i18n import t
from djrh.output import shown_path
from djrh.personal import mask

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult, lang: str) -> str:
    lines = []
    for f in result.findings:
        level = "notice" if f.waived else _LEVEL[f.severity]
        message = f.text(lang)
        if f.waived:
            message += t("out.waived_suffix", lang=lang)
        file = _property(shown_path(result.root, f.path))
        title = _property(f"{f.code} {mask(f.record)}")
        lines.append(f"::{level} file={file},line={f.line},col={f.column},title={title}::{_data(message)}")
    return "\n".join(lines)
