"""`djrh serve`: the records tree as a local web page (djrh.serve, imported only when it runs, so
that the other commands start as fast as before)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from djrh.cli.app import LangOpt, RootOpt, app
from djrh.cli.common import as_of_date, fail, open_config, open_root, parse_date, say
from djrh.i18n import get_lang, msg, t

DEFAULT_PORT = 8000


@app.command("serve", help=t("help.serve"), short_help=t("help.short.serve"))
def serve_command(
    port: Annotated[Optional[int], typer.Option("--port", "-p", help=t("help.opt.port"), metavar="N", show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help=t("help.opt.host"), metavar="ADDRESS")] = "127.0.0.1",
    password: Annotated[Optional[str], typer.Option("--password", help=t("help.opt.password"), metavar="PASSWORD", show_default=False)] = None,
    commit: Annotated[bool, typer.Option("--commit", help=t("help.opt.commit"))] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help=t("help.opt.no_browser"))] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=t("help.opt.serve_as_of"), metavar="YYYY-MM-DD")] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    given_as_of = parse_date(as_of, "--as-of")
    if port is not None and not 0 <= port <= 65535:
        fail(msg("serve.bad_port", port=port))
    tree_root = open_root(root)

    def read_config():
        """djrh.yaml, and the date the page is as of when it is fixed (--as-of, djrh.yaml's as_of):
        read before the server listens, or behind the stored first page (serve/firstpage.py)."""
        config = open_config(tree_root)
        return config, (as_of_date(as_of, config)[0] if (as_of or config.as_of) else None)

    from djrh.serve import ServeError, run
    from djrh.serve.security import is_loopback

    secret = password or os.environ.get("DJRH_SERVE_PASSWORD") or None
    token = False
    if secret is None and not is_loopback(host):  # colleagues on the network: never without a key
        import secrets

        secret, token = secrets.token_urlsafe(18), True
    if commit:
        from djrh.serve.commit import CommitError, check_repository

        try:
            check_repository(tree_root)
        except CommitError as error:
            fail(error.message)
    lang = get_lang()
    try:
        run(
            tree_root, read_config, given_as_of, host, DEFAULT_PORT if port is None else port, port is not None, secret, token, commit,
            lang, open_browser=not no_browser and sys.stdout.isatty(), say=say,
        )
    except ServeError as error:
        fail(error.message)
    except KeyboardInterrupt:
        say(t("serve.stopped"))
