"""The first dashboard of `djrh serve`, stored: when nothing changed since the page was last made,
`djrh serve` answers its first dashboard from the stored page while the tree loads behind it.

Reading the tree from the cache, checking it and making this year's report take about a second on
12,000 records; a page made from the same files on the same day by the same djrh is the same page.
So the dashboard a server made from the tree as it read it at start is kept, as bytes, under a key
of everything it depends on — built as the stored result of `djrh check` is (cli/stored.py):

- every entry of the tree, folders and evidence included, with its name, type, size, times, inode
  and device (tree/stamps.py): an edited, added, removed or renamed record, a changed djrh.yaml
  or a missing evidence file is a different key;
- the as-of date (today, or --as-of / djrh.yaml's as_of), the page's language, whether a password
  is asked, --commit, whether PDFs can be made, the environment;
- djrh itself: its files, its version, the Python running it (stored.fingerprint).

The stamps are taken before the tree is read, so a file changed while it loads gives the next start
another key, never this page; and a page is stored only when every stamp is older than two seconds
(stamps.RACY_NS) and the tree did not change between the start and the page. The session's CSRF
token is the one part of the page that differs between requests: the page is made with a random
placeholder, which each answer replaces with the session's token.

The page is kept in the tree's cache folder (tree/cachedir.py: the user's own private folder, never
the tree) as `page-<key>`, read like the stored result (no link followed, a regular file,
size-capped, its key and checksum compared) — bytes of HTML, nothing that runs. A damaged, foreign
or missing page is no page: the server reads the tree first and makes the dashboard as always.
Only the first dashboard of the current year, before the tree has loaded, comes from here; every
other page, and every dashboard after the load, is made from the tree in memory.
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import date

from djrh.cli import stored
from djrh.tree import cachedir, stamps

MAGIC = b"djrh-page 1\n"
PLACEHOLDER_SIZE = 32  # hex digits of the CSRF placeholder
KEEP = 4  # pages kept per tree (one per language, date, option set); each is a few MB
FRESH_SECONDS = 0.5  # as serve/home.py: the tree is walked again before a page older than this


class FirstPage:
    """The stored first dashboard of one start: its key, and the page when one matches."""

    def __init__(self, root, material: tuple) -> None:
        self.root = os.path.realpath(root)
        self.material = material
        self.started = time.time_ns()
        self.key, self.storable = self._key()
        self.checked = time.monotonic()  # when the tree's stamps were last compared
        self.page: bytes | None = None  # the stored page, its CSRF placeholder not yet replaced
        self.placeholder = b""
        self.records = 0
        self.today: date | None = None  # today's date in the key
        self.as_of: date | None = None  # the date the page is as of, once djrh.yaml is read
        self.found = False  # a stored page matched at start
        self.version: int | None = None  # the tree's version (serve/state.py) once read at start
        self.stored = False  # a page was stored by this start
        self.placeholder_made = secrets.token_hex(PLACEHOLDER_SIZE // 2)  # for the page this start makes

    @classmethod
    def open(cls, root, lang: str, given_as_of: date | None, today: date, login: bool, commit: bool,
             office: bool) -> FirstPage | None:
        """The first page of a start with these options: its key computed, its stored page read.
        The date the page is as of is --as-of (`given_as_of`), else djrh.yaml's as_of (its stamp is
        in the key), else `today`: the key holds the first and the last."""
        try:
            environment = sorted((k, v) for k, v in os.environ.items() if k not in stored.SHELL_ONLY)
            dates = (given_as_of and given_as_of.isoformat(), today.isoformat())
            first = cls(root, (MAGIC, stored.fingerprint(), lang, dates, login, commit, office, environment))
            first.today = today
            first._read()
            first.found = first.page is not None
            return first
        except Exception:  # whatever goes wrong here, the tree is read as always
            return None

    def _key(self) -> tuple[bytes, bool]:
        walk = stamps.walk(self.root)
        return stored.key_of((*self.material, self.root), walk), walk.newest < self.started - stamps.RACY_NS

    @property
    def path(self) -> str | None:
        folder = cachedir.folder(self.root)
        return None if folder is None else os.path.join(folder, f"page-{self.key.hex()[:32]}")

    def _read(self) -> None:
        payload = stored.read_framed(self.path, MAGIC, self.key)
        if payload is None or len(payload) < 8 + PLACEHOLDER_SIZE:
            return
        placeholder = payload[8 : 8 + PLACEHOLDER_SIZE]
        if not all(c in b"0123456789abcdef" for c in placeholder):
            return
        self.records = int.from_bytes(payload[:8], "big")
        self.placeholder = placeholder
        self.page = payload[8 + PLACEHOLDER_SIZE :]

    # -- answering

    def answer(self, csrf: str) -> bytes | None:
        """The stored page with this session's token, if the tree is still as it was; else None
        (and the page is forgotten: the dashboard is made from the tree)."""
        if self.page is None:
            return None
        if time.monotonic() - self.checked >= FRESH_SECONDS:
            key, _ = self._key()
            self.checked = time.monotonic()
            if key != self.key:
                self.page = None
                return None
        page = self.page
        return None if page is None else page.replace(self.placeholder, csrf.encode("ascii"))

    # -- storing

    def wanted(self) -> bool:
        """Whether the dashboard about to be made should be kept: none matched at start, none kept
        yet, and the stamps can be trusted."""
        return self.storable and not self.found and not self.stored and self.version is not None

    def store(self, page: str, records: int) -> None:
        """Keep the page this start made from the tree as read at start (its CSRF token the
        placeholder)."""
        if not self.wanted():
            return
        self.stored = True
        payload = records.to_bytes(8, "big") + self.placeholder_made.encode("ascii") + page.encode("utf-8")
        stored.write_framed(self.path, MAGIC, self.key, payload, "page-", KEEP)

