"""The recipe of docs/architecture.md "Adding a record kind": one schema class with its SPEC, and
every command picks it up — schema, docs/format.md, new, check (REF001, SCH001, --branch).

The throwaway kind is registered in a separate process (a script that defines it and runs djrh),
so that the other tests never see it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import BRANCH, GENERAL_BRANCH, write_tree

KIND = textwrap.dedent('''\
    import sys
    from typing import ClassVar

    from djrh.kinds import register, vocab
    from djrh.kinds.common import RecordSchema
    from djrh.kinds.spec import KindSpec
    from djrh.kinds.types import Choice, IsoDate, Text, field
    from djrh.kinds.vocab import Term


    class Talk(RecordSchema):
        SPEC: ClassVar = KindSpec(
            code="talk", term=Term("谈心谈话", "talk", ("谈话",)),
            folder="talks/{year}", date_field="date", id_template="{branch}-talk-{date:%Y-%m-%d}",
            owners=("branch",), references={("branch",): ("branch",)}, prompts=("branch", "date", "place"),
            header_zh="谈心谈话记录", header_en="Talk record",
        )
        EXAMPLE: ClassVar = "kind: talk\\nbranch: nursing-1\\ndate: 2026-03-05\\nplace: 办公室\\n"

        branch: Text = field("党支部", "branch", "党支部 id", "id of the branch")
        date: IsoDate = field("谈话日期", "date", "YYYY-MM-DD", "YYYY-MM-DD")
        place: Text = field("地点", "place")
        level: Choice(vocab.PILOT_LEVEL, "pilot_level") | None = field("层级", "level", "谈话层级", "level", default=None)
        notes: Text | None = field("谈话要点", "notes", default=None, stage="held")


    register(Talk)

    from djrh.cli import main

    main(sys.argv[1:])
''')


def djrh_with_talk(script: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_a_kind_is_one_schema_class_with_its_spec(tmp_path):
    script = tmp_path / "talk_kind.py"
    script.write_text(KIND, encoding="utf-8")

    # djrh schema: the kind's JSON Schema, a choice field's description from its vocabulary
    done = djrh_with_talk(script, "schema", "谈心谈话")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert schema["title"] == "谈心谈话（talk）" and schema["properties"]["kind"]["enum"] == ["talk", "谈心谈话", "谈话"]
    assert schema["properties"]["level"]["description"] == "谈话层级：school 校级 / province 省级 / national 全国"
    assert schema["required"] == ["kind", "branch", "date", "place"]

    # docs/format.md: the kinds table (folder from the spec) and the kind's section
    done = djrh_with_talk(script, "schema", "--format", "markdown")
    assert "| [谈心谈话](#talk) | `talk` | `talks/YYYY/` |" in done.stdout
    section = done.stdout.split("\n## talk\n", 1)[1].split("\n## ", 1)[0]
    assert "| `place` | 地点 | 文字 |  | 必填 |  |" in section
    assert "| `level` | 层级 | 可选值 | `school` 校级、`province` 省级、`national` 全国 | 选填 |" in section

    # djrh init makes its folder; djrh new asks what its spec says, proposes its id, puts it in its folder
    root = tmp_path / "tree"
    assert djrh_with_talk(script, "init", str(root)).returncode == 0
    assert any((root / "talks").iterdir())
    write_tree(root, {"org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": BRANCH})
    done = djrh_with_talk(script, "new", "talk", "--branch", "nursing-1", "--date", "2026-03-05", "--place", "办公室",
                          "--root", str(root))
    assert done.returncode == 0, done.stderr
    path = root / "talks/2026/nursing-1-talk-2026-03-05.yaml"
    assert done.stdout.strip().endswith("talks/2026/nursing-1-talk-2026-03-05.yaml")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/talk.json\n# 谈心谈话记录\n")
    assert "# 层级：谈话层级：school 校级 / province 省级 / national 全国\nlevel:\n" in text
    assert (root / "schema/talk.json").is_file()
    done = djrh_with_talk(script, "new", "talk", "--branch", "nursing-9", "--date", "2026-03-05", "--root", str(root))
    assert done.returncode == 2 and "找不到党支部 nursing-9" in done.stderr
    done = djrh_with_talk(script, "new", "talk", "--place", "办公室", "--root", str(root))
    assert done.returncode == 2 and "或同时给出 --branch 和 --date" in done.stderr

    # djrh check: the new record reads back clean; its references, choices, folder and unit are known
    (root / "talks/2026/nursing-1-talk-bad.yaml").write_text(
        "kind: 谈话\nbranch: nursing-2\ndate: 2026-04-01\nplace: 会议室\nlevel: 院级\n", encoding="utf-8")
    (root / "talks/2026/no-kind.yaml").write_text("branch: nursing-1\n", encoding="utf-8")
    done = djrh_with_talk(script, "check", "--root", str(root), "--format", "json", "--select", "SYN,SCH,ID,REF")
    found = {(f["path"], f["code"]): f["message"] for f in json.loads(done.stdout)["findings"]}
    assert not any(p == "talks/2026/nursing-1-talk-2026-03-05.yaml" for p, _ in found)
    assert "national（全国）" in found[("talks/2026/nursing-1-talk-bad.yaml", "SCH001")]
    assert "nursing-2" in found[("talks/2026/nursing-1-talk-bad.yaml", "REF001")]
    assert "kind: talk" in found[("talks/2026/no-kind.yaml", "SCH001")]
    done = djrh_with_talk(script, "check", "--root", str(root), "--format", "json", "--branch", "nursing-1")
    assert json.loads(done.stdout)["summary"]["records"] == 2  # the branch and its talk (its owner field says so)


def test_help_texts_name_every_kind_and_value():
    """`djrh new --help` is written before the models are imported (a fast --help), so its lists of
    kinds and of a choice option's values are text in the catalogue: they must name exactly what
    the specs and the vocabulary accept."""
    import re

    from djrh.kinds import KINDS, vocab
    from djrh.locale import en, zh

    def listed(text: str, after: str) -> set[str]:
        return set(re.findall(r"[a-z][a-z_]*", text.split(after, 1)[1])) - {"or"}

    for messages in (zh.MESSAGES, en.MESSAGES):
        assert listed(messages["help.new"], "KIND") == set(KINDS)
        assert listed(messages["help.arg.kind"].replace("：", ":"), ":") == set(KINDS)
        assert listed(messages["help.opt.category"].replace("：", ":"), ":") == set(vocab.BRANCH_CATEGORY)
        assert listed(messages["help.opt.level"].replace("：", ":"), ":") == set(vocab.PILOT_LEVEL)
