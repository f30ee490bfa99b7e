"""The printed forms as Word templates (issue 18): templates/*.docx is what `djrh render` fills,
the forms match the code-built ones they replaced, the sandbox's bounds hold for them too, and
`djrh templates export / check`."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO, PROJECT, run_djrh, run_djrh_process
from forms.reader import facts

BEFORE = Path(__file__).parent / "forms" / "before"
CASES = sorted(path.stem for path in BEFORE.glob("*.json"))
NAMES = ("themeday", "meeting", "pilot", "bundle", "statistics")
FACTS = ("blocks", "tables", "sections", "fonts", "footers", "even_odd")


def render(tmp_path: Path, record: str, lang: str = "zh", root: Path = DEMO, *extra: str) -> bytes:
    target = tmp_path / f"{record}-{lang}.docx"
    result = run_djrh("render", record, "-o", str(target), "--root", str(root), "--force", "--as-of", "2026-12-01",
                      "--lang", lang, *extra)
    assert result.code == 0, result.err
    return target.read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_the_forms_keep_the_stored_facts(tmp_path, case):
    """The templates are the one source of the forms (edited in Word or LibreOffice): a change to one
    keeps the text (labels and values, in order), the merged cells and header rows, the page setup,
    the fonts named and the footers of the forms of the demo tree, stored in tests/forms/before from
    the python-docx code the templates replaced. A change meant to alter them updates the facts."""
    record, lang = case.rsplit("-", 1)
    before = json.loads((BEFORE / f"{case}.json").read_text(encoding="utf-8"))
    after = json.loads(json.dumps(facts(render(tmp_path, record, lang)), ensure_ascii=False))
    # what issue 11 added since: the 附件2 label above the theme-day form
    annex = {"zh": "附件2：", "en": "Annex 2:"}[lang]
    if after["blocks"][0] == annex:
        after["blocks"] = after["blocks"][1:]
    for key in ("blocks", "tables", "sections", "fonts", "footers", "even_odd"):
        assert after[key] == before[key], key


def book_and_statistics(tmp_path: Path, case: str, root: Path = DEMO, as_of: str = "2026-12-01") -> bytes:
    """The 工作记录本 (`bundle/<branch>-<year>-<lang>`) or the report's DOCX (`statistics/<year>-<lang>`)."""
    form, name = case.split("/")
    target = tmp_path / f"{form}-{name}.docx"
    if form == "bundle":
        branch, year, lang = name.rsplit("-", 2)
        args = ("render", "--branch", branch, "--year", year)
    else:
        year, lang = name.split("-")
        args = ("report", "--format", "docx", "--year", year)
    result = run_djrh(*args, "-o", str(target), "--root", str(root), "--force", "--as-of", as_of, "--lang", lang)
    assert result.code == 0, result.err
    return target.read_bytes()


BOOK_CASES = sorted(f"{path.parent.name}/{path.stem}" for path in BEFORE.glob("*/*.json"))


@pytest.mark.parametrize("case", BOOK_CASES)
def test_the_book_and_the_statistics_keep_the_stored_facts(tmp_path, case):
    """The 工作记录本 (bundle.docx, then every form from themeday.docx / meeting.docx) and the report's
    statistics table (statistics.docx) read back as the python-docx code built them before the
    templates replaced it (tests/forms/before/bundle, …/statistics): text, merged cells, header rows,
    page setup, fonts, every section's footers."""
    before = json.loads((BEFORE / f"{case}.json").read_text(encoding="utf-8"))
    after = json.loads(json.dumps(facts(book_and_statistics(tmp_path, case)), ensure_ascii=False))
    for key in FACTS:
        assert after[key] == before[key], key


