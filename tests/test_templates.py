"""The printed forms as Word templates (issue 18): templates/*.docx is what `djrh render` fills,
the forms match the code-built ones they replaced, the sandbox's bounds hold for them too, and
`djrh templates export / check`."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO, PROJECT, run_djrh
from forms.reader import facts

BEFORE = Path(__file__).parent / "forms" / "before"
CASES = sorted(path.stem for path in BEFORE.glob("*.json"))


def render(tmp_path: Path, record: str, lang: str = "zh", root: Path = DEMO, *extra: str) -> bytes:
    target = tmp_path / f"{record}-{lang}.docx"
    result = run_djrh("render", record, "-o", str(target), "--root", str(root), "--force", "--as-of", "2026-12-01",
                      "--lang", lang, *extra)
    assert result.code == 0, result.err
    return target.read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_template_forms_match_the_code_built_ones(tmp_path, case):
    """Same text (labels and values, in order), same merged cells and header rows, same page setup,
    same fonts named, same footers as the forms python-docx built before (tests/forms/before)."""
    record, lang = case.rsplit("-", 1)
    before = json.loads((BEFORE / f"{case}.json").read_text(encoding="utf-8"))
    after = json.loads(json.dumps(facts(render(tmp_path, record, lang)), ensure_ascii=False))
    for key in ("blocks", "tables", "sections", "fonts", "footers", "even_odd"):
        assert after[key] == before[key], key


def test_render_fills_the_built_in_templates(tmp_path):
    data = render(tmp_path, "nursing-faculty-1-2026-03")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "{{" not in xml and "{%" not in xml
    assert "2026年技能大赛备赛" in xml
    for name in ("themeday", "meeting", "pilot"):
        assert (PROJECT / "templates" / f"{name}.docx").is_file()
        assert (PROJECT / "templates" / "en" / f"{name}.docx").is_file()


def test_the_templates_are_made_again_the_same(tmp_path):
    """docs/make_templates.py makes the committed templates: a change to the house style is a change
    to them, made by the script."""
    spec = importlib.util.spec_from_file_location("make_templates", PROJECT / "docs" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.make(tmp_path)
    assert len(made) == 6
    for path in made:
        committed = PROJECT / "templates" / path.relative_to(tmp_path)
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(committed) as old:
            for part in ("word/document.xml", "word/footer1.xml", "word/styles.xml"):
                if part in new.namelist():
                    assert new.read(part) == old.read(part), (path.name, part)


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
    assert sorted(p.name for p in folder.iterdir()) == ["meeting.docx", "pilot.docx", "themeday.docx"]
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
    assert clean.out.count("试填成功") == 3
    assert run_djrh("templates", "nonsense").code == 2


def test_a_tree_template_wins_over_the_built_in(tmp_path):
    root = tree_copy(tmp_path)
    assert run_djrh("templates", "export", "--root", str(root)).code == 0
    folder = root / "templates"
    title = "党建融合主题党日活动设计模板"
    (folder / "themeday.docx").write_bytes(edited(folder / "themeday.docx", (title, "某某大学" + title)))
    data = render(tmp_path, "nursing-faculty-1-2026-03", "zh", root)
    assert facts(data)["blocks"][0 if "附件" not in facts(data)["blocks"][0] else 1].startswith("某某大学")


def test_the_wheel_holds_the_templates(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(PROJECT), "--no-deps", "-q", "-w", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = tmp_path.glob("djrh-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in ("themeday", "meeting", "pilot"):
            for folder in ("djrh/templates/", "djrh/templates/en/"):
                path = f"{folder}{name}.docx"
                assert path in names, path
                assert archive.read(path) == (PROJECT / "templates" / path.removeprefix("djrh/templates/")).read_bytes()
