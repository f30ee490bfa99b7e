"""BR001–BR003: brands — "个个支部有亮点，个个总支有品牌" (000 四(四))."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from djrh.findings import Finding
from djrh.rules.base import Context, RuleContext, rule, year_span

_BRAND = """\
kind: brand
name: 白衣党旗红·南丁格尔先锋
owner: nursing-gb
mode: brand
business_focus: 护理技能培养与临床实习管理
started_on: 2025-03-01
activities: [nursing-faculty-1-2026-03, model-branch-2025-nursing-faculty-1]
"""


def _owners(ctx: Context) -> set[str]:
    return {brand.model.owner for brand in ctx.of_kind("brand", "owner")}


@rule(
    "BR001", "warning",
    title_zh="党总支没有党建品牌",
    title_en="general branch without a brand",
    source="000 四(四)",
    doc_zh="“个个总支有品牌”：每个党总支至少有一个 owner 为它的党建品牌记录（brands/）。",
    doc_en="Every general branch has at least one brand whose owner it is.",
    example_bad="brands/：没有 owner: nursing-gb 的品牌",
    example_good=_BRAND,
    messages={
        "none": (
            "{name} 还没有党建品牌（个个总支有品牌）。请在 brands/ 中登记 owner 为本总支的品牌。",
            "{name} has no brand. Record one in brands/ with this general branch as owner.",
        ),
    },
)
def general_branch_brand(r: RuleContext) -> Iterator[Finding]:
    owners = _owners(r.ctx)
    for general in r.of_kind("general_branch"):
        if general.id not in owners:
            left_out = r.left_out("brand", (), "owner", general.id, "brand(-.*)?")
            yield r.finding(general, "none", left_out=left_out, name=_name(general))


@rule(
    "BR002", "info",
    title_zh="党支部没有自己的品牌，所属党总支也没有",
    title_en="branch without a brand of its own or of its general branch",
    source="000 四(四)",
    doc_zh="“个个支部有亮点”：党支部有自己的品牌，或其所属党总支有品牌时，视为已有亮点；都没有时提示。",
    doc_en="A branch has a brand of its own, or its general branch has one; otherwise it is noted.",
    example_bad="brands/：没有 owner 为该支部或其党总支的品牌",
    example_good=_BRAND,
    messages={
        "none": ("{name} 及其所属党总支都还没有党建品牌（个个支部有亮点）。", "Neither {name} nor its general branch has a brand."),
    },
)
def branch_brand(r: RuleContext) -> Iterator[Finding]:
    owners = _owners(r.ctx)
    for branch in r.of_kind("branch", "parent"):
        if branch.id not in owners and (branch.model.parent is None or branch.model.parent not in owners):
            left_out = r.left_out("brand", (), "owner", branch.id, "brand(-.*)?")
            if branch.model.parent is not None:
                left_out += r.left_out("brand", (), "owner", branch.model.parent, "brand(-.*)?")
            yield r.finding(branch, "none", left_out=list(dict.fromkeys(left_out)), name=_name(branch))


def _name(unit) -> str:
    """A unit's name, or its id while its name has schema errors."""
    return unit.model.name if unit.usable(("name",)) else unit.id


_ACTIVITY_DATES = {"themeday": ("date",), "pilot": ("period", "selected_on")}


def activity_dates(ctx: Context, activity_id: str, year: int) -> bool | None:
    """Whether the record `activity_id` is dated in `year`: a theme day by its date; a pilot by its
    construction period (or its selection date when it has no period). None: it may be, but the
    fields that date it have schema errors."""
    unclear = False
    for record in ctx.by_id.get(activity_id, []):
        fields = _ACTIVITY_DATES.get(record.kind or "")
        if fields is None or record.model is None:
            continue
        if not record.usable(fields):
            unclear = True
        elif record.kind == "themeday" and record.model.date.year == year:
            return True
        elif record.kind == "pilot" and pilot_in_year(record.model, year):
            return True
    return None if unclear else False


def pilot_in_year(pilot, year: int) -> bool:
    """A pilot is dated in `year` by its construction period, or by its selection date when it
    has no period (BR003, and the pilots a branch carried in `djrh report`)."""
    if pilot.period is not None:
        return pilot.period.start <= date(year, 12, 31) and pilot.period.end >= date(year, 1, 1)
    return pilot.selected_on.year == year


@rule(
    "BR003", "warning",
    title_zh="党建品牌当年没有任何活动",
    title_en="brand with no activity dated in the as-of year",
    doc_zh=(
        "品牌要靠活动持续打造：activities 中至少有一项在检查日期所在年度——主题党日看活动日期，试点项目看建设周期"
        "（没有周期时看立项日期）。当年才创建（started_on 晚于检查日期）的品牌不检查。"
    ),
    doc_en=(
        "A brand lives through its activities: at least one listed activity is dated in the as-of year (a theme "
        "day by its date, a pilot by its period, or its selection date). Brands started after the as-of date are "
        "not checked."
    ),
    example_bad=_BRAND.replace("activities: [nursing-faculty-1-2026-03, model-branch-2025-nursing-faculty-1]", "activities: []"),
    example_good=_BRAND,
    messages={
        "idle": (
            "品牌在 {year} 年没有活动：activities 中没有当年的主题党日或试点项目。",
            "The brand has no activity in {year}: no theme day or pilot of that year in activities.",
        ),
    },
)
def brand_activity(r: RuleContext) -> Iterator[Finding]:
    year = r.as_of.year
    for brand in r.of_kind("brand", "started_on", "activities"):
        if brand.model.started_on > r.as_of:
            continue
        dated = {activity: activity_dates(r.ctx, activity, year) for activity in brand.model.activities}
        if not any(dated.values()):
            left_out = [
                record for activity, found in dated.items() if found is None for record in r.by_id[activity]
                if record.kind in _ACTIVITY_DATES and record.model is not None and not record.usable(_ACTIVITY_DATES[record.kind])
            ]
            yield r.finding(brand, "idle", at=("activities",), span=year_span(year), left_out=left_out, year=year)
