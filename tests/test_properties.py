"""Property-based tests (hypothesis): the loader never raises, `djrh new` round-trips, and adding an
unrelated clean record never removes another record's finding.

Example counts are set per test below (loader: 1,500 byte strings and 1,000 YAML-like texts; round
trip: 300 records per kind; rules: 25 trees; hostile files: 12 mixes of the 17 kinds) — enough to
matter, within a minute of CI.
"""

from __future__ import annotations

import unicodedata

import os
import shutil
import string
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DEMO, run_djrh
from djrh.read.load import read_text
from djrh.kinds import KINDS, MODELS
from djrh.records import Record
from djrh.edit.scaffold import record_text
from djrh.check.validate import validate
from djrh.visible import UNPRINTABLE

# ---- the loader: any bytes give findings or a record, never an exception

YAMLISH = st.text(
    alphabet=st.sampled_from(list(string.printable) + list("：，　中文党支部\u200b\ufeff\x00\x07&*!|>-[]{}#'\"\t\r")),
    max_size=400,
)


def load_anything(raw: bytes, suffix: str) -> None:
    record = Record(id="x", path=f"org/x{suffix}")
    record, findings = read_text(record, raw)
    if not any(f.code == "SYN001" for f in findings):
        findings += validate(record)
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.text("zh") and finding.text("en")


@settings(max_examples=1500, deadline=None)
@given(raw=st.binary(max_size=600), suffix=st.sampled_from([".yaml", ".md"]))
def test_loader_never_raises_on_bytes(raw, suffix):
    load_anything(raw, suffix)


@settings(max_examples=1000, deadline=None)
@given(text=YAMLISH, prefix=st.sampled_from(["", "kind: themeday\n", "kind: branch\nmembers:\n", "---\nkind: brand\n"]),
       suffix=st.sampled_from([".yaml", ".md"]))
def test_loader_never_raises_on_yaml_like_text(text, prefix, suffix):
    load_anything((prefix + text).encode("utf-8"), suffix)


# ---- djrh new's writer and the loader: what is written is what is read

TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
FIELDS = {  # the values `djrh new` writes, per kind
    "general_branch": {"name": TEXT},
    "branch": {"name": TEXT, "parent": TEXT, "category": st.sampled_from(["faculty", "教工", "student"]), "elected_on": DATES},
    "themeday": {"branch": TEXT, "date": DATES, "time": st.sampled_from(["14:30-17:00", "9:00-11:30", "14:30"]), "place": TEXT, "theme": TEXT},
    "pilot": {"name": TEXT, "type": st.sampled_from(["model_branch", "书记项目"]), "level": st.sampled_from(["school", "省级"]),
              "units": st.lists(TEXT, min_size=1, max_size=3), "selected_on": DATES},
    "brand": {"name": TEXT, "owner": TEXT, "mode": st.sampled_from(["brand", "场景式"]), "started_on": DATES},
    "filing": {"name": TEXT, "unit": TEXT, "submitted_on": DATES},
    "meeting": {"branch": TEXT, "type": st.sampled_from(["general_meeting", "党小组会", "party_lecture"]), "group": TEXT,
                "date": DATES, "time": st.sampled_from(["15:00-16:30", "9:00"]), "place": TEXT, "topic": TEXT, "lecturer": TEXT},
}


@pytest.mark.parametrize("kind", list(MODELS))
def test_new_round_trips(kind):
    @settings(max_examples=300, deadline=None)
    @given(values=st.fixed_dictionaries(FIELDS[kind]), markdown=st.booleans(), lang=st.sampled_from(["zh", "en"]))
    def round_trip(values, markdown, lang):
        markdown = markdown and KINDS[kind].markdown
        text = record_text(kind, values, lang, modeline="../schema/x.json", markdown=markdown)
        record, findings = read_text(Record(id="x", path="x.md" if markdown else "x.yaml"), text.encode("utf-8"))
        assert findings == []
        assert record.data["kind"] == kind
        for name, value in values.items():
            read = record.data[name]
            expected = [str(v) for v in value] if isinstance(value, list) else (value.isoformat() if isinstance(value, date) else value)
            assert read == expected, (name, value, read)
        validate(record)  # a scaffold with these values is either valid or has findings; never raises

    round_trip()


# ---- rules: adding an unrelated clean record never removes another record's finding


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("prop") / "records"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".djrh-cache"))
    return root


def findings_of(root):
    run = run_djrh("check", "--root", str(root), "--format", "json", "--as-of", "2026-11-22")
    return {(f["code"], f["path"], f["line"], f["column"], f["message"], f["waived"]) for f in run.json["findings"]}


BRANCH_EXTRA = st.fixed_dictionaries({
    "formal": st.integers(0, 60), "probationary": st.integers(0, 20), "committee": st.integers(1, 9),
    "elected": st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 11, 1)),
    "days": st.lists(st.tuples(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)), st.booleans()), max_size=6),
    "category": st.sampled_from(["faculty", "student", "admin", "logistics", "retired"]),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=BRANCH_EXTRA)
