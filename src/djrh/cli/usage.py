"""The command line's own words in the output language: help pages, usage lines, usage errors.

typer (and the click it carries, `typer._click`) writes these in English, from literal strings.
djrh writes them itself, from what the commands declare:
- `Command` and `Group` (every command and group of `djrh.cli.app.app`, through `App`) lay out
  their help page and usage line from their parameters (`help_page`, `usage_line`);
- `djrh.cli.main` runs the app with `standalone_mode=False`, and `usage_error` says what a usage
  error means, from its class and attributes (never from click's English message).

This reads attributes of typer's command and parameter classes (`opts`, `metavar`, `is_flag`,
`min`, `type_descriptor`…) and the exception classes of `typer._click`: pyproject.toml bounds typer
to the minor version it was written for, and tests/test_usage.py meets every kind of error.
"""

from __future__ import annotations

import difflib
import shutil
import sys
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from djrh.output import term
from djrh.i18n import t


class ExtraArguments(_click.exceptions.UsageError):
    """Words on the command line that no parameter takes (often a value with a space, unquoted)."""

    def __init__(self, ctx: Any, words: list[str]) -> None:
        super().__init__(" ".join(words), ctx)
        self.words = words


class NoSuchCommand(_click.exceptions.UsageError):
    def __init__(self, ctx: Any, name: str) -> None:
        super().__init__(name, ctx)
        self.name = name


def _show_help(ctx: Any, param: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        sys.stdout.write(ctx.get_help() + "\n")
        ctx.exit()


class _Words:
    """What a djrh command and a djrh group have in common: their help page and usage line."""

    def get_help(self, ctx: Any) -> str:
        return help_page(self, ctx)

    def get_usage(self, ctx: Any) -> str:
        return usage_line(self, ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except _click.exceptions.UsageError as error:
            if error.ctx is None:  # click's parser raises without it: the usage line needs it
                error.ctx = ctx
            raise

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("help.opt.help")
            option.callback = _show_help  # printed as djrh prints, in the output's encoding
        return option


class Command(_Words, TyperCommand):
    # Words no parameter takes are collected here, and reported by `usage_error` with the words
    # themselves (click's own message holds them only inside its English sentence); a command that
    # takes them itself (`djrh fill --FIELD VALUE`) says so in its context_settings.
    allow_extra_args = True

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing and not self.context_settings.get("allow_extra_args"):
            raise ExtraArguments(ctx, rest)
        return rest


class Group(_Words, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None:
            if name.startswith("-"):  # an option of the group itself, misplaced or unknown
                self.parse_args(ctx, args)
            raise NoSuchCommand(ctx, name)
        return name, command, args[1:]


class App(typer.Typer):
    """A typer app whose commands and groups are djrh's (`Command`, `Group`): a command added to it,
    or an app added under it, speaks the output language with no more to do."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=settings.pop("cls", Group), **settings)

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)

    def add_typer(self, typer_instance: Any, *args: Any, cls: Any = None, **kwargs: Any) -> None:
        super().add_typer(typer_instance, *args, cls=cls or Group, **kwargs)


# -- the help page


def help_page(command: Any, ctx: Any) -> str:
    width = _width()
    lines = [usage_line(command, ctx)]
    if command.help:
        lines.append("")
        for paragraph in command.help.split("\n\n"):
            text = " ".join(paragraph.split("\n")) if "\n" not in paragraph.strip() else paragraph
            lines.append(term.hanging("  ", text.strip(), width - 2 if width else None))
            lines.append("")
        lines.pop()
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [(_argument_name(p), _param_help(p, ctx)) for p in params if p.param_type_name == "argument"]
    options = [(_option_names(p), _param_help(p, ctx)) for p in params if p.param_type_name == "option"]
    sections = [("help.section.arguments", arguments), ("help.section.options", options)]
    if isinstance(command, TyperGroup):
        commands = [
            (name, sub.get_short_help_str(limit=200))
            for name in command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        sections.append(("help.section.commands", commands))
    for heading, rows in sections:
        if rows:
            lines += ["", t(heading)]
            lines += _rows(rows, width)
    return "\n".join(lines)


def usage_line(command: Any, ctx: Any) -> str:
    pieces = [ctx.command_path, t("help.usage.options")]
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            pieces.append(_argument_usage(param))
    if isinstance(command, TyperGroup):
        pieces.append(t("help.usage.command"))
    return t("help.usage", usage=" ".join(pieces))


def _width() -> int | None:
    """The terminal's width; None when the help goes to a file or a pipe (one line a row)."""
    if not term.is_terminal(sys.stdout):
        return None
    return max(shutil.get_terminal_size().columns, 40)


def _rows(rows: list[tuple[str, str]], width: int | None) -> list[str]:
    """Two columns, the second aligned; a first column too long for that puts its text below."""
    from rich.cells import cell_len

    first = min(max(cell_len(name) for name, _ in rows), 28) + 2
    lines = []
    for name, text in rows:
        head = "  " + name
        if cell_len(name) > 28 and text:
            lines.append(head)
            lines.append(term.hanging(" " * (first + 2), text, width))
        else:
            lines.append(term.hanging(head + " " * (first + 2 - cell_len(head)), text, width).rstrip())
    return lines


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _argument_usage(param: Any) -> str:
    name = _argument_name(param)
    if name.startswith("["):  # written with its brackets already: "[PATH]..."
        return name
    return name if param.required else f"[{name}]"


def _option_names(param: Any) -> str:
    names = ", ".join(sorted([*param.opts, *param.secondary_opts], key=lambda name: name.startswith("--")))
    if param.is_flag:
        return names
    return f"{names} {_metavar(param)}"


def _metavar(param: Any) -> str:
    """The placeholder of an option's value: the one it declares, else one for its type."""
    if param.metavar:
        return param.metavar
    kind = _value_type(param)
    return t(f"help.metavar.{kind}")


def _value_type(param: Any) -> str:
    """"int", "number", "path" or "text": what an option's value is, from its annotation."""
    import typing
    from pathlib import PurePath

    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", str)
    while typing.get_args(annotation):  # Optional[int], list[Path]
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), str)
    if annotation is int:
        return "int"
    if annotation is float:
        return "number"
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        return "path"
    return "text"


def _param_help(param: Any, ctx: Any) -> str:
    """The help of a parameter, and in brackets its default, its bounds, whether it is required."""
    notes = []
    default = param.default
    shown = getattr(param, "show_default", True)
    is_flag = getattr(param, "is_flag", False)
    if shown and not is_flag and default not in (None, (), [], "") and not callable(default):
        value = ", ".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default)
        notes.append(t("help.note.default", value=value))
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        notes.append(t("help.note.between", low=low, high=high))
    elif low is not None:
        notes.append(t("help.note.at_least", low=low))
    elif high is not None:
        notes.append(t("help.note.at_most", high=high))
    if param.required:
        notes.append(t("help.note.required"))
    text = param.help or ""
    if notes:
        joined = t("help.note.join").join(notes)
        text = f"{text}  [{joined}]" if text else f"[{joined}]"
    return text


