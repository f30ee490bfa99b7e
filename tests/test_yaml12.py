"""The fast reader: YAML 1.2 semantics, positions, and refusing what could hurt."""

import pytest

from djrh.yaml12 import MAX_DEPTH, YamlProblem, parse


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


def test_deep_nesting_is_refused_without_recursion():
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(YamlProblem) as problem:
        parse(text)
    assert problem.value.key == "syn.too_deep"
    parse("a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n")


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
