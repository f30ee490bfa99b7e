"""`djrh serve` through its real command: the pages, a save, a new record, evidence, downloads,
--commit, and what the server refuses (other hosts, other sites, no token, too much, outside the
tree, markup in a value)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DEMO, run_djrh, tree_trace_hash
from serve_helpers import Client, Server, wait_until

DAY = "themedays/2026/logistics-2026-10.yaml"  # a held theme day of the demo tree, with its tasks


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    return root


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server over a copy of the demo tree for the tests that only read."""
    root = tmp_path_factory.mktemp("serve") / "records"
    shutil.copytree(DEMO, root)
    with Server(root) as server:
        yield server


def notices(page) -> list[str]:
    return [re.sub(r"<[^>]+>", "", n) for n in re.findall(r'<p class="notice[^"]*"[^>]*>(.*?)</p>', page.text, re.S)]


def field_html(page, name: str) -> str:
    """The markup of one field of the record form (its label, input and findings)."""
    html_id = "f-" + name.replace(".", "-")
    start = page.text.index(f'id="{html_id}-field"')
    end = page.text.find('<div class="field', start + 10)
    return page.text[start : end if end > 0 else len(page.text)]


# ---- starting


def test_it_starts_in_chinese_prints_its_address_and_stops(tree):
    server = Server(tree)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.address)
        page = Client(server).get("/")
        assert page.status == 200 and '<html lang="zh-CN">' in page.text and "看板" in page.text
    finally:
        err = server.stop()
    assert "正在读取记录树" in err and re.search(r"djrh serve 已启动（\d+ 条记录）：请在浏览器中打开 http://", err) and "已停止" in err
    assert "Traceback" not in err


def test_english(tree):
    with Server(tree, "--lang", "en") as server:
        page = Client(server).get("/record/logistics-2026-10")
        assert page.status == 200 and '<html lang="en">' in page.text
        assert "After the meeting" in page.text and "Save" in page.text and "会后填写" not in page.text
        client = Client(server)
        for path, words in (("/", "Dashboard"), ("/branch/logistics", "The year&#39;s quotas"), ("/branch/nursing-gb", "Its branches"),
                            ("/new/branch", "New branch"), ("/record/no-such", "Record not found")):
            page = client.get(path)
            assert words in page.text and "serve." not in page.text, path  # no key left untranslated


def test_help_and_other_commands_do_not_load_the_web_server():
    run = run_djrh("serve", "--help")
    assert run.code == 0 and "--port" in run.out and "127.0.0.1" in run.out
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from djrh.cli import app; print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'multipart', 'python_multipart') or m.startswith('djrh.serve')))"],
        capture_output=True, text=True, check=True,
    )
    assert loaded.stdout.strip() == "[]"


def test_a_bad_port_or_a_taken_one_is_said_plainly(tree):
    run = run_djrh("serve", "--root", str(tree), "--port", "70000", "--no-browser")
    assert run.code == 2 and "端口 70000 不对" in run.err
    with Server(tree) as server:
        port = server.url.rsplit(":", 1)[1]
        run = run_djrh("serve", "--root", str(tree), "--port", port, "--no-browser")
        assert run.code == 2 and f"端口 {port} 已被其他程序占用" in run.err


# ---- the pages


def test_dashboard_is_the_report_live_with_a_year_switch(shared):
    client = Client(shared)
    page = client.get("/")
    assert page.status == 200
    assert "中共江南健康职业技术学院委员会2026年度党建与业务融合工作统计表" in page.text
    assert 'class="heatmap"' in page.text and 'id="card-branches"' in page.text
    assert '<option value="2025">2025 年</option>' in page.text and "/report.xlsx?year=2026" in page.text
    assert 'href="/branch/admin-academic"' in page.text  # each branch of the table leads to its year
    assert re.search(r'<a class="where" href="/record/[a-z0-9-]+">', page.text)  # each finding to its record
    older = client.get("/?year=2025")
    assert older.status == 200 and "2025年度" in older.text and "已结束" in older.text or "2025 年度已结束" in older.text
    assert client.get("/?year=1990").status == 404
    assert client.get("/?year=abc").status == 404


