"""The forms as Word templates: the built-in ones (the project's top-level templates/: themeday,
meeting, pilot, bundle — the 工作记录本's cover and contents — and statistics, the report's table)
and an institution's own `templates/<name>.docx` in the records tree, which replaces the built-in one.

A template is a DOCX edited in Word or WPS with Jinja tags (`{{ theme }}`, `{%tr for task in tasks %}`,
docxtpl's syntax). It is filled from the same plain dictionary the built-in form reads
(djrh.render.context; docs/templates.md lists the keys), in a sandboxed Jinja environment:
values are escaped, an unknown variable is an error, and a tag reaching into Python objects
(`{{ ''.__class__ }}`) is refused. A broken template is an error naming the template and the tag.
The trace line is added to the footer when the template does not print `{{ trace.text }}`.

A template comes with the tree, so it is not trusted with the machine either. Before it is opened:
it must be a regular file of at most 20 MiB in a real `templates/` folder (no symbolic link, for the
folder or the file), and its zip directory must declare at most 1,000 parts and 128 MiB unpacked
(a 1 MB file inflating to 1 GiB is refused unread). It is then filled in a separate Python process
(djrh.render.sandbox) that may use 30 seconds (wall clock, and CPU time where the system counts
it), 1 GiB of memory and write 64 MiB of output, and is killed beyond them: Jinja's sandbox keeps a
template away from Python, these bounds keep it from the machine's time and memory
(`{{ 'a'|center(10**9) }}`, loops within loops). The limits on memory and output need POSIX
resource limits (Linux, and macOS for CPU and output); on Windows the wall-clock limit applies.
The bounds are generous: a real form template is a few dozen KB and fills in well under a second.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

from djrh.tree import treefile
from djrh.i18n import msg
from djrh.render import RenderError

FOLDER = "templates"

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024  # a form with a logo and a seal is well under 1 MiB
MAX_PARTS = 1000  # a Word document has a few dozen parts
MAX_UNPACKED = 128 * 1024 * 1024  # all parts, as the zip directory declares them
TIME_LIMIT = 30  # seconds for filling one template (wall clock; CPU time too where counted)
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the filling process
MAX_OUTPUT = 64 * 1024 * 1024  # the filled DOCX

_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_UNSAFE = re.compile(r"attribute '([^']+)'")
_UNCLOSED = re.compile(r"block that needs to be closed is '(\w+)'")
_LISTING = re.compile("[\t\n\a\f]")  # what docxtpl's resolve_listing turns into Word's elements


def find(root: Path, form: str) -> Path | None:
    """The tree's template of a form (`templates/themeday.docx`, `…/pilot.docx`, `…/bundle.docx`),
    or None. A template that is a link (or in a linked `templates/` folder), or not a regular file,
    is refused with the reason."""
    folder = root / FOLDER
    name = f"{form}.docx"
    for path, shown in ((folder, FOLDER + "/"), (folder / name, f"{FOLDER}/{name}")):
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            raise RenderError(msg("render.template_link", template=shown))
        if path == folder and not stat.S_ISDIR(info.st_mode):
            return None
    if not stat.S_ISREG(info.st_mode):
        raise RenderError(msg("render.template_not_file", template=shown))
    return folder / name


# The built-in forms (the project's top-level templates/, edited in Word or LibreOffice): in the
# wheel as djrh/templates (pyproject.toml), in a source checkout beside src/.
BUILTIN_NAMES = ("themeday", "meeting", "pilot", "bundle", "statistics")


def builtin_folder() -> Path:
    packaged = Path(__file__).resolve().parent.parent / FOLDER
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / FOLDER


def builtin(form: str, lang: str) -> Path | None:
    """The built-in template of a form in `lang` (English forms in templates/en/), or None."""
    folder = builtin_folder()
    for path in ((folder / "en" / f"{form}.docx") if lang == "en" else None, folder / f"{form}.docx"):
        if path is not None and path.is_file():
            return path
    return None


def render(template: Path, context: dict, trace_text: str, root: Path) -> bytes:
    """Fill `template` (the tree's own, or a built-in one) in the sandbox process, within the same
    bounds for both; its DOCX, or RenderError saying why not."""
    data, shown = _load(template, root)
    return _in_sandbox(("fill", data, context, trace_text), [shown])


def render_book(cover: tuple[Path, dict, str], forms: list[tuple[Path, dict, str]], root: Path) -> bytes:
    """The 工作记录本: the cover and contents template (bundle.docx) filled with its values, then each
    (template, values, trace text) of `forms` filled and appended in a section of its own
    (djrh.render.assemble). All filled in one sandbox process, within the same bounds as one form."""
    paths = list(dict.fromkeys([cover[0], *(path for path, _, _ in forms)]))
    loaded = [_load(path, root) for path in paths]
    number = {path: index for index, path in enumerate(paths)}
    job = ("book", [data for data, _ in loaded], (number[cover[0]], cover[1], cover[2]),
           [(number[path], values, trace) for path, values, trace in forms])
    return _in_sandbox(job, [shown for _, shown in loaded])


def _load(template: Path, root: Path) -> tuple[bytes, str]:
    """The bytes of a template (a regular file of the tree, within the size bound, or a built-in
    one) and the name it is shown by, its archive checked for a zip bomb."""
    if template.is_relative_to(builtin_folder()):
        shown = f"{FOLDER}/{template.relative_to(builtin_folder()).as_posix()} (djrh)"
        data = template.read_bytes()
        if len(data) > MAX_TEMPLATE_BYTES:
            raise RenderError(msg("render.template_too_large", template=shown, limit="20 MiB"))
    else:
        shown = template.relative_to(root).as_posix() if template.is_relative_to(root) else str(template)
        try:
            data, _ = treefile.read(root, shown, MAX_TEMPLATE_BYTES)
        except treefile.Unreadable as problem:
            if problem.message.key == "syn.too_large":
                raise RenderError(msg("render.template_too_large", template=shown, limit="20 MiB")) from None
            raise RenderError(msg("render.template_unreadable", template=shown, detail=problem.message.render())) from None
    check_archive(data, shown)
    return data, shown


def check_archive(data: bytes, shown: str) -> None:
    """Refuse a zip bomb before anything is unpacked: the directory's part count and declared sizes
    (unpacking stops at the declared size: a part that holds more fails its check)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise RenderError(msg("render.template_unreadable", template=shown, detail=_one_line(error))) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
        detail = f"{len(parts)} / {unpacked / 1024 / 1024:.0f} MiB"
        raise RenderError(msg("render.template_bomb", template=shown, detail=detail, parts=MAX_PARTS, limit="128 MiB"))


@contextmanager
def started_ahead(wanted: bool = True, warm: list[Path] | None = None):
    """A sandbox process started now, before its job is ready: it imports what fills templates
    (python-docx, docxtpl, jinja) while this process reads the tree — on two cores the two overlap —
    and cleans and compiles the parts of the built-in templates `warm` (`ahead`: the forms the job
    will fill). The next fill takes it; one no fill took (a render refused early) is stopped at
    the end. `wanted` False: none is started (a command whose output this time is not a filled
    template)."""
    if wanted:
        _SPARE.append(_Sandbox(warm or []))
    try:
        yield
    finally:
        while _SPARE:
            _SPARE.pop().close()


_SPARE: list[_Sandbox] = []


def ahead(root: Path, forms: tuple[str, ...], lang: str) -> list[Path]:
    """The built-in templates of `forms` that the tree does not replace with its own: what a sandbox
    started ahead may compile before its job comes. (A tree's own template is never touched before
    the job and its bounds: a template the tree cannot use is said when it is filled.)"""
    paths = []
    for form in forms:
        try:
            if find(root, form) is not None:
                continue
        except RenderError:
            continue
        path = builtin(form, lang)
        if path is not None:
            paths.append(path)
    return paths


def _in_sandbox(job: tuple, names: list[str]) -> bytes:
    """Give the job (the templates and the values) to a sandbox process (the one started ahead, or a
    new one) and take the DOCX it writes. `names`: how each template of the job is shown in a
    message (the first for a bound)."""
    sandbox = _SPARE.pop() if _SPARE else _Sandbox()
    try:
        return sandbox.run(job, names)
    finally:
        sandbox.close()


class _Sandbox:
    """djrh.render.sandbox in a fresh Python: isolated mode, djrh's own import path, an empty
    temporary working folder; its output and errors in files of that folder."""

    def __init__(self, warm: list[Path] | None = None) -> None:
        code = f"import sys; sys.path[:0] = {[p for p in sys.path if p]!r}; from djrh.render.sandbox import main; main()"
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        self.work = tempfile.TemporaryDirectory(prefix="djrh-template-")
        self.out = tempfile.TemporaryFile(dir=self.work.name)
        self.err = tempfile.TemporaryFile(dir=self.work.name)
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", code, *map(str, warm or [])], stdin=subprocess.PIPE, stdout=self.out,
            stderr=self.err, cwd=self.work.name, creationflags=flags,
        )

    def run(self, job: tuple, names: list[str]) -> bytes:
        process, out, err = self.process, self.out, self.err
        # The wall-clock bound is a timer that kills the process: waiting without a timeout returns
        # as soon as it ends, where Popen's wait with one polls it, up to 50 ms late.
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            process.kill()

        timer = threading.Timer(TIME_LIMIT, stop)
        timer.daemon = True
        timer.start()
        try:
            limits = (TIME_LIMIT, MEMORY_LIMIT, MAX_OUTPUT)
            process.communicate(pickle.dumps((limits, job), protocol=5))
        except OSError:  # it ended before it took the whole job (killed by the timer, or a limit)
            process.wait()
        finally:
            timer.cancel()
        if expired.is_set() and process.returncode != 0:
            raise RenderError(msg("render.template_timeout", template=names[0], seconds=TIME_LIMIT))
        size = out.seek(0, os.SEEK_END)
        if process.returncode == 0 and size <= MAX_OUTPUT:
            out.seek(0)
            return out.read()
        err.seek(max(0, err.seek(0, os.SEEK_END) - 65536))
        said = err.read().decode("utf-8", "replace").strip().splitlines()
        raise RenderError(_failure(process.returncode, size, said[-1] if said else "", names))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        self.out.close()
        self.err.close()
        self.work.cleanup()


