"""The rule catalogue as the user meets it: rules, explain, docs/rules.md, SARIF, djrh.yaml errors."""

from __future__ import annotations

import json

import pytest

from conftest import BRANCH, PROJECT, run_djrh, write_tree
from djrh.rules import RULES


def test_every_rule_has_its_metadata():
    for rule in RULES.values():
        assert rule.title_zh and rule.title_en and rule.doc_zh and rule.doc_en, rule.code
        assert rule.severity in ("error", "warning", "info")
        if rule.code[:2] in ("OR", "TD", "PJ", "BR", "DL", "PR") and rule.code not in ("ORG004", "TD005", "TD007", "PJ006", "BR003"):
            assert rule.source, f"{rule.code} cites no source clause"
        for param in rule.params:
            assert param.doc_zh and param.doc_en


def test_rules_lists_every_rule_with_its_source():
    out = run_djrh("rules").out
    for code in RULES:
        assert code in out
    assert "000 五.2" in out  # TD001's source


@pytest.mark.parametrize("code", list(RULES))
def test_explain_every_rule(code):
    run = run_djrh("explain", code.lower())
    assert run.code == 0
    rule = RULES[code]
    assert rule.title_zh in run.out
    for param in rule.params:
        assert param.name in run.out


def test_explain_unknown_code_suggests():
    run = run_djrh("explain", "TD0001")
    assert run.code == 2 and "TD001" in run.err


def test_docs_rules_md_is_current():
    written = (PROJECT / "docs" / "rules.md").read_text("utf-8")
    generated = run_djrh("rules", "--format", "markdown").out
    assert written == generated, "run: djrh rules --format markdown > docs/rules.md"


def test_rules_json():
    rules = json.loads(run_djrh("rules", "--format", "json").out)
    assert [r["code"] for r in rules] == list(RULES)
    assert {r["code"]: r["params"] for r in rules}["TD003"] == {"days": 90}


def test_sarif(tmp_path):
    big = BRANCH.replace("{formal: 20, probationary: 2}", "{formal: 48, probationary: 4}")
    waived = big + "waivers:\n  - {rule: ORG001, reason: 拆分中, approved_by: 党委组织部, ref: 组通〔2026〕12号, until: 2027-03-31}\n"
    write_tree(tmp_path / "records", {
        "org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n",
        "org/nursing-1.yaml": big, "org/nursing-2.yaml": waived,
    })
    run = run_djrh("check", "--root", "records", "--format", "sarif", "--select", "ORG001", "--as-of", "2026-11-22", cwd=tmp_path)
    assert run.code == 1
    sarif = json.loads(run.out)
    assert sarif["version"] == "2.1.0"
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "djrh" and [r["id"] for r in driver["rules"]] == list(RULES)
    assert "50" in driver["rules"][list(RULES).index("ORG001")]["help"]["text"]
    results = sarif["runs"][0]["results"]
    # the waived one is no error to a viewer that ignores `suppressions` either (issue 11)
    assert [(r["ruleId"], r["level"]) for r in results] == [("ORG001", "error"), ("ORG001", "note")]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "records/org/nursing-1.yaml"
    assert location["region"] == {"startLine": 5, "startColumn": 1}
    assert "suppressions" not in results[0] and results[1]["suppressions"][0]["kind"] == "external"


@pytest.mark.parametrize("lang, label, error", [("zh", "已豁免", "错误"), ("en", "waived", "error")])
def test_a_waived_finding_is_labelled_waived_not_error(tmp_path, lang, label, error):
    """Issue 11: the text output said 错误 in front of a waived finding; it says 已豁免, and the
    summary counts it apart from the errors."""
    big = BRANCH.replace("{formal: 20, probationary: 2}", "{formal: 48, probationary: 4}")
    waived = big + "waivers:\n  - {rule: ORG001, reason: 拆分中, approved_by: 党委组织部, ref: 组通〔2026〕12号, until: 2027-03-31}\n"
    root = write_tree(tmp_path / "records", {"org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n",
                                             "org/nursing-2.yaml": waived})
    run = run_djrh("check", "--root", str(root), "--select", "ORG001", "--as-of", "2026-11-22", "--lang", lang)
    assert run.code == 0, run.out
    finding = [line for line in run.out.splitlines() if "ORG001" in line]
    assert len(finding) == 1 and f" {label} ORG001 " in finding[0] and error not in finding[0], run.out
    github = run_djrh("check", "--root", str(root), "--select", "ORG001", "--as-of", "2026-11-22", "--format", "github")
    assert github.out.startswith("::notice ") and "已豁免" in github.out