def test_a_branchs_year(shared):
    page = Client(shared).get("/branch/admin-academic?year=2026")
    assert page.status == 200
    assert "机关第二党支部（教务处、科研处）" in page.text and "年度任务完成情况" in page.text
    assert "融合主题党日" in page.text and "1<small> / 2</small>" in page.text  # TD001: 1 of 2 held
    assert page.text.count('class="month ') == 12 and "寒暑假" in page.text
    assert "/record/admin-academic-2026-06" in page.text  # the calendar leads to each theme day
    assert "支部委员会" in page.text and "丁文华" in page.text and "届满" in page.text
    assert "今后 60 天内到期" in page.text and "TD001" in page.text
    assert "/branch/admin-academic/book.docx?year=2026" in page.text
    general = Client(shared).get("/branch/nursing-gb")
    assert general.status == 200 and "所属党支部" in general.text and "/branch/nursing-faculty-1" in general.text
    assert Client(shared).get("/branch/no-such").status == 404


def test_a_record_page_shows_every_field_with_its_label_and_the_current_stage_first(shared):
    page = Client(shared).get("/record/logistics-2026-10")
    assert page.status == 200
    sections = re.findall(r'<details class="stage[^"]*" id="stage-(\w+)"', page.text)
    assert sections[0] == "outcome" and set(sections) >= {"planned", "held", "outcome"}
    assert '<span class="badge">现在该填</span>' in page.text
    for label in ("活动主题", "主题党日规定动作", "自选动作·集体研讨", "应到人数", "实到人数", "切入点", "任务安排"):
        assert label in page.text
    entry = field_html(page, "entry_point")
    assert "<select" in entry and '<option value="service" selected>服务师生</option>' in entry  # a choice by its Chinese name
    assert 'type="date" name="date"' in page.text and 'value="2026-10-27"' in page.text
    assert 'type="radio" name="integration" value="true" checked' in page.text
    assert 'name="tasks[1].owner"' in page.text and "添加一行" in page.text
    assert 'name="also_counts_as" value="party_lecture"' in page.text  # a list of choices: check boxes
    assert '<select name="branch"' in page.text and "（logistics）</option>" in page.text


def test_findings_are_shown_beside_their_field(shared):
    page = Client(shared).get("/record/it-faculty-2026-09")
    tasks = field_html(page, "tasks")
    assert "PJ003" in tasks and 'class="issue warning"' in tasks  # the overdue task, in the task table
    assert "✗ 需要处理" in page.text


def test_a_page_names_fields_by_their_labels_the_terminal_by_the_file(tree):
    """The page's reader fills in a form and never sees the file's field names: a finding there says
    “主题党日规定动作”, where `djrh check` says prescribed（主题党日规定动作）."""
    path = tree / DAY
    text = path.read_text("utf-8")
    start, end = text.index("prescribed:"), text.index("theory_practice:")
    path.write_text(text[:start] + "prescribed:\n" + text[end:].replace("present: 11", "present: -1"), "utf-8")
    checked = run_djrh("check", "--root", str(tree), "--format", "json").out
    assert "prescribed（主题党日规定动作）" in checked and "attendance.present（实到人数）" in checked
    with Server(tree) as server:
        page = Client(server).get("/record/logistics-2026-10")
        prescribed, present = field_html(page, "prescribed"), field_html(page, "attendance.present")
    assert "TD006" in prescribed and "会后要填写的“主题党日规定动作”还空着" in prescribed
    assert "SCH" in present and "“实到人数”" in present
    assert "prescribed（" not in page.text and "attendance.present（" not in page.text


def test_a_page_leaves_out_how_to_write_it_in_the_file(shared):
    """MT001's advice to record the missing meeting says `（type: general_meeting）` to whoever edits
    the file; the page, whose form offers the meeting type in words, leaves it out."""
    client = Client(shared)
    for where in ("/branch/logistics", "/"):
        page = client.get(where)
        assert "党员大会一般每季度召开 1 次；已召开的请补录会议记录。" in page.text, where
        assert "type: general_meeting" not in page.text, where
    assert "已召开的请补录会议记录（type: general_meeting）" in run_djrh("check", "--root", str(shared.root)).out


