"""Output language and message catalogues.

Every text a person sees is looked up here by key, so that a finding can be a plain value
(`Msg(key, args)`) and be rendered in Chinese (default) or English (`--lang en`, `DJRH_LANG=en`).
The catalogues live in `djrh.locale.zh` and `djrh.locale.en`; both must hold the same keys
(a test checks this).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from djrh.personal import mask
from djrh.visible import visible

_lang: str | None = None
_catalogues: dict[str, dict[str, str]] = {}


def normalize_lang(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower().replace("_", "-")
    if value.startswith("zh") or value in ("cn", "chinese", "中文"):
        return "zh"
    if value.startswith("en") or value == "english":
        return "en"
    return None


def set_lang(lang: str | None) -> None:
    global _lang
    _lang = normalize_lang(lang) or "zh"


def get_lang() -> str:
    global _lang
    if _lang is None:
        _lang = normalize_lang(os.environ.get("DJRH_LANG")) or "zh"
    return _lang


def catalogue(lang: str) -> dict[str, str]:
    cat = _catalogues.get(lang)
    if cat is None:
        cat = import_module(f"djrh.locale.{lang}").MESSAGES
        _catalogues[lang] = cat
    return cat


@dataclass(frozen=True, slots=True)
class Msg:
    """A message key with its arguments; rendered only when shown.

    An argument may itself be a `Msg`, or any value with a `render(lang)` method (a field label,
    a list of allowed values): it is rendered in the same language first."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        return t(self.key, lang=lang, **self.args)

    def __str__(self) -> str:  # pragma: no cover - convenience for debugging
        return self.render()


def msg(key: str, /, **args: Any) -> Msg:
    return Msg(key, args)


def t(key: str, /, *, lang: str | None = None, **args: Any) -> str:
    """Render message `key` in `lang` (default: the current language)."""
    lang = lang or get_lang()
    template = catalogue(lang).get(key)
    if template is None:
        template = catalogue("zh").get(key, key)
    rendered = {k: _shown(v.render(lang) if hasattr(v, "render") else v) for k, v in args.items()}
    try:
        text = template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        text = template
    # A message may echo what a record holds (a value read as a number, an id): never a person's
    # ID or mobile number in full (SPEC section 3), whatever the output.
    return mask(text) if rendered else text


def _shown(value: Any) -> Any:
    """An argument as a message shows it: a value from a file (a name, a path) may hold a control
    character or undecoded bytes, which must not reach a terminal, a log or a document as such."""
    return visible(value) if isinstance(value, str) else value