def test_the_statistics_table_keeps_its_shades_and_its_landscape_page(tmp_path):
    """What the facts do not hold: a branch's status cell in its colour, the sums shaded, A4 landscape."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(book_and_statistics(tmp_path, "statistics/2026-zh")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    fills = {}
    for row in document.tables[0].rows[1:]:
        cell = row.cells[-1]
        shading = cell._tc.tcPr.find(qn("w:shd"))
        fills.setdefault(cell.text, set()).add(None if shading is None else shading.get(qn("w:fill")))
    assert fills["进行中"] == {"FFF2CC"}  # 2026 is not over on 2026-12-01: every branch in progress
    assert all(fill == {"F5F5F5"} for text, fill in fills.items() if text.startswith("进行中 "))  # the sums
    assert "{{" not in "".join(p.text for p in document.paragraphs)


BLANK_DAY = """kind: themeday
branch: nursing-faculty-1
date: 2026-12-16
time: 14:30-17:00
place: 护理实训中心三楼示教室
theme: 期末技能考核复盘
integration: true
entry_point: central_work
business_work: 复盘期末技能考核。
"""


def room_mm(cell) -> float:
    """The height (mm) of the tallest line of a cell: a blank row's room to write by hand."""
    heights = [p.paragraph_format.line_spacing.mm for p in cell.paragraphs
               if p.paragraph_format.line_spacing is not None and not isinstance(p.paragraph_format.line_spacing, float)]
    return max(heights, default=0)


def test_a_blank_row_keeps_room_to_write_and_a_filled_one_is_as_tall_as_its_text(tmp_path):
    """As the code-built form did: a row to write in is as tall as the paper form's while its value is
    blank (a form printed before the day), and only as tall as its text once filled."""
    import io

    from docx import Document

    root = tree_copy(tmp_path)
    (root / "themedays" / "2026" / "nursing-faculty-1-2026-12.yaml").write_text(BLANK_DAY, encoding="utf-8")
    blank = Document(io.BytesIO(render(tmp_path, "nursing-faculty-1-2026-12", "zh", root))).tables[0]
    filled = Document(io.BytesIO(render(tmp_path, "nursing-faculty-1-2026-03"))).tables[0]
    # 业务工作描述 is written: no room; 规定动作, 理论指导实践, 集体研讨, 工作成效 are blank: 28, 26, 26, 30 mm rows
    assert [round(room_mm(blank.cell(row, 2))) for row in range(2, 7)] == [6, 20, 18, 18, 22]  # 6: a 小四 line
    assert [round(room_mm(filled.cell(row, 2))) for row in range(2, 7)] == [6, 6, 6, 6, 6]
    assert [round(row.height.mm) for row in filled.rows] == [11] * 7


def test_render_fills_the_built_in_templates(tmp_path):
    data = render(tmp_path, "nursing-faculty-1-2026-03")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "{{" not in xml and "{%" not in xml
    assert "2026年技能大赛备赛" in xml
    for name in NAMES:
        assert (PROJECT / "templates" / f"{name}.docx").is_file()
        assert (PROJECT / "templates" / "en" / f"{name}.docx").is_file()


def test_the_sandbox_bounds_hold_for_the_built_in_templates(tmp_path, monkeypatch):
    """The built-in templates are filled in the same bounded process as a tree's own: an output
    limit lower than the form stops it, naming the built-in template."""
    from djrh.render import templates

    monkeypatch.setattr(templates, "MAX_OUTPUT", 2000)
    result = run_djrh("render", "nursing-faculty-1-2026-03", "-o", str(tmp_path / "x.docx"), "--root", str(DEMO))
    assert result.code == 2
    assert "templates/themeday.docx" in result.err and "2000" not in result.out
    assert not (tmp_path / "x.docx").exists()


def tree_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "tree"
    shutil.copytree(DEMO, root)
    return root


