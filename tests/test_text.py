"""Where text lives (docs/architecture.md): every message used exists in both languages, every
message defined is used, and a rule's messages are its own.

The code is read as Python (ast), so a key in single or double quotes, or an f-string, is seen the
same way; an f-string key (`t(f"severity.{x}")`) must start like some key of the catalogue.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

import pytest

from conftest import PROJECT
from djrh import i18n
from djrh.rules import RULES
from djrh.rules.base import Rule, register

SOURCE = PROJECT / "src" / "djrh"
RULE_KEY = re.compile(r"[a-z]+\d{3}\.")  # `<code lower>.<name>`: a rule's message


def python_files():
    return [path for path in sorted(SOURCE.rglob("*.py")) if path.parent.name != "locale"]


def literal_prefix(node: ast.JoinedStr) -> str:
    """The text an f-string starts with, before its first `{…}`."""
    head = node.values[0] if node.values else None
    return head.value if isinstance(head, ast.Constant) and isinstance(head.value, str) else ""


def message_calls():
    """(file, line, first argument) of every call of t(), msg() or Msg() in the package."""
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in ("t", "msg", "Msg"):
                yield path.relative_to(PROJECT), node.lineno, node.args[0]


def template_keys():
    """Keys the Jinja templates of the package look up: {{ t('report.html.…') }}."""
    for path in sorted(SOURCE.rglob("*.j2")):
        for key in re.findall(r"""\bt\(\s*['"]([^'"]+)['"]""", path.read_text("utf-8")):
            yield path.relative_to(PROJECT), key


def test_the_scan_sees_every_way_of_writing_a_key():
    """The scan itself: single and double quotes and f-strings are all seen (the old regular
    expression saw only `t("…")`)."""
    sample = ast.parse("t('out.clean')\nmsg(\"out.summary\")\nt(f'severity.{x}')\nMsg(f\"{a}.b\")\n")
    calls = [node.args[0] for node in ast.walk(sample) if isinstance(node, ast.Call)]
    constants = [arg.value for arg in calls if isinstance(arg, ast.Constant)]
    prefixes = [literal_prefix(arg) for arg in calls if isinstance(arg, ast.JoinedStr)]
    assert sorted(constants) == ["out.clean", "out.summary"]
    assert sorted(prefixes) == ["", "severity."]


def test_every_key_used_exists_in_both_languages():
    catalogues = {lang: i18n.messages(lang) for lang in i18n.LANGS}
    keys = set(catalogues["zh"])
    problems = []
    seen = 0

    def exists(where, key: str) -> None:
        for lang, catalogue in catalogues.items():
            if key not in catalogue:
                problems.append(f"{where}: {key} is not in the {lang} catalogue")

    for where, line, argument in message_calls():
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            seen += 1
            exists(f"{where}:{line}", argument.value)
        elif isinstance(argument, ast.JoinedStr):
            seen += 1
            prefix = literal_prefix(argument)
            if "." not in prefix or not any(key.startswith(prefix) for key in keys):
                problems.append(f"{where}:{line}: no key starts like {ast.unparse(argument)}")
    for where, key in template_keys():
        seen += 1
        if key.endswith("."):  # t('severity.' ~ item.severity)
            if not any(k.startswith(key) for k in keys):
                problems.append(f"{where}: no key starts like {key}")
        else:
            exists(where, key)
    assert seen > 300  # the scan found the package's calls
    assert problems == []


def source_strings() -> tuple[set[str], set[str]]:
    """Every string constant of the package's code and templates (locale files aside), and the
    literal starts of its f-strings."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                prefixes.add(literal_prefix(node))
    constants.update(key for _, key in template_keys())
    return constants, {p for p in prefixes if "." in p}


def test_every_key_of_the_locale_catalogues_is_used():
    """A key nothing uses is dead text a translator would still translate. A key counts as used
    when it is written in the code or when an f-string starts like it (`t(f"render.weekday.{n}")`).
    The fixed words of a form (labels, titles, notes) are in its template (templates/*.docx), not here."""
    from djrh.locale import zh

    constants, prefixes = source_strings()

    def used(key: str) -> bool:
        return key in constants or any(key.startswith(prefix) for prefix in prefixes)

    assert sorted(key for key in zh.MESSAGES if not used(key)) == []


def test_rule_messages_are_not_in_the_locale_catalogues():
    """A rule's messages live in its unit (`messages=`), nowhere else."""
    from djrh.locale import en, zh

    assert [key for key in zh.MESSAGES if RULE_KEY.match(key)] == []
    assert [key for key in en.MESSAGES if RULE_KEY.match(key)] == []


def test_every_rule_message_has_both_languages_and_the_same_placeholders():
    count = 0
    for rule in RULES.values():
        for name, texts in rule.messages.items():
            count += 1
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), f"{rule.code}: message name {name!r}"
            assert isinstance(texts, tuple) and len(texts) == 2 and all(texts), f"{rule.code}.{name}"
            assert i18n.placeholders(texts[0]) == i18n.placeholders(texts[1]), f"{rule.code}.{name}"
            for lang, text in zip(i18n.LANGS, texts):
                assert i18n.messages(lang)[rule.message_key(name)] == text
    assert count >= 57  # every rule's messages, none lost on the way out of the locale files


