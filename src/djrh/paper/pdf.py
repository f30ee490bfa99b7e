"""DOCX → PDF through LibreOffice (`soffice --headless --convert-to pdf`), where it is installed.

Each run gets a private LibreOffice profile in a temporary folder (`-env:UserInstallation=…`), so a
conversion neither waits for nor disturbs a LibreOffice the user has open, and two runs never share
a profile. A hung LibreOffice is stopped after a timeout.

The official fonts the forms name (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) are rarely on a
Linux machine: on Linux the conversion is given a fontconfig file (fonts.conf beside this module)
that maps them to the closest Noto CJK faces — serif for 宋/仿宋/楷, sans for 黑体 — instead of
whatever fontconfig would pick. Where the real fonts are installed they are used.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from djrh.i18n import msg
from djrh.render import RenderError

TIMEOUT = 180  # seconds: the first run of a fresh profile takes a while on a slow machine
FONTS_CONF = Path(__file__).with_name("fonts.conf")


def find_office() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(docx: Path, timeout: int = TIMEOUT) -> bytes:
    """The PDF of `docx`, as bytes (the caller writes it where it belongs)."""
    office = find_office()
    if office is None:
        raise RenderError(msg("render.pdf_no_office"))
    with tempfile.TemporaryDirectory(prefix="djrh-pdf-") as work:
        folder = Path(work)
        profile, out = folder / "profile", folder / "out"
        out.mkdir()
        source = folder / "form.docx"  # a plain name: LibreOffice names the PDF after its input
        shutil.copyfile(docx, source)
        command = [
            office, f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), str(source),
        ]
        env = dict(os.environ)
        if sys.platform.startswith("linux") and FONTS_CONF.is_file():
            env["FONTCONFIG_FILE"] = str(FONTS_CONF)
        posix = os.name == "posix"
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                env=env, start_new_session=posix,
            )
        except OSError as error:
            raise RenderError(msg("render.pdf_failed", detail=error.strerror or str(error))) from None
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process, posix)
            raise RenderError(msg("render.pdf_timeout", seconds=timeout)) from None
        pdf = out / "form.pdf"
        if process.returncode != 0 or not pdf.is_file():
            said = (stderr or stdout).decode("utf-8", "replace").strip().splitlines()
            detail = said[-1] if said else f"exit {process.returncode}"
            raise RenderError(msg("render.pdf_failed", detail=detail))
        return pdf.read_bytes()


def _stop(process: subprocess.Popen, posix: bool) -> None:
    """Stop LibreOffice and the processes it started (its own process group)."""
    try:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.communicate()