def edited(path: Path, *replacements: tuple[str, str]) -> bytes:
    """The DOCX at `path` with text of its document part replaced (a tag as a person would mistype it)."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode()
                for old, new in replacements:
                    assert old in text, old
                    text = text.replace(old, new)
                data = text.encode()
            target.writestr(info, data)
    return out.getvalue()


def test_export_copies_the_built_ins_and_never_overwrites_without_force(tmp_path):
    root = tree_copy(tmp_path)
    result = run_djrh("templates", "export", "--root", str(root))
    assert result.code == 0, result.err
    folder = root / "templates"
    assert sorted(p.name for p in folder.iterdir()) == ["bundle.docx", "meeting.docx", "pilot.docx", "statistics.docx",
                                                        "themeday.docx"]
    assert (folder / "themeday.docx").read_bytes() == (PROJECT / "templates" / "themeday.docx").read_bytes()
    (folder / "themeday.docx").write_bytes(b"mine")
    again = run_djrh("templates", "export", "--root", str(root))
    assert again.code == 1
    assert "themeday.docx" in again.err and "--force" in again.err
    assert (folder / "themeday.docx").read_bytes() == b"mine"
    forced = run_djrh("templates", "export", "--root", str(root), "--force")
    assert forced.code == 0
    assert (folder / "themeday.docx").read_bytes() != b"mine"
    english = run_djrh("templates", "export", str(tmp_path / "en"), "--lang", "en")
    assert english.code == 0
    assert (tmp_path / "en" / "themeday.docx").read_bytes() == (PROJECT / "templates" / "en" / "themeday.docx").read_bytes()
    # the exported templates are what render then uses (the tree's own wins): same form
    check = run_djrh("check", "--root", str(root), "--format", "json")
    plain = run_djrh("check", "--root", str(DEMO), "--format", "json")
    assert len(check.json["findings"]) == len(plain.json["findings"])  # templates/ are not records


def test_check_reports_every_unknown_tag_and_a_misnamed_file(tmp_path):
    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    folder = root / "templates"
    (folder / "themeday.docx").write_bytes(edited(folder / "themeday.docx", ("{{ theme }}", "{{ them }}"), ("{{ place }}", "{{ plase }}")))
    (folder / "pilot.docx").rename(folder / "pilots.docx")
    result = run_djrh("templates", "check", "--root", str(root))
    assert result.code == 1
    assert "templates/themeday.docx" in result.out
    assert "{{ them }}" in result.out and "{{ plase }}" in result.out  # both, not only the first
    assert "templates/pilots.docx" in result.out and "pilot.docx" in result.out
    assert "templates/meeting.docx：试填成功" in result.out
    english = run_djrh("templates", "check", "--root", str(root), "--lang", "en")
    assert english.code == 1 and "does not exist" in english.out and "did you mean pilot.docx" in english.out
    # a syntax error: the tag is named
    (folder / "pilots.docx").unlink()
    (folder / "themeday.docx").write_bytes(edited(PROJECT / "templates" / "themeday.docx", ("{{ theme }}", "{{ theme }}{% macro m() %}")))
    broken = run_djrh("templates", "check", "--root", str(root))
    assert broken.code == 1 and "{% macro m() %}" in broken.out


def test_check_clean_and_without_templates(tmp_path):
    root = tree_copy(tmp_path)
    none = run_djrh("templates", "check", "--root", str(root))
    assert none.code == 0 and "templates/" in none.err
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    clean = run_djrh("templates", "check", "--root", str(root))
    assert clean.code == 0, clean.out
    assert clean.out.count("试填成功") == 5
    assert run_djrh("templates", "nonsense").code == 2


def test_a_tree_template_wins_over_the_built_in(tmp_path):
    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    folder = root / "templates"
    title = "党建融合主题党日活动设计模板"
    (folder / "themeday.docx").write_bytes(edited(folder / "themeday.docx", (title, "某某大学" + title)))
    data = render(tmp_path, "nursing-faculty-1-2026-03", "zh", root)
    assert facts(data)["blocks"][0 if "附件" not in facts(data)["blocks"][0] else 1].startswith("某某大学")


def test_the_book_takes_the_trees_own_cover_and_forms(tmp_path):
    """A tree's bundle.docx is the book's cover and contents, its themeday.docx and meeting.docx the
    forms in it; a broken form template is named when the book is made."""
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    folder = root / "templates"
    title = "党建融合主题党日活动设计模板"
    (folder / "themeday.docx").write_bytes(edited(folder / "themeday.docx", (title, "某某大学" + title)))
    (folder / "bundle.docx").write_bytes(edited(folder / "bundle.docx", ("党支部工作记录本", "某某大学党支部工作记录本")))
    with_logo = Document(str(folder / "themeday.docx"))  # a school's logo on every theme-day form
    with_logo.paragraphs[0].insert_paragraph_before().add_run().add_picture(io.BytesIO(tiny_png()), width=Mm(20))
    with_logo.save(str(folder / "themeday.docx"))
    data = book_and_statistics(tmp_path, "bundle/admin-academic-2026-zh", root)
    blocks = facts(data)["blocks"]
    before = json.loads((BEFORE / "bundle" / "admin-academic-2026-zh.json").read_text(encoding="utf-8"))["blocks"]
    assert "某某大学党支部工作记录本" in blocks and "党支部工作记录本" not in blocks
    assert blocks.count("某某大学" + title) == before.count(title) > 3 and title not in blocks
    book = Document(io.BytesIO(data))  # each copy of the logo points to a picture of the book
    blips = list(book.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    assert len(blips) == before.count(title)
    for blip in blips:
        assert book.part.related_parts[blip.get(qn("r:embed"))].content_type == "image/png"
    (folder / "meeting.docx").write_bytes(edited(folder / "meeting.docx", ("{{ place }}", "{{ plase }}")))
    broken = run_djrh("render", "--branch", "admin-academic", "--year", "2026", "--root", str(root), "-o", str(tmp_path / "b.docx"))
    assert broken.code == 2 and "templates/meeting.docx" in broken.err and "{{ plase }}" in broken.err
    assert not (tmp_path / "b.docx").exists()


def test_a_trees_statistics_template_wins_and_is_checked(tmp_path):
    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    folder = root / "templates"
    (folder / "statistics.docx").write_bytes(edited(folder / "statistics.docx", ("年度党建与业务融合工作统计表", "年度某某大学党建工作统计表")))
    blocks = facts(book_and_statistics(tmp_path, "statistics/2026-zh", root))["blocks"]
    assert blocks[0] == "2026年度某某大学党建工作统计表"
    (folder / "statistics.docx").write_bytes(edited(folder / "statistics.docx", ("{{ meetings_note }}", "{{ meetings_not }}")))
    (folder / "bundle.docx").write_bytes(edited(folder / "bundle.docx", ("{{ secretary }}", "{{ secretry }}")))
    check = run_djrh("templates", "check", "--root", str(root))
    assert check.code == 1
    assert "templates/statistics.docx" in check.out and "{{ meetings_not }}" in check.out
    assert "templates/bundle.docx" in check.out and "{{ secretry }}" in check.out
    report = run_djrh("report", "--format", "docx", "--root", str(root), "-o", str(tmp_path / "r.docx"))
    assert report.code == 2 and "templates/statistics.docx" in report.err and "{{ meetings_not }}" in report.err


@pytest.mark.parametrize(("args", "template"), [
    (("render", "--branch", "admin-academic", "--year", "2026"), "templates/bundle.docx"),
    (("report", "--format", "docx"), "templates/statistics.docx"),
])
def test_the_sandbox_bounds_hold_for_the_book_and_the_statistics(tmp_path, monkeypatch, args, template):
    from djrh.render import templates

    monkeypatch.setattr(templates, "MAX_OUTPUT", 2000)
    result = run_djrh(*args, "-o", str(tmp_path / "x.docx"), "--root", str(DEMO))
    assert result.code == 2, result.err
    assert template in result.err and "MiB" in result.err
    assert not (tmp_path / "x.docx").exists()


def test_the_wheel_holds_the_templates(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(PROJECT), "--no-deps", "-q", "-w", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = tmp_path.glob("djrh-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in NAMES:
            for folder in ("djrh/templates/", "djrh/templates/en/"):
                path = f"{folder}{name}.docx"
                assert path in names, path
                assert archive.read(path) == (PROJECT / "templates" / path.removeprefix("djrh/templates/")).read_bytes()


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xc0\x10\x10" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_the_readme_example_a_new_title_line_and_a_school_logo(tmp_path):
    """README's worked example, done as Word would: the title changed, a logo put above it; the
    template checks clean and the form prints both."""
    import io

    from docx import Document
    from docx.shared import Mm

    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    path = root / "templates" / "themeday.docx"
    document = Document(str(path))
    [title] = [p for p in document.paragraphs if p.text == "党建融合主题党日活动设计模板"]
    title.runs[0].text = "某某大学党建融合主题党日活动设计模板"
    logo = title.insert_paragraph_before()
    logo.add_run().add_picture(io.BytesIO(tiny_png()), width=Mm(20))
    document.save(str(path))
    check = run_djrh("templates", "check", "--root", str(root))
    assert check.code == 0, check.out
    data = render(tmp_path, "nursing-faculty-1-2026-03", "zh", root)
    assert "某某大学党建融合主题党日活动设计模板" in facts(data)["blocks"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


@pytest.mark.parametrize(("case", "template", "title", "printed"), [
    ("bundle/admin-academic-2026-zh", "bundle.docx", "党支部工作记录本", "某某大学党支部工作记录本"),
    ("statistics/2026-zh", "statistics.docx", "{{ year }}年度党建与业务融合工作统计表", "2026年度某某大学党建与业务融合工作统计表"),
])
def test_the_readme_example_holds_for_the_book_and_the_statistics(tmp_path, case, template, title, printed):
    """The same worked example on the 工作记录本's cover and on the report's statistics table."""
    import io

    from docx import Document
    from docx.shared import Mm

    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    path = root / "templates" / template
    document = Document(str(path))
    [line] = [p for p in document.paragraphs if p.text == title]
    line.runs[0].text = title.replace("党", "某某大学党", 1)
    logo = line.insert_paragraph_before()
    logo.add_run().add_picture(io.BytesIO(tiny_png()), width=Mm(20))
    document.save(str(path))
    check = run_djrh("templates", "check", "--root", str(root))
    assert check.code == 0, check.out
    data = book_and_statistics(tmp_path, case, root)
    assert printed in facts(data)["blocks"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


# ---- issue 11, printed forms


def raw_texts(data: bytes) -> list[str]:
    """Every paragraph's text as written, joiners included."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    return ["".join(node.text or "" for node in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))]


