"""`djrh.yaml`: the tree's configuration (SPEC section 4).

A configuration problem stops the run with exit code 2 and a message naming the line and column
(`ConfigError`): a rule switched off by a typo must not pass silently.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from djrh.findings import SEVERITIES, Finding, Severity
from djrh.i18n import msg
from djrh.read.load import load_record, read_source, read_text, record_id
from djrh.kinds.types import IsoDate, Part, Text, field
from djrh.records import Record
from djrh.tree.root import CONFIG_NAME


class ConfigError(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("configuration")
        self.findings = findings


class Policy(Part):
    since: int | None = field(
        "首个检查年度", "first checked year",
        "从这一年起按年度检查；不写则从最早一次主题党日所在年度算起", "default: the year of the earliest theme day",
        default=None, strict=True, ge=1949, le=2200,
    )
    months_off: list[Annotated[int, Field(strict=True, ge=1, le=12)]] = field(
        "不要求开展主题党日的月份", "months off", "如寒暑假 [2, 8]", "months with no theme day expected, e.g. [2, 8]",
        default=[],
    )


class Deadline(Part):
    name: Text = field("材料名称", "name", "与报送材料记录的 name 相同", "the same as the filings' name")
    due: IsoDate = field("截止日期", "due")
    applies_to: Text | list[Text] = field(
        "适用范围", "applies to",
        "branch（每个党支部）、general_branch（每个党总支）、all，或 id 列表", "branch, general_branch, all, or a list of ids",
        default="branch",
    )


class ConfigSchema(Part):
    institution: Text | None = field("单位名称", "institution", "印在表单和报表上", "printed on forms and reports", default=None)
    as_of: IsoDate | None = field(
        "检查日期", "as-of date",
        "不给 --as-of 时 check、report、due、render 所按的日期（归档的年度、演示记录树）；不写则按当天",
        "the date check, report, due and render use without --as-of (an archived year, a demo tree); default today",
        default=None,
    )
    policy: Policy = field("政策参数", "policy", default_factory=Policy)
    rules: dict[str, Any] = field(
        "规则设置", "rules",
        "规则代码: off、error/warning/info，或参数映射，如 TD003: {days: 60}（见 rules.md）",
        "code: off, error/warning/info, or parameters such as TD003: {days: 60} (see rules.md)",
        default={},
    )
    deadlines: list[Deadline] = field("报送期限", "deadlines", "DL001 检查的报送材料和期限", "what DL001 checks is filed on time", default=[])


CONFIG_EXAMPLE = """\
institution: 示例职业技术学院委员会
as_of: 2026-11-22          # 不写则按当天检查
policy:
  since: 2024
  months_off: [2, 8]
rules:
  ORG001: {max_members: 50}
  TD003: {days: 90}
  ORG008: off
  TD002: warning
deadlines:
  - {name: 问题整改清单, due: 2026-04-15, applies_to: branch}
  - {name: 行动总结, due: 2026-07-05, applies_to: branch}