def test_a_finding_on_a_field_the_file_lacks_is_shown_beside_it(tree):
    """A field left out of the file altogether (no key to point at) still has its finding beside
    its place in the form, not only in the list at the top."""
    path = tree / DAY
    text = path.read_text("utf-8")
    start, end = text.index("prescribed:"), text.index("theory_practice:")
    path.write_text((text[:start] + text[end:]).replace("place: 学生公寓7栋一楼值班室\n", ""), "utf-8")
    with Server(tree) as server:
        page = Client(server).get("/record/logistics-2026-10")
    assert "TD006" in field_html(page, "prescribed")  # a rule's finding (Finding.field from its `at`)
    assert "SCH001" in field_html(page, "place")  # a schema finding (from the validator's location)


def test_every_kind_has_a_new_record_form(shared):
    from djrh.kinds import KINDS

    client = Client(shared)
    page = client.get("/new")
    for code, spec in KINDS.items():
        assert f'href="/new/{code}"' in page.text
        form = client.get(f"/new/{code}")
        assert form.status == 200 and spec.term.zh in form.text
        names = form.form(action=f"/new/{code}").names()
        assert {p for p in spec.prompts} <= {n.split("[")[0] for n in names} | {"units"}, code


# ---- saving


def test_a_save_writes_only_the_changed_fields_keeping_the_file(tree):
    path = tree / DAY
    path.write_text(path.read_text("utf-8").replace("prescribed:", "# 会后由组织委员整理\nprescribed:"), "utf-8")
    before = path.read_text("utf-8")
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        form.set("attendance.present", "12").set("tasks[1].done_on", "2026-11-20")
        page = client.submit(form)
        assert page.status == 200 and "已保存：任务安排、实到人数。" in notices(page)
        after = path.read_text("utf-8")
        changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
        assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 2
        assert "# 会后由组织委员整理" in after and "present: 12" in after
        assert "{task: 更换老化混水阀和循环泵, owner: 吕大明, due: 2026-11-30, done_on: 2026-11-20}" in after
        # the record is checked again at once: the overdue task is gone from its findings
        assert "更换老化混水阀和循环泵" not in "".join(re.findall(r'<p class="issue[^"]*">(.*?)</p>', page.text, re.S))
        # the same form sent again, untouched: nothing is written
        stamp = path.stat().st_mtime_ns
        again = client.submit(page.form("record-form"))
        assert "没有改动，记录保持原样。" in notices(again) and path.stat().st_mtime_ns == stamp


def test_what_cannot_be_read_is_said_at_its_field_and_nothing_is_written(tree):
    path = tree / DAY
    before = path.read_bytes()
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        form.set("attendance.present", "十二").set("time", "25:00")
        page = client.submit(form)
        assert page.status == 422 and "没有保存" in page.text
        assert 'class="issue error"' in field_html(page, "attendance.present")
        assert "十二" in field_html(page, "attendance.present")  # what was typed is kept in the form
        assert path.read_bytes() == before


def test_rows_are_added_and_removed_without_script(tree):
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        page = client.submit(form, [("_add", "tasks")])
        assert page.status == 200 and "尚未保存" in page.text and 'name="tasks[3].task"' in page.text
        form = page.form("record-form")
        form.set("tasks[3].task", "回访学生满意度").set("tasks[3].owner", "邹小燕")
        page = client.submit(form, [("_remove", "tasks[0]")])
        assert 'value="回访学生满意度"' in field_html(page, "tasks") and "张贴热水供应告知书" not in field_html(page, "tasks")
        saved = client.submit(page.form("record-form"))
        text = (tree / DAY).read_text("utf-8")
        assert "已保存：任务安排。" in notices(saved)
        assert "张贴热水供应告知书" not in text and "{task: 回访学生满意度, owner: 邹小燕}" in text


def test_a_change_made_on_disk_is_seen_by_the_next_request(tree):
    with Server(tree) as server:
        client = Client(server)
        assert "活动地点" in client.get("/record/logistics-2026-10").text
        path = tree / DAY
        path.write_text(path.read_text("utf-8").replace("place: ", "place: 改在了"), "utf-8")
        assert 'value="改在了' in client.get("/record/logistics-2026-10").text
        branch = tree / "org/logistics.yaml"
        branch.write_text(branch.read_text("utf-8").replace("name: 后勤保障处党支部", "name: 后勤保障处第一党支部"), "utf-8")
        assert wait_until(lambda: "后勤保障处第一党支部" in client.get("/").text, timeout=5)
        (tree / "themedays/2026/logistics-2026-12.yaml").write_text(
            "kind: themeday\nbranch: logistics\ndate: 2026-12-20\nplace: 食堂\ntheme: 冬季供暖保障\nintegration: false\n", "utf-8")
        assert wait_until(lambda: "冬季供暖保障" in client.get("/branch/logistics").text, timeout=5)