@pytest.mark.parametrize("record", ["nursing-faculty-1-2026-03", "retired-2026-12-10-life-meeting", "model-branch-2025-nursing-faculty-1"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_date_or_time_breaks_inside(tmp_path, record, lang):
    """Between the characters of every date and time: a word joiner (no break), never a plain space:
    `2026年12月16日` cannot wrap as `2026年12月16` ⏎ `日`."""
    assert dates_held_together(raw_texts(render(tmp_path, record, lang))) >= 2


DATES = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}"
                   r"|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}")


def dates_held_together(texts: list[str]) -> int:
    """How many dates and times these paragraphs hold, each asserted to be written with a word
    joiner between its characters (and a no-break space for a space)."""
    found = 0
    for text in texts:
        plain = text.replace("\u2060", "").replace("\u00a0", " ")
        for match in DATES.finditer(plain):
            found += 1
            joined = "\u2060".join(match.group(0).replace(" ", "\u00a0"))
            assert joined in text, (match.group(0), text)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_date_breaks_inside_the_report_or_the_record_book(tmp_path, lang):
    """The same for what is not a template: the report's 统计截至 date and a waiver's 有效期至
    (`2027-` ⏎ `03-31` in its table), the record book's cover and minutes, and a date written
    without its year in a record's text (`6月30日前`)."""
    import shutil

    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    day = root / "themedays/2026/nursing-faculty-1-2026-03.yaml"
    day.write_text(day.read_text("utf-8").replace("形成方案：", "形成方案（6月30日前完成）："), "utf-8")
    report = run_djrh("report", "--format", "docx", "-o", str(tmp_path / "report.docx"), "--root", str(root),
                      "--as-of", "2026-12-01", "--lang", lang)
    assert report.code == 0, report.err
    texts = raw_texts((tmp_path / "report.docx").read_bytes())
    assert dates_held_together(texts) >= 2
    assert any("\u2060".join("2027-03-31") in text for text in texts)  # the waiver of nursing-student-1
    book = run_djrh("render", "--branch", "nursing-faculty-1", "--year", "2026", "-o", str(tmp_path / "book.docx"),
                    "--root", str(root), "--as-of", "2026-12-01", "--lang", lang)
    assert book.code == 0, book.err
    texts = raw_texts((tmp_path / "book.docx").read_bytes())
    assert dates_held_together(texts) >= 20
    assert any("\u2060".join("6月30日") in text for text in texts)