def test_unrelated_record_removes_no_finding(demo_copy, extra):
    before = findings_of(demo_copy)
    added = []
    try:
        gb = demo_copy / "org" / "zz-new-gb.yaml"
        gb.write_text("kind: general_branch\nname: 新建党总支\n", encoding="utf-8")
        roles = ["secretary"] + ["member"] * (extra["committee"] - 1)
        committee = "".join(f"  - {{name: 委员{i}, role: {role}}}\n" for i, role in enumerate(roles))
        branch = demo_copy / "org" / "zz-new.yaml"
        branch.write_text(
            f"kind: branch\nname: 新建支部\nparent: zz-new-gb\ncategory: {extra['category']}\n"
            f"members: {{formal: {extra['formal']}, probationary: {extra['probationary']}}}\n"
            f"committee:\n{committee}elected_on: {extra['elected']}\n",
            encoding="utf-8",
        )
        added += [gb, branch]
        for number, (day, integration) in enumerate(extra["days"]):
            path = demo_copy / "themedays" / f"zz-new-{number}.yaml"
            path.write_text(
                f"kind: themeday\nbranch: zz-new\ndate: {day}\nplace: 会议室\ntheme: 学习\nintegration: {str(integration).lower()}\n"
                "entry_point: service\nbusiness_work: 研究服务师生的问题。\nprescribed: 学习。\ntheory_practice: 体会。\ndiscussion: 方案。\n",
                encoding="utf-8",
            )
            added.append(path)
        after = findings_of(demo_copy)
        new_paths = {f"org/{p.name}" for p in added} | {f"themedays/{p.name}" for p in added}
        assert {f for f in before if f[1] not in new_paths} <= after
    finally:
        for path in added:
            path.unlink()


# ---- render: any record text gives a DOCX that python-docx reads back

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300).filter(lambda s: s.strip())
# What a text field accepts: any text but control characters (those are SCH001, see
# test_render.py::test_control_characters_in_values_are_reported); the minutes take any text.
FIELD_TEXT = ANY_TEXT.filter(lambda s: UNPRINTABLE.search(s) is None)


@pytest.fixture(scope="module")
def render_tree(tmp_path_factory):
    from conftest import BRANCH, GENERAL_BRANCH, write_tree

    return write_tree(tmp_path_factory.mktemp("render") / "records", {
        "org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH,
    })


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theme=FIELD_TEXT, place=FIELD_TEXT, business=FIELD_TEXT, minutes=ANY_TEXT, long_line=st.booleans())
@example(theme="0\x851", place="0", business="0", minutes="0", long_line=False)  # NEL: valid, printed as \x85
def test_render_any_text(render_tree, theme, place, business, minutes, long_line):
    import io

    from docx import Document

    from djrh.render import build
    from djrh.render.source import Source
    from djrh.edit.scaffold import double_quoted

    if long_line:
        business = business * (2000 // len(business) + 1)
    text = (
        "---\nkind: themeday\nbranch: nursing-1\ndate: 2026-03-18\n"
        f"place: {double_quoted(place)}\ntheme: {double_quoted(theme)}\nintegration: true\nentry_point: service\n"
        f"business_work: {double_quoted(business)}\nprescribed: {double_quoted(place)}\n---\n{minutes}\n"
    )
    path = render_tree / "themedays" / "2026" / "prop.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    source = Source(render_tree)
    record = source.resolve("prop", render_tree)
    document = Document(io.BytesIO(build.render_record(source, record, "zh", date(2026, 11, 22))))
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)

    def visible(text: str) -> str:
        return "".join(c for c in text if c.isprintable() and not c.isspace())

    def escaped(text: str) -> str:  # a control character the schema lets through (NEL) is printed as its escape
        return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" and c not in "\t\n\r" else c for c in text)

    assert visible(escaped(theme))[:20] in visible(cells)  # the theme is on the form


# ---- a hostile or careless tree (issue 12): whatever mix of bad files a commit, a zip made on
# Windows or an attacker adds, every other record's findings stay exactly as they were


def _link(root, rel, target):
    os.symlink(target, root / rel)


