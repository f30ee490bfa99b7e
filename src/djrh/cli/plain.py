"""The commands that start without typer: `djrh check`, `serve`, `render` and `report`.

Importing typer and building every command's parser costs 25-40 ms of each start: a tenth of a
warm check, and as much of the first page of `djrh serve`, of a branch's 工作记录本 and of a report.
So `djrh.cli.main` reads a plain command line itself — `--lang` before the command, then the
command's own options, each given as `--name value` or `--name=value` (a short option as
`-x value`), and its arguments — and calls the command's run (djrh.cli.check.run, serve.run,
render.run, report.run) with what it read. Anything else (--help, a short option with its value
attached, a number that is not one, an option this table does not know, one argument too many)
goes through typer, which says what is wrong. tests/test_plain.py holds each table to the typer
command's options, and both ways to the same output.
"""

from __future__ import annotations


def _count(value: str) -> int | None:
    """A whole number of jobs as typer takes it (>= 1), else None: typer says what is wrong."""
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None


def _number(value: str) -> int | None:
    """A port or a year as written (its range is checked by the run, with its own message)."""
    return int(value) if value.isascii() and value.isdigit() else None


# command -> option -> (parameter of the command's run, how its value is read: None for a flag,
# str for text, else a function giving the value or None when typer should say what is wrong).
# --lang is read before any command runs (djrh.cli.main) and is not passed on.
OPTIONS: dict[str, dict[str, tuple]] = {
    "check": {
        "--as-of": ("as_of", str), "--format": ("output_format", str), "-f": ("output_format", str),
        "--select": ("select", list), "--ignore": ("ignore", list), "--jobs": ("jobs", _count), "-j": ("jobs", _count),
        "--branch": ("branch", str), "-b": ("branch", str), "--root": ("root", str), "--lang": ("lang", str),
        "--strict": ("strict", None), "--no-cache": ("no_cache", None),
    },
    "serve": {
        "--port": ("port", _number), "-p": ("port", _number), "--host": ("host", str), "--password": ("password", str),
        "--as-of": ("as_of", str), "--root": ("root", str), "--lang": ("lang", str),
        "--commit": ("commit", None), "--no-browser": ("no_browser", None),
    },
    "render": {
        "--output": ("output", str), "-o": ("output", str), "--branch": ("branch", str), "--year": ("year", _number),
        "--as-of": ("as_of", str), "--root": ("root", str), "--lang": ("lang", str),
        "--pdf": ("pdf", None), "--force": ("force", None),
    },
    "report": {
        "--year": ("year", _number), "-y": ("year", _number), "--format": ("output_format", str), "-f": ("output_format", str),
        "--output": ("output", str), "-o": ("output", str), "--as-of": ("as_of", str), "--branch": ("branch", str),
        "-b": ("branch", str), "--root": ("root", str), "--lang": ("lang", str), "--force": ("force", None),
    },
}
# The parameter that takes a command's arguments, and whether it takes several (serve and report
# take none).
ARGUMENTS = {"check": ("paths", list), "render": ("record", str)}


def options(argv: list[str], command: str) -> dict | None:
    """The parameters of `command`'s run for `argv` (the arguments after the program's name) when
    they are a plain `djrh <command> …`, else None."""
    table = OPTIONS[command]
    index = 0
    while index < len(argv) and argv[index] != command:
        if argv[index] == "--lang" and index + 1 < len(argv):
            index += 2
        elif argv[index].startswith("--lang="):
            index += 1
        else:
            return None
    if index >= len(argv):
        return None
    found: dict = {parameter: [] if read is list else False for parameter, read in table.values() if read in (list, None)}
    arguments, several = ARGUMENTS.get(command, (None, None))
    if several is list:
        found[arguments] = []
    rest = argv[index + 1:]
    position = 0
    while position < len(rest):
        token = rest[position]
        name, given, value = token.partition("=")
        if token.startswith("--") and given and name in table and table[name][1] is not None:
            parameter, read = table[name]
        elif token in table and table[token][1] is not None:
            if position + 1 >= len(rest):
                return None
            (parameter, read), value = table[token], rest[position + 1]
            position += 1
        elif token in table:
            found[table[token][0]] = True
            position += 1
            continue
        elif token.startswith("-") or not arguments or (several is str and arguments in found):
            return None
        else:
            if several is list:
                found[arguments].append(token)
            else:
                found[arguments] = token
            position += 1
            continue
        if read is list:
            found[parameter].append(value)
        elif read is not str:
            value = read(value)
            if value is None:
                return None
            found[parameter] = value
        elif parameter != "lang":
            found[parameter] = value
        position += 1
    return found


def command_of(argv: list[str]) -> tuple[str, dict] | None:
    """The plain command `argv` runs and its run's parameters, if it is one."""
    for command in OPTIONS:
        if command in argv:
            found = options(argv, command)
            if found is not None:
                return command, found
    return None


def run(command: str, parameters: dict) -> int:
    from importlib import import_module

    return import_module(f"djrh.cli.{command}").run(**parameters)
