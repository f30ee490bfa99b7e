"""Output language and message catalogues.

Every text a person sees is looked up here by key, so that a finding can be a plain value
(`Msg(key, args)`) and be rendered in Chinese (default) or English (`--lang en`, `DJRH_LANG=en`).

The catalogue of a language is two parts (docs/architecture.md, "Where text lives"):
- `djrh.locale.zh` and `djrh.locale.en`: the shell's words (CLI, outputs, forms, reports) and what
  the loader and validator say (`syn.*`, `sch.*`); both hold the same keys (a test checks this);
- the messages each rule declares beside its check (`@rule(..., messages={name: (zh, en)})`),
  registered here under `<code lower>.<name>` when the rule's module is imported.
"""

from __future__ import annotations

import os
import string
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import import_module
from collections.abc import Iterable
from typing import Any

from djrh.personal import mask
from djrh.visible import visible

_lang: str | None = None
_catalogues: dict[str, dict[str, str]] = {}
LANGS = ("zh", "en")
# key -> (Chinese, English): the messages registered by the rules (register_messages)
_registered: dict[str, tuple[str, str]] = {}


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
    """The words of `djrh.locale.<lang>` (the registered rule messages are apart: `messages`)."""
    cat = _catalogues.get(lang)
    if cat is None:
        cat = import_module(f"djrh.locale.{lang}").MESSAGES
        _catalogues[lang] = cat
    return cat


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add messages to the catalogue: key -> (Chinese, English). A key is defined once: neither
    twice here nor here and in a locale file; both languages are given, with the same placeholders."""
    for key, texts in messages.items():
        if not (isinstance(texts, tuple) and len(texts) == len(LANGS) and all(isinstance(x, str) and x for x in texts)):
            raise ValueError(f"message {key}: give the text in each of {', '.join(LANGS)}")
        if placeholders(texts[0]) != placeholders(texts[1]):
            raise ValueError(f"message {key}: the languages use different placeholders")
        if key in _registered or any(key in catalogue(lang) for lang in LANGS):
            raise ValueError(f"message {key} defined twice")
    _registered.update(messages)


def unregister_messages(keys) -> None:
    """Take registered messages out again (a test's throwaway rule)."""
    for key in keys:
        _registered.pop(key, None)


def messages(lang: str) -> dict[str, str]:
    """The whole catalogue of `lang`: the locale file and every registered rule message (the rules
    imported first, so that theirs are in)."""
    import djrh.rules  # noqa: F401  (registers every rule's messages)

    index = LANGS.index(lang)
    return {**catalogue(lang), **{key: texts[index] for key, texts in _registered.items()}}


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


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


# Messages for a web page (djrh serve) name a field by its form label alone: its reader fills in the
# form and never sees the file's field names. Elsewhere (the terminal, CI, documents) a message names
# the field as written in the file, with its label: `theme（活动主题）`.
_ON_PAGE: ContextVar[bool] = ContextVar("djrh_on_page", default=False)
# (as a template writes it, as a page shows it): Chinese puts no space before a quotation mark
_FIELD_WITH_LABEL = (
    (" {field}（{label}）", "“{label}”"), ("{field}（{label}）", "“{label}”"), ("{field} ({label})", "“{label}”"),
)
_FIELDS_ZH = ((" {fields}", "{fields}"),)  # a FieldList (kinds/fields.py) gives “…”、“…” there


@contextmanager
def on_page():
    """Render the messages of this block (a request of djrh serve) for a page: “活动主题”, not
    theme（活动主题）."""
    token = _ON_PAGE.set(True)
    try:
        yield
    finally:
        _ON_PAGE.reset(token)


def for_page() -> bool:
    """Whether messages are being rendered for a page (`on_page`)."""
    return _ON_PAGE.get()


@dataclass(frozen=True, slots=True)
class FileHint:
    """How to write something in a record file (`type: general_meeting`), in parentheses after the
    advice to record it: for whoever edits the file. Left out on a page (`on_page`), whose form
    offers the choice in words."""

    zh: str
    en: str | None = None  # when it differs from the Chinese (a list's separator)

    def render(self, lang: str | None = None) -> str:
        if _ON_PAGE.get():
            return ""
        if (lang or get_lang()) == "zh":
            return f"（{self.zh}）"
        return f" ({self.en or self.zh})"


@dataclass(frozen=True, slots=True)
class Series:
    """Names, paths or fields listed in a message: `王丽、李强` in Chinese, `王丽, 李强` in English."""

    items: tuple[str, ...]

    def render(self, lang: str | None = None) -> str:
        return ("、" if (lang or get_lang()) == "zh" else ", ").join(self.items)


def series(items: Iterable[Any]) -> Series:
    return Series(tuple(str(item) for item in items))


def msg(key: str, /, **args: Any) -> Msg:
    return Msg(key, args)


def t(key: str, /, *, lang: str | None = None, **args: Any) -> str:
    """Render message `key` in `lang` (default: the current language)."""
    lang = lang or get_lang()
    template = catalogue(lang).get(key)
    if template is None:
        template = _rule_message(key, lang)
    if _ON_PAGE.get():
        for written, shown in _FIELD_WITH_LABEL + (_FIELDS_ZH if lang == "zh" else ()):
            template = template.replace(written, shown)
    rendered = {k: _counted(_shown(v.render(lang) if hasattr(v, "render") else v)) for k, v in args.items()}
    try:
        text = template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        text = template
    # A message may echo what a record holds (a value read as a number, an id): never a person's
    # ID or mobile number in full (SPEC section 3), whatever the output.
    return mask(text) if rendered else text


class Count(int):
    """A whole number in a message. `{days:day|days}` writes the word that goes with it (English
    plurals: `in 1 day`, `in 2 days`); `{days}` the number itself."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return one if self == 1 else many
        return int.__format__(self, spec)


def _counted(value: Any) -> Any:
    return Count(value) if type(value) is int else value


def _rule_message(key: str, lang: str) -> str:
    """A message a rule declared; its key itself when no rule or locale file has it."""
    texts = _registered.get(key)
    if texts is None:
        import djrh.rules  # noqa: F401  (a finding from the cache, shown before any rule ran)

        texts = _registered.get(key)
    if texts is None:
        return catalogue("zh").get(key, key)
    return texts[LANGS.index(lang)] if lang in LANGS else texts[0]


def _shown(value: Any) -> Any:
    """An argument as a message shows it: a value from a file (a name, a path) may hold a control
    character or undecoded bytes, which must not reach a terminal, a log or a document as such."""
    return visible(value) if isinstance(value, str) else value
