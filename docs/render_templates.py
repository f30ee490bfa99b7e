"""Render every form template to PNG, to look at a change to the house style before it is merged:
the templates are the source of the forms, edited in Word or LibreOffice, and reviewed as pictures.

    python docs/render_templates.py [OUT]        # default OUT: ./template-png

For each templates/*.docx and templates/en/*.docx: the template itself (its tags visible), and the
form it makes for a record of the demo tree (`djrh render`; the 工作记录本 of a branch, the report's
statistics table), converted with LibreOffice
(`soffice --headless --convert-to pdf`, the same private profile and font mapping as
`djrh render --pdf`) and `pdftoppm -png -r 60`. Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from djrh.paper import pdf

PROJECT = Path(__file__).resolve().parent.parent
# a record of the demo tree for each form
SAMPLES = {"themeday": ["render", "nursing-faculty-1-2026-03"], "meeting": ["render", "retired-2025-12-11-life-meeting"],
           "pilot": ["render", "model-branch-2025-nursing-faculty-1"],
           "bundle": ["render", "--branch", "admin-academic", "--year", "2026"],
           "statistics": ["report", "--format", "docx", "--year", "2026"]}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm") is None or pdf.find_office() is None:
        sys.exit("needs LibreOffice (soffice) and pdftoppm (poppler-utils)")
    for template in sorted((PROJECT / "templates").rglob("*.docx")):
        lang = "en" if template.parent.name == "en" else "zh"
        name = f"{template.stem}-{lang}"
        shots = [(f"{name}-template", template)]
        sample = SAMPLES.get(template.stem)
        if sample:
            filled = out / f"{name}-filled.docx"
            subprocess.run([sys.executable, "-m", "djrh", *sample, "--root", str(PROJECT / "records"), "-o",
                            str(filled), "--force", "--lang", lang], check=True, capture_output=True)
            shots.append((f"{name}-filled", filled))
        for stem, docx in shots:
            (out / f"{stem}.pdf").write_bytes(pdf.convert(docx))
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(out / f"{stem}.pdf"), str(out / stem)], check=True)
    for png in sorted(out.glob("*.png")):
        print(png)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("template-png"))