def test_the_same_record_saved_by_two_people_keeps_the_first_and_tells_the_second(tree):
    with Server(tree) as server:
        first, second = Client(server), Client(server)
        mine = first.get("/record/logistics-2026-10").form("record-form")
        theirs = second.get("/record/logistics-2026-10").form("record-form")
        mine.set("place", "后勤楼一楼会议室")
        assert "已保存：活动地点。" in notices(first.submit(mine))
        theirs.set("place", "学生公寓值班室")
        page = second.submit(theirs)
        assert page.status == 409 and "没有保存：这条记录刚被别人修改过" in page.text
        assert "后勤楼一楼会议室" in page.text and "学生公寓值班室" in page.text  # the table: now / yours
        assert "place: 后勤楼一楼会议室" in (tree / DAY).read_text("utf-8")
        # the page now holds the record as it is: saved again, it goes through
        form = page.form("record-form")
        form.set("place", "学生公寓值班室")
        assert "已保存：活动地点。" in notices(second.submit(form))


def test_markup_typed_into_every_field_is_shown_as_text(tree):
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    with Server(tree) as server:
        client = Client(server)
        page = client.get("/record/logistics-2026-10")
        form = page.form("record-form")
        texts = [name for name, _ in form.fields if not name.startswith("_") and re.search(r'<(input type="text"|textarea) name="' + re.escape(name) + '"', page.text)]
        assert len(texts) >= 15
        for name in texts:
            if not name.endswith(("date", "_on", ".due", "expected", "present")) and name != "time":
                form.set(name, attack)
        saved = client.submit(form)
        assert saved.status == 200, saved.text[:2000]
        for shown in (saved, client.get("/"), client.get("/branch/logistics")):
            assert "<script>alert" not in shown.text and "<img src=x" not in shown.text
        assert saved.text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
        assert "<script" not in re.sub(r'<script src="/static/djrh.js" defer></script>', "", saved.text)
        # and in a record file written by hand, and in the minutes of a .md record
        (tree / "themedays/2026/logistics-2026-09.md").write_text(
            f"---\nkind: themeday\nbranch: logistics\ndate: 2026-09-20\nplace: {attack!r}\ntheme: x\nintegration: false\n---\n\n# 会议记录 {attack}\n\n[link](javascript:alert(3))\n",
            "utf-8")
        page = client.get("/record/logistics-2026-09")
        assert "<script>alert" not in page.text and "<img src=x" not in page.text and "javascript:alert" not in page.text


# ---- new records, evidence, downloads


def test_a_new_theme_day_through_the_form(tree):
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/new/themeday?branch=logistics").form(action="/new/themeday")
        assert form.get("branch") == "logistics"
        form.set("date", "2026-12-16").set("time", "14:30-16:30").set("place", "后勤楼二楼会议室").set("theme", "冬季校园安全大检查")
        form.set("entry_point", "service").set("business_work", "供暖季到来，排查学生公寓用电和消防隐患。")
        page = client.submit(form)
        assert page.status == 200 and page.url.split("?")[0].endswith("/record/logistics-2026-12")
        assert "已新建这条记录" in page.text
        text = (tree / "themedays/2026/logistics-2026-12.yaml").read_text("utf-8")
        assert "theme: 冬季校园安全大检查" in text and "entry_point: service" in text
        # the same again the same month: the next free id, never the same file
        form = client.get("/new/themeday?branch=logistics").form(action="/new/themeday")
        form.set("date", "2026-12-28").set("place", "x").set("theme", "第二次").set("entry_point", "service").set("business_work", "y")
        assert client.submit(form).url.split("?")[0].endswith("/record/logistics-2026-12-2")
        # what is missing is said at its field; nothing is written
        form = client.get("/new/themeday").form(action="/new/themeday")
        page = client.submit(form)
        assert page.status == 422 and "请填写“党支部”。" in page.text and "请填写“活动主题”。" in page.text