@pytest.mark.parametrize("messages, problem", [
    ({"too_many": ("党支部人数过多。",)}, "each of zh, en"),
    ({"too_many": ("党支部有 {total} 人。", "")}, "each of zh, en"),
    ({"too_many": ("党支部有 {total} 人。", "The branch has {count} members.")}, "different placeholders"),
    ({"many": ("重复的键。", "A key defined twice.")}, "defined twice"),  # org004.many, if ORG004 lent its code
])
def test_a_rule_message_in_one_language_only_is_an_error_at_import(messages, problem):
    code = "ORG004" if problem == "defined twice" else "ZZ901"
    throwaway = Rule(code=code, severity="error", title_zh="试", title_en="t", doc_zh="试", doc_en="t", messages=messages)
    with pytest.raises(ValueError, match=problem):
        register(throwaway) if code not in RULES else i18n.register_messages(
            {throwaway.message_key(name): texts for name, texts in messages.items()}
        )
    assert "ZZ901" not in RULES and "zz901.too_many" not in i18n.messages("zh")


def named_messages(rule: Rule) -> tuple[set[str], set[str]]:
    """What a rule's check names as its messages in `r.finding(record, NAME)`, `r.tree_finding(NAME)`
    and `r.message(NAME)`: (names written as strings — also in `"a" if … else "b"` —, the written
    parts of f-strings that build a name)."""
    function = ast.parse(textwrap.dedent(inspect.getsource(rule.check))).body[0]
    reporter = function.args.args[0].arg  # `r`
    written: set[str] = set()
    fragments: set[str] = set()
    assigned: dict[str, list[ast.expr]] = {}  # `message = "unset" if … else "no"`, then r.finding(branch, message)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)

    def collect(value: ast.expr) -> None:
        if isinstance(value, ast.JoinedStr):
            fragments.update(part.value for part in value.values if isinstance(part, ast.Constant))
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            written.add(value.value)
        elif isinstance(value, ast.Name):
            for assigned_value in assigned.get(value.id, []):
                collect(assigned_value)
        elif isinstance(value, ast.IfExp):
            collect(value.body)
            collect(value.orelse)

    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == reporter):
            continue
        if node.func.attr in ("finding", "tree_finding", "message"):
            collect(node.args[1] if node.func.attr == "finding" else node.args[0])
    return written, fragments


def number_kinds() -> set[str]:
    """The kinds of number djrh.personal finds: PRV001 names its messages after them."""
    from djrh.personal import find_numbers

    return {number.kind for number in find_numbers("身份证 11010519491231002X，手机 13812345678")}


def path_problems() -> set[str]:
    """What TreePaths.resolve says of a path it does not accept: REF002 names its messages so."""
    import tempfile

    from djrh.rules.refs import TreePaths

    with tempfile.TemporaryDirectory() as root:
        paths = TreePaths(root)
        return {paths.resolve(value)[0] for value in ("/etc/passwd", "../outside.pdf", "evidence/missing.pdf")}


# Messages a rule names by a value rather than by a string in its code, and where the value comes from.
NAMED_BY_VALUE = {"PRV001": number_kinds, "REF002": path_problems}


@pytest.mark.parametrize("code", [code for code, rule in RULES.items() if rule.check is not None])
def test_a_rule_names_only_its_own_messages_and_reports_each(code):
    rule = RULES[code]
    written, fragments = named_messages(rule)
    assert written or fragments or code in NAMED_BY_VALUE, f"{code} reports no message of its own"
    assert written <= set(rule.messages), f"{code} names messages it does not declare: {written - set(rule.messages)}"
    by_value = NAMED_BY_VALUE[code]() if code in NAMED_BY_VALUE else set()
    for name in rule.messages:
        built = any(fragment and fragment in name for fragment in fragments)
        assert name in written or built or name in by_value, f"{code} declares the message {name!r} but never reports it"