def _failure(code: int, size: int, said: str, names: list[str]):
    """Why the sandbox gave no DOCX: what it said (of which template), or how it was stopped."""
    shown = names[0]
    if code == 3:
        try:
            problem = json.loads(said)
            key = problem["key"]
            which = problem.get("template")
            if isinstance(which, int) and 0 <= which < len(names):
                shown = names[which]
            if isinstance(key, str) and key.startswith("render.template_"):
                limit = _mib(MAX_OUTPUT if key == "render.template_output" else MEMORY_LIMIT)
                if key.startswith("render.template_bound."):
                    limit = f"{ {'power': 64, 'range': MAX_ITERATIONS}.get(key.rsplit('.', 1)[1], MAX_SIZE):,}"
                return msg(key, template=shown, tag=str(problem.get("tag") or "?"), detail=str(problem.get("detail") or ""),
                           limit=limit)
        except (ValueError, KeyError, TypeError):
            pass
    if code == -getattr(signal, "SIGXCPU", 0) or code == -getattr(signal, "SIGKILL", 0):
        return msg("render.template_timeout", template=shown, seconds=TIME_LIMIT)
    if code == -getattr(signal, "SIGXFSZ", 0) or size > MAX_OUTPUT:
        return msg("render.template_output", template=shown, limit=_mib(MAX_OUTPUT))
    if code > 0 and "MemoryError" not in said:  # not a limit: say what it said
        return msg("render.template_error", template=shown, tag="?", detail=said[-200:] or f"exit {code}")
    return msg("render.template_memory", template=shown, limit=_mib(MEMORY_LIMIT))


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:g} MiB"


