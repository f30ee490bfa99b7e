"""SCH001, SCH002: the record does not match the schema of its kind. Emitted by `djrh.check.validate`."""

from djrh.rules.base import Rule, register

register(Rule(
    code="SCH001",
    severity="error",
    title_zh="缺少必填字段、类型不对、取值或日期无效、kind 未知",
    title_en="missing field, wrong type, invalid value or date, unknown kind",
    doc_zh=(
        "每条记录按 `kind` 对应的字段表检查（见 docs/format.md，或 `djrh schema`）：必填字段不能缺或空着，"
        "数字、true/false、列表要写对类型，可选值可写英文代码或中文名称，日期写成 YYYY-MM-DD 且真实存在。"
        "融合主题党日还须填写切入点和业务工作描述。"
    ),
    doc_en=(
        "Every record is checked against the fields of its `kind` (docs/format.md, `djrh schema`): required "
        "fields present and not empty, numbers, booleans and lists of the right type, values from the fixed "
        "sets (English code or Chinese label), dates as real YYYY-MM-DD days."
    ),
    example_bad="kind: themeday\nbranch: nursing-faculty-1\ndate: 2026-02-30\nplace: 护理学院308会议室\n",
    example_good=(
        "kind: themeday\nbranch: nursing-faculty-1\ndate: 2026-03-18\nplace: 护理学院308会议室\n"
        "theme: 推进护理技能大赛备赛\nintegration: false\n"
    ),
))

register(Rule(
    code="SCH002",
    severity="error",
    title_zh="不认识的字段（会提示最接近的字段名）",
    title_en="unknown field (with the nearest known name)",
    doc_zh="字段表之外的字段视为错误：拼错的字段名不能让数据悄悄丢失。提示会给出最接近的已知字段。",
    doc_en="A field the schema does not know is an error, so a typo never silently drops data.",
    example_bad="kind: themeday\nthem: 推进护理技能大赛备赛\n",
    example_good="kind: themeday\ntheme: 推进护理技能大赛备赛\n",
))