# -- usage errors


def usage_error(error: Exception) -> tuple[str, str | None]:
    """(what is wrong, in the user's words; the usage line and where to read more, or None) for
    a usage error typer or click raised, or one of this module's."""
    ctx = getattr(error, "ctx", None)
    hint = None
    if ctx is not None:
        help_names = ctx.help_option_names or ["--help"]
        hint = usage_line(ctx.command, ctx) + "\n" + t("usage.see_help", command=f"{ctx.command_path} {help_names[0]}")
    return _what(error, ctx), hint


def _what(error: Exception, ctx: Any) -> str:
    if isinstance(error, NoSuchCommand):
        names = list(ctx.command.list_commands(ctx))
        close = difflib.get_close_matches(error.name, names, n=1)
        text = t("usage.no_such_command", name=error.name, commands=t("usage.join").join(names))
        return text + (t("usage.did_you_mean", suggestion=close[0]) if close else "")
    if isinstance(error, ExtraArguments):
        return t("usage.extra_arguments", words=" ".join(f"“{word}”" for word in error.words))
    if isinstance(error, _click.exceptions.NoSuchOption):
        return _no_such_option(error.option_name, ctx)
    if isinstance(error, _click.exceptions.BadOptionUsage):
        option = _option_named(ctx, error.option_name)
        if option is not None and option.is_flag:
            return t("usage.flag_value", option=error.option_name)
        metavar = _metavar(option) if option is not None else "…"
        return t("usage.option_needs_value", option=error.option_name, metavar=metavar)
    if isinstance(error, _click.exceptions.MissingParameter):
        param = error.param
        if param is None:
            return t("usage.missing", name="?", help="")
        return t("usage.missing", name=_param_name(param), help=param.help or "")
    if isinstance(error, _click.exceptions.BadParameter):
        return _bad_value(error)
    if ctx is not None and isinstance(ctx.command, TyperGroup):  # "Missing command."
        return t("usage.missing_command", command=ctx.command_path)
    return t("usage.other", detail=str(getattr(error, "message", error)))


