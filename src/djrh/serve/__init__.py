"""`djrh serve`: the records tree as a local web page a secretary can use.

The records stay plain files in git; the page is a better way to read and write them, made of the
same parts as the commands: the dashboard is `djrh report`'s, a save is `djrh fill`'s, a new record
`djrh new`'s, an upload `djrh attach`'s, a download `djrh render`'s or `djrh report`'s.

    state.py     the tree in memory, kept in step with the files; a saved record re-checked fast
    firstpage.py the first dashboard as a start made it, stored: shown while the tree loads when
                 nothing changed since
    security.py  who may come in (127.0.0.1; a password or token elsewhere), CSRF, Host, limits
    app.py       the routes and what the pages share
    home.py      the dashboard and a branch's year
    records.py   a record's page, its save, its evidence; new records
    forms.py     a record's form from its kind, and what a posted form changes
    downloads.py forms, the 工作记录本, the report, the tree's files
    commit.py    --commit: a git commit per save
    templates/   the pages (Jinja, everything escaped); static/ their style sheet and small script
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
import time
from datetime import date
from pathlib import Path

from djrh.i18n import t

LOAD_AFTER = 1.0  # seconds after the stored first page's address at most before the tree is read


class ServeError(Exception):
    def __init__(self, message) -> None:
        super().__init__(message.key)
        self.message = message


def bind(host: str, port: int, tries: int) -> socket.socket:
    """A listening socket on `host`, on `port` or (when it is taken and `tries` > 1) the next free one."""
    from djrh.i18n import msg

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last = None
    for number in range(port, port + max(tries, 1)):
        sock = socket.socket(family, socket.SOCK_STREAM)
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, number))
        except OSError as error:
            sock.close()
            last = error
            if error.errno == errno.EADDRINUSE:
                continue
            raise ServeError(msg("serve.cannot_listen", host=host, port=number, detail=error.strerror or str(error))) from None
        sock.listen(128)
        return sock
    raise ServeError(msg("serve.port_taken", port=port, detail=getattr(last, "strerror", "") or str(last)))


def shown_host(host: str) -> str:
    """The address to print: this machine's address on the network for 0.0.0.0."""
    if host in ("0.0.0.0", "::", ""):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("192.0.2.1", 9))  # no packet is sent: it only picks the outgoing address
                return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def run(
    root: Path, read_config, given_as_of: date | None, host: str, port: int, port_given: bool, secret: str | None,
    token: bool, commit: bool, lang: str, open_browser: bool, say,
) -> None:
    """Read the tree, listen, and serve until stopped (Ctrl+C). `say` prints a line for the user.

    When the dashboard of this tree as it is now was stored by an earlier start (firstpage.py), the
    address is printed at once and the tree is read behind the first page; otherwise the tree is read
    and checked first, as the first page needs it. `read_config()` gives djrh.yaml and the fixed
    as-of date (--as-of, given_as_of, or djrh.yaml's), or None for each day's own."""
    from djrh.paper.pdf import find_office
    from djrh.serve.app import Serve, create_app
    from djrh.serve.firstpage import FirstPage
    from djrh.serve.security import Guard

    say(t("serve.reading", lang=lang, root=str(root)))
    guard = Guard(host, secret)
    office = find_office() is not None
    # Keyed on the --as-of given and today: with djrh.yaml's stamp (its as_of) they make the date.
    first = FirstPage.open(root, lang, given_as_of, date.today(), guard.login_required, commit, office)
    serve = Serve(None, guard, lang, commit=commit, office=office, first=first)

    def read_tree():
        from djrh.report.stats import compute
        from djrh.serve.state import TreeState

        state = TreeState(root, None, None)  # its stamp of djrh.yaml taken before djrh.yaml is read
        state.config, state.fixed_as_of = read_config()
        state.load()
        if first is not None:
            first.as_of = state.fixed_as_of or first.today
            if state.as_of == first.as_of:
                first.version = state.version  # the tree as read at start: its dashboard may be kept
        # the first page needs the check and this year's report
        result = state.result()
        year = state.as_of.year
        if year >= state._tree_since(state.key()):
            state.memo(f"report-{year}", lambda: compute(result, state.config, year))
        state.last_walk = time.monotonic()  # read just now: the first page need not walk the tree again
        return state

    stored_page = first is not None and first.page is not None
    if stored_page:
        records = first.records
    else:
        serve.load(read_tree)
        if serve.load_error is not None:
            raise serve.load_error
        records = len(serve.state.entries)
    sock = bind(host, port, 1 if port_given else 20)
    bound_port = sock.getsockname()[1]
    app = create_app(serve)
    import uvicorn  # before the tree is read behind the page: the page's server is not kept waiting

    address = f"http://{shown_host(host)}:{bound_port}/"
    shown = f"{address}?token={secret}" if token and secret else address
    say(t("serve.ready", lang=lang, url=shown, records=records))
    print(shown, flush=True)
    if commit:
        say(t("serve.commit_on", lang=lang))
    stop = threading.Event()

    def behind():
        if stored_page:
            serve.wanted.wait(LOAD_AFTER)
            serve.load(read_tree)
        if serve.state is None:
            return
        from djrh.serve.state import poll

        threading.Thread(target=poll, args=(serve.state, stop), daemon=True, name="djrh-poll").start()
        from djrh.serve.records import warm_up

        warming = threading.Timer(0 if stored_page else 1.5, warm_up, args=(serve,))  # after the first page
        warming.daemon = True
        warming.start()

    threading.Thread(target=behind, daemon=True, name="djrh-load").start()
    if open_browser:
        import webbrowser

        threading.Timer(0.3, webbrowser.open, args=(shown,)).start()
    # A defect in a page is said in one line on the console and in the page (home.server_error); its
    # traceback only with DJRH_DEBUG, as for every command.
    debug = bool(os.environ.get("DJRH_DEBUG"))
    server = uvicorn.Server(uvicorn.Config(  # no websockets: the pages do not use them (nor import their library)
        app, log_level="info" if debug else "critical", access_log=debug, lifespan="off", server_header=False, ws="none",
    ))
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        sock.close()
    say(t("serve.stopped", lang=lang))