def test_the_theme_day_form_is_headed_annex_2_as_the_source_heads_it(tmp_path):
    """000_3673d4a9ac7d6382.txt: "附件 2：" above 党建融合主题党日活动设计模板, at the top left in 黑体."""
    import io

    from docx import Document

    data = render(tmp_path, "nursing-faculty-1-2026-03")
    blocks = facts(data)["blocks"]
    assert blocks[:2] == ["附件2：", "党建融合主题党日活动设计模板"]
    first = Document(io.BytesIO(data)).paragraphs[0]
    assert first.alignment == 0  # left
    assert first.runs[0]._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "黑体"
    assert facts(render(tmp_path, "retired-2026-12-10-life-meeting"))["blocks"][0] != "附件2："


SCAFFOLD_DAY = """---
kind: themeday
branch: nursing-faculty-1
date: 2026-12-16
time: 14:30-17:00
place: 护理实训中心三楼示教室
theme: 期末技能考核复盘
integration: true
entry_point: central_work
business_work: 复盘期末技能考核。
prescribed: 学习党章。
attendance:
  expected: 11
  present: 10
  absent:
    - {name: 夏雨, reason: 病假}
---

## 会议记录

- 时间：2026年12月16日（星期三）14:30—17:00
- 地点：护理实训中心三楼示教室
- 主持人：
- 记录人：
- 应到人数：　　实到人数：
- 缺席人员及原因：

### 一、理论学习（规定动作）

学习党章第一章。

### 二、党务工作布置（规定动作）

### 五、任务安排
"""


