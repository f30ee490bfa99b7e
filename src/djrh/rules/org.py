"""ORG001–ORG008: how a branch is organised (size, committee, term, secretary)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from djrh.findings import Finding
from djrh.i18n import series
from djrh.rules import quotas
from djrh.rules.base import Param, RuleContext, rule

_BRANCH = """\
kind: branch
name: 护理学院学生第一党支部
parent: nursing-gb
category: student
members: {formal: 30, probationary: 8}
committee:
  - {name: 张晓燕, role: secretary}
  - {name: 孙雨萱, role: organization}
  - {name: 刘佳琪, role: publicity}
elected_on: 2025-10-18
"""


@rule(
    "ORG001", "error",
    title_zh="党支部党员超过 50 人（正式党员与预备党员合计）",
    title_en="branch has more than 50 members (full and probationary)",
    source="003 二.4；《中国共产党支部工作条例（试行）》第四条",
    params=(Param("max_members", 50, "每个党支部党员人数上限", "most members a branch may have"),),
    doc_zh=(
        "党支部党员人数一般不超过 50 人（正式党员与预备党员合计）。超过时应按年级、专业或教研室拆分支部；"
        "拆分方案报批期间，可在支部记录的 waivers 中登记党委组织部的批准文号，该项即标为已豁免。"
    ),
    doc_en=(
        "A branch normally has at most 50 members, full and probationary together. A larger branch should be "
        "split; while the split is being prepared, record the approval under `waivers`."
    ),
    example_bad=_BRANCH.replace("{formal: 30, probationary: 8}", "{formal: 44, probationary: 8}"),
    example_good=_BRANCH,
    messages={
        "too_many": (
            "党支部有党员 {total} 人（正式 {formal}、预备 {probationary}），超过 {limit} 人的上限。请按年级、专业或教研室拆分支部；拆分期间可在 waivers 中登记组织部的批准。",
            "The branch has {total} {total:member|members} ({formal} full, {probationary} probationary), over the limit of {limit}. Split it; record the approval under waivers while the split is prepared.",
        ),
    },
)
def members_limit(r: RuleContext) -> Iterator[Finding]:
    limit = r.param("max_members")
    for branch in r.of_kind("branch", "members"):
        members = branch.model.members
        total = members.formal + members.probationary
        if total > limit:
            yield r.finding(
                branch, "too_many", at=("members",),
                total=total, formal=members.formal, probationary=members.probationary, limit=limit,
            )


@rule(
    "ORG002", "error",
    title_zh="正式党员 7 人以上的支部，支委会不足 3 人或超过 7 人（6–7 人为警告）",
    title_en="with 7+ full members: committee under 3 or over 7 (6–7: warning)",
    source="003 二.4；《中国共产党支部工作条例（试行）》第二十条",
    params=(
        Param("members_for_committee", 7, "正式党员达到这一人数的支部设支部委员会", "full members from which a committee is formed"),
        Param("min_size", 3, "支委会最少人数", "smallest committee"),
        Param("usual_max", 5, "支委会通常最多人数，超过为警告", "usual largest committee; above it is a warning"),
        Param("max_size", 7, "支委会最多人数，超过为错误", "largest committee; above it is an error"),
    ),
    doc_zh=(
        "正式党员 7 人以上的党支部设立支部委员会，由 3 至 5 人组成，一般不超过 7 人。"
        "少于 3 人或多于 7 人为错误；6 至 7 人为警告（允许，但请确认确有必要）。"
    ),
    doc_en=(
        "A branch with 7 or more full members has a committee of 3 to 5, normally at most 7. Under 3 or over 7 "
        "is an error; 6 or 7 is a warning."
    ),
    example_bad=_BRANCH.replace("  - {name: 孙雨萱, role: organization}\n  - {name: 刘佳琪, role: publicity}\n", ""),
    example_good=_BRANCH,
    messages={
        "size": (
            "正式党员 {formal} 人，应设 {low} 至 {high} 人的支部委员会，现有 {size} 人。请调整 committee。",
            "With {formal} full {formal:member|members} the branch has a committee of {low} to {high}; it has {size}.",
        ),
        "large": (
            "支委会有 {size} 人。支委会一般由 {low} 至 {usual} 人组成，超过 {usual} 人请确认确有必要。",
            "The committee has {size} {size:member|members}; {low} to {usual} is usual. Confirm it is needed.",
        ),
    },
)
def committee_size(r: RuleContext) -> Iterator[Finding]:
    threshold = r.param("members_for_committee")
    low, usual, high = (r.param(name) for name in ("min_size", "usual_max", "max_size"))
    for branch in r.of_kind("branch", "members", "committee"):
        formal = branch.model.members.formal
        size = len(branch.model.committee)
        if formal < threshold:
            continue  # no committee is required: see ORG006
        if size < low or size > high:
            yield r.finding(branch, "size", at=("committee",), formal=formal, size=size, low=low, high=high)
        elif size > usual:
            yield r.finding(branch, "large", at=("committee",), severity="warning", size=size, low=low, usual=usual)


@rule(
    "ORG003", "error",
    title_zh="支委会任期已满未换届（错误）；90 天内任期届满（警告）",
    title_en="term over (error); term ends within 90 days (warning)",
    source="003 二.4；《中国共产党基层组织选举工作条例》第三条",
    params=(
        Param("term_years", 3, "任期年数（支部记录的 term_years 优先）", "term length (a branch's term_years wins)", maximum=10),
        Param("days", 90, "任期届满前多少天开始提醒", "days before the end of term to warn"),
    ),
    doc_zh=(
        "党支部委员会每届任期一般为 3 年，任期届满要按期进行换届选举。届满日为 elected_on 加任期年数："
        "早于检查日期为错误（应已换届）；在检查日期起 90 天内为警告（着手准备换届）。换届后更新 elected_on 和 committee。"
    ),
    doc_en=(
        "A branch committee serves 3 years and is re-elected on time. The term ends on elected_on plus the term: "
        "before the as-of date it is an error; within the next 90 days a warning to prepare the election."
    ),
    example_bad=_BRANCH.replace("elected_on: 2025-10-18", "elected_on: 2022-10-18"),
    example_good=_BRANCH,
    messages={
        "over": (
            "本届支委会任期（{years} 年）已于 {ends} 届满，已超期 {overdue} 天。请按期换届，并更新 elected_on 和 committee。",
            "The committee's {years}-year term ended on {ends}, {overdue} {overdue:day|days} ago. Hold the election, then update elected_on and committee.",
        ),
        "soon": (
            "本届支委会任期（{years} 年）将于 {ends} 届满（还有 {left} 天）。请着手准备换届选举。",
            "The committee's {years}-year term ends on {ends}, in {left} {left:day|days}. Prepare the election.",
        ),
    },
)
def term_of_office(r: RuleContext) -> Iterator[Finding]:
    warn_within = timedelta(days=r.param("days"))
    for branch in r.of_kind("branch", "elected_on", "term_years"):
        term = quotas.term(r.ctx, branch)
        if term.ends < r.as_of:
            overdue = (r.as_of - term.ends).days
            yield r.finding(branch, "over", at=("elected_on",), part="value", ends=term.ends, years=term.years, overdue=overdue)
        elif term.ends <= r.as_of + warn_within:
            left = (term.ends - r.as_of).days
            yield r.finding(
                branch, "soon", at=("elected_on",), part="value", severity="warning", ends=term.ends, years=term.years, left=left,
            )


@rule(
    "ORG004", "error",
    title_zh="支委会没有书记，或有不止一名书记",
    title_en="committee has no secretary, or more than one",
    doc_zh="每个党支部有且只有一名书记（committee 中 role 为 secretary 的一行）。不设委员会的支部也要列出书记。",
    doc_en="Every branch has exactly one secretary (the committee line with role secretary).",
    example_bad=_BRANCH.replace("role: secretary", "role: deputy_secretary"),
    example_good=_BRANCH,
    messages={
        "none": (
            "支委会中没有书记：committee 中要有一行 role: secretary。",
            "The committee has no secretary: add a line with role: secretary.",
        ),
        "many": (
            "支委会中有不止一名书记（{names}）。每个支部只设一名书记，其他人请改为副书记或委员。",
            "The committee has more than one secretary ({names}). A branch has one secretary.",
        ),
    },
)
def one_secretary(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch", "committee"):
        secretaries = [m.name for m in branch.model.committee if m.role == "secretary"]
        if not secretaries:
            yield r.finding(branch, "none", at=("committee",))
        elif len(secretaries) > 1:
            yield r.finding(branch, "many", at=("committee",), names=series(secretaries))


@rule(
    "ORG005", "error",
    title_zh="正式党员不足 3 人",
    title_en="branch has fewer than 3 full members",
    source="《中国共产党支部工作条例（试行）》第四条",
    params=(Param("min_formal", 3, "成立党支部所需的最少正式党员人数", "fewest full members of a branch"),),
    doc_zh="有正式党员 3 人以上的，应当成立党支部。不足 3 人的应与其他单位联合成立党支部，或并入相近的支部。",
    doc_en="A branch needs at least 3 full members; with fewer, it joins with another unit.",
    example_bad=_BRANCH.replace("{formal: 30, probationary: 8}", "{formal: 2, probationary: 1}"),
    example_good=_BRANCH,
    messages={
        "few": (
            "正式党员只有 {formal} 人，少于成立党支部所需的 {minimum} 人。请与相近单位联合设立支部，或并入其他支部。",
            "Only {formal} full {formal:member|members}, fewer than the {minimum} a branch needs. Join with a neighbouring unit.",
        ),
    },
)
def enough_members(r: RuleContext) -> Iterator[Finding]:
    minimum = r.param("min_formal")
    for branch in r.of_kind("branch", "members"):
        formal = branch.model.members.formal
        if formal < minimum:
            yield r.finding(branch, "few", at=("members", "formal"), part="value", formal=formal, minimum=minimum)


@rule(
    "ORG006", "warning",
    title_zh="正式党员不足 7 人却设了 2 人以上的支委会（只设书记和副书记）",
    title_en="under 7 full members but a committee of more than 2",
    source="《中国共产党支部工作条例（试行）》第二十条",
    params=(
        Param("members_for_committee", 7, "正式党员达到这一人数才设支部委员会", "full members from which a committee is formed"),
        Param("max_without_committee", 2, "不设委员会时最多列几人（书记、副书记）", "people listed without a committee"),
    ),
    doc_zh="正式党员不足 7 人的党支部不设支部委员会，只设书记 1 人，必要时设副书记 1 人。",
    doc_en="A branch with fewer than 7 full members has no committee: a secretary and, if needed, a deputy.",
    example_bad=_BRANCH.replace("{formal: 30, probationary: 8}", "{formal: 6, probationary: 0}"),
    example_good=_BRANCH.replace("{formal: 30, probationary: 8}", "{formal: 6, probationary: 0}").replace(
        "  - {name: 孙雨萱, role: organization}\n  - {name: 刘佳琪, role: publicity}\n", "  - {name: 孙雨萱, role: deputy_secretary}\n"
    ),
    messages={
        "small": (
            "正式党员 {formal} 人（不足 {threshold} 人），不设支部委员会，只设书记和副书记，现列了 {size} 人。",
            "With {formal} full {formal:member|members} (under {threshold}) there is no committee, only a secretary and a deputy; {size} {size:is|are} listed.",
        ),
    },
)
def no_committee_when_small(r: RuleContext) -> Iterator[Finding]:
    threshold = r.param("members_for_committee")
    most = r.param("max_without_committee")
    for branch in r.of_kind("branch", "members", "committee"):
        formal = branch.model.members.formal
        size = len(branch.model.committee)
        if formal < threshold and size > most:
            yield r.finding(branch, "small", at=("committee",), formal=formal, size=size, threshold=threshold)


@rule(
    "ORG007", "warning",
    title_zh="机关、后勤党支部书记未由部门负责人担任（一肩挑）",
    title_en="admin or logistics branch whose secretary is not the department head",
    source="001 六",
    doc_zh=(
        "管理服务部门和后勤部门的党支部书记一般由部门主要负责人担任。secretary_heads_department 为 false 时提示；"
        "没有填写时也提示，请如实填写 true 或 false。"
    ),
    doc_en=(
        "In administration and logistics, the branch secretary is normally the department head. Reported when "
        "secretary_heads_department is false or not filled in."
    ),
    example_bad=_BRANCH.replace("category: student", "category: admin") + "secretary_heads_department: false\n",
    example_good=_BRANCH.replace("category: student", "category: admin") + "secretary_heads_department: true\n",
    messages={
        "no": (
            "机关、后勤党支部书记一般由部门主要负责人担任（一肩挑），这里 secretary_heads_department 为 false。",
            "The secretary of an administration or logistics branch is normally the department head; secretary_heads_department is false.",
        ),
        "unset": (
            "机关、后勤党支部书记一般由部门主要负责人担任（一肩挑）。请填写 secretary_heads_department: true 或 false。",
            "The secretary of an administration or logistics branch is normally the department head. Fill in secretary_heads_department: true or false.",
        ),
    },
)
def secretary_heads_department(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch", "category", "secretary_heads_department"):
        model = branch.model
        if model.category in ("admin", "logistics") and model.secretary_heads_department is not True:
            message = "unset" if model.secretary_heads_department is None else "no"
            yield r.finding(branch, message, at=("secretary_heads_department",))


@rule(
    "ORG008", "info",
    title_zh="教工党支部书记不是“双带头人”",
    title_en="faculty branch whose secretary is not a 双带头人",
    source="001 三、六",
    doc_zh=(
        "教师党支部书记一般应是党建带头人和学术带头人（“双带头人”）。dual_leader 为 false 或未填写时提示，"
        "供组织部掌握“双带头人”培育情况。"
    ),
    doc_en="A faculty branch secretary is normally a 双带头人 (party and academic leader). Reported when dual_leader is false or empty.",
    example_bad=_BRANCH.replace("category: student", "category: faculty") + "dual_leader: false\n",
    example_good=_BRANCH.replace("category: student", "category: faculty") + "dual_leader: true\n",
    messages={
        "no": ("教工党支部书记不是“双带头人”（dual_leader: false）。", "The faculty branch secretary is not a 双带头人 (dual_leader: false)."),
        "unset": (
            "教工党支部书记是否为“双带头人”没有填写。请填写 dual_leader: true 或 false。",
            "Whether the faculty branch secretary is a 双带头人 is not filled in. Write dual_leader: true or false.",
        ),
    },
)
def dual_leader(r: RuleContext) -> Iterator[Finding]:
    for branch in r.of_kind("branch", "category", "dual_leader"):
        model = branch.model
        if model.category == "faculty" and model.dual_leader is not True:
            message = "unset" if model.dual_leader is None else "no"
            yield r.finding(branch, message, at=("dual_leader",))
