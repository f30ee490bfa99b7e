"""The first dashboard of `djrh serve` from the stored page (serve/firstpage.py): the same page the
tree gives, shown only while nothing it depends on changed, and never from a page that is damaged,
foreign or not where djrh keeps its own."""

from __future__ import annotations

import os
import re
import shutil
import time
import zlib
from datetime import date
from pathlib import Path

import pytest

from conftest import DEMO
from djrh.serve.firstpage import MAGIC
from djrh.tree.cachedir import folder
from serve_helpers import Client, Server, wait_until

DAY = "themedays/2026/logistics-2026-10.yaml"
MARKER = "本页来自保存的首页"  # put into a stored page by the tests: seen only when the stored page is shown


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    time.sleep(2.1)  # a page is stored only for files whose times are two seconds old (stamps.RACY_NS)
    return root


def pages(root: Path) -> list[Path]:
    cache = folder(root)
    return sorted(Path(cache).glob("page-*")) if cache and os.path.isdir(cache) else []


def without_token(html: str) -> str:
    """The page without its session's CSRF token (the one part that differs between sessions)."""
    return re.sub(r'name="_csrf" value="[0-9a-f]+"', 'name="_csrf" value=""', html)


def first_dashboard(root: Path, *args: str) -> tuple[str, str]:
    """Start a server, take its first dashboard, then (once the tree is read) the dashboard made from
    the tree in memory; both without their tokens."""
    with Server(root, *args) as server:
        client = Client(server)
        first = client.get("/")
        assert first.status == 200
        client.get("/record/logistics-2026-10")  # waits for the tree to be read
        again = client.get("/")
    return without_token(first.text), without_token(again.text)


def store_a_page(root: Path) -> Path:
    """A first start: the dashboard made from the tree, then stored."""
    first, _ = first_dashboard(root)
    assert wait_until(lambda: pages(root)), "no page stored"
    (page,) = pages(root)
    return page


def rewrite(page: Path, change) -> None:
    """Change the stored page's HTML and give it a valid checksum: a page as djrh itself would have
    stored it (the user's own cache folder is trusted as the cache of records is)."""
    raw = page.read_bytes()
    head = len(MAGIC) + 32
    payload = raw[head + 4 :]
    payload = payload[:40] + change(payload[40:].decode("utf-8")).encode("utf-8")
    page.write_bytes(raw[:head] + zlib.crc32(payload).to_bytes(4, "big") + payload)


def with_marker(html: str) -> str:
    return html.replace("</h1>", f"</h1><p>{MARKER}</p>", 1)


def test_the_stored_first_page_is_the_page_the_tree_gives(tree):
    made, _ = first_dashboard(tree)  # no page stored yet: made from the tree, then stored
    assert wait_until(lambda: pages(tree)), "no page stored"
    stored, from_tree = first_dashboard(tree)  # the first page from the stored one, the next from the tree
    assert stored == made == from_tree
    assert "中共江南健康职业技术学院委员会2026年度" in stored and 'class="heatmap"' in stored
    # the page stored holds a placeholder, never a session's token
    assert not re.search(rb'name="_csrf" value="[0-9a-f]{64}"', pages(tree)[0].read_bytes())


def test_the_stored_page_is_shown_only_first_and_only_while_nothing_changed(tree):
    page = store_a_page(tree)
    rewrite(page, with_marker)
    first, again = first_dashboard(tree)
    assert MARKER in first  # the stored page it is
    assert MARKER not in again  # once the tree is read, every page is made from it

    # a record edited on disk: a finding at its line, and no stored page
    path = tree / DAY
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-10-27", "date: 2026-10-32"), encoding="utf-8")
    first, _ = first_dashboard(tree)
    assert MARKER not in first and "logistics-2026-10.yaml:3" in first
    # removed again, and djrh.yaml changed: the page made from the tree as it is now
    path.unlink()
    config = tree / "djrh.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("中共江南健康职业技术学院委员会", "中共江南健康学院委员会"), encoding="utf-8")
    first, _ = first_dashboard(tree)
    assert MARKER not in first and "logistics-2026-10.yaml" not in first and "中共江南健康学院委员会2026年度" in first


