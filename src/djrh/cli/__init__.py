"""The `djrh` command. `main` picks the language first (so that `--help` is in it), then runs the
typer app of `djrh.cli.app`. No input makes it print a Python traceback."""

from __future__ import annotations

import os
import sys


def _language_from_argv(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _closed_pipe() -> None:
    """The reader of the output went away (`djrh check | head`): the output was not all delivered,
    an I/O problem that stopped the run (exit 2, SPEC), never taken for "errors found" (1)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    plan = None
    if argv is None and "check" in sys.argv:  # the same check as before, nothing changed: its stored output
        from djrh.cli import stored

        plan = stored.plan(sys.argv[1:])
        if plan is not None:
            try:
                code = plan.replay()
            except BrokenPipeError:
                _closed_pipe()
            if code is not None:
                sys.exit(code)
    from djrh.i18n import LANGS, get_lang, normalize_lang, set_lang, t

    argv = sys.argv[1:] if argv is None else argv
    from djrh.cli import plain  # check, serve, render and report run without typer when plain

    quick = plain.command_of(argv)
    # djrh uses no pydantic plugins; looking for them scans every installed package (20 ms).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A console whose code page lacks a character (✓ in GBK, any Chinese in cp1252), or a path
    # given in a non-UTF-8 terminal: written as a look-alike or an escape, never a UnicodeEncodeError.
    from djrh.output.term import cannot_show_chinese, setup_streams

    setup_streams()
    given = _language_from_argv(argv)
    source = "--lang" if given is not None else "DJRH_LANG"
    wanted = given if given is not None else os.environ.get("DJRH_LANG")
    set_lang(wanted)
    if wanted and normalize_lang(wanted) not in LANGS:
        print(t("usage.bad_lang", option=source, value=wanted), file=sys.stderr)
        sys.exit(2)
    if cannot_show_chinese(sys.stdout) and get_lang() == "zh":
        print(t("out.encoding_lacks_chinese", encoding=sys.stdout.encoding), file=sys.stderr)
    if plan is not None:
        stored.ACTIVE = plan
        plan.record()
    try:
        if quick is not None:
            code = None
            try:
                code = plain.run(*quick)
            finally:
                if plan is not None:  # stored only when the check ran to its end (exit 0 or 1)
                    plan.finish(code)
            sys.exit(code)
        import typer
        from typer import _click

        from djrh.cli.app import app
        from djrh.cli.usage import print_usage_error

        code = None
        try:
            try:
                code = app(args=argv, prog_name="djrh", standalone_mode=False)
            finally:
                if plan is not None:  # stored only when the check ran to its end (exit 0 or 1)
                    plan.finish(code)
        except _click.exceptions.NoArgsIsHelpError as error:  # `djrh` alone: the help page
            print(error.ctx.get_help(), file=sys.stderr)
            code = 2
        except _click.exceptions.UsageError as error:
            print_usage_error(error)
            code = 2
        except typer.Abort:  # Ctrl-D or Ctrl-C at a prompt
            print(t("out.interrupted"), file=sys.stderr)
            code = 130
        sys.exit(code if isinstance(code, int) else 0)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print(t("out.interrupted"), file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `djrh check | head`
        _closed_pipe()
    except Exception as error:  # a defect in djrh: say so plainly, never a traceback
        if os.environ.get("DJRH_DEBUG"):
            raise
        message = t("out.internal_error", lang=get_lang(), error=f"{type(error).__name__}: {error}")
        print(message, file=sys.stderr)
        sys.exit(2)