class TemplateProblem(Exception):
    """What is wrong with a template, found while filling it (in the sandbox process)."""

    def __init__(self, key: str, tag: str | None, detail: str) -> None:
        super().__init__(key)
        self.key, self.tag, self.detail = key, tag, detail
        self.template = 0  # which template of the job


def prepare() -> None:
    """Import what filling needs and make the jinja environment: the sandbox does it before its job
    arrives (djrh's own code and its libraries, nothing of the job's)."""
    import importlib

    for module in ("djrh.paper.style", "djrh.render.assemble"):
        importlib.import_module(module)
    _filling()


# The document properties docxtpl fills as templates (DocxTemplate.render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def warm(paths: list[str]) -> None:
    """Clean and compile every part of the built-in templates `paths` as filling would (_filling's
    caches), before the job comes. Filled with no values, each part stops at its first tag: by
    then it is compiled. Anything else is left to the fill, which says what is wrong."""
    template_class, environment = _filling()
    environment.autoescape = True  # as fill_document fills: the escaping is compiled in
    own = builtin_folder().resolve()
    for path in map(Path, paths):
        try:
            if not path.resolve().is_relative_to(own):
                continue  # only djrh's own: a tree's template is read under the job's bounds
            document = template_class(io.BytesIO(path.read_bytes()))
            document.render_init()
            parts = [(document.get_xml(), document.docx._part)]
            for uri in (document.HEADER_URI, document.FOOTER_URI):
                parts += [(document.get_part_xml(part), part) for _, part in document.get_headers_footers(uri)]
        except Exception:
            continue
        for xml, part in parts:
            try:
                document.render_xml_part(document.patch_xml(xml), part, {}, environment)
            except Exception:  # stopped at its first value: compiled by then
                pass
        for name in _PROPERTIES:
            try:
                environment.from_string(getattr(document.docx.core_properties, name))
            except Exception:
                pass
        try:
            document.render_footnotes({}, environment)
        except Exception:
            pass


