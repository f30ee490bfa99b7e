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
