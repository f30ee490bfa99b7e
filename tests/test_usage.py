"""The command line's own words (issue 11): help pages and usage errors in Chinese by default and in
English with --lang en, never typer's or click's English; every --format lists what its command
accepts."""

from __future__ import annotations

import re

import pytest

from conftest import run_djrh, run_djrh_process
from djrh.cli import app as app_module, due as due_module, report as report_module

# What typer and click print in English when djrh does not speak for them.
ENGLISH = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|Show this message|\[default|\[required\]|<list\[|<str>|<int>|<path>|x>=|"
    r"Error:|No such|Missing|Invalid value|Got unexpected|requires an argument|Did you mean|Try '"
)


def command_names() -> list[str]:
    import typer

    group = typer.main.get_command(app_module.app)
    return sorted(group.commands)


def test_every_command_and_group_is_djrhs():
    """A command added with @app.command (or an app added under it) gets djrh's help and errors."""
    import typer

    from djrh.cli.usage import Command, Group

    group = typer.main.get_command(app_module.app)
    assert isinstance(group, Group)
    pending = [group]
    while pending:
        current = pending.pop()
        for command in current.commands.values():
            assert isinstance(command, (Command, Group)), command.name
            if isinstance(command, Group):
                pending.append(command)


@pytest.mark.parametrize("command", [None, *command_names()])
def test_help_pages_are_chinese(command):
    args = ["--help"] if command is None else [command, "--help"]
    run = run_djrh(*args)
    assert run.code == 0
    assert run.out.startswith(f"用法：djrh{'' if command is None else ' ' + command} [选项]")
    assert "选项：" in run.out and "显示本帮助并退出" in run.out
    assert not ENGLISH.search(run.out), ENGLISH.search(run.out)


def test_help_pages_in_english():
    run = run_djrh_process("--lang", "en", "check", "--help")
    assert run.out.startswith("Usage: djrh check [OPTIONS] [PATH]...")
    assert "Options:" in run.out and "show this help and exit" in run.out and "[default: text]" in run.out
    assert "<list[" not in run.out and "选项" not in run.out
    assert run_djrh_process("--lang", "en", "--help").out.startswith("Usage: djrh [OPTIONS] COMMAND [ARGS]...")


def test_help_shows_defaults_bounds_and_placeholders_in_chinese():
    check = run_djrh("check", "--help").out
    assert "[默认：text]" in check and "[至少 1]" in check and "-j, --jobs N" in check and "  [PATH]...  " in check
    due = run_djrh("due", "--help").out
    assert "[默认：30；至少 0]" in due
    new = run_djrh("new", "--help").out
    assert "用法：djrh new [选项] KIND" in new and "--name 文字" in new and "--unit 文字" in new
    init = run_djrh("init", "--help").out
    assert "[默认：.]" in init


@pytest.mark.parametrize("module, command, formats", [
    (app_module, "check", app_module.FORMATS), (app_module, "schema", app_module.SCHEMA_FORMATS),
    (app_module, "rules", app_module.RULES_FORMATS), (app_module, "explain", app_module.EXPLAIN_FORMATS),
    (report_module, "report", report_module.REPORT_FORMATS), (due_module, "due", due_module.DUE_FORMATS),
])
def test_format_help_and_refusal_come_from_the_list_the_code_uses(module, command, formats):
    text = re.sub(r"\s+", " ", run_djrh(command, "--help").out)
    assert f"-f, --format {'|'.join(formats)}" in text
    for name in formats:
        assert f"{name}（" in text, name  # each described
    args = [command, "TD001"] if command == "explain" else [command]
    run = run_djrh(*args, "--format", "xml")
    assert run.code == 2 and ", ".join(formats) in run.err


def test_check_lists_sarif():
    assert "sarif（" in run_djrh("check", "--help").out


USAGE_ERRORS = [
    (("check", "--pdf"), "djrh check 没有 --pdf 这个选项。--pdf 是 djrh render 的选项。"),
    (("check", "--stirct"), "djrh check 没有 --stirct 这个选项。您是不是要写 --strict？"),
    (("new",), "缺少 KIND（记录类别："),
    (("report", "--year", "x"), "--year 的值“x”不对：应当是整数。"),
    (("check", "--jobs", "0"), "--jobs 的值 0 太小：不能小于 1。"),
    (("due", "--days", "-1"), "--days 的值 -1 太小：不能小于 0。"),
    (("render", "-o"), "-o 后面要写一个值（FILE）。"),
    (("check", "--strict=yes"), "--strict 不带值：只写 --strict 即可。"),
    (("new", "themeday", "--theme", "推进", "护理"), "命令行多出了 “护理”"),
    (("chekc",), "没有“chekc”这个命令。可用的命令：check、init、new"),
    (("--lang", "zh"), "请在 djrh 后面写要做的事，如 djrh check。"),
]


@pytest.mark.parametrize("args, words", USAGE_ERRORS, ids=lambda value: " ".join(value) if isinstance(value, tuple) else None)
def test_usage_errors_say_what_is_wrong_in_chinese(args, words):
    run = run_djrh(*args)
    assert run.code == 2
    assert words in run.err, run.err
    assert run.err.startswith("错误：")
    assert not ENGLISH.search(run.err), ENGLISH.search(run.err)
    assert run.out == ""


def test_a_mistyped_command_is_matched_and_the_usage_line_shown():
    run = run_djrh("chekc")
    assert "您是不是要写 check？" in run.err and "用法：djrh [选项] 命令 [参数]..." in run.err and "运行 djrh -h" in run.err


def test_usage_errors_in_english():
    run = run_djrh("--lang", "en", "check", "--pdf")
    assert run.code == 2 and "djrh check has no option --pdf. --pdf is an option of djrh render." in run.err
    assert run.err.startswith("error: ") and "Usage: djrh check [OPTIONS] [PATH]..." in run.err
    run = run_djrh("--lang", "en", "report", "--year", "x")
    assert "The value “x” of --year is not right: it should be a whole number." in run.err
    assert "Input should be" not in run.err


@pytest.mark.parametrize("args, env", [(("--lang", "fr", "check"), None), (("check", "--lang=fr"), None), (("check",), {"DJRH_LANG": "fr"})])
def test_an_unknown_language_is_refused_with_the_choices(args, env):
    run = run_djrh_process(*args, env=env)
    assert run.code == 2
    assert "zh（中文）或 en（English）" in run.err and "“fr”" in run.err
    assert ("DJRH_LANG" if env else "--lang") in run.err


def test_no_command_shows_the_help():
    run = run_djrh()
    assert run.code == 2 and run.err.startswith("用法：djrh [选项] 命令 [参数]...") and "命令：" in run.err


COUNT_NOUNS = (r"(?:days|records|errors|warnings|infos|items|branches|months|quarters|members|findings|times|tasks|pilots"
               r"|brands|files|party groups|party lectures|notes|rows)")


def test_english_messages_agree_with_their_counts():
    """Every English message, its numbers set to 1: never `1 records`, `in 1 days` (issue 11)."""
    from djrh import i18n

    wrong = []
    for key, text in i18n.messages("en").items():
        names = i18n.placeholders(text)
        if not names:
            continue
        shown = i18n.t(key, lang="en", **{name: 1 for name in names})
        if re.search(rf"\b1 (?:more |full |integration theme |theme |school model |good |theme day or meeting |of 1 )?"
                     rf"{COUNT_NOUNS}\b", shown):
            wrong.append(f"{key}: {shown}")
    assert wrong == []


def test_english_plurals_through_the_cli(tmp_path):
    from conftest import BRANCH, write_tree

    root = write_tree(tmp_path / "t", {"org/nursing-1.yaml": BRANCH.replace("category: faculty\n", "")})
    run = run_djrh("--lang", "en", "check", "--root", str(root), "--select", "SCH", "--as-of", "2026-11-22")
    assert "Checked 1 record: 1 error, 0 warnings, 0 infos." in run.out
    due = run_djrh("--lang", "en", "due", "--root", str(root), "--as-of", "2026-06-11", "--days", "1")
    assert "within 1 day" in due.out


def test_choice_options_of_new_list_every_value_the_schema_accepts():
    """The help of --category and --level is written by hand (the help is built before the models
    load): it names exactly the vocabulary's values, in both languages."""
    from djrh.kinds import vocab

    text = re.sub(r"\s+", " ", run_djrh("new", "--help").out)
    for terms in (vocab.BRANCH_CATEGORY, vocab.PILOT_LEVEL):
        listed = " / ".join(f"{code} {term.zh}" for code, term in terms.items())
        assert listed in text
    english = re.sub(r"\s+", " ", run_djrh_process("--lang", "en", "new", "--help").out)
    for terms in (vocab.BRANCH_CATEGORY, vocab.PILOT_LEVEL):
        assert " / ".join(terms) in english


def test_english_lists_are_separated_by_commas(tmp_path):
    """Names, paths and fields listed in an English message: `王丽, 李强`, never the Chinese
    enumeration comma 、 (which stays in Chinese)."""
    from conftest import BRANCH, DEMO, GENERAL_BRANCH, write_tree

    two = BRANCH.replace("role: organization", "role: secretary")
    root = write_tree(tmp_path / "t", {"org/nursing-gb.yaml": GENERAL_BRANCH, "org/nursing-1.yaml": two,
                                       "org/x/nursing-1.yaml": two})
    english = run_djrh("--lang", "en", "check", "--root", str(root), "--select", "ORG004,ID002", "--as-of", "2026-11-22")
    assert "王丽, 李强" in english.out and "org/x/nursing-1.yaml" in english.out, english.out
    assert "、" not in english.out
    chinese = run_djrh("check", "--root", str(root), "--select", "ORG004", "--as-of", "2026-11-22")
    assert "王丽、李强" in chinese.out
    due = run_djrh("--lang", "en", "due", "--root", str(DEMO), "--as-of", "2026-11-22", "--days", "40", "--branch", "logistics")
    assert "饮食服务中心党小组, 公寓与维修中心党小组" in due.out and "、" not in due.out, due.out
