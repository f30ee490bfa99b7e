"""The fast reader: YAML 1.2 semantics, positions, and refusing what could hurt."""

import re

import pytest

from djrh.read.yaml12 import MAX_DEPTH, YamlProblem, parse


def test_yaml_1_2_scalars():
    data = parse(
        "time: 14:30-17:30\nat: 14:30\nyes_: yes\non_: on\nflag: true\nnone: ~\nn: 12\nf: 1.5\n"
        "octal: 0o17\nlead: 017\nday: 2026-03-18\nquoted: 'true'\n"
    ).data
    assert data["time"] == "14:30-17:30"
    assert data["at"] == "14:30"  # not sexagesimal 870
    assert data["yes_"] == "yes" and data["on_"] == "on"
    assert data["flag"] is True and data["none"] is None
    assert data["n"] == 12 and data["f"] == 1.5 and data["octal"] == 15 and data["lead"] == 17
    assert data["day"] == "2026-03-18"  # dates stay text; the schema checks them
    assert data["quoted"] == "true"


def test_positions_of_keys_and_values():
    parsed = parse("kind: branch\nmembers:\n  formal: 20\ncommittee:\n  - {name: 王丽, role: secretary}\n")
    assert parsed.positions[("members", "formal")] == (2, 2, 2, 10)
    assert parsed.positions[("committee", 0, "role")][:2] == (4, 15)  # columns count characters, not bytes
    assert parsed.positions[("committee", 0)] == (4, 4, 4, 4)


def test_keys_stay_as_written():
    assert parse("1: a\ntrue: b\n").data == {"1": "a", "true": "b"}


def test_duplicate_key_is_reported_and_first_value_kept():
    parsed = parse("theme: 一\nplace: 二\ntheme: 三\n")
    assert parsed.data["theme"] == "一"
    [dup] = parsed.duplicates
    assert (dup.path, dup.line, dup.column, dup.first_line) == (("theme",), 2, 0, 0)


def test_duplicate_key_with_mapping_value():
    parsed = parse("a: {x: 1}\na: {x: 2}\nb: 3\n")
    assert parsed.data == {"a": {"x": 1}, "b": 3}
    assert len(parsed.duplicates) == 1


def test_aliases_are_shared_not_copied():
    parsed = parse("a: &x [1, 2]\nb: *x\n")
    assert parsed.data["b"] == [1, 2]


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(YamlProblem) as problem:
        parse("\n".join(lines) + "\n")
    assert problem.value.key == "syn.alias_bomb"


def test_recursive_alias_is_refused():
    with pytest.raises(YamlProblem) as problem:
        parse("a: &x [1, *x]\n")
    assert problem.value.key in ("syn.recursive_alias", "syn.undefined_alias")


def _read(text: str):
    """What `djrh check` makes of a file holding `text`: its SYN001 finding."""
    from djrh.read.load import read_text
    from djrh.records import Record

    _, findings = read_text(Record("x", "x.yaml"), text.encode("utf-8"))
    return findings


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 100_000])
def test_deep_nesting_is_refused_without_recursion(depth):
    """djrh's own limit, or PyYAML's (6.0.4 stops at 1000 levels with an English message): either
    way the user reads the same Chinese message."""
    text = "a: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(YamlProblem):
        parse(text)
    [finding] = _read(text)
    assert finding.message.key == "syn.too_deep"
    assert finding.text("zh") == f"嵌套超过 {MAX_DEPTH} 层，拒绝读取。记录最多只有三四层嵌套，请检查缩进或括号。"
    parse("a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n")


