"""`djrh fill` and `djrh attach` through the real CLI, and the round-trip editor under them:
comments and layout kept, only touched lines changed, values read back as written, no lost update."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from conftest import BRANCH, DEMO, GENERAL_BRANCH, THEMEDAY, run_djrh, write_tree
from djrh.cli import prompt as prompt_module
from djrh.edit import roundtrip
from djrh.edit.roundtrip import EditError, RecordEdit
from djrh.read.yaml12 import parse

HELD = THEMEDAY.replace("2026-03-18", "2026-11-02")


def tree(tmp_path: Path, themeday: str = HELD, name: str = "themedays/2026/nursing-1-2026-11.yaml") -> Path:
    return write_tree(tmp_path / "tree", {"org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH, name: themeday})


def new_themeday(root: Path) -> Path:
    run = run_djrh("new", "themeday", "--branch", "nursing-1", "--date", "2026-11-02", "--place", "会议室", "--theme", "学习",
                   "--root", str(root))
    assert run.code == 0, run.err
    return root / run.out.strip().split("/", 1)[-1] if not Path(run.out.strip()).is_absolute() else Path(run.out.strip())


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_fill_sets_the_held_fields_from_options_and_keeps_the_rest(tmp_path):
    root = tree(tmp_path)
    path = new_themeday(root)
    before = path.read_text("utf-8")
    run = run_djrh("fill", path.stem, "--prescribed", "学习全会精神", "--theory-practice", "结合备赛谈收获",
                   "--discussion", "形成训练方案", "--attendance.expected", "24", "--attendance.present=22",
                   "--entry_point", "2", "--education_path", "实践育人", "--business_work", "急救模块失分多",
                   "--also_counts_as", "党课，支委会", "--tasks", "制定训练计划（王丽，2026-11-30）",
                   "--as-of", "2026-11-22", "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.strip().endswith(path.name)
    after = path.read_text("utf-8")
    data = parse(after).data
    assert data["prescribed"] == "学习全会精神" and data["attendance"]["present"] == 22
    assert data["entry_point"] == "education" and data["education_path"] == "practice"
    assert data["also_counts_as"] == ["party_lecture", "branch_committee"]
    assert data["tasks"] == [{"task": "制定训练计划", "owner": "王丽", "due": "2026-11-30"}]
    # every comment of the scaffold is still there, in order
    assert [line for line in before.splitlines() if line.startswith("#")] == [line for line in after.splitlines() if line.startswith("#")]
    assert "  present: 22  # 实到人数" in after
    touched = {"prescribed", "theory_practice", "discussion", "expected", "present", "entry_point", "education_path",
               "business_work", "also_counts_as", "tasks", "- task", "- {task", "owner", "due", "done_on"}
    for line in changed_lines(before, after):
        assert any(line[2:].strip().startswith(key) for key in touched), line
    assert "0 个错误" in run.err  # re-checked (a TD007 warning: the tree has a day on that date)


def test_fill_refuses_unknown_options_and_bad_values_writing_nothing(tmp_path):
    root = tree(tmp_path)
    path = root / "themedays/2026/nursing-1-2026-11.yaml"
    before = path.read_bytes()
    run = run_djrh("fill", "nursing-1-2026-11", "--prescribd", "x", "--root", str(root))
    assert run.code == 2 and "--prescribed" in run.err
    run = run_djrh("fill", "nursing-1-2026-11", "--attendance.present", "二十", "--root", str(root))
    assert run.code == 2 and "二十" in run.err
    run = run_djrh("fill", "nursing-1-2026-11", "--branch", "nursing-9", "--root", str(root))
    assert run.code == 2 and "nursing-9" in run.err
    assert path.read_bytes() == before


def test_fill_asks_in_a_terminal_for_what_is_due_showing_what_is_there(tmp_path, monkeypatch):
    root = tree(tmp_path)
    monkeypatch.setattr(prompt_module, "interactive", lambda: True)
    answers = "\n".join([
        "学习全会精神",  # prescribed
        "结合备赛谈收获",  # theory_practice
        "",  # discussion: skipped
        "制定训练计划", "王丽", "2026-11-30", "", "",  # one task row, then Enter ends the rows
        "24", "22",  # attendance expected, present
        "",  # absent rows: none
    ]) + "\n"
    run = run_djrh("fill", "nursing-1-2026-11", "--as-of", "2026-11-22", "--root", str(root), stdin=answers)
    assert run.code == 1, run.err  # TD006: the discussion is still missing
    shown = run.out + run.err  # the prompts, then the messages
    assert "会后栏目" in shown and "主题党日规定动作" in shown and "出席情况·实到人数" in shown
    assert "还缺：discussion（自选动作·集体研讨）" in run.err
    data = parse((root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")).data
    assert data["prescribed"] == "学习全会精神" and data["attendance"] == {"expected": 24, "present": 22}
    assert data["tasks"] == [{"task": "制定训练计划", "owner": "王丽", "due": "2026-11-30"}]
    assert "discussion" not in data

    # once the held fields are there, the outcome is due: what is there is shown, Enter keeps it
    monkeypatch.setattr(prompt_module, "interactive", lambda: False)
    assert run_djrh("fill", "nursing-1-2026-11", "--discussion", "形成方案", "--root", str(root)).code == 0
    monkeypatch.setattr(prompt_module, "interactive", lambda: True)
    run = run_djrh("fill", "nursing-1-2026-11", "--as-of", "2026-11-22", "--root", str(root), stdin="2026-11-20\n技能大赛获奖\n")
    assert "工作成效" in run.out + run.err and "djrh attach" in run.err
    data = parse((root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")).data
    assert data["outcome"] == {"evaluated_on": "2026-11-20", "summary": "技能大赛获奖"}


def test_fill_without_a_terminal_never_asks(tmp_path):
    root = tree(tmp_path)
    path = root / "themedays/2026/nursing-1-2026-11.yaml"
    before = path.read_bytes()
    run = run_djrh("fill", "nursing-1-2026-11", "--as-of", "2026-11-22", "--root", str(root), stdin="学习\n")
    assert path.read_bytes() == before and "没有改动" in run.err and "prescribed" in run.err


def test_fill_refuses_a_lost_update(tmp_path, monkeypatch):
    """Someone saves the file between djrh reading and writing it: their change stays."""
    root = tree(tmp_path)
    path = root / "themedays/2026/nursing-1-2026-11.yaml"
    real_save = RecordEdit.save

    def editor_saves_meanwhile(self, lock=True):
        path.write_text(path.read_text("utf-8") + "prescribed: 编辑器里写的\n", encoding="utf-8")
        return real_save(self, lock)

    monkeypatch.setattr(RecordEdit, "save", editor_saves_meanwhile)
    run = run_djrh("fill", "nursing-1-2026-11", "--prescribed", "djrh 写的", "--root", str(root))
    assert run.code == 2 and "被修改过" in run.err
    assert "编辑器里写的" in path.read_text("utf-8") and "djrh 写的" not in path.read_text("utf-8")


@pytest.mark.parametrize("value", ["no", "on", "14:30", "yes", "2026-03-18", "null", "~", "#注释", "a: b", "0123", "1e3", "[x]"])
def test_values_read_back_as_written(tmp_path, value):
    """YAML 1.2, and an editor reading YAML 1.1: text that looks like something else is quoted."""
    root = tree(tmp_path)
    run = run_djrh("fill", "nursing-1-2026-11", "--prescribed", value, "--place", value, "--root", str(root))
    assert run.code in (0, 1), run.err
    text = (root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")
    data = parse(text).data
    assert data["prescribed"] == value and data["place"] == value
    import yaml

    assert yaml.safe_load(text)["prescribed"] == value  # YAML 1.1 reads the same text


def test_a_markdown_record_keeps_its_minutes_and_crlf_and_bom(tmp_path):
    body = "\r\n## 会议记录\r\n\r\n主持人：王丽\r\n"
    text = "---\r\n" + HELD.replace("\n", "\r\n") + "---\r\n" + body
    root = tree(tmp_path, themeday="", name="themedays/2026/placeholder.yaml")
    (root / "themedays/2026/placeholder.yaml").unlink()
    path = root / "themedays/2026/nursing-1-2026-11.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run = run_djrh("fill", str(path), "--prescribed", "学习", "--root", str(root))
    assert run.code == 1 and "TD006" in run.err, run.err  # written, re-checked: the 自选动作 still missing
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n") and raw.endswith(body.encode("utf-8"))
    assert b"prescribed: \xe5\xad\xa6\xe4\xb9\xa0\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_attach_copies_evidence_under_a_safe_unique_name(tmp_path):
    root = tree(tmp_path)
    photo = tmp_path / "签到表 (1).jpg"
    photo.write_bytes(bytes(range(256)) * 10)
    run = run_djrh("attach", "nursing-1-2026-11", str(photo), "--root", str(root))
    assert run.out.strip().endswith("evidence/2026/nursing-1-2026-11-签到表 (1).jpg"), run.out
    copied = root / "evidence/2026/nursing-1-2026-11-签到表 (1).jpg"
    assert copied.read_bytes() == photo.read_bytes()
    data = parse((root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")).data
    assert data["outcome"]["evidence"] == ["evidence/2026/nursing-1-2026-11-签到表 (1).jpg"]
    # the same bytes again: nothing copied; other bytes under the same name: the next free name
    run_djrh("attach", "nursing-1-2026-11", str(photo), "--root", str(root))
    photo.write_bytes(b"other")
    run = run_djrh("attach", "nursing-1-2026-11", str(photo), "--root", str(root))
    assert (root / "evidence/2026/nursing-1-2026-11-签到表 (1)-2.jpg").read_bytes() == b"other"
    assert copied.read_bytes() == bytes(range(256)) * 10  # never overwritten
    data = parse((root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")).data
    assert len(data["outcome"]["evidence"]) == 2
    assert "evaluated_on" in run.err  # re-checked: the outcome still needs its evaluation


def test_attach_names_a_filings_file_and_sanitizes_names(tmp_path):
    root = tree(tmp_path)
    (root / "filings").mkdir()
    (root / "filings/nursing-1-2026-04-10.yaml").write_text(
        "kind: filing\nname: 问题整改清单\nunit: nursing-1\nsubmitted_on: 2026-04-10\n", encoding="utf-8")
    source = tmp_path / ".清单\x07.pdf"
    source.write_bytes(b"%PDF")
    run = run_djrh("attach", "nursing-1-2026-04-10", str(source), "--root", str(root))
    assert run.code == 0, run.err
    data = parse((root / "filings/nursing-1-2026-04-10.yaml").read_text("utf-8")).data
    assert data["file"] == "evidence/2026/nursing-1-2026-04-10-清单_.pdf"
    run = run_djrh("attach", "nursing-1-2026-04-10", str(source), "--root", str(root))
    assert run.code == 2 and "已经是" in run.err  # a filing has one file


def test_attach_refuses_what_it_cannot_take_and_writes_nothing(tmp_path, monkeypatch):
    root = tree(tmp_path)
    record = root / "themedays/2026/nursing-1-2026-11.yaml"
    before = record.read_bytes()
    (root / ".git").mkdir()
    (root / ".git/config").write_text("x", encoding="utf-8")
    big = tmp_path / "大文件.pdf"
    big.write_bytes(b"x" * 2048)
    from djrh.edit import attach as attach_module

    monkeypatch.setattr(attach_module, "MAX_BYTES", 1024)
    good = tmp_path / "ok.pdf"
    good.write_bytes(b"ok")
    for source, words in ((tmp_path, "不是普通文件"), (root / ".git/config", ".git"), (big, "50 MiB"), (tmp_path / "missing.pdf", "找不到")):
        run = run_djrh("attach", "nursing-1-2026-11", str(good), str(source), "--root", str(root))
        assert run.code == 2 and words in run.err, run.err
    assert record.read_bytes() == before and not (root / "evidence").exists()
    run = run_djrh("attach", "nursing-1", str(good), "--root", str(root))
    assert run.code == 2 and "没有放佐证材料" in run.err


def test_an_edit_of_a_changed_file_is_refused_by_the_library(tmp_path):
    root = tree(tmp_path)
    edit = RecordEdit.open(root, "themedays/2026/nursing-1-2026-11.yaml")
    edit.set(("place",), "新地点")
    (root / "themedays/2026/nursing-1-2026-11.yaml").write_text(HELD + "# 别人加的\n", encoding="utf-8")
    with pytest.raises(EditError):
        edit.save()
    assert "# 别人加的" in (root / "themedays/2026/nursing-1-2026-11.yaml").read_text("utf-8")


# -- the property: no change leaves the bytes; a change touches only its lines


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from djrh.edit.fill import slots  # noqa: E402
from djrh.edit.scaffold import record_text  # noqa: E402
from djrh.kinds import KINDS, MODELS  # noqa: E402
from djrh.kinds.fields import fields_of  # noqa: E402


def _sources() -> list[tuple[str, str]]:
    found = [(f"{kind}.yaml", MODELS[kind].EXAMPLE) for kind in KINDS]
    found += [(f"{kind}-new.yaml", record_text(kind, {}, "zh")) for kind in KINDS]
    found += [(f"{kind}-new.md", record_text(kind, {}, "zh", markdown=True)) for kind in KINDS if KINDS[kind].markdown]
    demo = sorted(p for p in DEMO.rglob("*") if p.suffix in (".yaml", ".md") and p.parts[-2] not in ("schema",)
                  and "evidence" not in p.parts and p.name != "djrh.yaml")
    found += [(p.name, p.read_text("utf-8")) for p in demo[::7]]
    return found


SOURCES = _sources()
TEXT = st.one_of(
    st.sampled_from(["no", "on", "14:30", "是", "a: b", "#x", "第一行\n第二行", " 空格", "[1, 2]", "'引号'", "\"q\"", "-1", "null"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=30),
)


def _value(meta):
    kind = meta.type
    if kind == "date":
        return st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))
    if kind == "bool":
        return st.booleans()
    if kind in ("int", "number"):
        return st.integers(min_value=0, max_value=10_000)
    if kind == "time":
        return st.sampled_from(["14:30", "09:00-11:30", "8:00 至 9:00"])
    if kind == "choice":
        return st.sampled_from(sorted(meta.value_choices))
    if kind == "list" and meta.item is not None and meta.item.nested is not None:
        metas = fields_of(meta.item.nested)
        return st.lists(st.fixed_dictionaries({n: _value(m) for n, m in metas.items() if m.required is True}), max_size=2)
    if kind == "list":
        return st.lists(TEXT, max_size=3)
    return TEXT.filter(lambda text: text.strip() and text == text.strip())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fill_changes_only_the_lines_it_touches(data):
    name, text = data.draw(st.sampled_from(SOURCES))
    raw = text.encode("utf-8")
    edit = RecordEdit(name, raw)
    assert edit.new_bytes() == raw  # nothing set: the very bytes
    kind = edit.data.get("kind")
    slot = data.draw(st.sampled_from([s for s in slots(MODELS[kind]) if s.path != ("waivers",)]))
    value = data.draw(_value(slot.meta))
    before_data = parse(edit.yaml_text).data
    edit.set(slot.path, value)
    after = edit.text()
    # the value reads back through djrh's own loader, every other value is unchanged
    front = after if not name.endswith(".md") else after.split("---\n", 2)[1]
    read = parse(front).data
    expected = roundtrip._loaded(value)
    node = read
    for key in slot.path:
        node = node[key]
    assert node == expected
    for key in before_data:
        if key != slot.path[0]:
            assert read[key] == before_data[key], key
    # only the lines of that field change (and lines are added for a new key)
    old_lines, new_lines = text.splitlines(), after.splitlines()
    top = slot.path[0]
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            for line in old_lines[i1:i2]:
                owner = _owner(old_lines, old_lines.index(line, i1))
                assert owner in (top, None), (line, owner, top)


def _owner(lines: list[str], index: int) -> str | None:
    """The top-level key a line belongs to (None: a comment or blank line before any)."""
    for line in reversed(lines[: index + 1]):
        if line and not line[0].isspace() and not line.startswith(("#", "-", "---")) and ":" in line:
            return line.split(":", 1)[0].strip()
    return None


def test_a_meeting_is_filled_and_takes_evidence_through_the_cli(tmp_path):
    """三会一课 records are written after the meeting as theme days are: fill asks for its held fields,
    attach copies the sign-in sheet into evidence/ and names it in the meeting's `evidence`."""
    root = tree(tmp_path)
    (root / "meetings/2026").mkdir(parents=True)
    path = root / "meetings/2026/nursing-1-2026-11-05-branch-committee.yaml"
    path.write_text(
        "kind: meeting\nbranch: nursing-1\ntype: branch_committee\ndate: 2026-11-05\nplace: 308会议室  # 会议室\n"
        "topic: 研究年度组织生活会准备工作\nhost: 王丽\n", encoding="utf-8")
    run = run_djrh("fill", "nursing-1-2026-11-05-branch-committee", "--root", str(root), "--as-of", "2026-11-20",
                   "--content", "书记通报准备方案，委员逐一发言。", "--decisions", "11月底前完成谈心谈话。",
                   "--attendance.expected", "5", "--attendance.present", "5")
    assert run.code == 0, run.err
    text = path.read_text("utf-8")
    assert "place: 308会议室  # 会议室" in text  # the user's comment kept
    data = parse(text).data
    assert data["content"] == "书记通报准备方案，委员逐一发言。" and data["attendance"] == {"expected": 5, "present": 5}
    sheet = tmp_path / "签到表.pdf"
    sheet.write_bytes(b"%PDF-1.4 sign-in")
    run = run_djrh("attach", "nursing-1-2026-11-05-branch-committee", str(sheet), "--root", str(root))
    assert run.code == 0, run.err
    stored = "evidence/2026/nursing-1-2026-11-05-branch-committee-签到表.pdf"
    assert parse(path.read_text("utf-8")).data["evidence"] == [stored]
    assert (root / stored).read_bytes() == b"%PDF-1.4 sign-in"
    check = run_djrh("check", "--root", str(root), "--as-of", "2026-11-20", "--format", "json", str(path)).json
    assert [f["code"] for f in check["findings"] if f["code"].startswith(("SCH", "REF"))] == []