def fill(job: tuple) -> bytes:
    """Do the sandbox's `job`: ("fill", template, values, trace text), one form, or ("book",
    templates, (index, values, trace text) of the cover, the same of each form), the 工作记录本.
    Run in the sandbox process only."""
    from djrh.paper import style
    from djrh.render import assemble

    if job[0] == "fill":
        return style.to_bytes(fill_document(*job[1:]))

    _, templates, (index, values, trace_text), forms = job
    book = _numbered(index, fill_document, templates[index], values, trace_text)
    styles = assemble.style_ids(book)
    for index, values, trace_text in forms:
        assemble.append(book, _numbered(index, fill_document, templates[index], values, trace_text), styles)
    return style.to_bytes(book)


def _numbered(index: int, function, *args):
    try:
        return function(*args)
    except TemplateProblem as problem:
        problem.template = index
        raise


def fill_document(data: bytes, context: dict, trace_text: str):
    """Fill the template `data` (DOCX bytes) with `context`: the python-docx Document."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    template_class, environment = _filling()
    try:
        document = template_class(io.BytesIO(data))
        document.init_docx()
    except Exception as error:  # not a zip, not a Word document, a missing part…
        raise TemplateProblem("render.template_unreadable", None, _one_line(error)) from None
    if isinstance(context.get("minutes_page"), str):  # djrh's own layout of the minutes, not a value to escape
        from markupsafe import Markup

        context = {**context, "minutes_page": Markup(context["minutes_page"])}
    try:
        document.render(context, jinja_env=environment, autoescape=True)
    except TemplateError as error:
        detail = _one_line(error)
        if isinstance(error, TemplateBound):
            key, needle, detail = f"render.template_bound.{error.bound}", None, f"{error.value}"
            tag = _tag_with(data, str(error.value)) if error.bound == "number" else None
            raise TemplateProblem(key, tag or _tag_with(data, error.needle) or error.needle, detail) from None
        if isinstance(error, SecurityError):
            key, needle = "render.template_unsafe", _first(_UNSAFE.search(detail))
        elif isinstance(error, UndefinedError):
            key, needle = "render.template_undefined", _first(_UNDEFINED.search(detail))
        elif isinstance(error, TemplateSyntaxError):
            key, needle = "render.template_syntax", _error_line(error)
            block = _UNCLOSED.search(detail)
            if block is not None:  # {% for %} without {% endfor %}: the error is at the end of the file
                needle = _last_block_tag(data, block.group(1)) or needle
        else:
            key, needle = "render.template_error", None
        tag = _tag_with(data, needle) if needle else None
        raise TemplateProblem(key, tag or needle, detail) from None
    except MemoryError:
        raise
    except Exception as error:  # docxtpl's own post-processing of what the tags produced
        raise TemplateProblem("render.template_error", None, _one_line(error)) from None
    from djrh.paper import style

    style.ensure_trace(document.docx, trace_text)
    style.release_long_rows(document.docx)
    return document.docx


_FILLING: list = []  # this sandbox process's (template class, environment): see _filling


def _filling():
    """The docxtpl template class and the bounded jinja environment of this sandbox process, its
    bounds set afresh for the next form. The forms of a book share a few templates (a theme day's
    form a dozen times): each part's Word XML is cleaned for jinja (docxtpl's patch_xml) and
    compiled once for all of them, not once a form — two thirds of filling a form. Both are pure
    functions of the part's text, so a form comes out as it would alone."""
    if not _FILLING:
        from docxtpl import DocxTemplate
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        patched: dict[str, str] = {}
        compiled: dict[tuple[str, object], object] = {}

        class Template(DocxTemplate):
            def patch_xml(self, src_xml):
                found = patched.get(src_xml)
                if found is None:
                    found = patched[src_xml] = super().patch_xml(src_xml)
                return found

            def resolve_listing(self, xml):
                # docxtpl makes a tab, a line break, \a and \f in a text into Word's own elements, with
                # three nested regular-expression passes over every paragraph of the filled part; a
                # part without any of them anywhere comes out of those passes unchanged (a quarter
                # of filling the statistics table, which holds none)
                if _LISTING.search(xml) is None:
                    return xml
                return super().resolve_listing(xml)

        class Sandbox(SandboxedEnvironment):
            def from_string(self, source, globals=None, template_class=None):
                if globals is not None or template_class is not None or not isinstance(source, str):
                    return super().from_string(source, globals, template_class)
                key = (source, self.autoescape)  # escaping is compiled in
                found = compiled.get(key)
                if found is None:
                    found = compiled[key] = super().from_string(source)
                return found

        _FILLING.extend((Template, bounded_sandbox(Sandbox, StrictUndefined)))
    template_class, environment = _FILLING
    environment.next_form()
    return template_class, environment