@pytest.mark.parametrize("change", ["added", "touched", "as-of", "english"])
def test_any_change_makes_the_stored_page_unused(tree, change):
    page = store_a_page(tree)
    rewrite(page, with_marker)
    args: tuple[str, ...] = ()
    if change == "added":
        (tree / "evidence" / "note.txt").write_text("佐证", encoding="utf-8")
    elif change == "touched":
        os.utime(tree / DAY)
    elif change == "as-of":
        args = ("--as-of", "2026-11-01")
    else:
        args = ("--lang", "en")
    first, _ = first_dashboard(tree, *args)
    assert MARKER not in first
    if change == "as-of":
        assert "2026-11-01" in first
    if change == "english":
        assert "Dashboard" in first


def test_a_change_made_after_the_start_is_seen_by_the_first_page(tree):
    page = store_a_page(tree)
    rewrite(page, with_marker)
    with Server(tree) as server:
        config = tree / "djrh.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("中共江南健康职业技术学院委员会", "中共江南健康学院委员会"), encoding="utf-8")
        time.sleep(0.6)  # the stamps are compared again after half a second, as the tree is walked before a dashboard
        first = Client(server).get("/")
    assert MARKER not in first.text and "中共江南健康学院委员会2026年度" in first.text


def test_a_damaged_linked_or_exposed_page_is_never_shown(tree):
    page = store_a_page(tree)
    rewrite(page, with_marker)
    good = page.read_bytes()

    page.write_bytes(good.replace(MARKER.encode("utf-8"), "本页来自篡改的首页".encode("utf-8")))  # checksum no longer matches
    first, _ = first_dashboard(tree)
    assert MARKER not in first and "篡改" not in first and "中共江南健康职业技术学院委员会2026年度" in first

    elsewhere = tree.parent / "planted"
    elsewhere.write_bytes(good)
    page.unlink()
    page.symlink_to(elsewhere)  # a link where the page was: not followed
    first, _ = first_dashboard(tree)
    assert MARKER not in first

    page.unlink()
    page.write_bytes(good)
    cache = Path(folder(tree))
    cache.chmod(0o777)  # a cache folder others may write into is not used at all
    try:
        first, _ = first_dashboard(tree)
    finally:
        cache.chmod(0o700)
    assert MARKER not in first

    planted = tree / ".djrh-cache"  # a page committed to the tree is not where djrh keeps its own
    planted.mkdir()
    shutil.copy(page, planted / page.name)
    first, _ = first_dashboard(tree)
    assert MARKER not in first


def test_a_page_stored_is_answered_with_the_sessions_token_until_the_tree_changes(tree):
    """The library's side: a page stored under the tree's key is found by the next start with the
    same options, answered with the session's token in place of its placeholder, and no longer once
    the tree changed (its stamps are taken again after half a second, as serve/home.py walks the
    tree before a dashboard)."""
    from djrh.serve.firstpage import FirstPage

    options = (tree, "zh", None, date(2026, 12, 2), False, False, False)
    first = FirstPage.open(*options)
    assert first is not None and first.page is None and first.storable
    first.version = 1  # the tree as read at start
    first.store(f'<h1>{MARKER}</h1><input name="_csrf" value="{first.placeholder_made}">', 823)
    assert FirstPage.open(tree, "en", *options[2:]).page is None  # another language: another key
    again = FirstPage.open(*options)
    assert again is not None and again.page is not None and again.records == 823
    page = again.answer("ab" * 32).decode("utf-8")
    assert MARKER in page and f'value="{"ab" * 32}"' in page and first.placeholder_made not in page
    (tree / DAY).unlink()
    time.sleep(0.6)
    assert again.answer("ab" * 32) is None and again.page is None
    assert FirstPage.open(*options).page is None