def test_markdown_minutes_title_once_headings_attendance_and_no_empty_page(tmp_path):
    import io

    from docx import Document
    from docx.oxml.ns import qn

    root = tree_copy(tmp_path)
    (root / "themedays" / "2026" / "nursing-faculty-1-2026-12.md").write_text(SCAFFOLD_DAY, encoding="utf-8")
    data = render(tmp_path, "nursing-faculty-1-2026-12", "zh", root)
    blocks = facts(data)["blocks"]
    assert blocks.count("会议记录") == 1  # the scaffold's "## 会议记录" is the page's title, once
    assert "• 应到人数：11人　　实到人数：10人" in blocks
    assert "• 缺席人员及原因：夏雨（病假）" in blocks
    document = Document(io.BytesIO(data))
    paragraphs = {p.text: p for p in document.paragraphs}
    heading = paragraphs["一、理论学习（规定动作）"]
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next
    body = paragraphs["学习党章第一章。"]
    assert not body.runs[0].bold
    # headings with nothing under them do not hold on to what follows
    for empty in ("二、党务工作布置（规定动作）", "五、任务安排"):
        assert not paragraphs[empty].paragraph_format.keep_with_next, empty
    # the minutes are the last page: the form, then exactly one page break before the minutes
    breaks = [p for p in document.element.body.iter(qn("w:pageBreakBefore"))]
    assert len(breaks) == 1


def test_each_form_of_a_book_has_the_whole_range_budget(tmp_path):
    """The forms of a book are filled in one process, their templates compiled once for all of them;
    the bound on range() is still a form's: nine theme days that each loop 600,000 times (over the
    1,000,000 of one form together, not alone) make a book."""
    root = tree_copy(tmp_path)
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    loop = "{% for j in range(6) %}{% for i in range(100000) %}{% endfor %}{% endfor %}{{ theme }}"
    (folder / "themeday.docx").write_bytes(edited(PROJECT / "templates" / "themeday.docx", ("{{ theme }}", loop)))
    result = run_djrh("render", "--branch", "admin-academic", "--year", "2026", "-o", str(tmp_path / "book.docx"),
                      "--root", str(root))
    assert result.code == 0, result.err
    book = "\n".join(paragraph_texts(tmp_path / "book.docx"))
    themes = [yaml_value(path, "theme") for path in sorted((root / "themedays" / "2026").glob("admin-academic-2026-*.yaml"))]
    assert len(themes) >= 2 and all(theme in book for theme in themes)