def test_a_new_branch_gets_an_id(tree):
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/new/branch").form(action="/new/branch")
        form.set("name", "护理学院教工第三党支部").set("parent", "nursing-gb").set("category", "faculty").set("elected_on", "2026-09-01")
        form.set("members.formal", "8")
        form.fields += [("committee[0].name", "刘芳"), ("committee[0].role", "secretary")]
        page = client.submit(form)
        assert page.status == 200 and "/record/nursing-gb-faculty-1" in page.url
        assert (tree / "org/nursing-gb-faculty-1.yaml").is_file()


def test_evidence_uploaded_lands_in_evidence_and_is_downloaded_back(tree):
    with Server(tree) as server:
        client = Client(server)
        page = client.get("/record/logistics-2026-07")
        attach = page.form("attach-form")
        content = "签到表\n".encode("utf-8") * 100
        page = client.submit(attach, files=[("files", "签到表、照片.pdf", content), ("files", "../../etc/passwd", b"x")])
        assert page.status == 200 and "已上传 2 个佐证材料。" in notices(page)
        stored = tree / "evidence/2026/logistics-2026-07-签到表、照片.pdf"
        assert stored.read_bytes() == content and (tree / "evidence/2026/logistics-2026-07-passwd").is_file()
        assert "evidence/2026/logistics-2026-07-签到表、照片.pdf" in (tree / "themedays/2026/logistics-2026-07.yaml").read_text("utf-8")
        link = re.search(r'href="(/file/evidence/2026/logistics-2026-07-[^"]+\.pdf)"', page.text)[1]
        download = client.get(link)
        assert download.status == 200 and download.body == content
        assert download.headers["content-disposition"].startswith("attachment;")
        # a record without a place for files has no upload
        assert 'id="attach-form"' not in client.get("/record/logistics").text


def test_upload_limits_are_said_in_the_users_words(tree):
    import http.client

    from djrh.edit.attach import MAX_BYTES

    day = tree / "themedays/2026/logistics-2026-07.yaml"
    before = day.read_bytes()
    with Server(tree) as server:
        client = Client(server)
        attach = client.get("/record/logistics-2026-07").form("attach-form")
        # eleven files at once: refused as a page in Chinese, not the parser's English
        page = client.submit(attach, files=[("files", f"{n}.pdf", b"x") for n in range(11)])
        assert page.status == 400 and "一次最多上传 10 个文件" in page.text and "Too many files" not in page.text
        # one file over attach's 50 MiB
        page = client.submit(attach, files=[("files", "大.pdf", b"x" * (MAX_BYTES + 1))])
        assert page.status == 400 and "50 MiB" in page.text and "大.pdf" in page.text
        # a body sent in chunks, without Content-Length, growing past the record form's limit
        form = client.get("/record/logistics-2026-07").form("record-form")
        cookie = "; ".join(f"{c.name}={c.value}" for c in client.jar)
        connection = http.client.HTTPConnection(server.url.split("//")[1], timeout=60)
        connection.request("POST", form.action, body=(b"x" * (1 << 20) for _ in range(6)), encode_chunked=True,
                           headers={"Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", "Cookie": cookie})
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        assert response.status == 413 and "提交的内容太大" in text and "内部出错" not in text
        connection.close()
        assert client.get("/").status == 200  # and the server goes on
    assert day.read_bytes() == before and not (tree / "evidence/2026/logistics-2026-07-大.pdf").exists()


def test_downloads_are_made_in_memory_and_read_back(tree):
    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    before = sorted(p.relative_to(tree) for p in tree.rglob("*"))
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/record/admin-academic-2026-06/form.docx")
        assert form.status == 200 and form.headers["content-type"].startswith("application/vnd.openxmlformats")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(form.body)).paragraphs)
        assert "人才培养方案集中审核" in text or any("人才培养方案集中审核" in c.text for t in docx.Document(io.BytesIO(form.body)).tables for r in t.rows for c in r.cells)
        book = client.get("/branch/admin-academic/book.docx?year=2026")
        assert book.status == 200 and "机关第二党支部" in "\n".join(p.text for p in docx.Document(io.BytesIO(book.body)).paragraphs)
        table = client.get("/report.xlsx?year=2025")
        sheet = openpyxl.load_workbook(io.BytesIO(table.body)).active
        assert "2025" in str(sheet["A1"].value)
        report = client.get("/report.docx?year=2026")
        assert report.status == 200 and report.body[:2] == b"PK"
        # its trace line hashes every record as the server read it (State.digests)
        footer = "\n".join(p.text for p in docx.Document(io.BytesIO(report.body)).sections[0].footer.paragraphs)
        assert f"内容 {tree_trace_hash(tree)}" in footer
        # a record with errors has no form: the page says why
        (tree / DAY).write_text((tree / DAY).read_text("utf-8").replace("date: 2026-10-27", "date: 2026-13-27"), "utf-8")
        refused = client.get("/record/logistics-2026-10/form.docx")
        assert refused.status == 422 and "SCH001" in refused.text
    assert sorted(p.relative_to(tree) for p in tree.rglob("*")) == before  # nothing written into the tree