# A form template needs no big numbers: these bounds stop one from exhausting memory or time.
MAX_SIZE = 100_000  # a repeated string or list, a number passed to a method (ljust, center, …)
MAX_ITERATIONS = 1_000_000  # items produced by range() in one render, all loops together


def bounded_sandbox(sandbox: type, undefined: type):
    """Jinja's sandbox (no Python internals) with bounds on what a template can make it build.
    A bound reached raises TemplateBound: which bound, the value, and the text of the tag to name."""
    from jinja2.sandbox import SecurityError

    class Bound(TemplateBound, SecurityError):
        pass

    def check_numbers(args, kwargs, name: str) -> None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
                raise Bound("number", value, MAX_SIZE, name)

    class BoundedSandbox(sandbox):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
                raise Bound("power", right, 64, "**")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_SIZE:
                        raise Bound("repeat", count, MAX_SIZE, "*")
            return super().call_binop(context, operator, left, right)

        def call(self, context, obj, *args, **kwargs):
            check_numbers(args, kwargs, getattr(obj, "__name__", ""))
            return super().call(context, obj, *args, **kwargs)

    environment = BoundedSandbox(autoescape=True, undefined=undefined)
    # Filters are called directly by the compiled template, not through `call`: the same bound on
    # their numbers (`'a'|center(1000000000)` is refused at once instead of filling the memory).
    environment.filters = {name: _bounded_filter(f, name, check_numbers) for name, f in environment.filters.items()}
    budget = [MAX_ITERATIONS]

    def bounded_range(*args):
        values = range(*args)
        budget[0] -= len(values)
        if budget[0] < 0:
            raise Bound("range", len(values), MAX_ITERATIONS, "range")
        return values

    def next_form() -> None:  # the budget of range() is a form's, not the process's
        budget[0] = MAX_ITERATIONS

    environment.globals["range"] = bounded_range
    environment.next_form = next_form
    return environment