def test_a_book_fills_its_forms_as_each_is_filled_alone(tmp_path):
    """A template compiled once and filled many times gives each form its own values: the book's
    theme-day forms hold, in order, what the same records' forms hold rendered one by one."""
    book = tmp_path / "book.docx"
    assert run_djrh("render", "--branch", "admin-academic", "--year", "2026", "-o", str(book), "--root", str(DEMO)).code == 0
    text = "\n".join(paragraph_texts(book))
    at = 0
    for path in sorted((DEMO / "themedays" / "2026").glob("admin-academic-2026-*.yaml")):
        single = tmp_path / f"{path.stem}.docx"
        assert run_djrh("render", path.stem, "-o", str(single), "--root", str(DEMO)).code == 0
        form = [line for line in paragraph_texts(single) if line.strip() and not line.startswith(("记录来源", "Source"))]
        for line in form:
            found = text.find(line, at)
            assert found >= 0, (path.stem, line)
            at = found


def test_a_sandbox_started_ahead_is_stopped_when_the_render_is_refused(tmp_path):
    """`djrh render` starts its sandbox before reading the tree; refused (an unknown branch) it
    leaves neither a process nor its working folder behind."""
    import os

    from djrh.render import templates

    result = run_djrh("render", "--branch", "no-such-branch", "--year", "2026", "--root", str(DEMO))
    assert result.code == 2
    assert templates._SPARE == []
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = run_djrh_process("render", "--branch", "no-such-branch", "--year", "2026", "--root", str(DEMO),
                            env={"TMPDIR": str(scratch)})
    assert done.code == 2 and "no-such-branch" in done.err
    assert list(scratch.iterdir()) == []
    done = run_djrh_process("render", "--branch", "admin-academic", "--year", "2026", "--root", str(DEMO),
                            "-o", str(tmp_path / "book.docx"), env={"TMPDIR": str(scratch)})
    assert done.code == 0, done.err
    assert list(scratch.iterdir()) == [] and os.path.getsize(tmp_path / "book.docx") > 0


def paragraph_texts(path: Path) -> list[str]:
    """Every paragraph's text of a DOCX's body (table cells included), in order, as a reader sees it:
    raw_texts without what holds a date on one line."""
    return [text.replace("\u2060", "").replace("\u00a0", " ") for text in raw_texts(path.read_bytes())]


def yaml_value(path: Path, field: str) -> str:
    import yaml

    return str(yaml.safe_load(path.read_text(encoding="utf-8"))[field])


@pytest.mark.parametrize("args", [
    ("render", "--branch", "nursing-faculty-1", "--year", "2026"),  # values of several lines
    ("report", "--year", "2026", "--format", "docx"),  # none anywhere
])
def test_a_part_without_a_tab_or_a_line_break_is_filled_as_docxtpl_fills_it(tmp_path, monkeypatch, args):
    """Filling skips docxtpl's pass turning a tab, a line break, \\a and \\f into Word's elements for a
    part that holds none of them: every part of the book and of the statistics table comes out as
    with that pass, and a value's line break is still Word's."""
    from djrh.render import templates

    jobs = []
    monkeypatch.setattr(templates, "_in_sandbox", lambda job, names: jobs.append(job) or b"")
    run_djrh(*args, "-o", str(tmp_path / "out.docx"), "--as-of", "2026-12-01", "--root", str(DEMO))
    assert len(jobs) == 1
    skipped = templates.fill(jobs[0])
    monkeypatch.setattr(templates, "_LISTING", re.compile(""))  # matches every part: docxtpl's pass runs
    full = templates.fill(jobs[0])
    with zipfile.ZipFile(io.BytesIO(skipped)) as one, zipfile.ZipFile(io.BytesIO(full)) as other:
        assert one.namelist() == other.namelist()
        for name in one.namelist():
            assert one.read(name) == other.read(name), name
        body = one.read("word/document.xml").decode()
    if args[0] == "render":
        assert "<w:br/>" in body


