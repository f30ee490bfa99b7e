"""The fixed value sets of SPEC section 2: English code -> (Chinese label, English label).
(The names of the record kinds are in their specs: djrh.kinds.KINDS.)

A record may use either the code or the Chinese label (`entry_point: education` or
`entry_point: 三全育人`); the schema turns labels into codes. Aliases list other common
spellings a secretary might type for the same value.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


BRANCH_CATEGORY = {
    "faculty": Term("教工", "faculty", ("教工党支部", "教师")),
    "student": Term("学生", "student", ("学生党支部",)),
    "admin": Term("机关", "administration", ("机关党支部", "管理")),
    "logistics": Term("后勤", "logistics", ("后勤党支部",)),
    "retired": Term("离退休", "retired", ("离退休党支部",)),
    "other": Term("其他", "other", ()),
}

COMMITTEE_ROLE = {
    "secretary": Term("书记", "secretary", ("支部书记",)),
    "deputy_secretary": Term("副书记", "deputy secretary", ("支部副书记",)),
    "organization": Term("组织委员", "organization member", ()),
    "publicity": Term("宣传委员", "publicity member", ()),
    "discipline": Term("纪检委员", "discipline member", ("纪律检查委员",)),
    "member": Term("委员", "member", ("支委委员",)),
}

ENTRY_POINT = {
    "central_work": Term("中心工作", "central work", ("党建+中心工作",)),
    "education": Term("三全育人", "all-round education", ("党建+三全育人",)),
    "service": Term("服务师生", "serving teachers and students", ("党建+服务师生",)),
}

EDUCATION_PATH = {
    "course": Term("课程育人", "course", ()),
    "research": Term("科研育人", "research", ()),
    "practice": Term("实践育人", "practice", ()),
    "culture": Term("文化育人", "culture", ()),
    "network": Term("网络育人", "network", ()),
    "psychology": Term("心理育人", "psychology", ()),
    "management": Term("管理育人", "management", ()),
    "service": Term("服务育人", "service", ()),
    "aid": Term("资助育人", "financial aid", ()),
    "organization": Term("组织育人", "organization", ()),
}

# 三会一课 and the other 组织生活 (SPEC section 2, `kind: meeting`; a theme day's also_counts_as)
MEETING_TYPE = {
    "general_meeting": Term("党员大会", "general meeting", ("支部党员大会",)),
    "branch_committee": Term("支委会", "branch committee meeting", ("支部委员会", "支部委员会会议", "支委会议")),
    "party_group": Term("党小组会", "party group meeting", ()),
    "party_lecture": Term("党课", "party lecture", ()),
    "life_meeting": Term("组织生活会", "organisational life meeting", ()),
    "member_review": Term("民主评议党员", "democratic review of members", ("民主评议",)),
}

PILOT_TYPE = {
    "model_branch": Term("样板支部", "model branch", ("样板党支部",)),
    "demo_site": Term("示范点", "demonstration site", ("党建示范点", "基层党建工作示范点")),
    "benchmark_dept": Term("标杆院系", "benchmark department", ()),
    "secretary_project": Term("书记项目", "secretary project", ()),
    "project_team": Term("项目小组", "project team", ("党员突击队", "项目小组/党员突击队")),
}

PILOT_LEVEL = {
    "school": Term("校级", "school", ()),
    "province": Term("省级", "province", ()),
    "national": Term("全国", "national", ("国家级",)),
}

TEAM_STATUS = {
    "formal": Term("正式党员", "full member", ()),
    "probationary": Term("预备党员", "probationary member", ()),
    "non_member": Term("群众", "non-member", ("非党员",)),
}

REVIEW_RESULT = {
    "passed": Term("通过", "passed", ("合格", "验收通过")),
    "failed": Term("未通过", "failed", ("不合格",)),
    "pending": Term("待定", "pending", ("待验收",)),
}

BRAND_MODE = {
    "collaborative": Term("协同式", "collaborative", ("协同式融合",)),
    "brand": Term("品牌式", "brand", ("品牌式融合",)),
    "model": Term("模式融合", "model", ()),
    "empowering": Term("赋能式", "empowering", ("赋能式融合",)),
    "accompanying": Term("伴随式", "accompanying", ("伴随式融合",)),
    "joint": Term("联建式", "joint", ("联建式融合",)),
    "scene": Term("场景式", "scene", ("场景式融合",)),
}


# id of a vocabulary -> (the vocabulary, its table): made once (kept with it, so its id stays its own);
# the rules ask for it for every choice of every record.
_TABLES: dict[int, tuple[dict, dict[str, str]]] = {}


def lookup_table(terms: dict[str, Term]) -> dict[str, str]:
    """Every accepted spelling -> its code. (Shared: not to be changed by the caller.)"""
    known = _TABLES.get(id(terms))
    if known is not None and known[0] is terms:
        return known[1]
    table = _lookup_table(terms)
    _TABLES[id(terms)] = (terms, table)
    return table


def _lookup_table(terms: dict[str, Term]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, term in terms.items():
        table[code] = code
        table[term.zh] = code
        for alias in term.aliases:
            table[alias] = code
    return table


def label(terms: dict[str, Term], code: str, lang: str) -> str:
    term = terms.get(code)
    if term is None:
        return code
    return term.zh if lang == "zh" else term.en