def test_prv001_names_a_message_for_every_kind_of_number():
    assert number_kinds() == {"id", "mobile"}
    for kind in number_kinds():
        assert {kind, f"{kind}_minutes", f"{kind}_file_name"} <= set(RULES["PRV001"].messages)


def test_a_copied_rule_body_cannot_report_as_another_rule(tmp_path):
    """The review's example: ORG008's body copied into a new rule reports under the new rule's code,
    and naming a message the new rule does not declare fails loudly instead of passing as ORG008."""
    from datetime import date

    from conftest import BRANCH, write_tree
    from djrh.check.config import load_config
    from djrh.check.run import load_tree
    from djrh.rules.base import Context

    root = write_tree(tmp_path / "records", {
        "org/nursing-1.yaml": BRANCH + "dual_leader: false\n",
        "org/nursing-2.yaml": BRANCH,  # dual_leader not filled in: ORG008's message `unset`
    })
    tree = load_tree(root, use_cache=False)
    ctx = Context(root=tree.root, records=tree.records, config=load_config(root), as_of=date(2026, 11, 22))
    copy = Rule(code="ZZ902", severity="info", title_zh="试", title_en="t", doc_zh="试", doc_en="t",
                check=RULES["ORG008"].check, messages={"no": ("不是。", "No.")})
    findings = copy.run(ctx)
    first = next(findings)
    assert (first.code, first.record, first.message.key, first.text("en")) == ("ZZ902", "nursing-1", "zz902.no", "zz902.no")
    with pytest.raises(KeyError, match="ZZ902 declares no message 'unset'"):
        next(findings)


def test_no_rule_message_is_written_twice():
    """A name written twice in one `messages={...}` would silently replace the first text."""
    for path in sorted((SOURCE / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "messages" and isinstance(node.value, ast.Dict):
                names = [key.value for key in node.value.keys if isinstance(key, ast.Constant)]
                assert len(names) == len(set(names)), f"{path.name}: {names}"


def test_a_page_names_a_field_by_its_label_alone():
    """`{field}（{label}）` is for whoever edits the file; a page of djrh serve (i18n.on_page) shows
    the label alone, and only inside the block."""
    from djrh.i18n import on_page, t
    from djrh.kinds import ThemeDay
    from djrh.kinds.fields import FieldList

    fields = FieldList(ThemeDay, ["prescribed", "discussion"])
    assert t("sch.missing", lang="zh", field="theme", label="活动主题") == "缺少必填字段 theme（活动主题）。请补上这一项。"
    assert t("td006.missing", lang="zh", date="2026-11-12", fields=fields) == (
        "主题党日（2026-11-12）已经召开，会后要填写的 prescribed（主题党日规定动作）、discussion（自选动作·集体研讨）还空着。")
    with on_page():
        assert t("sch.missing", lang="zh", field="theme", label="活动主题") == "缺少必填字段“活动主题”。请补上这一项。"
        assert t("sch.missing", lang="en", field="theme", label="theme") == "The required field “theme” is missing. Add it."
        assert t("td006.missing", lang="zh", date="2026-11-12", fields=fields) == (
            "主题党日（2026-11-12）已经召开，会后要填写的“主题党日规定动作”、“自选动作·集体研讨”还空着。")
    assert "theme（活动主题）" in t("sch.missing", lang="zh", field="theme", label="活动主题")


def test_how_to_write_it_in_the_file_is_left_out_of_a_page():
    from djrh.i18n import FileHint, on_page, t

    hint = FileHint("type: party_group，group: 实习生党小组", "type: party_group, group: 实习生党小组")
    assert t("mt005.year", lang="zh", year=2025, written=FileHint("type: life_meeting")).endswith("请补录会议记录（type: life_meeting）。")
    assert hint.render("en") == " (type: party_group, group: 实习生党小组)"
    with on_page():
        assert t("mt005.year", lang="zh", year=2025, written=FileHint("type: life_meeting")).endswith("请补录会议记录。")
        assert t("mt005.year", lang="en", year=2025, written=FileHint("type: life_meeting")).endswith("Record it if it was held.")
        assert hint.render("zh") == ""