"""


@dataclass(slots=True)
class RuleSetting:
    severity: Severity | None = None  # None: the rule's default
    off: bool = False
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class Config:
    institution: str | None = None
    # The date check, report, due and render use when --as-of is not given (SPEC section 4):
    # an archived year, or a demo tree whose findings must not change with the calendar.
    as_of: date | None = None
    since: int | None = None
    months_off: tuple[int, ...] = ()
    rules: dict[str, RuleSetting] = dataclasses.field(default_factory=dict)
    deadlines: list[Deadline] = dataclasses.field(default_factory=list)
    empty: bool = False  # the file holds nothing: every default applies
    source: Record | None = dataclasses.field(default=None, repr=False)  # djrh.yaml as read, for positions

    def param(self, code: str, name: str) -> Any:
        from djrh.rules import RULES

        setting = self.rules.get(code)
        if setting is not None and name in setting.params:
            return setting.params[name]
        for param in RULES[code].params:
            if param.name == name:
                return param.default
        raise KeyError(f"{code} has no parameter {name}")

    def is_off(self, code: str) -> bool:
        setting = self.rules.get(code)
        return setting is not None and setting.off

    def severity(self, code: str) -> Severity | None:
        setting = self.rules.get(code)
        return setting.severity if setting is not None else None


def load_config(root: Path, use_cache: bool = True) -> Config:
    """Read and check `root/djrh.yaml`. Raises `ConfigError` with every problem found.

    The configuration checked from the same bytes by this djrh is kept in the tree's cache
    (tree/cache.py) and taken from there, unless `use_cache` is false (`check --no-cache`):
    checking the file builds pydantic's validator of ConfigSchema, 14 ms of every warm check,
    report, render and due."""
    from djrh.tree.cache import RecordCache

    raw, _, problem = read_source(root, CONFIG_NAME)
    if problem is not None:
        _, findings = load_record(root, CONFIG_NAME)  # the finding saying why it cannot be read
        raise ConfigError(findings)
    cache = RecordCache(Path(root)) if use_cache else None
    kept = cache.kept_config(raw) if cache is not None else None
    if type(kept) is Config and _shape_ok(kept):
        return kept
    config = _checked(root, raw)
    if cache is not None:
        cache.keep_config(raw, config)
    return config


def _checked(root: Path, raw: bytes) -> Config:
    """The configuration in `raw`, the bytes of `root/djrh.yaml`, checked."""
    from djrh.check.validate import describe_error, prune_empty

    record, findings = read_text(Record(id=record_id(CONFIG_NAME), path=CONFIG_NAME), raw, root)
    if findings:
        raise ConfigError(findings)
    if record.data is None:
        return Config(empty=True)
    if not isinstance(record.data, dict):
        raise ConfigError([_problem(record, (), msg("config.not_mapping"))])
    problems: list[Finding] = []
    raw_rules = record.data.get("rules")
    rules = dict(_rule_settings(record, raw_rules, problems)) if isinstance(raw_rules, dict) else {}
    try:
        schema = ConfigSchema.model_validate(prune_empty(record.data, ConfigSchema))
    except ValidationError as error:
        problems[:0] = [describe_error(record, ConfigSchema, record.data, item) for item in error.errors()]
    if problems:
        problems.sort(key=lambda f: (f.line, f.column))
        raise ConfigError(problems)
    record.release(root)  # as a record once validated: read again if a finding on djrh.yaml asks where
    return Config(
        source=record,
        institution=schema.institution,
        as_of=schema.as_of,
        since=schema.policy.since,
        months_off=tuple(sorted(set(schema.policy.months_off))),
        rules=rules,
        deadlines=list(schema.deadlines),
    )


def _shape_ok(config: Config) -> bool:
    """A kept configuration has the shape `_checked` gives (else it is checked afresh)."""
    rules_ok = all(
        type(code) is str and type(setting) is RuleSetting and type(setting.params) is dict and type(setting.off) is bool
        and (setting.severity is None or setting.severity in SEVERITIES)
        for code, setting in config.rules.items()
    )
    return (
        type(config.rules) is dict and rules_ok and type(config.deadlines) is list
        and all(type(deadline) is Deadline for deadline in config.deadlines)
        and type(config.months_off) is tuple and all(type(month) is int for month in config.months_off)
        and (config.institution is None or type(config.institution) is str)
        and (config.as_of is None or type(config.as_of) is date) and (config.since is None or type(config.since) is int)
        and type(config.empty) is bool and (config.source is None or type(config.source) is Record)
    )


def _rule_settings(record: Record, raw: dict[str, Any], problems: list[Finding]):
    """`ORG008: off`, `TD002: warning`, `ORG001: {max_members: 50}`, `TD003: {days: 60, severity: error}`."""
    import difflib

    from djrh.rules import RULES

    for code, value in raw.items():
        where = ("rules", code)
        if code not in RULES:
            match = difflib.get_close_matches(code.upper(), list(RULES), n=1, cutoff=0.6)
            key = "config.unknown_rule_suggest" if match else "config.unknown_rule"
            problems.append(_problem(record, where, msg(key, code=code, suggestion=match[0] if match else "")))
            continue
        rule = RULES[code]
        if value == "off" or value is False:
            yield code, RuleSetting(off=True)
            continue
        if isinstance(value, str) and value in SEVERITIES:
            yield code, RuleSetting(severity=value)
            continue
        if not isinstance(value, dict):
            problems.append(_problem(record, where, msg("config.bad_rule_value", code=code, value=value), "value"))
            continue
        setting = RuleSetting()
        known = {param.name: param for param in rule.params}
        for name, param_value in value.items():
            if name == "severity":
                if param_value == "off":
                    setting.off = True
                elif param_value in SEVERITIES:
                    setting.severity = param_value
                else:
                    problems.append(_problem(record, where + (name,), msg("config.bad_severity", value=param_value), "value"))
            elif name not in known:
                names = ", ".join(known) or "—"
                problems.append(_problem(record, where + (name,), msg("config.unknown_param", code=code, name=name, known=names)))
            elif not _same_type(known[name].default, param_value):
                problems.append(_problem(
                    record, where + (name,),
                    msg("config.bad_param", code=code, name=name, value=param_value, default=known[name].default), "value",
                ))
            elif not isinstance(param_value, bool) and isinstance(param_value, (int, float)) and param_value > known[name].maximum:
                problems.append(_problem(
                    record, where + (name,),
                    msg("config.param_too_large", code=code, name=name, value=param_value, maximum=known[name].maximum), "value",
                ))
            else:
                setting.params[name] = param_value
        yield code, setting


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(default) is type(value)
    if isinstance(default, int):
        return type(value) is int and value >= 0
    if isinstance(default, float):
        return type(value) in (int, float) and value >= 0
    return isinstance(value, type(default))


def _problem(record: Record, where: tuple, message, part: str = "key") -> Finding:
    line, column = record.locate(where, part)
    return Finding("CONFIG", "error", CONFIG_NAME, line, column, "djrh", message)