def _write(root, rel, data):
    path = os.path.join(os.fsencode(root), os.fsencode(rel) if isinstance(rel, str) else rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


_BOMB: list[bytes] = []


def _zip_bomb(root, rel):
    """A 130 KB DOCX whose document.xml inflates to 130 MiB (made once)."""
    import io
    import zipfile

    if not _BOMB:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                for _ in range(130):
                    part.write(bytes(1024 * 1024))
        _BOMB.append(buffer.getvalue())
    _write(root, rel, _BOMB[0])


def _plant_cache(root):
    if not os.path.lexists(root / ".djrh-cache"):  # (not through the link another choice put there)
        _write(root, ".djrh-cache/records-00.pickle", b"\x80\x05garbage")


_BRANCH = "kind: branch\nname: x\ncategory: faculty\nmembers: {{formal: {formal}}}\ncommittee: [{{name: a, role: secretary}}]\nelected_on: {day}\n"
BAD_FILES = {  # what each adds to the tree; the paths it may report on are its own
    "link to a secret outside": lambda root, tmp: _link(root, "org/zz-secret.yaml", tmp / "secret.yaml"),
    "link to /etc/passwd": lambda root, tmp: _link(root, "org/zz-passwd.yaml", "/etc/passwd"),
    "link to /dev/zero": lambda root, tmp: _link(root, "org/zz-zero.yaml", "/dev/zero"),
    "pipe": lambda root, tmp: os.mkfifo(root / "org" / "zz-pipe.yaml"),
    "GBK file name": lambda root, tmp: _write(root, "org/".encode() + "党支部".encode("gbk") + b".yaml", "kind: general_branch\nname: x\n"),
    "GBK folder name": lambda root, tmp: _write(root, "zz".encode() + "目录".encode("gbk") + b"/x.yaml", "kind: general_branch\nname: x\n"),
    "ESC in a file name": lambda root, tmp: _write(root, "org/zz\x1b[2J.yaml", "kind: general_branch\nname: x\n"),
    "5,000-digit number": lambda root, tmp: _write(root, "org/zz-digits.yaml", _BRANCH.format(formal="9" * 5000, day="2025-01-01")),
    "year 9999": lambda root, tmp: _write(root, "org/zz-9999.yaml", _BRANCH.format(formal=20, day="9999-12-31")),
    "NUL in a path": lambda root, tmp: _write(root, "filings/zz-nul.yaml", 'kind: filing\nname: 其他材料\nunit: a1\nsubmitted_on: 2026-01-05\nfile: "evidence/a\\0b.pdf"\n'),
    "control characters": lambda root, tmp: _write(root, "org/zz-control.yaml", 'kind: general_branch\nname: "甲\\x01乙\\e[31m\\uFFFE"\n'),
    "formula as a name": lambda root, tmp: _write(root, "org/zz-formula.yaml", "kind: general_branch\nname: '=HYPERLINK(\"http://x/\",\"y\")'\n"),
    "3,000 findings": lambda root, tmp: _write(root, "org/zz-long.yaml", _BRANCH.format(formal=20, day="2025-01-01") + "party_groups: [" + ",".join(["1"] * 3000) + "]\n"),
    "file over 1 MiB": lambda root, tmp: _write(root, "org/zz-big.yaml", "kind: general_branch\nname: x\n#" + "x" * (1 << 21) + "\n"),
    "cache planted in the tree": lambda root, tmp: _plant_cache(root),
    "cache folder linked out": lambda root, tmp: _link(root, ".djrh-cache", tmp),
    "template zip bomb": lambda root, tmp: _zip_bomb(root, "templates/themeday.docx"),
}


@pytest.fixture(scope="module")
def quiet_tree(tmp_path_factory):
    """report_tree.py's tree and its findings: one of each kind of record, with findings of many rules."""
    from report_tree import build_tree

    root = build_tree(tmp_path_factory.mktemp("hostile") / "records")
    return root, findings_of(root)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "darwin", reason="needs POSIX pipes and byte file names")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.sets(st.sampled_from(sorted(BAD_FILES)), min_size=1, max_size=len(BAD_FILES)))
def test_bad_files_change_no_other_record(quiet_tree, chosen):
    import tempfile

    base, before = quiet_tree
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "records"
        shutil.copytree(base, root)
        outside = Path(work) / "outside"
        outside.mkdir()
        (outside / "secret.yaml").write_text("kind: general_branch\nname: 机密\n", encoding="utf-8")
        old = {p for p in _all_paths(root)}
        for name in sorted(chosen):
            BAD_FILES[name](root, outside)
        added = _all_paths(root) - old
        after = findings_of(root)
        untouched = {f for f in after if not any(f[1] == a or f[1].startswith(a + "/") or a.startswith(f[1] + "/") for a in added)}
        assert untouched == before, (chosen, untouched ^ before)
        assert all(f[0] == "SYN001" or f[0].startswith(("SCH", "ID", "BR", "PJ", "ORG", "TD", "MT", "REF", "DL")) for f in after - before)
        assert not any("机密" in f[4] or "root:" in f[4] for f in after)
        assert list(outside.iterdir()) == [outside / "secret.yaml"]  # nothing written outside the tree
        for args in (("report", "--format", "json"), ("due", "--format", "json")):
            run = run_djrh(*args, "--root", str(root), "--as-of", "2026-11-22")
            assert run.code == 0, (chosen, args, run.err)


def _all_paths(root) -> set[str]:
    """Every path under root (relative, "/"), names shown as djrh shows them."""
    from djrh.visible import visible

    found = set()
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            found.add("/".join(visible(part) for part in rel.split("/")))
    return found