@pytest.mark.parametrize(
    "config, where, words",
    [
        ("rules:\n  TD003: {dayz: 60}\n", "djrh.yaml:2:11", "dayz"),
        ("rules:\n  TD003: {days: -5}\n", "djrh.yaml:2:17", "-5"),
        ("rules:\n  TD003: {days: 九十}\n", "djrh.yaml:2:17", "九十"),
        ("rules:\n  TD002: warn\n", "djrh.yaml:2:10", "warn"),
        ("rules:\n  td002: off\n", "djrh.yaml:2:3", "TD002"),
        ("rules:\n  ORG001: {severity: fatal}\n", "djrh.yaml:2:22", "fatal"),
        ("deadlines:\n  - {name: 行动总结, due: 2026-07-32, applies_to: branch}\n", "djrh.yaml:2:23", "2026-07-32"),
        ("policy:\n  since: 二〇二五\n", "djrh.yaml:2:10", "二〇二五"),
        ("polcy:\n  since: 2025\n", "djrh.yaml:1:1", "policy"),
        ("rules: [TD002]\n", "djrh.yaml:1:8", "rules"),
        ("institution: [unclosed\n", "djrh.yaml:1:14", "括号"),
    ],
)
def test_broken_configuration(tmp_path, config, where, words):
    root = write_tree(tmp_path, {}, config=config)
    run = run_djrh("check", "--root", str(root))
    assert run.code == 2
    assert where in run.err and words in run.err, run.err


def test_configuration_overrides_severity_and_parameters(tmp_path):
    config = "policy: {since: 2026}\nrules:\n  ORG001: {max_members: 20, severity: info}\n  ORG005: off\n"
    small = BRANCH.replace("{formal: 20, probationary: 2}", "{formal: 2, probationary: 20}")
    root = write_tree(tmp_path, {"org/nursing-gb.yaml": "kind: general_branch\nname: x\n", "org/nursing-1.yaml": small}, config=config)
    run = run_djrh("check", "--root", str(root), "--format", "json", "--select", "ORG00", "--as-of", "2026-11-22")
    found = [(f["code"], f["severity"]) for f in run.json["findings"]]
    assert ("ORG001", "info") in found and all(code != "ORG005" for code, _ in found)


@pytest.fixture
def throwaway_rule():
    """docs/architecture.md's recipe "Adding a rule", followed to the letter: one unit with its
    metadata, parameter and messages — and nothing else edited. Taken out again afterwards."""
    from djrh.rules.base import Param, RuleContext, rule, unregister

    @rule(
        "ORG901", "warning",
        title_zh="党支部名称过长", title_en="branch name too long",
        source="试用条款 一.1",
        params=(Param("max_length", 12, "名称最多几个字", "longest name"),),
        doc_zh="党支部名称不宜过长，以便印在表单上。", doc_en="A branch's name fits on the forms.",
        messages={"too_long": ("党支部名称有 {length} 个字，超过 {limit} 个。", "The branch name has {length} characters, more than {limit}.")},
        example_bad="kind: branch\nname: 一个非常非常非常非常长的党支部名称\n",
        example_good="kind: branch\nname: 护理学院教工第一党支部\n",
    )
    def name_length(r: RuleContext):
        limit = r.param("max_length")
        for branch in r.of_kind("branch", "name"):
            if len(branch.model.name) > limit:
                yield r.finding(branch, "too_long", at=("name",), part="value", length=len(branch.model.name), limit=limit)

    yield name_length
    unregister("ORG901")


def test_a_new_rule_is_everywhere_by_itself(tmp_path, throwaway_rule):
    from djrh.i18n import messages

    listed = run_djrh("rules").out
    assert "ORG901" in listed and "党支部名称过长" in listed and "试用条款 一.1" in listed
    explained = run_djrh("--lang", "en", "explain", "org901").out
    assert "branch name too long" in explained and "max_length = 12" in explained and "一个非常非常" in explained
    docs = run_djrh("rules", "--format", "markdown").out  # what docs/rules.md is generated from
    assert "| [ORG901](#org901) | 警告 | 党支部名称过长 | 试用条款 一.1 |" in docs and "\n## ORG901\n" in docs
    assert "- `max_length`（12）名称最多几个字" in docs

    root = write_tree(tmp_path / "records", {
        "org/nursing-gb.yaml": "kind: general_branch\nname: 护理学院党总支\n",
        "org/nursing-1.yaml": BRANCH,  # 护理学院教工第一党支部: 11 characters
    }, config="institution: 测试学院委员会\nrules:\n  ORG901: {max_length: 10}\n")
    check = ["check", "--root", str(root), "--select", "ORG901", "--as-of", "2026-11-22"]
    chinese = run_djrh(*check, "--format", "json").json["findings"]
    assert [(f["code"], f["severity"], f["line"], f["message"]) for f in chinese] == [
        ("ORG901", "warning", 2, "党支部名称有 11 个字，超过 10 个。"),
    ]
    english = run_djrh("--lang", "en", *check, "--format", "json").json["findings"]
    assert [f["message"] for f in english] == ["The branch name has 11 characters, more than 10."]
    sarif = json.loads(run_djrh(*check, "--format", "sarif").out)
    driver = sarif["runs"][0]["tool"]["driver"]
    rule = next(r for r in driver["rules"] if r["id"] == "ORG901")
    assert rule["shortDescription"]["text"] == "党支部名称过长" and "一个非常非常" in rule["help"]["text"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in sarif["runs"][0]["results"]] == [("ORG901", list(driver["rules"]).index(rule))]
    assert messages("en")["org901.too_long"].startswith("The branch name")


def test_the_throwaway_rule_leaves_nothing_behind():
    """Runs after the test above (file order): the catalogue is as before."""
    from djrh.i18n import messages

    assert "ORG901" not in RULES and "org901.too_long" not in messages("zh")
    assert "ORG901" not in run_djrh("rules").out