def test_the_report_download_takes_the_trees_statistics_template(tree):
    """The statistics table of the page is `djrh report --format docx`'s: the tree's own
    templates/statistics.docx when it has one, and a broken one is named, never a server error."""
    docx = pytest.importorskip("docx")
    from djrh.render import templates

    (tree / "templates").mkdir()
    mine = docx.Document(str(templates.builtin("statistics", "zh")))
    [title] = [p for p in mine.paragraphs if p.text == "{{ year }}年度党建与业务融合工作统计表"]
    title.runs[0].text = "{{ year }}年度某某大学党建工作统计表"
    mine.save(str(tree / "templates" / "statistics.docx"))
    with Server(tree) as server:
        client = Client(server)
        report = client.get("/report.docx?year=2026")
        assert report.status == 200
        assert docx.Document(io.BytesIO(report.body)).paragraphs[0].text == "2026年度某某大学党建工作统计表"
        title.runs[0].text = "{{ year }}年度{{ nosuchvalue }}"
        mine.save(str(tree / "templates" / "statistics.docx"))
        broken = client.get("/report.docx?year=2026")
        assert broken.status == 422 and "templates/statistics.docx" in broken.text and "nosuchvalue" in broken.text


# ---- what the server refuses


def test_files_outside_the_tree_or_hidden_are_never_served(tree, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not show", "utf-8")
    (tree / "evidence/link.txt").symlink_to(secret)
    (tree / ".git").mkdir()
    (tree / ".git/config").write_text("[core]", "utf-8")
    with Server(tree) as server:
        client = Client(server)
        for path in ("/file/evidence/link.txt", "/file/../secret.txt", "/file/%2e%2e/secret.txt", "/file/.git/config",
                     "/file/evidence/%2e%2e/%2e%2e/secret.txt", "/file//etc/passwd"):
            page = client.get(path)
            assert page.status in (404, 400) and "do not show" not in page.text and "[core]" not in page.text, path


def test_requests_from_other_sites_hosts_or_sessions_are_refused(tree):
    with Server(tree) as server:
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        form.set("place", "被篡改")
        # another site's page posting here (CSRF): no token, or the wrong one
        without = [(k, v) for k, v in form.fields if k != "_csrf"]
        assert client.post(form.action, without).status == 403
        assert client.post(form.action, [(k, "x" * 64 if k == "_csrf" else v) for k, v in form.fields]).status == 403
        assert Client(server).post(form.action, form.fields).status == 403  # another browser, this page's token
        assert client.post(form.action, form.fields, headers={"Origin": "http://evil.example"}).status == 403
        assert "被篡改" not in (tree / DAY).read_text("utf-8")
        # a name pointed at 127.0.0.1 by another site (DNS rebinding)
        assert Client(server, host="evil.example").get("/").status == 400
        assert Client(server, host="localhost").get("/").status == 200
        # too large a body, before it is read
        page = client.request("POST", form.action, b"x", {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(50 << 20)})
        assert page.status == 413
        assert client.request("PUT", "/").status == 405


def test_on_the_network_a_token_or_password_is_needed(tree):
    with Server(tree, "--host", "0.0.0.0") as server:
        assert server.token and len(server.token) >= 20
        client = Client(server)
        page = client.get("/", follow=False)
        assert page.status == 303 and page.headers["location"].startswith("/login")
        assert client.get("/record/logistics-2026-10").url.endswith("/login?next=%2Frecord%2Flogistics-2026-10")
        assert client.post("/login", [("password", "wrong"), ("next", "/")]).status == 401
        started = time.monotonic()
        assert client.get("/?token=wrong", follow=False).status == 303  # to the login page, after the pause a wrong password gets
        assert time.monotonic() - started >= 0.9
        page = client.get(f"/?token={server.token}")
        assert page.status == 200 and "统计表" in page.text and "token" not in page.url
        assert "HttpOnly" in "".join(c for c in [str(client.jar)]) or any(c.name == "djrh_session" for c in client.jar)
        other = Client(server)
        page = other.post("/login", [("password", server.token), ("next", "/branch/logistics")])
        assert page.status == 200 and "后勤保障处党支部" in page.text
    with Server(tree, "--host", "0.0.0.0", env={"DJRH_SERVE_PASSWORD": "党建2026"}) as server:
        assert server.token is None
        client = Client(server)
        assert client.post("/login", [("password", "党建2026"), ("next", "//evil.example")]).url == server.url + "/"


def test_answers_over_the_network_are_compressed_and_to_this_machine_are_not():
    """CompressedForTheNetwork (serve/app.py): a page to another machine gzip-compressed, one to
    this machine as it is, a download that is a zip already never compressed again."""
    import asyncio
    import gzip

    from djrh.serve.app import CompressedForTheNetwork

    page = ("<p>党建融合</p>" * 2000).encode("utf-8")
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    async def app(scope, receive, send):
        kind = docx if scope["path"].endswith(".docx") else "text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind.encode()), (b"content-length", str(len(page)).encode())]})
        await send({"type": "http.response.body", "body": page})

    def answer(client: str, path: str = "/") -> tuple[dict, bytes]:
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "headers": [(b"accept-encoding", b"gzip, deflate")],
                 "client": (client, 50000), "query_string": b""}
        asyncio.run(CompressedForTheNetwork(app)(scope, receive, send))
        headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
        return headers, b"".join(m.get("body", b"") for m in sent[1:])

    headers, body = answer("192.168.1.20")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == page and len(body) < len(page) / 10
    for here in ("127.0.0.1", "::1"):
        headers, body = answer(here)
        assert "content-encoding" not in headers and body == page
    headers, body = answer("192.168.1.20", "/record/x/form.docx")
    assert "content-encoding" not in headers and body == page


