"""Shared test helpers: build a small records tree, run djrh through its real entry point."""

from __future__ import annotations

import io
import json
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from djrh.cli import main

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "records"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return json.loads(self.out)

    def findings(self) -> list[tuple]:
        """(code, path, line, column, record) of every finding of a JSON run."""
        return [(f["code"], f["path"], f["line"], f["column"], f["record"]) for f in self.json["findings"]]


def run_djrh(*args: str, cwd: Path | None = None, stdin: str = "") -> Run:
    """Run `djrh ARGS` in this process, as the console script does; never raises."""
    import os

    out, err = io.StringIO(), io.StringIO()
    old_cwd = os.getcwd()
    old_stdin = sys.stdin
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = io.StringIO(stdin)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    finally:
        os.chdir(old_cwd)
        sys.stdin = old_stdin
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The tests keep djrh's cache in a folder of their own, never in the user's cache folder."""
    import os

    folder = tmp_path_factory.mktemp("djrh-cache")
    old = os.environ.get("DJRH_CACHE_DIR")
    os.environ["DJRH_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("DJRH_CACHE_DIR", None)
    else:
        os.environ["DJRH_CACHE_DIR"] = old


def run_djrh_process(*args: str, timeout: float = 120, env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run `python -m djrh ARGS` as a separate process: for what could hang (a pipe, a device) or
    must be seen from outside (environment variables, concurrent runs)."""
    import os
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "djrh", *args], capture_output=True, timeout=timeout, cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return Run(done.returncode, out, err)


BRANCH = """\
kind: branch
name: 护理学院教工第一党支部
parent: nursing-gb
category: faculty
members: {formal: 20, probationary: 2}
committee:
  - {name: 王丽, role: secretary}
  - {name: 李强, role: organization}
  - {name: 陈静, role: publicity}
elected_on: 2025-06-12
"""

GENERAL_BRANCH = """\
kind: general_branch
name: 护理学院党总支
"""

THEMEDAY = """\
kind: themeday
branch: nursing-1
date: 2026-03-18
time: 14:30-17:00
place: 护理学院308会议室
theme: 推进护理技能大赛备赛
integration: true
entry_point: education
education_path: practice
business_work: 急救模块失分较多，需要集体研究训练方案。
"""


def write_tree(root: Path, files: dict[str, str | bytes], config: str = "institution: 测试学院委员会\n") -> Path:
    """A records tree at `root` with `djrh.yaml` and the given files (path -> text or bytes)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "djrh.yaml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


@pytest.fixture
def base_files() -> dict[str, str]:
    """A tiny valid tree: a general branch, a branch, a theme day."""
    return {
        "org/nursing-gb.yaml": GENERAL_BRANCH,
        "org/nursing-1.yaml": BRANCH,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY,
    }


SCHEMA_LEVEL = "SYN,SCH,ID,REF"


def check_json(root: Path, *extra: str, select: str = SCHEMA_LEVEL) -> Run:
    """`djrh check --format json` as of 2026-11-22; by default only the schema-level codes, so that
    the policy rules (tested in tests/rules/) do not fire on these small trees."""
    selection = ("--select", select) if select else ()
    return run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22", *selection, *extra)


def tree_trace_hash(root: Path) -> str:
    """The hash a report's trace line gives a whole tree, computed here from the files: each record
    file's git blob id (as `git hash-object` gives it), cut to 12 digits, sorted, hashed together."""
    import hashlib

    from djrh.check.run import record_paths

    blobs = []
    for rel in record_paths(root)[0]:
        raw = (root / rel).read_bytes()
        blobs.append(hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()[:12])
    return hashlib.sha1("\n".join(sorted(blobs)).encode()).hexdigest()[:12]
