"""`djrh serve`: the run itself, on djrh.cli.common alone (no typer), as djrh.cli.check is for
`djrh check`: djrh.cli.main calls it directly for a plain command line (djrh.cli.plain), the typer
command (djrh.cli.app) with the options it parsed. djrh.serve is imported only when it runs, so that
the other commands start as fast as before."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from djrh.cli.common import as_of_date, fail, open_config, open_root, parse_date, say
from djrh.i18n import get_lang, msg, t

DEFAULT_PORT = 8000


def run(
    port: int | None = None, host: str = "127.0.0.1", password: str | None = None, commit: bool = False,
    no_browser: bool = False, as_of: str | None = None, root: str | Path | None = None,
) -> int:
    """Serve the tree until stopped; the exit code (0). A usage problem, a port that cannot be had
    or a tree that cannot be read ends the run with 2 (common.fail)."""
    given_as_of = parse_date(as_of, "--as-of")
    if port is not None and not 0 <= port <= 65535:
        fail(msg("serve.bad_port", port=port))
    tree_root = open_root(Path(root) if root is not None else None)

    def read_config():
        """djrh.yaml, and the date the page is as of when it is fixed (--as-of, djrh.yaml's as_of):
        read before the server listens, or behind the stored first page (serve/firstpage.py)."""
        config = open_config(tree_root)
        return config, (as_of_date(as_of, config)[0] if (as_of or config.as_of) else None)

    from djrh.serve import ServeError, run as serve
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
        serve(
            tree_root, read_config, given_as_of, host, DEFAULT_PORT if port is None else port, port is not None, secret, token, commit,
            lang, open_browser=not no_browser and sys.stdout.isatty(), say=say,
        )
    except ServeError as error:
        fail(error.message)
    except KeyboardInterrupt:
        say(t("serve.stopped"))
    return 0