def test_the_sandbox_is_stopped_at_the_wall_clock_bound(monkeypatch):
    """A filling process that neither ends nor uses the processor (so that no CPU limit stops it) is
    killed when TIME_LIMIT has passed, and the error says so."""
    import subprocess
    import sys
    import time

    from djrh.render import RenderError, templates

    monkeypatch.setattr(templates, "TIME_LIMIT", 1)
    sandbox = templates._Sandbox()
    sandbox.process.kill()
    sandbox.process.wait()
    sandbox.process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.PIPE)
    start = time.monotonic()
    try:
        with pytest.raises(RenderError) as raised:
            sandbox.run(("fill", b"", {}, ""), ["templates/themeday.docx"])
    finally:
        sandbox.close()
    assert time.monotonic() - start < 10
    said = raised.value.message.render("zh")
    assert "templates/themeday.docx" in said and "超过 1 秒" in said, said


@pytest.mark.parametrize("args, forms", [
    (("report", "--year", "2026", "--format", "docx"), ("statistics",)),
    (("render", "--branch", "nursing-faculty-1", "--year", "2026"), ("bundle", "themeday", "meeting")),
])
def test_a_sandbox_started_ahead_compiles_the_built_in_forms_before_its_job(tmp_path, monkeypatch, args, forms):
    """While the tree is read, the sandbox cleans and compiles the built-in templates its job will
    fill (templates.ahead): the job then compiles nothing, and fills exactly what it fills without
    them compiled. A tree's own template is not touched before the job comes."""
    import jinja2

    from djrh.render import templates

    jobs = []
    monkeypatch.setattr(templates, "_in_sandbox", lambda job, names: jobs.append(job) or b"")
    run_djrh(*args, "-o", str(tmp_path / "out.docx"), "--as-of", "2026-12-01", "--root", str(DEMO))
    compiled = []
    original = jinja2.Environment.from_string
    monkeypatch.setattr(jinja2.Environment, "from_string", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))

    monkeypatch.setattr(templates, "_FILLING", [])  # a new sandbox: nothing compiled yet
    cold = templates.fill(jobs[0])
    assert compiled

    monkeypatch.setattr(templates, "_FILLING", [])
    templates.warm([str(path) for path in templates.ahead(DEMO, forms, "zh")])
    assert compiled and len(templates.ahead(DEMO, forms, "zh")) == len(forms)
    compiled.clear()
    warmed = templates.fill(jobs[0])
    assert compiled == []
    with zipfile.ZipFile(io.BytesIO(cold)) as one, zipfile.ZipFile(io.BytesIO(warmed)) as other:
        assert [one.read(name) for name in one.namelist()] == [other.read(name) for name in other.namelist()]

    root = tree_copy(tmp_path)  # a tree's own template of the first form: not warmed, even when named
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / f"{forms[0]}.docx").write_bytes((PROJECT / "templates" / f"{forms[0]}.docx").read_bytes())
    assert forms[0] not in {path.stem for path in templates.ahead(root, forms, "zh")}
    monkeypatch.setattr(templates, "_FILLING", [])
    compiled.clear()
    templates.warm([str(root / "templates" / f"{forms[0]}.docx")])
    assert compiled == []


def test_a_style_of_a_form_the_book_lacks_is_added_once_with_the_style_it_is_based_on(tmp_path):
    """A tree's theme-day form whose title has a paragraph style of the school's own (based on another
    new one): the book holds both styles once, and every copy of the title names the first."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    path = root / "templates" / "themeday.docx"
    form = Document(str(path))
    base = form.styles.add_style("SchoolBase", WD_STYLE_TYPE.PARAGRAPH)
    title = form.styles.add_style("SchoolTitle", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = base
    heading = next(p for p in form.paragraphs if p.text.strip())
    heading.style = title
    form.save(str(path))
    data = book_and_statistics(tmp_path, "bundle/admin-academic-2026-zh", root)
    book = Document(io.BytesIO(data))
    ids = [style.get(qn("w:styleId")) for style in book.styles.element.iter(qn("w:style"))]
    assert ids.count("SchoolTitle") == 1 and ids.count("SchoolBase") == 1
    named = [p for p in book.element.body.iter(qn("w:pStyle")) if p.get(qn("w:val")) == "SchoolTitle"]
    themedays = len(list((root / "themedays" / "2026").glob("admin-academic-2026-*.*")))  # .yaml and .md
    assert len(named) == themedays >= 2
