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


def main(argv: list[str] | None = None) -> None:
    from djrh.i18n import get_lang, set_lang, t

    argv = sys.argv[1:] if argv is None else argv
    # djrh uses no pydantic plugins; looking for them scans every installed package (20 ms).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    set_lang(_language_from_argv(argv) or os.environ.get("DJRH_LANG"))
    for stream in (sys.stdout, sys.stderr):
        # A path given in a non-UTF-8 terminal, or a console whose code page lacks a character:
        # printed with an escape, never a UnicodeEncodeError.
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        from djrh.cli.app import app

        app(args=argv, prog_name="djrh")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print(t("out.interrupted"), file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `djrh check | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as error:  # a defect in djrh: say so plainly, never a traceback
        if os.environ.get("DJRH_DEBUG"):
            raise
        message = t("out.internal_error", lang=get_lang(), error=f"{type(error).__name__}: {error}")
        print(message, file=sys.stderr)
        sys.exit(2)
