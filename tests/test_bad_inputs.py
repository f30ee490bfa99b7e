"""Bad input gets a finding with its position, never a crash, and never hides other files.

Every case runs through the real CLI on a tree that also holds three valid records; those must
stay clean, and the exit code must be 1 (an error was found), never 2 or a traceback.
"""

from __future__ import annotations

import pytest

from conftest import check_json, write_tree

BIG = "kind: general_branch\nname: 大文件\n" + "# " + "很长的注释" * 80_000 + "\n"

ALIAS_BOMB = "kind: general_branch\nname: x\n" + "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
) + "\n"

CASES = {
    # name: (file path, content, [(code, line, column)], words the message must contain)
    "malformed yaml": ("org/x.yaml", "kind: general_branch\nname: [护理学院, 党总支\nsecretary: 王丽\n", [("SYN001", 2, 7)], "括号"),
    "top-level list": ("org/x.yaml", "- kind: branch\n- name: x\n", [("SCH001", 1, 1)], "这里却是列表"),
    "top-level scalar": ("org/x.yaml", "护理学院党总支\n", [("SCH001", 1, 1)], "文本“护理学院党总支”"),
    "empty file": ("org/x.yaml", "", [("SCH001", 1, 1)], "文件是空的"),
    "only comments": ("org/x.yaml", "# 待填写\n", [("SCH001", 1, 1)], "文件是空的"),
    "missing kind": ("themedays/2026/x.yaml", "branch: nursing-1\n", [("SCH001", 1, 1)], "kind: themeday"),
    "unknown kind": ("org/x.yaml", "kind: brnach\nname: x\n", [("SCH001", 1, 7)], "branch"),
    "wrong type": (
        "org/x.yaml",
        "kind: branch\nname: x\nparent: nursing-gb\ncategory: faculty\nmembers: {formal: 二十, probationary: 0}\n"
        "committee: [{name: 王丽, role: secretary}]\nelected_on: 2025-06-12\n",
        [("SCH001", 5, 19)], "应当是整数",
    ),
    "number for text": ("org/x.yaml", "kind: general_branch\nname: 2024\n", [("SCH001", 2, 7)], "被读成了数字"),
    "invalid date": (
        "themedays/2026/x.yaml", "kind: themeday\nbranch: nursing-1\ndate: 2026-02-30\nplace: x\ntheme: y\nintegration: false\n",
        [("SCH001", 3, 7)], "2026-02-30 不存在",
    ),
    "date in another format": (
        "themedays/2026/x.yaml", "kind: themeday\nbranch: nursing-1\ndate: 2026年3月18日\nplace: x\ntheme: y\nintegration: false\n",
        [("SCH001", 3, 7)], "2026-03-18",
    ),
    "duplicate key": ("org/x.yaml", "kind: general_branch\nname: 一\nname: 二\n", [("SYN002", 3, 1)], "第 2 行"),
    "gbk file": ("org/x.yaml", "kind: general_branch\nname: 护理学院党总支\n".encode("gbk"), [("SYN001", 2, 7)], "GBK"),
    "utf-16 file": ("org/x.yaml", "kind: general_branch\nname: 护理学院党总支\n".encode("utf-16"), [("SYN001", 1, 1)], "UTF-16"),
    "alias bomb": ("org/x.yaml", ALIAS_BOMB, [("SYN001", 7, 45)], "别名"),
    "over 1 MiB": ("org/x.yaml", BIG, [("SYN001", 1, 1)], "1 MiB"),
    "unknown field": ("org/x.yaml", "kind: general_branch\nname: x\nsecretery: 王丽\n", [("SCH002", 3, 1)], "secretary"),
    "chinese key": ("org/x.yaml", "kind: general_branch\n名称: 护理学院党总支\n", [("SCH001", 1, 1), ("SCH002", 2, 1)], "name"),
    "fullwidth colon": ("org/x.yaml", "kind: general_branch\nname：护理学院党总支\nsecretary: 王丽\n", [("SYN001", 2, 5)], "中文冒号"),
    "tab indentation": ("org/x.yaml", "kind: branch\nmembers:\n\tformal: 3\n", [("SYN001", 3, 1)], "Tab"),
    "conflict markers": (
        "org/x.yaml", "kind: general_branch\n<<<<<<< HEAD\nname: 一\n=======\nname: 二\n>>>>>>> main\n",
        [("SYN001", 2, 1)], "冲突",
    ),
    "yes is text": ("org/x.yaml", BRANCH_TEMPLATE := (
        "kind: branch\nname: x\nparent: nursing-gb\ncategory: faculty\nmembers: {formal: 20}\n"
        "committee: [{name: 王丽, role: secretary}]\nelected_on: 2025-06-12\ndual_leader: yes\n"
    ), [("SCH001", 8, 14)], "YAML 1.2"),
    "control character": ("org/x.yaml", "kind: general_branch\nname: 护理\x07学院\n", [("SYN001", 2, 9)], "控制字符"),
    "markdown without front matter": ("themedays/2026/x.md", "# 会议记录\n\n内容\n", [("SYN001", 1, 1)], "---"),
    "markdown unclosed front matter": ("themedays/2026/x.md", "---\nkind: themeday\n", [("SYN001", 1, 1)], "---"),
    "markdown position offset": ("themedays/2026/x.md", "---\nkind: themeday\nbranch: nursing-1\ndate: 2026-13-01\nplace: x\ntheme: y\nintegration: false\n---\n会议记录\n", [("SCH001", 4, 7)], "不存在"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(tmp_path, base_files, name):
    rel, content, expected, words = CASES[name]
    root = write_tree(tmp_path / "tree", {**base_files, rel: content})
    run = check_json(root)
    assert run.code == 1, run.err
    found = [(code, line, column) for code, path, line, column, _ in run.findings()]
    assert found == expected, run.json["findings"]
    assert all(path == rel for _, path, *_ in run.findings()), "the valid records must stay clean"
    assert words in run.json["findings"][-1]["message"]
    assert run.json["summary"]["records"] == len(base_files) + 1


def test_bom_and_crlf_are_accepted(tmp_path, base_files):
    content = ("\ufeff" + "kind: general_branch\r\nname: 护理学院党总支\r\nsecretary: 王丽\r\n").encode("utf-8")
    root = write_tree(tmp_path / "tree", {**base_files, "org/x.yaml": content})
    run = check_json(root)
    assert run.code == 0 and run.findings() == []


def test_many_broken_files_are_all_reported(tmp_path, base_files):
    files = {f"org/{name.replace(' ', '-')}.yaml": case[1] for name, case in CASES.items() if case[0] == "org/x.yaml"}
    root = write_tree(tmp_path / "tree", {**base_files, **files})
    run = check_json(root)
    assert run.code == 1
    assert {path for _, path, *_ in run.findings()} == set(files)


def test_english_messages(tmp_path, base_files):
    root = write_tree(tmp_path / "tree", {**base_files, "org/x.yaml": "kind: general_branch\nname：x\n"})
    run = check_json(root, "--lang", "en")
    assert "full-width colon" in run.json["findings"][0]["message"]
