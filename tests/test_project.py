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


def test_demo_tree_has_no_schema_level_findings():
    run = run_djrh("check", "--root", str(DEMO), "--format", "json", "--select", "SYN,SCH,ID,REF")
    assert run.json["findings"] == []
    assert run.json["summary"]["records"] > 200


def test_demo_tree_schema_files_are_current():
    from djrh.kinds.jsonschema import dumps, kind_schema
    from djrh.kinds import MODELS

    for kind in MODELS:
        written = (DEMO / "schema" / f"{kind}.json").read_text("utf-8")
        assert written == dumps(kind_schema(kind, "zh")), f"run: djrh schema --write --root records ({kind})"


def test_demo_records_validate_against_the_json_schema():
    jsonschema = __import__("pytest").importorskip("jsonschema")
    from djrh.check.run import load_tree
    from djrh.kinds.jsonschema import kind_schema
    from djrh.kinds import MODELS

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
    for requirement in ranges:
        assert "<" in requirement, f"{requirement} has no upper bound"
    pins = {}
    for line in (PROJECT / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    # the build environment is pinned in pyproject itself, as in constraints.txt (`-c` does not reach it)
    for requirement in project["build-system"]["requires"]:
        name, version = requirement.split("==")
        assert pins.get(name.lower().replace("_", "-")) == version, requirement
    for dist in metadata.distributions():
        name = dist.metadata["Name"].lower().replace("_", "-")
        if name in ("djrh", "pip", "setuptools", "wheel"):
            continue
        assert pins.get(name) == dist.version, f"{name} {dist.version} is not pinned in constraints.txt"
    readme = (PROJECT / "README.md").read_text("utf-8")
    assert "PIP_CONSTRAINT" not in readme and "-c constraints.txt" in readme


def test_docs_format_md_is_current():
    """docs/format.md is generated from the models, as docs/rules.md from the rules."""
    from djrh.kinds.docs import format_markdown

    assert (PROJECT / "docs" / "format.md").read_text("utf-8") == format_markdown("zh"), (
        "run: djrh schema --format markdown > docs/format.md"
    )
    run = run_djrh("schema", "--format", "markdown")
    assert run.code == 0 and run.out == format_markdown("zh")
    english = run_djrh("--lang", "en", "schema", "--format", "markdown").out
    assert english.startswith("# djrh record format") and "| `members.formal` | full members | integer | 0–10000 | required |" in english


def test_docs_format_md_names_the_rule_that_asks_for_a_held_field():
    """A held field is asked for by its kind's rule once the date has passed: TD006 for a theme
    day, MT008 for a meeting (SPEC section 3); the reference names that rule, in both languages."""
    from djrh.kinds.docs import format_markdown

    for lang, held in (("zh", "会后必填（{}）"), ("en", "required once held{}")):
        doc = format_markdown(lang)
        day = doc.split("\n## themeday\n", 1)[1].split("\n## ", 1)[0]
        meeting = doc.split("\n## meeting\n", 1)[1].split("\n## ", 1)[0]
        assert "TD006" in day and "MT008" not in day
        assert "MT008" in meeting and "TD006" not in meeting
        content = next(line for line in meeting.splitlines() if line.startswith("| `content` |"))
        assert held.format("MT008" if lang == "zh" else " (MT008)") in content, content


def test_docs_format_md_covers_every_field_and_value():
    from djrh.kinds import vocab
    from djrh.kinds import MODELS
    from djrh.check.validate import nested_models

    doc = (PROJECT / "docs" / "format.md").read_text("utf-8")
    for kind, schema in MODELS.items():
        section = doc.split(f"\n## {kind}\n", 1)[1].split("\n## ", 1)[0]
        for name, info in schema.model_fields.items():
            assert f"| `{name}` | {info.title} |" in section, (kind, name)
            nested = nested_models(schema)[name]
            for sub, sub_info in (nested.model_fields.items() if nested is not None else ()):
                assert re.search(rf"\| `{name}(\[\])?\.{sub}` \| {re.escape(sub_info.title)} \|", section), (kind, name, sub)
    for terms in (vocab.BRANCH_CATEGORY, vocab.ENTRY_POINT, vocab.EDUCATION_PATH, vocab.MEETING_TYPE, vocab.PILOT_TYPE,
                  vocab.PILOT_LEVEL, vocab.TEAM_STATUS, vocab.REVIEW_RESULT, vocab.BRAND_MODE, vocab.COMMITTEE_ROLE):
        for code, term in terms.items():
            assert f"`{code}` {term.zh}" in doc, code
    assert "| `entry_point` | 切入点 |" in doc and "这是党建与业务融合主题党日（integration: true）时必填" in doc
    assert "\n## djrh.yaml\n" in doc and "| `as_of` | 检查日期 |" in doc


def test_every_kind_example_is_a_valid_record(tmp_path):
    """The example of each kind in docs/format.md passes the schema (djrh check, schema level)."""
    from conftest import write_tree
    from djrh.kinds import MODELS

    files = {f"examples/{kind.replace('_', '-')}.yaml": schema.EXAMPLE for kind, schema in MODELS.items()}
    root = write_tree(tmp_path / "t", files)
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "SYN,SCH")
    assert run.json["findings"] == [] and run.json["summary"]["records"] == len(MODELS)