def _no_such_option(name: str, ctx: Any) -> str:
    command = ctx.command if ctx is not None else None
    known = [opt for p in (command.get_params(ctx) if command is not None else []) for opt in (*p.opts, *p.secondary_opts)
             if p.param_type_name == "option"]
    close = difflib.get_close_matches(name, [k for k in known if k.startswith("--")] or known, n=1, cutoff=0.6)
    text = t("usage.no_such_option", option=name, command=ctx.command_path if ctx is not None else "djrh")
    if close:
        return text + t("usage.did_you_mean", suggestion=close[0])
    elsewhere = _commands_with_option(ctx, name)
    if elsewhere:
        return text + t("usage.option_elsewhere", option=name, commands=t("usage.join").join(elsewhere))
    return text


def _commands_with_option(ctx: Any, name: str) -> list[str]:
    """The other commands of the app that have the option `name` (`--pdf` belongs to render)."""
    if ctx is None:
        return []
    root = ctx.find_root()
    group = root.command
    if not isinstance(group, TyperGroup):
        return []
    found = []
    for command_name in group.list_commands(root):
        command = group.get_command(root, command_name)
        if command is None or command is ctx.command:
            continue
        if any(name in (*p.opts, *p.secondary_opts) for p in command.params if p.param_type_name == "option"):
            found.append(f"{root.command_path} {command_name}")
    return found


def _param_name(param: Any) -> str:
    """An argument's name, or an option's longest name (`--jobs` of `-j, --jobs`)."""
    if param.param_type_name == "argument":
        return _argument_name(param)
    return max(param.opts, key=len)


def _option_named(ctx: Any, name: str) -> Any:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if param.param_type_name == "option" and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _bad_value(error: Any) -> str:
    param = error.param
    name = _param_name(param) if param is not None else "?"
    cause = error.__cause__
    problems = cause.errors() if hasattr(cause, "errors") else []
    if problems:
        problem = problems[0]
        value, ctx = problem.get("input", ""), problem.get("ctx") or {}
        kind = problem.get("type", "")
        if kind in ("greater_than_equal", "greater_than"):
            return t("usage.too_small", option=name, value=value, limit=ctx.get("ge", ctx.get("gt")))
        if kind in ("less_than_equal", "less_than"):
            return t("usage.too_large", option=name, value=value, limit=ctx.get("le", ctx.get("lt")))
        expected = _value_type(param) if param is not None else "text"
        return t("usage.bad_value", option=name, value=value, expected=t(f"usage.expected.{expected}"))
    return t("usage.bad_value_detail", option=name, detail=str(error.message))


# The answers a yes/no question takes, in either language (typer.confirm knows only y/n and says
# "Error: invalid input" in English to anything else).
_YES = ("y", "yes", "是", "是的", "好", "对", "要")
_NO = ("n", "no", "否", "不", "不是", "不要")


def confirm(question: str, default: bool) -> bool:
    """Ask a yes/no question at the terminal; Enter gives `default`."""
    prompt = f"{question}{t('usage.yes_no_default_yes' if default else 'usage.yes_no_default_no')}"
    while True:
        try:
            answer = input(prompt).strip().lower()
        except (EOFError, KeyboardInterrupt):
            sys.stdout.write("\n")
            raise typer.Abort() from None
        if not answer:
            return default
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        sys.stdout.write(t("usage.yes_no_again") + "\n")


def print_usage_error(error: Exception) -> None:
    from rich.markup import escape

    what, hint = usage_error(error)
    out = term.console(err=True)
    out.print(f"[bold red]{escape(t('out.error_prefix'))}[/]{t('punct.colon')}{escape(what)}")
    if hint:
        out.print(escape(hint), style="dim")

