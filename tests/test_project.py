"""The project keeps its promises to newcomers: README commands, catalogues, demo tree."""

from __future__ import annotations

import json
import re
import string

from conftest import DEMO, PROJECT, run_djrh
from djrh.locale import en, zh


def test_readme_quick_start_and_ci_run_the_same_test_command():
    readme = (PROJECT / "README.md").read_text("utf-8")
    quick_start = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2, "the quick start is exactly two commands"
    assert commands[0].endswith("djrh check")
    ci = (PROJECT / ".ci" / "run").read_text("utf-8")
    assert commands[1] in ci.splitlines()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Messages whose English text also shows libyaml's own English words, which the Chinese one leaves out.
ENGLISH_DETAIL = {"syn.generic"}


def test_catalogues_have_the_same_keys_and_placeholders():
    assert set(zh.MESSAGES) == set(en.MESSAGES)
    for key, text in zh.MESSAGES.items():
        if key in ENGLISH_DETAIL:
            assert placeholders(text) < placeholders(en.MESSAGES[key]), key
        else:
            assert placeholders(text) == placeholders(en.MESSAGES[key]), key


def test_every_message_key_used_in_the_code_exists():
    used = set()
    for path in (PROJECT / "src" / "djrh").rglob("*.py"):
        source = path.read_text("utf-8")
        used |= set(re.findall(r'(?:msg|Msg|t)\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"', source))
    missing = sorted(key for key in used if key not in zh.MESSAGES)
    assert missing == []


def test_demo_tree_has_no_schema_level_findings():
    run = run_djrh("check", "--root", str(DEMO), "--format", "json", "--select", "SYN,SCH,ID,REF")
    assert run.json["findings"] == []
    assert run.json["summary"]["records"] > 200


def test_demo_tree_schema_files_are_current():
    from djrh.jsonschema import dumps, kind_schema
    from djrh.models import MODELS

    for kind in MODELS:
        written = (DEMO / "schema" / f"{kind}.json").read_text("utf-8")
        assert written == dumps(kind_schema(kind, "zh")), f"run: djrh schema --write --root records ({kind})"


def test_demo_records_validate_against_the_json_schema():
    jsonschema = __import__("pytest").importorskip("jsonschema")
    from djrh.check import load_tree
    from djrh.jsonschema import kind_schema
    from djrh.models import MODELS

    validators = {}
    for kind in MODELS:
        schema = kind_schema(kind, "zh")
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(schema)
    tree = load_tree(DEMO)
    for record in tree.records:
        errors = list(validators[record.kind].iter_errors(json.loads(json.dumps(record.data, default=str))))
        assert errors == [], (record.path, errors[0].message)


def test_no_message_key_is_defined_twice():
    """A key defined twice in a catalogue silently replaces the first text (two areas collided once)."""
    import ast

    for lang in ("zh", "en"):
        tree = ast.parse((PROJECT / "src" / "djrh" / "locale" / f"{lang}.py").read_text("utf-8"))
        keys: list[str] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys += [k.value for k in node.keys if isinstance(k, ast.Constant)]
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
                keys.append(node.slice.value)
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        assert duplicates == [], f"{lang}: {duplicates}"


def test_readme_shows_what_the_first_command_prints():
    """The excerpt under the quick start is what a newcomer sees: every line of it is in the output."""
    readme = (PROJECT / "README.md").read_text("utf-8")
    quick_start = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    blocks, current = [], None
    for line in quick_start.splitlines():
        if line.startswith("```"):
            if current is None:
                current = (line[3:], [])
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current[1].append(line)
    excerpt = "\n".join(next(lines for language, lines in blocks if language == ""))
    run = run_djrh("check", cwd=PROJECT)  # as the README runs it: in the checkout, the demo tree
    assert run.code == 0
    shown = [line for line in excerpt.splitlines() if line.strip() and line != "……"]
    output = run.out.splitlines()
    for line in shown:
        assert line in output, line
    assert shown[-1] == output[-2]  # the summary line (the last is the `djrh explain` hint)


def test_dependencies_are_bounded_and_pinned():
    """A major release of a dependency cannot reach CI: pyproject bounds each range below the next
    major version, and constraints.txt pins every installed package exactly."""
    import tomllib
    from importlib import metadata

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))
    ranges = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
    ranges += project["build-system"]["requires"]
    for requirement in ranges:
        assert "<" in requirement, f"{requirement} has no upper bound"
    pins = {}
    for line in (PROJECT / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    for dist in metadata.distributions():
        name = dist.metadata["Name"].lower().replace("_", "-")
        if name in ("djrh", "pip", "setuptools", "wheel"):
            continue
        assert pins.get(name) == dist.version, f"{name} {dist.version} is not pinned in constraints.txt"
    readme = (PROJECT / "README.md").read_text("utf-8")
    assert "PIP_CONSTRAINT=constraints.txt" in readme and "-c constraints.txt" in readme
