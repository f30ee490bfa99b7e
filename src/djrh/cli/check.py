"""`djrh check`: the run itself, on djrh.cli.common alone (no typer).

The typer command (djrh.cli.app) calls `run` with the options it parsed. `djrh.cli.main` calls it
directly when the arguments are a plain check (djrh.cli.plain reads them: check's options, each well
formed, and paths) — the run then starts without importing typer and building every command's
parser, about a tenth of a warm check. Anything else (--help, a short option with its value
attached, a --jobs that is not a positive number) goes through typer, which says what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from djrh.cli.common import FORMATS, _codes, as_of_date, check_format, fail, open_config, open_root, parse_date
from djrh.i18n import get_lang, msg, t

def run(
    paths: list | None = None, as_of: str | None = None, output_format: str = "text", select: list[str] = (),
    ignore: list[str] = (), strict: bool = False, no_cache: bool = False, jobs: int | None = None,
    branch: str | None = None, root: str | Path | None = None,
) -> int:
    """Check the tree and print the result; the exit code (SPEC 5: 0 clean, 1 errors, or warnings
    with --strict). A usage or configuration problem ends the run with 2 (common.fail)."""
    from djrh.check.run import load_tree, run_checks
    from djrh.output.term import write_data

    paths = [Path(path) for path in paths or []]
    root = Path(root) if root is not None else None
    check_format(output_format, FORMATS)
    parse_date(as_of, "--as-of")  # a bad date is a usage error before anything is read
    tree_root = open_root(root, near=paths[0] if paths else None)
    from djrh.cli import stored

    if stored.ACTIVE is not None:
        stored.ACTIVE.checked_root = tree_root
    config = open_config(tree_root, use_cache=not no_cache)
    day, fixed = as_of_date(as_of, config)
    # the walk the stored result's key was made of: the cache stats no file it shows unchanged
    tree = load_tree(tree_root, use_cache=not no_cache, jobs=jobs, walk=stored.ACTIVE.take_walk() if stored.ACTIVE else None)
    result = run_checks(tree, config, day, select=_codes(select), ignore=_codes(ignore))
    if paths:
        from djrh.tree.root import TreeError, inside_root

        try:
            result = result.only(inside_root(tree_root, paths))
        except TreeError as error:
            fail(error.message)
    if branch is not None:
        branch = branch.strip()
        if branch not in result.units():
            fail(msg("check.unknown_branch", branch=branch))
        result = result.only_unit(branch)
    lang = get_lang()
    if output_format == "json":
        from djrh.output import json as json_output

        write_data(json_output.render(result, lang) + "\n")
    elif output_format == "sarif":
        from djrh.output import sarif

        write_data(sarif.render(result, lang) + "\n")
    elif output_format == "github":
        from djrh.output import github

        text = github.render(result, lang)
        if text:
            write_data(text + "\n")
    else:
        from djrh.output import term
        from djrh.output import text as text_output

        console = term.console()
        if fixed:
            console.print(t("out.as_of_fixed", as_of=day.isoformat()), style="bold")
            console.print()
        text_output.render(result, lang, console)
    failing = result.count("error") + (result.count("warning") if strict else 0)
    return 1 if failing else 0
