"""The process that fills a tree's own template (djrh.render.templates starts it).

It imports what fills templates and compiles the built-in templates named on its command line (it
may be started before its job is ready: templates.started_ahead), then reads the bounds and the job
(the template or templates, the values) from its parent (stdin), limits itself — CPU time, memory
and the size of what it writes, soft and hard limits alike, so that nothing it runs afterwards can
raise them — then fills the template and writes the DOCX to stdout. A problem with the template is
one JSON line on stderr and exit code 3; anything else (a limit reached) ends the process, and the
parent says which limit.
"""

from __future__ import annotations

import json
import pickle
import sys


def limit_self(seconds: int, memory: int, output: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock limit is the bound
        return
    for name, soft, hard in (
        ("RLIMIT_CPU", seconds, seconds + 1),  # SIGXCPU at the soft limit, SIGKILL at the hard one
        ("RLIMIT_AS", memory, memory),
        ("RLIMIT_FSIZE", output, output),  # stdout is a file: SIGXFSZ beyond it
    ):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            _, current = resource.getrlimit(which)
            if current != resource.RLIM_INFINITY:
                soft, hard = min(soft, current), min(hard, current)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):  # macOS does not limit the address space
            pass


def main() -> None:
    # djrh's own code first, while the parent may still be reading the tree (templates.start_sandbox)
    from djrh.render.templates import TemplateProblem, fill, prepare, warm

    prepare()
    warm(sys.argv[1:])  # the built-in templates the job will likely fill (templates.ahead)
    try:
        limits, job = pickle.load(sys.stdin.buffer)
    except EOFError:  # started ahead, and the parent had no job for it after all
        sys.exit(0)
    limit_self(*limits)

    try:
        document = fill(job)
    except TemplateProblem as problem:
        _say({"key": problem.key, "tag": problem.tag, "detail": problem.detail, "template": problem.template})
    except MemoryError:
        _say({"key": "render.template_memory"})
    except Exception as error:  # djrh's own finishing of the document (the trace line, saving)
        _say({"key": "render.template_error", "detail": type(error).__name__})
    try:
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.flush()
    except OSError:  # over the output limit (Python ignores SIGXFSZ: the write fails with EFBIG)
        _say({"key": "render.template_output"})


def _say(problem: dict) -> None:
    sys.stderr.write(json.dumps(problem, ensure_ascii=True) + "\n")
    sys.stderr.flush()
    sys.exit(3)