# ---- --commit


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_makes_one_commit_per_save_naming_the_record_and_fields(tree):
    run = run_djrh("serve", "--root", str(tree), "--commit", "--no-browser")
    assert run.code == 2 and "不在 git 仓库里" in run.err
    _git(tree, "init", "-q")
    _git(tree, "config", "user.name", "王丽")
    _git(tree, "config", "user.email", "wangli@example.edu.cn")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "初始")
    (tree / "org/logistics.yaml").write_text((tree / "org/logistics.yaml").read_text("utf-8") + "# 未提交的修改\n", "utf-8")
    with Server(tree, "--commit") as server:
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        form.set("attendance.present", "12")
        page = client.submit(form)
        assert any(n.startswith("已提交到 git（提交 ") for n in notices(page))
        log = _git(tree, "log", "-1", "--format=%an|%s", "--name-only")
        assert log.splitlines()[0] == "王丽|填写主题党日 logistics-2026-10（2026-10-27 宿舍热水供应不稳：空气能热水系统改造）：出席情况·实到人数（attendance.present）"
        assert log.split("\n", 2)[2].split() == [DAY]
        assert "org/logistics.yaml" in _git(tree, "status", "--porcelain")  # someone else's change is not committed
        client.submit(client.get("/record/logistics-2026-07").form("attach-form"), files=[("files", "照片.jpg", b"jpg")])
        assert _git(tree, "log", "-1", "--format=%s").startswith("为主题党日 logistics-2026-07")
        assert len(_git(tree, "log", "--format=%h").split()) == 3
    with Server(tree, "--commit", "--lang", "en") as server:  # the page in English, the audit trail still Chinese
        client = Client(server)
        form = client.get("/record/logistics-2026-10").form("record-form")
        form.set("place", "图书馆报告厅")
        client.submit(form)
        assert _git(tree, "log", "-1", "--format=%s").strip().endswith("：活动地点（place）")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_of_the_form_where_libreoffice_is_installed(shared):
    client = Client(shared)
    page = client.get("/record/admin-academic-2026-06")
    assert "/record/admin-academic-2026-06/form.pdf" in page.text
    pdf = client.get("/record/admin-academic-2026-06/form.pdf")
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"