# Every problem libyaml reports, met through a file that causes it (libyaml's words -> djrh's key).
LIBYAML_CASES = {
    "found a tab character that violates indentation": ("a: b\n\tc: d\n", "syn.tab"),
    "found a tab character where an indentation space is expected": ("a: |\n\tx\n", "syn.tab"),
    "found unknown directive name": ("%FOO bar\n---\na: 1\n", "syn.directive"),
    "could not find expected directive name": ("% \n", "syn.directive"),
    "found incompatible YAML document": ("%YAML 2.0\n---\na: 1\n", "syn.directive"),
    "found duplicate %YAML directive": ("%YAML 1.2\n%YAML 1.2\n---\na: 1\n", "syn.directive"),
    "found duplicate %TAG directive": ("%TAG !x! !y!\n%TAG !x! !z!\n---\na: 1\n", "syn.directive"),
    "did not find expected digit or '.' character": ("%YAML 1\n---\n", "syn.directive"),
    "found extremely long version number": ("%YAML 1.1234567890\n---\n", "syn.directive"),
    "did not find expected tag URI": ("%TAG ! \n---\n", "syn.directive"),
    "did not find the expected '>'": ("a: !<foo\n", "syn.bad_start"),
    "found undefined tag handle": ("a: !x!y z\n", "syn.bad_start"),
    "did not find URI escaped octet": ("a: !<%zz> b\n", "syn.bad_start"),
    "did not find expected hexdecimal number": ('a: "C:\\Users\\q"\n', "syn.bad_escape"),
    "found unknown escape character": ('a: "\\q"\n', "syn.bad_escape"),
    "found unexpected end of stream": ('a: "abc\n', "syn.unclosed_quote"),
    "found unexpected document indicator": ('a: "abc\n---\n"\n', "syn.unclosed_quote"),
    "found an indentation indicator equal to 0": ("a: |0\n  x\n", "syn.block_scalar"),
    "did not find expected comment or line break": ("a: |x\n  x\n", "syn.block_scalar"),
    "mapping keys are not allowed in this context": ("a: ? b\n", "syn.bad_start"),
    "mapping values are not allowed in this context": ("a: b: c\n", "syn.colon_in_value"),
    "block sequence entries are not allowed in this context": ("a: - b\n", "syn.list_here"),
    "did not find expected alphabetic or numeric character": ("a: &\n", "syn.bad_start"),
    "found character that cannot start any token": ("a: 1\n@b\n", "syn.bad_start"),
    "did not find expected ',' or ']'": ("- [a, b\n- c\n", "syn.unclosed_bracket"),
    "did not find expected ',' or '}'": ("a: {b: c\n", "syn.unclosed_brace"),
    "did not find expected key": ("a:\n  b: 1\n c: 2\n", "syn.indent"),
    "could not find expected ':'": ("a:\n  - 1\n  x\n", "syn.expected_colon"),
    "did not find expected '-' indicator": ("key:\n  - a\n  b: c\n", "syn.list_indent"),
    "did not find expected node content": ("a: }\n", "syn.missing_value"),
    "did not find expected <document start>": ("a: 1\n...\nb\n", "syn.after_end"),
    "exceeded maximum nesting depth": ("a: " + "[" * 2000 + "]" * 2000 + "\n", "syn.too_deep"),
}


@pytest.mark.parametrize("problem", list(LIBYAML_CASES))
def test_every_libyaml_problem_reads_in_chinese(problem):
    text, key = LIBYAML_CASES[problem]
    [finding] = _read(text)
    assert finding.message.key == key, finding.message
    shown = finding.text("zh")
    assert problem not in shown
    assert not re.search(r"\b(found|expected|while|scanning|parsing)\b", shown), shown


def test_libyaml_problems_djrh_has_not_met_still_read_in_chinese():
    """A problem a later libyaml adds: the general wording, with libyaml's English words only in
    English output."""
    from djrh.read.load import libyaml_message

    message = libyaml_message("found a brand new kind of mistake", "while doing something new")
    assert message.key == "syn.generic"
    assert "brand new" not in message.render("zh") and "YAML 语法错误" in message.render("zh")
    assert "found a brand new kind of mistake" in message.render("en")


def test_a_lone_surrogate_is_a_finding_not_a_crash():
    with pytest.raises(YamlProblem) as problem:
        parse("a: \ud800\n")
    assert problem.value.key == "syn.control_char"


def test_second_document_is_refused():
    with pytest.raises(YamlProblem) as problem:
        parse("a: 1\n---\nb: 2\n")
    assert problem.value.key == "syn.multiple_documents"


def test_unsupported_tags_are_refused():
    with pytest.raises(YamlProblem) as problem:
        parse("a: !!python/object:os.system x\n")
    assert problem.value.key == "syn.unsupported_tag"
    assert parse("a: !!str 12\nb: !!int '7'\n").data == {"a": "12", "b": 7}


def test_syntax_error_position():
    with pytest.raises(YamlProblem) as problem:
        parse("kind: themeday\ntheme: [一, 二\nplace: x\n")
    assert problem.value.key == "syn.libyaml"
    assert problem.value.line >= 1


def test_empty_document():
    assert parse("").data is None
    assert parse("# only a comment\n").data is None
