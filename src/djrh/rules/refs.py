"""REF001, REF002: references between records, and paths to evidence files."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator

from djrh.findings import Finding
from djrh.i18n import series
from djrh.kinds import KINDS, kind_label
from djrh.rules.base import RuleContext, rule
from djrh.visible import UNPRINTABLE


@rule(
    "REF001", "error",
    title_zh="引用的 id 不存在，或指向的记录类别不对",
    title_en="reference to an id that does not exist, or of the wrong kind",
    doc_zh=(
        "记录之间用 id（文件名）互相引用：主题党日的 branch 指向党支部，党支部的 parent 指向党总支，"
        "试点项目的 units、品牌的 owner 指向支部或总支，品牌的 activities 指向主题党日或试点项目，"
        "报送材料的 unit 指向支部或总支，会议的 branch 指向党支部。引用不存在的 id，或指向了不对的类别，都会报此项；"
        "党小组会的 group 要写支部记录 party_groups 中某个党小组的名称，写了支部没有的党小组也报此项。"
    ),
    doc_en=(
        "Records refer to each other by id: a theme day's `branch` is a branch, a branch's `parent` a general "
        "branch, a pilot's `units` and a brand's `owner` branches or general branches, a brand's `activities` "
        "theme days or pilots, a filing's `unit` a branch or general branch, a meeting's `branch` a branch. A "
        "party-group meeting's `group` names one of its branch's party_groups."
    ),
    example_bad="kind: themeday\nbranch: nursing-faculty1   # 应为 nursing-faculty-1\n",
    example_good="kind: themeday\nbranch: nursing-faculty-1\n",
    messages={
        "missing": (
            "找不到 id 为 {id} 的记录（这里应填{expected}的 id，即 org/ 等文件夹里的文件名）。",
            "There is no record with id {id} (this should be the id of a {expected}, i.e. its file name).",
        ),
        "missing_suggest": ("找不到 id 为 {id} 的记录，是不是想写 {suggestion}？", "There is no record with id {id}. Did you mean {suggestion}?"),
        "wrong_kind": ("{id} 是{found}，这里应填{expected}的 id。", "{id} is a {found}; this should be the id of a {expected}."),
        "no_group": (
            "党支部 {branch} 没有名为“{group}”的党小组（party_groups 中有：{known}）。请改成其中一个名称，或先在支部记录中添加这个党小组。",
            "Branch {branch} has no party group named “{group}” (its party_groups: {known}). Use one of those names, or add the group to the branch record first.",
        ),
    },
)
def check_references(r: RuleContext) -> Iterator[Finding]:
    # the ids found to name a record of the kinds a reference may point to, per those kinds:
    # thousands of theme days name the same few branches
    fine: dict[tuple[str, ...], set[str]] = {}
    candidates: dict[tuple[str, ...], list[str]] = {}  # the ids of those kinds, for "did you mean"
    suggested: dict[tuple[tuple[str, ...], str], list[str]] = {}  # a missing id's close match (a typo copied to many rows)
    for record in r.records:
        if record.kind is None:
            continue
        for pattern, kinds in KINDS[record.kind].references.items():
            fine_ids = fine.setdefault(kinds, set())
            for path, value in record.values_at(pattern):
                target_id = value.strip() if isinstance(value, str) else ""
                if not target_id or target_id in fine_ids:
                    continue  # a wrong type or an empty value is SCH001's
                targets = r.by_id.get(target_id)
                if not targets:
                    match = suggested.get((kinds, target_id))
                    if match is None:
                        if kinds not in candidates:
                            candidates[kinds] = [other.id for other in r.records if other.kind in kinds]
                        match = suggested[(kinds, target_id)] = difflib.get_close_matches(target_id, candidates[kinds], n=1, cutoff=0.6)
                    if match:
                        yield r.finding(record, "missing_suggest", at=path, part="value", id=target_id,
                                        expected=KindNames(kinds), suggestion=match[0])
                    else:
                        yield r.finding(record, "missing", at=path, part="value", id=target_id, expected=KindNames(kinds))
                    continue
                found = {t.kind for t in targets if t.kind is not None}
                if found and found.isdisjoint(kinds):
                    found_kinds = KindNames(tuple(sorted(found)))
                    yield r.finding(record, "wrong_kind", at=path, part="value", id=target_id, found=found_kinds,
                                    expected=KindNames(kinds))
                else:
                    fine_ids.add(target_id)
    # A 党小组会 names its group by the name the branch lists in `party_groups` (SPEC section 2): a
    # name the branch does not list counts for no group (MT003).
    branches = {b.id: b for b in r.of_kind("branch", "party_groups")}
    for meeting in r.of_kind("meeting", "branch", "type", "group"):
        model = meeting.model
        branch = branches.get(model.branch)
        if model.type != "party_group" or model.group is None or branch is None:
            continue
        names = [group.name.strip() for group in branch.model.party_groups]
        if model.group.strip() not in names:
            yield r.finding(
                meeting, "no_group", at=("group",), part="value", branch=model.branch, group=model.group.strip(),
                known=series(names) if names else "—",
            )


class KindNames:
    """Kind names in the output language: 党支部或党总支 / branch or general branch."""

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds

    def render(self, lang: str) -> str:
        names = [kind_label(kind, lang) for kind in self.kinds]
        return "或".join(names) if lang == "zh" else " or ".join(names)


_DRIVE = re.compile(r"[A-Za-z]:")


class TreePaths:
    """Where the file paths written in records point, without ever looking outside the tree.

    A path is relative to the tree root (`evidence/2026/签到表.pdf`); a path not found there is
    also tried under `evidence/` (`2026/签到表.pdf`). It must stay inside the tree: no absolute
    path, no `..` leaving it, no symlink leading out of it. Folders are resolved once each (a tree
    has thousands of evidence files in a few folders)."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self._folders: dict[str, str] = {}
        self._listings: dict[str, dict[str, os.DirEntry]] = {}

    def _entry(self, real_folder: str, name: str) -> os.DirEntry | None:
        """The folder's entry `name`: each folder is listed once (one call for the thousands of
        evidence files of a year, instead of one each)."""
        listing = self._listings.get(real_folder)
        if listing is None:
            try:
                listing = {entry.name: entry for entry in os.scandir(real_folder)}
            except OSError:
                listing = {}
            self._listings[real_folder] = listing
        return listing.get(name)

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)

    def resolve(self, value: str) -> tuple[str, str | None]:
        """("ok", real path) or (problem, None): "absolute", "outside" or "missing"."""
        text = value.strip().replace("\\", "/")
        if "\0" in text:  # no file has such a name (and the file system calls refuse it)
            return "missing", None
        if text.startswith("/") or _DRIVE.match(text) or text.startswith("~"):
            return "absolute", None
        normal = os.path.normpath(text).replace("\\", "/")
        if normal == ".." or normal.startswith("../"):
            return "outside", None
        candidates = [normal] if normal.startswith("evidence/") else [normal, "evidence/" + normal]
        for candidate in candidates:
            folder, name = os.path.split(os.path.join(self.root, candidate))
            real_folder = self._folders.get(folder)
            if real_folder is None:
                real_folder = self._folders[folder] = os.path.realpath(folder)
            if not self._inside(real_folder):
                return "outside", None
            entry = self._entry(real_folder, name)
            if entry is None:
                continue
            full = entry.path
            if entry.is_symlink():  # a symlinked file: where does it really lead?
                full = os.path.realpath(full)
                if not self._inside(full):
                    return "outside", None
                if not os.path.isfile(full):
                    continue
            elif not entry.is_file(follow_symlinks=False):
                continue
            return "ok", full
        return "missing", None