def test_values_the_form_cannot_show_as_such_are_kept_and_broken_files_shown(tree):
    path = tree / DAY
    text = path.read_text("utf-8").replace("date: 2026-10-27", "date: 2026/10/27").replace("entry_point: service", "entry_point: 服务学生")
    path.write_text(text, "utf-8")
    (tree / "themedays/2026/logistics-2026-09.yaml").write_text("kind: themeday\nbranch: logistics\ntheme: 【未完\n  place: x: y\n", "utf-8")
    with Server(tree) as server:
        client = Client(server)
        page = client.get("/record/logistics-2026-10")
        date_field = field_html(page, "date")
        assert 'type="text" name="date" id="f-date" value="2026/10/27"' in date_field and "SCH001" in date_field
        assert 'value="服务学生" selected' in field_html(page, "entry_point")  # a value not in the list, kept and marked
        saved = client.submit(page.form("record-form"))
        assert "没有改动，记录保持原样。" in notices(saved) and path.read_text("utf-8") == text
        broken = client.get("/record/logistics-2026-09")
        assert broken.status == 200 and "不能在网页中填写这条记录" in broken.text and "SYN" in broken.text
        assert "【未完" in broken.text and 'id="record-form"' not in broken.text


def test_a_markdown_record_keeps_its_minutes(tree):
    path = tree / "themedays/2026/admin-academic-2026-06.md"
    minutes = path.read_text("utf-8").split("\n---\n", 1)[1]
    with Server(tree) as server:
        client = Client(server)
        page = client.get("/record/admin-academic-2026-06")
        assert "会议记录" in page.text and "<h1>机关第二党支部（教务处、科研处）主题党日活动记录</h1>" in page.text
        form = page.form("record-form")
        form.set("place", "行政楼五楼会议室")
        assert "已保存：活动地点。" in notices(client.submit(form))
    text = path.read_text("utf-8")
    assert "place: 行政楼五楼会议室" in text and text.split("\n---\n", 1)[1] == minutes


def test_control_characters_in_the_minutes_are_shown_as_escapes(tree):
    """A control character in a .md record's minutes (no finding: the body is no YAML) reaches the
    page as its escape, as in the printed minutes: an ESC never goes raw into the HTML."""
    path = tree / "themedays/2026/admin-academic-2026-06.md"
    path.write_text(path.read_text("utf-8") + "\n补记：电话135\x1b12345678，\x01完。\n", "utf-8")
    with Server(tree) as server:
        page = Client(server).get("/record/admin-academic-2026-06")
    assert page.status == 200
    assert "补记：电话135\\x1b****5678，\\x01完。" in page.text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", page.text)


def test_a_link_made_elsewhere_cannot_put_words_on_a_page(shared):
    import urllib.parse

    query = urllib.parse.urlencode({"saved": "请到别处登录,place", "attached": "一百", "commit": "!请联系某某"})
    page = Client(shared).get(f"/record/logistics-2026-10?{query}")
    assert "请到别处登录" not in page.text and "一百" not in page.text and "请联系某某" not in page.text
    assert "已保存：活动地点。" in notices(page)  # a field's own label only


def test_a_form_sent_back_untouched_writes_nothing_for_every_kind(tree):
    """The form of each kind shows every value so that, sent back as it came, nothing changes: no
    value is lost or rewritten by a widget (a choice written in Chinese, a date, a list, rows)."""
    from djrh.check.run import RecordFiles

    files = RecordFiles(tree)
    chosen: dict[str, list[str]] = {}
    for record_id, rels in sorted(files.paths.items()):
        kind = files.find(record_id).kind
        if len(chosen.setdefault(kind, [])) < 3:
            chosen[kind].append(rels[0])
    assert len(chosen) >= 6
    with Server(tree) as server:
        client = Client(server)
        for kind, rels in chosen.items():
            for rel in rels:
                before = (tree / rel).read_bytes()
                record_id = rel.rsplit("/", 1)[1].rsplit(".", 1)[0]
                page = client.submit(client.get(f"/record/{record_id}").form("record-form"))
                assert "没有改动，记录保持原样。" in notices(page), (kind, rel, notices(page))
                assert (tree / rel).read_bytes() == before, rel
