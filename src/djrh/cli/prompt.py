"""Asking a person at a terminal for a field's value, as `djrh new` and `djrh fill` do: the form's
label, what to write, the choices numbered (type the number, the code or the Chinese name), what is
there now (Enter keeps it). Only ever called when stdin is a terminal."""

from __future__ import annotations

import sys
from typing import Any, Callable

import typer

from djrh.edit.values import parse_value, shown
from djrh.i18n import Msg, msg, t
from djrh.kinds.fields import FieldMeta, fields_of

KEEP = object()  # Enter at a prompt for a value that is already there


def interactive() -> bool:
    """Prompt only when a person is at a terminal; a script or CI never waits for input."""
    return sys.stdin.isatty()


def say(text: str) -> None:
    print(text, file=sys.stderr)


def _read(text: str, default: str = "") -> str:
    while True:
        try:
            return str(typer.prompt(text, default=default, show_default=bool(default))).strip()
        except UnicodeDecodeError:  # a terminal that is not UTF-8
            say(msg("new.not_utf8", option=text, value="…").render())


def notes(meta: FieldMeta, lang: str, required: bool, keep: bool) -> list[str]:
    """What the prompt says after the label: the format, how to give several, whether Enter skips."""
    found = []
    if meta.type in ("date", "time"):
        found.append({"date": "YYYY-MM-DD", "time": "HH:MM-HH:MM"}[meta.type])
    elif meta.type == "bool":
        found.append(t("prompt.yes_no", lang=lang))
    elif meta.type == "list" and (meta.item is None or meta.item.nested is None):
        found.append(t("new.prompt.several", lang=lang))
    if meta.value_choices is not None:
        found.append(t("prompt.choose", lang=lang))
    if keep:
        found.append(t("prompt.keep", lang=lang))
    elif not required:
        found.append(t("new.prompt.skip", lang=lang))
    return found


def with_notes(label: str, parts: list[str], lang: str) -> str:
    if not parts:
        return label
    return f"{label}（{'，'.join(parts)}）" if lang == "zh" else f"{label} ({', '.join(parts)})"


def show_choices(meta: FieldMeta, lang: str) -> None:
    """`  1  central_work  中心工作` for each value, numbered."""
    terms = meta.value_choices or {}
    for number, (code, term) in enumerate(terms.items(), start=1):
        say(f"  {number:>2}  {code}  {term.zh if lang == 'zh' else term.en}")


def ask(meta: FieldMeta, label: str, lang: str, required: bool, current: Any = None,
        default: str = "", check: Callable[[Any], Msg | None] | None = None) -> Any:
    """The value typed for a field; KEEP when Enter keeps the current one, None when skipped.
    `check`: a further test of the value (a reference to an existing record)."""
    keep = current not in (None, "", [])
    if meta.type == "list" and meta.item is not None and meta.item.nested is not None:
        return ask_rows(meta, label, lang, current)
    if keep:
        say(t("prompt.now", lang=lang, label=label, value=shown(meta, current, lang)))
    if meta.value_choices is not None:
        show_choices(meta, lang)
    prompt = with_notes(label, notes(meta, lang, required, keep), lang)
    while True:
        raw = _read(prompt, default)
        if not raw:
            if keep:
                return KEEP
            if required:
                continue
            return None
        value, problem = parse_value(meta, raw, label)
        if problem is None and check is not None and value is not None:
            problem = check(value)
        if problem is None:
            return value
        say(problem.render(lang))


def ask_rows(meta: FieldMeta, label: str, lang: str, current: Any) -> Any:
    """Rows of a part (tasks, absences): those there are shown and kept; new ones are asked for,
    field by field, until Enter on the first field of a row."""
    part = meta.item.nested
    rows = [row for row in (current or []) if isinstance(row, dict) and any(v not in (None, "", []) for v in row.values())]
    for row in rows:
        say(t("prompt.row_now", lang=lang, label=label, value=shown(meta, [row], lang)))
    metas = {name: m for name, m in fields_of(part).items() if name != "waivers"}
    added = []
    while True:
        row: dict[str, Any] = {}
        for index, (name, field_meta) in enumerate(metas.items()):
            prompt_label = t("prompt.row", lang=lang, label=label, number=len(rows) + len(added) + 1, field=field_meta.label(lang))
            if index == 0:
                prompt = with_notes(prompt_label, [t("prompt.row_end", lang=lang)], lang)
            else:
                prompt = with_notes(prompt_label, notes(field_meta, lang, field_meta.required is True, False), lang)
            if field_meta.value_choices is not None:
                show_choices(field_meta, lang)
            while True:
                raw = _read(prompt)
                if not raw:
                    if index == 0:
                        return rows + added if added else KEEP
                    if field_meta.required is True:
                        continue
                    break
                value, problem = parse_value(field_meta, raw, field_meta.label(lang))
                if problem is None:
                    row[name] = value
                    break
                say(problem.render(lang))
        added.append(row)


__all__ = ["KEEP", "ask", "ask_rows", "interactive", "show_choices"]
