"""DL001: filings due to the 组织部 by the deadlines set in djrh.yaml (003 四(二))."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from djrh.findings import Finding
from djrh.rules.base import Context, Param, RuleContext, day_span, rule

# `applies_to` of a deadline: a kind of unit (by code or Chinese label), "all", or a list of ids.
_KINDS = {
    "branch": ("branch",), "党支部": ("branch",),
    "general_branch": ("general_branch",), "党总支": ("general_branch",),
    "all": ("branch", "general_branch"), "全部": ("branch", "general_branch"),
}


def units(ctx: Context, applies_to: str | list[str]):
    if isinstance(applies_to, list):
        wanted = set(applies_to)
        return [r for kind in ("general_branch", "branch") for r in ctx.of_kind(kind) if r.id in wanted]
    kinds = _KINDS.get(applies_to.strip(), ())
    return [record for kind in kinds for record in ctx.of_kind(kind)]


def submissions(ctx: Context) -> dict[tuple[str, str], list[date]]:
    """(filing name, unit id) -> the dates it was submitted on."""
    filings: dict[tuple[str, str], list[date]] = {}
    for record in ctx.of_kind("filing", "name", "unit", "submitted_on"):
        filings.setdefault((record.model.name.strip(), record.model.unit.strip()), []).append(record.model.submitted_on)
    return filings


def filings_left_out(ctx: Context, deadline, unit_id: str) -> list:
    """Filings of a unit that may be for `deadline`, but whose name or date has schema errors."""
    return [
        record for record in ctx.left_out("filing", ("name", "submitted_on"), "unit", unit_id, r"\d{4}-\d{2}-\d{2}(-.*)?")
        if not record.usable(("name",)) or record.model.name.strip() == deadline.name.strip()
    ]


def filing_state(ctx: Context, filings: dict[tuple[str, str], list[date]], deadline, unit_id: str) -> tuple[bool, date | None]:
    """(filed on time, date of the first late filing on or before the as-of date) of one unit for
    one deadline. On time: submitted within the year before the deadline and not after it."""
    due = deadline.due
    dates = filings.get((deadline.name.strip(), unit_id), [])
    if any(due - timedelta(days=365) < d <= due for d in dates):
        return True, None
    late = sorted(d for d in dates if due < d <= ctx.as_of)
    return False, (late[0] if late else None)


@rule(
    "DL001", "error",
    title_zh="报送期限已过仍未报送（错误）；14 天内到期（警告）",
    title_en="a deadline passed with no matching filing (error); due within 14 days (warning)",
    source="003 四(二)",
    params=(Param("days", 14, "期限前多少天开始提醒", "days before a deadline to warn"),),
    doc_zh=(
        "djrh.yaml 的 deadlines 列出要报党委组织部的材料和期限（如问题整改清单 4 月 15 日前、行动总结 7 月 5 日前），"
        "applies_to 指明哪些单位要报：branch（每个党支部）、general_branch（每个党总支）、all，或 id 列表。"
        "每个适用单位要有一条报送材料记录（filings/）：name 与期限的名称相同、unit 为该单位、submitted_on 在期限前一年内且"
        "不晚于期限。期限已过仍没有为错误（逾期才报也是错误，并注明报送日期）；14 天内到期而尚未报送为警告。问题标在单位的记录上。"
    ),
    doc_en=(
        "`deadlines` in djrh.yaml lists what must be filed by when, and which units it applies to (branch, "
        "general_branch, all, or a list of ids). Each unit needs a filing with the same name, its unit id, "
        "submitted within the year before the deadline and not after it. A passed deadline without one is an "
        "error (a late filing too, with its date); a deadline within 14 days a warning. Reported on the unit."
    ),
    example_bad="deadlines: [{name: 问题整改清单, due: 2026-04-15, applies_to: branch}]，nursing-faculty-1 没有该名称的 filing",
    example_good=(
        "kind: filing\nname: 问题整改清单\nunit: nursing-faculty-1\nsubmitted_on: 2026-04-10\n"
        "file: evidence/filings/2026/nursing-faculty-1-问题整改清单.pdf\n"
    ),
    messages={
        "missing": (
            "“{name}”应于 {due} 前报送，已逾期 {overdue} 天，还没有报送记录（filings/ 中 name 为“{name}”、unit 为本单位）。",
            "“{name}” was due by {due}, {overdue} {overdue:day|days} ago, and there is no filing (filings/ with that name and this unit).",
        ),
        "late": ("“{name}”应于 {due} 前报送，实际于 {submitted} 报送，逾期。", "“{name}” was due by {due} and filed late, on {submitted}."),
        "soon": ("“{name}”应于 {due} 前报送（还有 {left} 天），还没有报送记录。", "“{name}” is due by {due} (in {left} {left:day|days}) and not filed yet."),
    },
)
def filed_on_time(r: RuleContext) -> Iterator[Finding]:
    window = timedelta(days=r.param("days"))
    filings = submissions(r.ctx)
    for deadline in r.config.deadlines:
        due = deadline.due
        if due > r.as_of + window:
            continue
        for unit in units(r.ctx, deadline.applies_to):
            on_time, late = filing_state(r.ctx, filings, deadline, unit.id)
            if on_time:
                continue
            left_out = filings_left_out(r.ctx, deadline, unit.id)
            if due >= r.as_of:
                yield r.finding(unit, "soon", severity="warning", span=day_span(due), left_out=left_out, name=deadline.name, due=due, left=(due - r.as_of).days)
            elif late:
                yield r.finding(unit, "late", span=day_span(due), left_out=left_out, name=deadline.name, due=due, submitted=late)
            else:
                yield r.finding(unit, "missing", span=day_span(due), left_out=left_out, name=deadline.name, due=due, overdue=(r.as_of - due).days)
