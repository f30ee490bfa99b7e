"""Waivers: an approved exception to one rule for one record (SPEC section 1, `waivers` on every
kind).

A finding of rule R on a record whose `waivers` hold a waiver for R, still in force on the as-of
date, is marked waived: it is shown, listed in reports with its approval reference, and not
counted. A branch's waiver also covers the findings of R on its theme days (a branch exempted from
TD006 while its secretary is away need not list the waiver in every record). WV001 reports a waiver
that has expired (the finding counts again) or names no rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from djrh.findings import Finding
from djrh.kinds import Waiver
from djrh.records import Record
from djrh.rules.base import RULES, RuleContext, rule


@rule(
    "WV001", "warning",
    title_zh="豁免已过期（警告），或豁免的规则代码不存在（错误）",
    title_en="waiver expired (warning), or names an unknown rule (error)",
    doc_zh=(
        "waivers 中的豁免在 until 日期之后失效：被豁免的问题重新计入，并提示续批或整改。"
        "rule 必须是 djrh rules 列出的规则代码。"
    ),
    doc_en=(
        "A waiver ends after its `until` date: the waived finding counts again, and this warns to renew or fix "
        "it. `rule` must be a code listed by djrh rules."
    ),
    example_bad="waivers:\n  - {rule: ORG001, reason: 拆分支部筹备中, approved_by: 党委组织部, ref: 组通〔2025〕3号, until: 2025-12-31}\n",
    example_good="waivers:\n  - {rule: ORG001, reason: 拆分支部筹备中, approved_by: 党委组织部, ref: 组通〔2026〕12号, until: 2027-03-31}\n",
    messages={
        "unknown": (
            "豁免的规则代码 {rule} 不存在。运行 djrh rules 查看全部规则代码。",
            "The waiver's rule {rule} does not exist. djrh rules lists the codes.",
        ),
        "expired": (
            "{rule} 的豁免（{ref}）已于 {until} 到期，相应问题重新计入。请整改，或报组织部续批后更新 until。",
            "The waiver of {rule} ({ref}) ended on {until}; the finding counts again. Fix it, or renew the approval and update until.",
        ),
    },
)
def waiver_validity(r: RuleContext) -> Iterator[Finding]:
    for record in r.records:
        if not record.usable(("waivers",)):
            continue
        for index, waiver in enumerate(record.model.waivers):
            code = waiver.rule.strip().upper()
            if code not in RULES:
                yield r.finding(record, "unknown", at=("waivers", index, "rule"), part="value", severity="error", rule=waiver.rule)
            elif waiver.until < r.as_of:
                yield r.finding(
                    record, "expired", at=("waivers", index, "until"), part="value", rule=code, until=waiver.until, ref=waiver.ref or "—",
                )


def waivers_in_force(records: list[Record], as_of: date) -> dict[tuple[str, str], Waiver]:
    """(path of a record, rule code) -> the waiver in force on `as_of` that covers the findings of
    that rule on that record: its own, or its branch's for a theme day."""
    in_force: dict[tuple[str, str], Waiver] = {}
    by_branch: dict[str, list[Waiver]] = {}
    for record in records:
        if not record.usable(("waivers",)):
            continue
        for waiver in record.model.waivers:
            if waiver.until >= as_of:
                in_force.setdefault((record.path, waiver.rule.strip().upper()), waiver)
                if record.kind == "branch":
                    by_branch.setdefault(record.id, []).append(waiver)
    if by_branch:
        for record in records:
            if record.kind == "themeday" and record.usable(("branch",)) and record.model.branch in by_branch:
                for waiver in by_branch[record.model.branch]:
                    in_force.setdefault((record.path, waiver.rule.strip().upper()), waiver)
    return in_force


def apply_waivers(findings: list[Finding], records: list[Record], as_of: date) -> list[Finding]:
    """Mark the findings covered by a waiver in force on `as_of`."""
    in_force = waivers_in_force(records, as_of)
    if not in_force:
        return findings
    return [replace(f, waived=True) if (f.path, f.code) in in_force and f.code != "WV001" else f for f in findings]