class TemplateBound(Exception):
    """A bound of the sandbox reached: `bound` (number, power, repeat, range), the value, the limit,
    and what to look for in the template's tags to name the one that did it."""

    def __init__(self, bound: str, value, limit: int, needle: str) -> None:
        super().__init__(f"{bound} {value} over {limit}")
        self.bound, self.value, self.limit, self.needle = bound, value, limit, needle


def _bounded_filter(function, name: str, check):
    """The filter, refusing a too-large number among its arguments (not the value it filters, nor
    the context jinja passes first to some filters)."""
    import functools

    from jinja2.utils import _PassArg

    skip = 2 if _PassArg.from_obj(function) is not None else 1

    @functools.wraps(function)  # keeps jinja's pass_context / pass_environment marks
    def bounded(*args, **kwargs):
        check(args[skip:], kwargs, name)
        return function(*args, **kwargs)

    return bounded


def _first(match: re.Match | None) -> str | None:
    if match is None:
        return None
    return next((group for group in match.groups() if group), None) if match.groups() else match.group(0)


def _error_line(error) -> str | None:
    """The text (Word markup removed) of the line of a syntax error, as docxtpl keeps it."""
    lines = list(getattr(error, "docx_context", None) or [])
    if not lines or error.lineno is None:
        return None
    index = min(3, error.lineno - 1, len(lines) - 1)
    text = lines[index].strip()
    return text or None


def _tag_with(template: bytes, needle: str) -> str | None:
    """The first Jinja tag of the template that contains `needle` (or, for a line, a tag of it)."""
    tags = []
    for text in _texts(template):
        tags.extend(_TAG.findall(text))
    for tag in tags:
        if needle in tag:
            return tag
    return _broken_tag(needle)


_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENING = re.compile(r"\{[{%#]")


def _broken_tag(line: str) -> str | None:
    """In the text of a line with a syntax error: the first tag that is not closed, else its last tag."""
    for opening in _OPENING.finditer(line):
        rest = line[opening.start():]
        end = rest.find(_CLOSER[rest[:2]], 2)
        following = _OPENING.search(rest, 2)
        if end < 0 or (following is not None and following.start() < end):
            return re.match(r"\{[{%#][^{}%#]*[}%#]?", rest).group(0).strip()
    tags = _TAG.findall(line)
    return tags[0] if tags else None


def _last_block_tag(template: bytes, name: str) -> str | None:
    """The last `{% name … %}` tag of the template (docxtpl's {%p/{%tr/{%tc/{%r forms too)."""
    opening = re.compile(r"\{%-?[ptrc]{0,2}\s+" + re.escape(name) + r"\b")
    found = [tag for text in _texts(template) for tag in _TAG.findall(text) if opening.match(tag)]
    return found[-1] if found else None


def _texts(template: bytes) -> list[str]:
    """The text of the document, headers and footers, Word markup removed (so a tag that Word split
    over several runs is whole again)."""
    texts = []
    try:
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    xml = archive.read(name).decode("utf-8", "replace")
                    texts.append(_XML_TAG.sub("", xml))
    except (OSError, zipfile.BadZipFile):
        pass
    return texts


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


_DOCXTPL_TAG = re.compile(r"\{([{%])(?:p|tr|tc|r)\s")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def unknown_names(template: bytes, context: dict) -> list[tuple[str, str]]:
    """(tag, name) of every variable the template's tags use that `context` does not have, each
    with the first tag that names it: all of them at once (filling stops at the first). Only
    parsed, never run; a template whose tags do not parse gives none (filling says why)."""
    from jinja2 import Environment, TemplateSyntaxError, meta

    environment = Environment()
    tags = [_DOCXTPL_TAG.sub(r"{\1 ", tag.translate(_QUOTES)) for text in _texts(template) for tag in _TAG.findall(text)]
    try:
        names = meta.find_undeclared_variables(environment.parse("".join(tags)))
    except TemplateSyntaxError:
        return []
    found = []
    for name in sorted(names - set(context) - set(environment.globals)):
        pattern = re.compile(r"(?<![\w.])" + re.escape(name) + r"\b")
        tag = next((tag for tag in tags if pattern.search(tag)), name)
        found.append((tag, name))
    return found