def test_one_condition_decides_required_when_for_check_fill_new_and_the_page():
    """`required: When(...)` is decided by kinds.fields.condition_holds for every reader: check
    (validated values), fill and serve (values as written: a label, 是/否, blank for the default),
    new (a prompt not answered yet may still make it hold)."""
    from djrh.edit.fill import applies, slot_named
    from djrh.edit.new import asks
    from djrh.kinds import KINDS
    from djrh.kinds.fields import condition_holds, unfilled
    from djrh.kinds.themeday import INTEGRATION

    meeting, day = MODELS["meeting"], MODELS["themeday"]
    group = fields_of(meeting)["group"].required
    assert condition_holds(group, {"type": "party_group"}, meeting)
    assert condition_holds(group, {"type": "党小组会"}, meeting)  # the label, as written in a sheet or a form
    assert not condition_holds(group, {"type": "branch_committee"}, meeting)
    assert not condition_holds(group, {}, meeting) and condition_holds(group, {}, meeting, unknown=True)
    assert condition_holds(INTEGRATION, {"integration": "是"}, day)
    assert condition_holds(INTEGRATION, {"integration": " "}, day)  # blank: the default (true)
    assert not condition_holds(INTEGRATION, {"integration": "否"}, day)
    assert not condition_holds(INTEGRATION, {"integration": None}, day, unknown=False)

    # new: asks for the group until the type is known, then only for a 党小组会, and then requires it
    ask = next(a for a in asks(KINDS["meeting"]) if a.name == "group")
    assert ask.wanted({}) and ask.wanted({"type": "党小组会"}) and not ask.wanted({"type": "支委会"})
    assert ask.for_values({"type": "党小组会"}).required and not ask.for_values({}).required
    # fill and the page: the 切入点 only for an integration day
    optional = slot_named(day, "entry_point")
    assert applies(optional, {"integration": True}, day) and not applies(optional, {"integration": "否"}, day)
    # check: a held 党小组会 without its group is unfilled; a held 支委会 is not
    base = {"kind": "meeting", "branch": "b-1", "date": "2026-03-05", "topic": "学习", "status": "held"}
    assert ("group", "cond.party_group") in unfilled(meeting.model_construct(**base, type="party_group"), "planned")
    assert not [n for n, _ in unfilled(meeting.model_construct(**base, type="branch_committee"), "planned") if n == "group"]
