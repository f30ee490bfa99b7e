"""Importing a ledger in `djrh serve` (/import): the plan first and nothing written, then the same
records `djrh import` writes; rows with errors block the import unless left out on purpose; an
existing record is never overwritten; the blank template of each kind; --commit."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, run_djrh, write_tree
from serve_helpers import Client, Server

EXAMPLES = PROJECT / "docs" / "examples"
REGISTRY, LEDGER = EXAMPLES / "支部名册.xlsx", EXAMPLES / "主题党日台账.xlsx"


def records(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml")) if p.name != "djrh.yaml"}


def preview(client: Client, name: str, data: bytes, kind: str = ""):
    form = client.get("/import").form(action="/import")
    return client.submit(form.set("kind", kind), files=[("sheet", name, data)])


def text(page) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))


def test_preview_then_import_writes_what_the_command_writes(tmp_path):
    root = write_tree(tmp_path / "page", {})
    by_command = write_tree(tmp_path / "command", {})
    for ledger in (REGISTRY, LEDGER):
        assert run_djrh("import", str(ledger), "--root", str(by_command)).code == 0
    with Server(root) as server:
        client = Client(server)
        for ledger, count in ((REGISTRY, 6), (LEDGER, 20)):
            page = preview(client, ledger.name, ledger.read_bytes())
            assert page.status == 200
            assert f"可以导入 {count} 条记录" in text(page) and "还没有写入任何记录" in text(page)
            assert len(re.findall(r"<td>[^<]*第 \d+ 行</td>", page.text)) == count  # each record's row in the ledger
            assert not any(path.startswith(("themedays/" if ledger == LEDGER else "org/")) for path in records(root))
            done = client.submit(page.form(action="/import/confirm"))
            assert f"已从 {ledger.name} 导入 {count} 条记录" in text(done)
            assert len(re.findall(r'<a href="/record/', done.text)) == count
    assert records(root) == records(by_command)


def test_previewing_writes_nothing_and_a_preview_is_confirmed_once(tmp_path):
    root = write_tree(tmp_path / "tree", {})
    with Server(root) as server:
        client = Client(server)
        page = preview(client, REGISTRY.name, REGISTRY.read_bytes())
        assert records(root) == {}
        confirm = page.form(action="/import/confirm")
        assert "已从" in text(client.submit(confirm))
        written = records(root)
        again = client.submit(confirm)
        assert again.status == 400 and "预览已失效" in text(again)
        # the same ledger once more: every row has its record, nothing to import, nothing changed
        page = preview(client, REGISTRY.name, REGISTRY.read_bytes())
        assert "可以导入 0 条记录" in text(page) and "已有记录 org/nursing-gb-faculty-1.yaml" in text(page)
        assert 'action="/import/confirm"' not in page.text
        assert records(root) == written


ROWS = [
    ["支部名称", "所属党总支", "支部类别", "正式党员", "预备党员", "支部委员会", "选举日期"],
    ["护理学院教工第二党支部", "护理学院党总支", "老师", "15", "1", "张三（书记）、李四（组织委员）、王五（宣传委员）", "2025/6/1"],
    ["护理学院教工第三党支部", "护理学院党总支", "教工", "8", "0", "孙八（书记）、周九（组织委员）、吴十（宣传委员）", "2025-01-01"],
]


def test_rows_with_errors_are_shown_where_they_are_and_left_out_only_on_purpose(tmp_path):
    root = write_tree(tmp_path / "tree", {})
    assert run_djrh("import", str(REGISTRY), "--root", str(root)).code == 0
    sheet = "\n".join(",".join(row) for row in ROWS).encode("gbk")  # Excel's 另存为 CSV on a Chinese Windows
    with Server(root) as server:
        client = Client(server)
        page = preview(client, "名册.csv", sheet)
        shown = text(page)
        assert "1 行有错误" in shown and "名册.csv 第 2 行第 3 列" in shown and "老师" in shown and "SCH001" in shown
        before = records(root)
        confirm = page.form(action="/import/confirm")
        blocked = client.submit(confirm)
        assert "没有写入任何记录" in text(blocked) and records(root) == before
        page = preview(client, "名册.csv", sheet)
        done = client.submit(page.form(action="/import/confirm").set("skip_bad", "1"))
        assert "出错的 1 行没有导入" in text(done)
        (added,) = set(records(root)) - set(before)
        assert "name: 护理学院教工第三党支部" in (root / added).read_text("utf-8")


def test_a_file_that_is_no_ledger_is_named_as_she_knows_it(tmp_path):
    root = write_tree(tmp_path / "tree", {})
    with Server(root) as server:
        client = Client(server)
        page = preview(client, "会议照片.jpg", b"\xff\xd8\xff\xe0jpeg")
        assert page.status == 400 and "会议照片.jpg 不是 xlsx 或 csv 文件" in text(page)
        assert "djrh-import-" not in page.text  # not the temporary folder it was read from
        page = preview(client, "旧台账.xlsx", b"PK\x03\x04 not really a workbook")
        assert page.status == 400 and "旧台账.xlsx 无法作为 xlsx 文件打开" in text(page)
        nothing = client.submit(client.get("/import").form(action="/import"))
        assert nothing.status == 400 and "没有选择文件" in text(nothing)
    assert records(root) == {}


def test_the_blank_template_of_each_kind(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    root = write_tree(tmp_path / "tree", {})
    with Server(root) as server:
        client = Client(server)
        links = re.findall(r'href="(/import/template/[a-z_]+\.xlsx)"', client.get("/import").text)
        assert "/import/template/themeday.xlsx" in links and "/import/template/meeting.xlsx" in links
        download = client.get("/import/template/themeday.xlsx")
        assert download.headers["content-disposition"].startswith("attachment;")
        headers = [cell.value for cell in next(openpyxl.load_workbook(io.BytesIO(download.body)).worksheets[0].iter_rows(max_row=1))]
        assert "党支部" in headers and "活动主题" in headers
        assert client.get("/import/template/nothing.xlsx").status == 404


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_with_commit_an_import_is_one_commit(tmp_path):
    root = write_tree(tmp_path / "tree", {})
    for args in (["init", "-q"], ["config", "user.name", "组织员"], ["config", "user.email", "zzy@example.edu.cn"],
                 ["add", "."], ["commit", "-qm", "start"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    with Server(root, "--commit") as server:
        client = Client(server)
        done = client.submit(preview(client, REGISTRY.name, REGISTRY.read_bytes()).form(action="/import/confirm"))
        assert "已提交到 git" in text(done)
    log = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%s", "--name-only"], capture_output=True, text=True).stdout
    assert log.startswith("从 支部名册.xlsx 导入 6 条记录") and "org/nursing-gb-faculty-1.yaml" in log
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert status == ""
