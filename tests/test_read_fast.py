"""The fast path of the read (djrh.read.fast, yaml-rs) gives exactly what libyaml's reader gives.

Wherever the fast path takes a document, its values are those of djrh.read.yaml12.parse, which reads
it too, without a problem or a duplicate key; a document it declines goes to libyaml. Compared on the
bad-input corpus, the demo tree, the rule fixtures, a benchmark tree, generated documents and
mutations of real records; and `djrh check` prints the same bytes with the fast path and without.
"""

from __future__ import annotations

import math
import re
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import djrh.read.fast as fast
from conftest import BRANCH, DEMO, GENERAL_BRANCH, PROJECT, THEMEDAY, run_djrh, write_tree
from djrh.read.fast import NOT_PLAIN, parse_plain
from djrh.read.load import decode, split_front_matter
from djrh.read.yaml12 import YamlProblem, parse
from djrh.records import Record

TESTS = Path(__file__).resolve().parent
EXAMPLES = int(os.environ.get("DJRH_FAST_EXAMPLES", "300"))


def same(a, b) -> bool:
    """Equal values of the same types, mappings in the same order (float NaN equal to itself)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is float and math.isnan(a):
        return math.isnan(b)
    return a == b


def alike(text: str) -> bool:
    """The fast path declines `text`, or reads it as libyaml does. Returns whether it took it."""
    got = parse_plain(text)
    if got is NOT_PLAIN:
        return False
    try:
        reference = parse(text)
    except YamlProblem as problem:
        raise AssertionError(f"the fast path read a document libyaml refuses ({problem.key}): {text!r}") from None
    assert not reference.duplicates, f"the fast path missed a duplicate key: {text!r}"
    assert same(got, reference.data), f"values differ: {got!r} against {reference.data!r} for {text!r}"
    return True


def yaml_texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".md") or not path.is_file():
            continue
        text, problem = decode(path.read_bytes())
        if problem is not None:
            continue
        if path.suffix == ".md":
            text, message = split_front_matter(Record("x", "x.md"), text)
            if message is not None:
                continue
        yield path, text


def test_fast_path_is_there():
    assert fast.yaml_rs is not None, "yaml-rs is a dependency: without it every file goes through libyaml"


@pytest.mark.parametrize("folder", ["bad_inputs", "rules", "demo"])
def test_files_read_alike(folder):
    root = DEMO if folder == "demo" else TESTS / folder
    taken = total = 0
    for path, text in yaml_texts(root):
        total += 1
        taken += alike(text)
    assert total > 50
    if folder == "demo":  # the demo tree is plain: nearly all of it takes the fast path
        assert taken >= 0.9 * total, (taken, total)


def test_benchmark_tree_read_alike(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.generate(tmp_path, 3, 2, 2025)
    texts = list(yaml_texts(tmp_path))
    assert sum(alike(text) for _, text in texts) == len(texts) > 200


def test_declined():
    """What the fast path leaves to libyaml, each for its reason."""
    for text in [
        "a: 1\na: 2\n",  # duplicate key: SYN002 with its position
        "a: &x 1\nb: *x\n", "a: !!str 1\n",  # anchor, alias, tag
        "a:\n\tb: 1\n", "a: 1\r\nb: 2\r\n", 'a: "\\u0041"\n',  # tab, carriage return, escape
        "a: 1\n---\nb: 2\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n",  # documents, directives
        "1: x\n", "true: x\n", "null: x\n",  # a key that is not text
        "a: 1_000\nb: 1\n", "a: 0b101\n", "a: 0X1F\n", "a: +0x1F\n", "a: 1.5\n",  # numbers djrh reads otherwise
        "a: 12345678901234567890\n", "a: 0x" + "f" * 30 + "\n",
        "　a: 1\n",  # full-width space
        "a: [" * 70 + "]" * 70 + "\n",  # too deep
        "a: b: c\n", "a: [1, 2\n",  # broken
        "k" * 600 + ": 1\n",  # a key libyaml refuses
        "a: |\n  0", "theme: x\ndiscussion: |\n  决定：一是……",  # a block ending the file with no line break
    ]:
        assert parse_plain(text) is NOT_PLAIN, text
    assert parse_plain("a: 1\nb: [x, y]\nc: {d: 2026-02-30, e: 14:30}\nf: yes\ng:\n") == {
        "a": 1, "b": ["x", "y"], "c": {"d": "2026-02-30", "e": "14:30"}, "f": "yes", "g": None,
    }


# -- generated documents: from pieces of YAML, and real records with characters put in or taken out

KEYS = st.sampled_from(["a", "kind", "name", "b c", "中文", "1", "01", "true", "yes", "~", "null", '"q"', "'s'",
                        "a_b", "x1_2", "-a", "? a", "[a]", "{a: 1}", "a:", "#a", "@a", "`a", "%a"])
NUMBERS = st.one_of(
    st.integers(-10**25, 10**25).map(str),
    st.integers(0, 10**6).map(lambda n: f"0{n}"),
    st.tuples(st.sampled_from(["", "+", "-"]), st.sampled_from(["0x", "0o", "0b", "0X", "0O", "0B"]),
              st.text("0123456789abcdefABCDEF_", min_size=0, max_size=8)).map("".join),
    st.from_regex(r"\A[-+]?[0-9_]{0,6}(\.[0-9_]{0,4})?([eE][-+]?[0-9_]{0,3})?\Z"),
    st.sampled_from([".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", ".iNf", "-.NaN", "1e400", "."]),
)
WORDS = st.one_of(
    NUMBERS,
    st.sampled_from(["x", "学习党章", "2026-02-30", "14:30", "14:30-17:30", "yes", "no", "on", "True", "FALSE",
                     "Null", "~", "", "a: b", "a #c", "a#b", "'q'", '"d"', "'it''s'", '"a\\tb"', "[1, a]", "{a: 1}",
                     "[]", "{}", "- x", "? x", "|", ">", "|-", ">+", "@x", "`x", "%x", "!x", "&a x", "*a", "x,y",
                     "a  b", "x ", " x", "：", "，", "。", "a\u3000b", "！"]),
    st.text(" abc:#-_,[]{}'\"|>?!&*%@`019.中\t", max_size=8),
)


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 1, 3]))
        dash = draw(st.sampled_from(["", "", "- ", "- - "]))
        shape = draw(st.integers(0, 5))
        if shape == 0:
            lines.append(f"{indent}{dash}{draw(WORDS)}")
        elif shape == 1:
            lines.append(f"{indent}{dash}{draw(KEYS)}:")
        elif shape == 2:
            lines.append(f"{indent}{dash}{draw(KEYS)}: [{', '.join(draw(st.lists(WORDS, max_size=3)))}]")
        elif shape == 3:
            lines.append(f"{indent}{dash}{draw(KEYS)}: {draw(st.sampled_from(['|', '>', '|-', '>+', '|2']))}")
            lines += [f"{indent}  {draw(WORDS)}" for _ in range(draw(st.integers(0, 3)))]
        else:
            comment = draw(st.sampled_from(["", "", " # note", "#x"]))
            lines.append(f"{indent}{dash}{draw(KEYS)}: {draw(WORDS)}{comment}")
    end = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join(lines) + end


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_generated_documents_read_alike(text):
    alike(text)


REAL = [text for _, text in yaml_texts(DEMO / "themedays")][:40] + [text for _, text in yaml_texts(DEMO / "org")][:20]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(REAL), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3),
                                                 st.text(" \n:-#[]{},'\"|>?_.0123456789eExob+学", max_size=3)), max_size=4))
def test_mutated_records_read_alike(text, edits):
    for where, cut, put in edits:
        at = where % (len(text) + 1)
        text = text[:at] + put + text[at + cut:]
    alike(text)


# The two checks of the text's shape written for speed (2026-12-02) decline exactly what their plain
# definitions decline: a colon before a flow indicator or starting a value, a flow collection that
# does not close on its line or holds a quote or comment.
_COLON_PLAIN = re.compile(":[,\\[\\]{}]|(?:^|[\\s\\[{,]):", re.MULTILINE)
_FLOW_LINE = re.compile("^[^\\n]*[\\[\\]{}][^\\n]*", re.MULTILINE)


def _flow_plain(text: str) -> bool:
    return not any(
        "#" in line or "'" in line or '"' in line or line.count("{") != line.count("}") or line.count("[") != line.count("]")
        for line in _FLOW_LINE.findall(text)
    )


@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(":,[]{}#'\" \n\t\u3000\x85\u2028\x1cax学", max_size=14) | st.sampled_from(REAL))
def test_the_fast_shape_checks_mean_their_plain_definitions(text):
    assert (fast._COLON_FLOW.search(text) is None) == (_COLON_PLAIN.search(text) is None)
    assert fast._flow_on_one_line(text) == _flow_plain(text)


# -- what a person sees: the same bytes with the fast path and without


def corpus_tree(root: Path) -> Path:
    write_tree(root, {
        "org/nursing-gb.yaml": GENERAL_BRANCH,
        "org/nursing-1.yaml": BRANCH,
        "themedays/2026/nursing-1-2026-03.yaml": THEMEDAY + "prescribed: 学习。\ntheory_practice: 收获。\ndiscussion: 方案。\n",
    })
    for path in sorted((TESTS / "bad_inputs").iterdir()):
        if path.name != "expected.txt":
            shutil.copyfile(path, root / "org" / path.name)
    return root


def outputs(root: Path) -> list[str]:
    got = []
    for args in (("--format", "json"), ("--format", "text"), ("--format", "json", "--lang", "en")):
        lang = ["--lang", "en"] if "--lang" in args else []
        args = tuple(a for a in args if a not in ("--lang", "en"))
        run = run_djrh(*lang, "check", "--root", str(root), "--as-of", "2026-11-22", "--no-cache", *args, cwd=root)
        got.append(f"exit {run.code}\n{run.out}\n{run.err}")
    return got


@pytest.mark.parametrize("tree", ["corpus", "demo", "benchmark"])
def test_check_prints_the_same_bytes(tmp_path, monkeypatch, tree):
    if tree == "corpus":
        root = corpus_tree(tmp_path / "tree")
    elif tree == "demo":
        root = DEMO
    else:
        sys.path.insert(0, str(PROJECT / "benchmarks"))
        try:
            import generate
        finally:
            sys.path.pop(0)
        root = tmp_path / "tree"
        generate.generate(root, 4, 2, 2025)
        # a few findings on records the fast path reads: their positions come from libyaml
        (root / "org" / "branch-0001.yaml").write_text(
            (root / "org" / "branch-0001.yaml").read_text("utf-8").replace("category: faculty", "category: teachers\ncolour: red"),
            encoding="utf-8",
        )
    fast_out = outputs(root)
    monkeypatch.setattr(fast, "yaml_rs", None)  # every file through libyaml, as before the fast path
    assert outputs(root) == fast_out
