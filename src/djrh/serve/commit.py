"""`djrh serve --commit`: each save is one git commit — the audit trail the 组织部 wants, without
git commands. Only the files the save wrote are committed (others' work in progress stays as it
is), the author is whoever git is configured for, and the message says in Chinese which record
and which fields changed."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from djrh.i18n import Msg, msg

_lock = threading.Lock()  # one commit at a time: git's index has one lock


class CommitError(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


def _git(root: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def check_repository(root: Path) -> None:
    """At start: the tree is inside a git work tree, and git knows who commits (user.name and
    user.email). CommitError says what to do otherwise."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except (OSError, subprocess.SubprocessError):
        raise CommitError(msg("serve.commit.no_git")) from None
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise CommitError(msg("serve.commit.not_a_repository", root=str(root)))
    for key in ("user.name", "user.email"):
        if not _git(root, "config", key).stdout.strip():
            raise CommitError(msg("serve.commit.no_identity", key=key))


def commit(root: Path, paths: list[str], message: str) -> str:
    """Commit exactly `paths` (relative to the root) with `message`; the new commit's short id."""
    with _lock:
        added = _git(root, "add", "--", *paths)
        if added.returncode != 0:
            raise CommitError(msg("serve.commit.failed", detail=_said(added)))
        done = _git(root, "commit", "--quiet", "--no-verify", "-m", message, "--", *paths)
        if done.returncode != 0:
            raise CommitError(msg("serve.commit.failed", detail=_said(done)))
        head = _git(root, "rev-parse", "--short", "HEAD")
        return head.stdout.decode().strip()


def _said(process: subprocess.CompletedProcess) -> str:
    lines = (process.stderr or process.stdout).decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit {process.returncode}"
