"""SYN001, SYN002: the file cannot be read as YAML. Emitted by `djrh.read.load` while reading."""

from djrh.rules.base import Rule, register

register(Rule(
    code="SYN001",
    severity="error",
    title_zh="文件无法按 YAML 读取（语法错误、编码不是 UTF-8、文件过大等）",
    title_en="the file cannot be read as YAML (syntax, encoding, size)",
    doc_zh=(
        "记录文件必须是 UTF-8 编码、不超过 1 MiB 的一个 YAML 文档（Markdown 记录为 `---` 之间的"
        "前置 YAML）。语法错误、中文冒号“：”、Tab 缩进、未闭合的引号或括号、git 合并冲突标记、"
        "GBK 等其他编码、控制字符都会报此项，并指出行列和改法。读不了的文件不影响其他文件的检查。"
    ),
    doc_en=(
        "A record is one YAML document (for Markdown, the front matter between `---` lines), UTF-8, at most "
        "1 MiB. Syntax errors, full-width colons, tab indentation, unclosed quotes or brackets, git conflict "
        "markers, other encodings and control characters are reported with their position and a fix."
    ),
    example_bad="kind: themeday\nbranch：nursing-faculty-1   # 中文冒号\n",
    example_good="kind: themeday\nbranch: nursing-faculty-1\n",
))

register(Rule(
    code="SYN002",
    severity="error",
    title_zh="同一字段写了两次",
    title_en="duplicate key",
    doc_zh="同一层级中同一个字段出现两次时，后一次会悄悄覆盖前一次，所以视为错误。保留一处即可。",
    doc_en="A key written twice at the same level would silently replace the first value, so it is an error.",
    example_bad="kind: themeday\ntheme: 学习二十届三中全会精神\ntheme: 推进实训室建设\n",
    example_good="kind: themeday\ntheme: 学习二十届三中全会精神，推进实训室建设\n",
))