@rule(
    "REF002", "error",
    title_zh="佐证材料或文件路径不存在、是绝对路径或在记录树之外",
    title_en="evidence or file path missing, absolute, or outside the tree",
    doc_zh=(
        "工作成效的佐证材料（outcome.evidence）和报送材料的文件（file）要放在记录树的 evidence/ 文件夹里，"
        "用相对路径书写，如 evidence/2026/签到表.pdf。文件必须存在；不能写绝对路径（C:\\… 或 /home/…），"
        "也不能用 .. 或符号链接指到记录树之外——这样整个记录树拷走或提交到 git 后材料不会丢。"
    ),
    doc_en=(
        "Evidence (`outcome.evidence`) and filing files (`file`) live under the tree's evidence/ folder and are "
        "written as relative paths such as evidence/2026/sign-in.pdf. The file must exist, and the path may not "
        "be absolute or lead outside the tree, so that the tree can be copied or committed without losing them."
    ),
    example_bad="outcome:\n  evidence: [C:\\Users\\张老师\\Desktop\\签到表.jpg]\n",
    example_good="outcome:\n  evidence: [evidence/2026/nursing-faculty-1-2026-03-签到表.jpg]\n",
    messages={
        "absolute": (
            "文件路径“{path}”是绝对路径。请把文件放进记录树的 evidence/ 文件夹，并写相对路径，如 evidence/2026/签到表.pdf。",
            "The file path “{path}” is absolute. Put the file in the tree's evidence/ folder and write a relative path such as evidence/2026/sign-in.pdf.",
        ),
        "outside": (
            "文件路径“{path}”指到了记录树之外。请把文件放进记录树的 evidence/ 文件夹，并写相对路径。",
            "The file path “{path}” leads outside the records tree. Put the file in the tree's evidence/ folder and write a relative path.",
        ),
        "missing": (
            "找不到文件“{path}”。请确认文件已放进 evidence/ 文件夹，路径和文件名（含扩展名）一字不差。",
            "The file “{path}” does not exist. Check that it is in evidence/ and that the path and name (with extension) match exactly.",
        ),
    },
)
def check_file_paths(r: RuleContext) -> Iterator[Finding]:
    paths = TreePaths(str(r.root))
    for record in r.records:
        if record.kind is None:
            continue
        for pattern in KINDS[record.kind].file_paths:
            for path, value in record.values_at(pattern):
                if not isinstance(value, str) or not value.strip() or UNPRINTABLE.search(value):
                    continue  # a wrong type, an empty value or a control character is SCH001's
                status, _ = paths.resolve(value)
                if status != "ok":
                    yield r.finding(record, status, at=path, part="value", path=value.strip())