def test_readme_and_docs_link_only_to_files_in_the_repository():
    for path in [PROJECT / "README.md", *(PROJECT / "docs").glob("*.md"), PROJECT / "benchmarks" / "README.md"]:
        text = path.read_text("utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (path.parent / target).resolve().is_relative_to(PROJECT), f"{path.name} links outside: {target}"
            assert (path.parent / target).exists(), f"{path.name} links to a missing file: {target}"


def test_readme_tells_where_to_get_djrh_and_a_pre_commit_rev_of_the_tag_scheme():
    """No placeholder address; the pre-commit rev is the release tag v<version> (each release is
    tagged so), in the README and in .pre-commit-hooks.yaml alike."""
    import tomllib

    readme = (PROJECT / "README.md").read_text("utf-8")
    version = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert "仓库地址>" not in readme and "<djrh" not in readme
    assert re.findall(r"^    rev: (\S+)", readme, re.M) == [f"v{version}"]
    assert f"rev: v{version}" in (PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert f"djrh-{version}-py3-none-any.whl" in readme and "python -m pip install ." in readme


def test_readme_windows_lines_work_in_powershell_and_cmd():
    """Each Windows line runs as written in Windows PowerShell 5 and in cmd: python (not python3),
    .venv\\Scripts\\, no && (PowerShell 5 has none), no single quotes (cmd passes them on)."""
    readme = (PROJECT / "README.md").read_text("utf-8")
    windows = readme.split("### 在 Windows 上", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```powershell\n(.+?)\n```", windows, re.S)
    assert len(blocks) == 2
    lines = [line for block in blocks for line in block.splitlines()]
    assert lines[0] == "python -m venv .venv" and all("python3" not in line for line in lines)
    for line in lines:
        assert "&&" not in line and "'" not in line and ".venv/bin" not in line, line
    assert '.venv\\Scripts\\pip install -c constraints.txt -e ".[test]"' in lines
    test_line = re.findall(r"```sh\n(.+?)\n```", readme.split("## 快速开始", 1)[1])[1]
    assert test_line.replace("python3", "python").replace(".venv/bin/", ".venv\\Scripts\\").split(" && ") == blocks[1].splitlines()


def test_benchmark_trees_are_clean_on_any_day(tmp_path):
    """What the benchmarks time is a clean check: the generated tree fixes its own as_of, and the
    tree without meetings turns their rules off (else its figures include thousands of findings)."""
    import sys

    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    for name, with_meetings in (("meetings", True), ("no-meetings", False)):
        generate.generate(tmp_path / name, 2, 2, 2025, with_meetings)
        done = run_djrh("check", "--root", str(tmp_path / name), "--format", "json", "--no-cache")
        summary = json.loads(done.out)["summary"]
        assert done.code == 0 and summary["errors"] == summary["warnings"] == summary["infos"] == 0, (name, summary)
        assert summary["records"] > 50


def test_readme_meeting_rule_table_is_the_generated_one():
    """The README's 三会一课 section shows the MT rules' table (issue 14) without keeping a copy of
    its own (issue 13): each row is docs/rules.md's row, which the rules generate."""
    readme = (PROJECT / "README.md").read_text("utf-8")
    generated = (PROJECT / "docs" / "rules.md").read_text("utf-8")
    codes = [line.split("]")[0][3:] for line in generated.splitlines() if line.startswith("| [MT")]
    assert codes == [f"MT00{n}" for n in range(1, 9)]
    shown = [line for line in readme.splitlines() if line.startswith("| [MT")]
    expected = [line.replace("](#mt", "](docs/rules.md#mt") for line in generated.splitlines() if line.startswith("| [MT")]
    assert shown == expected
