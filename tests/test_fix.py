"""`djrh fix` through the real CLI: each safe mending makes its finding go away, never changes what
the user meant, and says it is fixable beforehand; --diff writes nothing."""

from __future__ import annotations

import pytest

from conftest import BRANCH, GENERAL_BRANCH, check_json, run_djrh, write_tree
from djrh.read.yaml12 import parse

INTENDED = {"kind": "general_branch", "name": "护理学院党总支", "secretary": "刘建华"}
BRANCH_DATA = parse(BRANCH).data

CASES = {
    # name: (file bytes, what the fixed file must hold, the finding's message words)
    "gbk": ("kind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\n".encode("gbk"), INTENDED, "GBK"),
    "gb18030": ("kind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\n".encode("gb18030"), INTENDED, "GBK"),
    "utf16": ("kind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\n".encode("utf-16"), INTENDED, "UTF-16"),
    "fullwidth-colon": ("kind: general_branch\nname：护理学院党总支\nsecretary： 刘建华\n".encode(), INTENDED, "中文冒号"),
    "no-space": ("kind: general_branch\nname:护理学院党总支\nsecretary: 刘建华\n".encode(), INTENDED, "空格"),
    "tab": (BRANCH.replace("  - {name: 王丽", "\t- {name: 王丽").replace("  - {name: 李强", "\t- {name: 李强").replace(
        "  - {name: 陈静", "\t- {name: 陈静").encode(), BRANCH_DATA, "Tab"),
    "fullwidth-space": (BRANCH.replace("  - {name: 王丽", "\u3000- {name: 王丽").replace("  - {name: 李强", "\u3000- {name: 李强").replace(
        "  - {name: 陈静", "\u3000- {name: 陈静").encode(), BRANCH_DATA, "全角空格"),
    "brace-comma": (BRANCH.replace("{name: 王丽, role", "{name: 王丽，role").encode(), BRANCH_DATA, "逗号"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_fix_makes_its_finding_go_and_keeps_the_meaning(tmp_path, case):
    raw, intended, words = CASES[case]
    root = write_tree(tmp_path / "tree", {"org/nursing-gb.yaml": GENERAL_BRANCH, "org/x.yaml": raw})
    before = check_json(root)
    found = [f for f in before.json["findings"] if f["path"] == "org/x.yaml"]
    assert found and all(f.get("fixable") is True for f in found), found
    assert words in found[0]["message"]
    text_run = run_djrh("check", "--root", str(root), "--select", "SYN,SCH")
    assert "可用 djrh fix 自动修复" in text_run.out
    diff = run_djrh("fix", "--diff", "--root", str(root))
    assert diff.code == 1 and "--- a/org/x.yaml" in diff.out
    assert (root / "org/x.yaml").read_bytes() == raw  # --diff writes nothing
    run = run_djrh("fix", "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.strip().endswith("org/x.yaml")
    after = check_json(root)
    assert [f for f in after.json["findings"] if f["path"] == "org/x.yaml"] == []
    fixed = (root / "org/x.yaml").read_bytes().decode("utf-8")
    assert parse(fixed).data == intended
    assert run_djrh("fix", "--root", str(root)).err.strip() == "没有可以自动修复的问题。"


def test_a_list_of_values_joined_by_a_fullwidth_comma_is_separated(tmp_path):
    day = "kind: themeday\nbranch: nursing-1\ndate: 2026-03-18\nplace: 会议室\ntheme: 学习\nintegration: false\n"
    root = write_tree(tmp_path / "tree", {
        "org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH,
        "themedays/2026/a.yaml": day + "also_counts_as: [党课，支委会]\n",
        "themedays/2026/b.yaml": day.replace("03-18", "04-18") + "also_counts_as:\n  - 党课、支委会\n",
    })
    before = check_json(root)
    assert [f.get("fixable") for f in before.json["findings"]] == [True, True]
    run = run_djrh("fix", "themedays", "--root", str(root), cwd=root)
    assert run.code == 0, run.err
    assert check_json(root).json["findings"] == []
    assert parse((root / "themedays/2026/a.yaml").read_text("utf-8")).data["also_counts_as"] == ["党课", "支委会"]
    assert parse((root / "themedays/2026/b.yaml").read_text("utf-8")).data["also_counts_as"] == ["党课", "支委会"]


def test_fix_leaves_crlf_bom_aside_and_chinese_labels_alone(tmp_path):
    crlf = "kind: branch\r\nname: 护理学院教工第一党支部\r\ncategory: 教工\r\nmembers: {formal: 20, probationary: 2}\r\n" \
           "committee:\r\n  - {name: 王丽, role: 书记}\r\nelected_on: 2025-06-12\r\n"
    root = write_tree(tmp_path / "tree", {"org/a.yaml": crlf.encode(), "org/b.yaml": b"\xef\xbb\xbf" + GENERAL_BRANCH.encode()})
    run = run_djrh("fix", "--root", str(root))
    assert (root / "org/a.yaml").read_bytes() == crlf.encode()  # accepted as it is
    assert (root / "org/b.yaml").read_bytes() == GENERAL_BRANCH.encode()  # only the BOM went
    assert "BOM" in run.err


def test_an_ambiguous_or_unknown_slip_is_left_to_the_user(tmp_path):
    big5 = "kind: general_branch\nname: 護理學院黨總支\n".encode("big5")
    root = write_tree(tmp_path / "tree", {"org/a.yaml": "kind: general_branch\nname: [未闭合\n", "org/b.yaml": big5})
    found = check_json(root).json["findings"]
    assert all("fixable" not in f for f in found if f["path"] == "org/a.yaml")
    before = {p: (root / p).read_bytes() for p in ("org/a.yaml",)}
    run = run_djrh("fix", "--root", str(root))
    assert (root / "org/a.yaml").read_bytes() == before["org/a.yaml"]
    assert (root / "org/b.yaml").read_bytes() == big5  # Big5 read as GBK would be mojibake: not converted
    assert run.code == 0 and "没有可以自动修复的问题" in run.err
    assert "Big5" in [f for f in found if f["path"] == "org/b.yaml"][0]["message"]


def test_the_encoding_message_names_djrh_fix(tmp_path):
    """Issue 11: a GBK/GB18030/UTF-16 file's SYN001 says djrh fix converts it."""
    for name, raw in (("gbk.yaml", "kind: general_branch\nname: 党总支\n".encode("gbk")),
                      ("u16.yaml", "kind: general_branch\nname: 党总支\n".encode("utf-16"))):
        root = write_tree(tmp_path / name, {f"org/{name}": raw})
        message = check_json(root).json["findings"][0]["message"]
        assert "djrh fix" in message, message
        assert "djrh fix" in run_djrh("--lang", "en", "check", "--root", str(root)).out


@pytest.mark.parametrize("slip", ["\t", "\u3000"])
def test_mending_the_front_matter_of_minutes_leaves_their_text_alone(tmp_path, slip):
    """A .md record's minutes are Markdown, indented the Chinese way (两个全角空格 before each paragraph):
    mending a tab or a full-width space in the front matter must not turn that indent into spaces,
    which Markdown would read as a code block."""
    front = ("---\nkind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\nwaivers:\n"
             f"{slip}- {{rule: BR001, reason: 筹建中, approved_by: 党委组织部, until: 2099-12-31}}\n---\n")
    body = "\n## 会议记录\n\n\u3000\u3000会议由书记主持。\n\n\t代码样的一行也是正文。\n\n\u3000\u3000会议决定：下月召开党员大会。\n"
    root = write_tree(tmp_path / "tree", {"org/x.md": front + body})
    found = [f for f in check_json(root).json["findings"] if f["path"] == "org/x.md"]
    assert [f["code"] for f in found] == ["SYN001"] and found[0].get("fixable") is True
    run = run_djrh("fix", "--root", str(root))
    assert run.code == 0, run.err
    fixed = (root / "org/x.md").read_text("utf-8")
    assert fixed.endswith("\n---\n" + body), fixed  # the minutes byte for byte
    assert [f for f in check_json(root).json["findings"] if f["path"] == "org/x.md"] == []


@pytest.mark.parametrize("slip", ["\u3000\u3000", "\t\t"])
def test_an_indent_fix_cannot_mend_is_not_called_fixable(tmp_path, slip):
    """Two full-width spaces (or two tabs) where the file's other keys use two spaces have no reading
    that parses: djrh fix leaves the line to the user, so check must not promise that fix mends it
    (`"fixable"` in JSON, 可用 djrh fix 自动修复 in the text, and fix --help says they all are)."""
    data_text = "kind: general_branch\nname: 护理学院党总支\nsecretary: 刘建华\nwaivers:\n" \
                "  - {rule: BR001, reason: 筹建中, approved_by: 党委组织部, until: 2099-12-31}\n" \
                f"{slip}- {{rule: BR002, reason: 筹建中, approved_by: 党委组织部, until: 2099-12-31}}\n"
    root = write_tree(tmp_path / "tree", {"org/x.yaml": data_text})
    found = [f for f in check_json(root).json["findings"] if f["path"] == "org/x.yaml"]
    assert [f["code"] for f in found] == ["SYN001"], found
    run = run_djrh("fix", "--root", str(root))
    assert (root / "org/x.yaml").read_text("utf-8") == data_text and "没有可以自动修复的问题" in run.err  # left to the user
    assert "fixable" not in found[0], found[0]
    assert "可用 djrh fix 自动修复" not in run_djrh("check", "--root", str(root)).out
