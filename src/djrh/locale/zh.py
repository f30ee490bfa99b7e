"""中文消息目录（默认语言）：命令行、输出、表单、报表的文字，以及读取和校验记录时的提示（syn.*、sch.*）。
键与 en.py 一一对应。各条规则的消息写在规则旁边（src/djrh/rules/ 中的 messages=），不在这里。
"""

MESSAGES = {
    # ---- severities and common words
    "severity.error": "错误",
    "severity.warning": "警告",
    "severity.info": "提示",
    "type.text": "文本",
    "type.int": "整数",
    "type.number": "数字",
    "type.bool": "true 或 false",
    "type.list": "列表",
    "type.mapping": "字段映射（key: value）",
    "type.date": "日期",
    "value.empty": "空值",
    "value.bool": "布尔值 {value}",
    "value.number": "数字 {value}",
    "value.text": "文本“{value}”",
    # ---- SYN: reading the file
    "syn.too_large": "文件有 {size}，超过记录文件 {limit} 的上限，未读取。一条记录通常只有几 KB；请检查是否误放了其他文件，佐证材料请放到 evidence/ 文件夹。",
    "syn.unreadable": "无法读取这个文件：{detail}。请检查文件权限。",
    "syn.unreadable_dir": "无法读取这个文件夹：{detail}。请检查文件夹权限。",
    "syn.symlink_outside": "这是指向记录树之外的符号链接（快捷方式），djrh 不读取记录树以外的文件。请把文件本身放进记录树。",
    "syn.symlink_broken": "这个符号链接（快捷方式）指向的文件不存在，或链接自身循环。请删除它或改为真实文件。",
    "syn.conflict_markers": "文件里还留着 git 合并冲突标记（<<<<<<<、=======、>>>>>>>）。请保留正确的内容，删掉这几行标记后再提交。",
    "syn.encoding": "文件不是 UTF-8 编码，看起来是 {encoding}。请在编辑器里“另存为”UTF-8 编码（WPS/记事本：另存为 → 编码选 UTF-8），或运行：iconv -f {iconv} -t UTF-8 {file} > tmp && mv tmp {file}",
    "syn.encoding_unknown": "文件不是 UTF-8 编码，也无法判断是哪种编码。请在编辑器里“另存为”UTF-8 编码，或运行：iconv -f {iconv} -t UTF-8 {file} > tmp && mv tmp {file}",
    "syn.md_no_front_matter": "Markdown 记录要以一行 --- 开头，接着写记录字段（YAML），再用一行 --- 结束，之后才是会议记录正文。",
    "syn.md_unclosed": "Markdown 记录开头的字段部分没有结束：请在字段之后、会议记录正文之前加一行 ---。",
    "syn.duplicate_key": "字段 {key} 写了两次（第一次在第 {first} 行）。后写的会覆盖先写的，请只保留一处。",
    "syn.fullwidth_colon": "“{key}”后面用了中文冒号“：”。YAML 要用英文冒号加空格，请改成 {key}: …（中文输入法下按 Shift+; 前先切换到英文标点）。",
    "syn.tab": "这一行用 Tab 缩进了。YAML 只能用空格缩进，请把 Tab 换成空格（通常每级 2 个空格）。",
    "syn.fullwidth_space": "这一行开头有全角空格（中文空格）。YAML 只能用半角空格缩进，请删掉全角空格后重新缩进。",
    "syn.control_char": "文件里有不可见的控制字符（{detail}），常见于从 Word 或网页复制的文字。请删除这个字符后重新输入这段文字。",
    "syn.unclosed_quote": "引号没有配对：一段文字以引号开头，却没有找到结尾的引号。请补上结尾的引号，或把两端的引号都去掉。",
    "syn.colon_in_value": "这里不能出现“冒号+空格”。如果值里本身含有冒号（如“时间: 14:30”），请给整个值加上英文引号；否则请检查这一行和上一行的缩进是否对齐。",
    "syn.unclosed_bracket": "方括号 [ ] 没有配对，或者列表项之间少了英文逗号。请检查这一行的 [ 是否有对应的 ]。",
    "syn.unclosed_brace": "花括号 {{ }} 没有配对，或者字段之间少了英文逗号。请检查这一行的 {{ 是否有对应的 }}。",
    "syn.expected_colon": "这一行应当是“字段名: 值”的形式，但没有找到英文冒号。请检查是否漏了冒号、用了中文冒号，或上一行缩进不对。",
    "syn.list_indent": "列表的缩进不对齐：同一列表的每一项都应以同样缩进的“- ”开头。",
    "syn.indent": "缩进不对：同一层级的字段要左对齐，下一级字段要比上一级多缩进（通常多 2 个空格）。请对照上一行检查缩进。",
    "syn.bad_start": "这个值以特殊符号开头（如 @ ` % & * ! | ?），YAML 无法直接读取。请给整个值加上英文引号。",
    "syn.block_scalar": "多行文字（| 或 >）的写法不对：| 之后换行，正文每行都要比字段名多缩进。",
    "syn.generic": "YAML 语法错误：这一行无法按 YAML 读取。请检查这一行及上一行的冒号（英文冒号加空格）、缩进、引号和括号。",
    "syn.bad_tagged_value": "值“{value}”不是 !!{tag} 类型。请去掉 !!{tag} 标记或改正这个值。",
    "syn.unsupported_tag": "不支持 YAML 标记 {tag}。记录里只写普通的文字、数字、日期和列表，请去掉这个标记。",
    "syn.recursive_alias": "别名 *{anchor} 引用了包含它自己的内容，无法读取。请直接写出内容，不要用 & 和 * 引用。",
    "syn.undefined_alias": "别名 *{anchor} 没有对应的 &{anchor}。请直接写出内容；值以 * 开头时请加引号。",
    "syn.alias_bomb": "文件里的别名（& 和 *）展开后超过 {limit} 项，拒绝读取，以免耗尽内存。请直接写出内容，不要层层引用。",
    "syn.complex_key": "字段名必须是普通文字，不能是列表、映射或别名。",
    "syn.too_deep": "嵌套超过 {limit} 层，拒绝读取。记录最多只有三四层嵌套，请检查缩进或括号。",
    "syn.multiple_documents": "一个记录文件只能有一份内容，这里又出现了一行 ---。请把第二份内容另存为一个文件。",
    # ---- SCH: schema
    "sch.empty_file": "文件是空的。请写入记录字段，或用 djrh new 生成一份带说明的记录。",
    "sch.top_level": "记录应由“字段名: 值”组成，这里却是{found}。请对照 djrh new 生成的样例检查格式。",
    "sch.kind_missing": "缺少 kind 字段，无法判断这是哪一类记录。请在第一行写 kind: branch / themeday / meeting / pilot / brand / filing / general_branch 之一。",
    "sch.kind_missing_guess": "缺少 kind 字段，无法判断这是哪一类记录。根据所在文件夹，应当是 kind: {guess}，请加在第一行。",
    "sch.kind_unknown": "不认识的记录类别 kind: {value}。可选：{kinds}。",
    "sch.kind_unknown_suggest": "不认识的记录类别 kind: {value}，是不是想写 {suggestion}？可选：{kinds}。",
    "sch.missing": "缺少必填字段 {field}（{label}）。请补上这一项。",
    "sch.empty_required": "必填字段 {field}（{label}）还空着。请填写。",
    "sch.required_if": "{condition}，{field}（{label}）必须填写，这里还空着。",
    "cond.integration": "这是党建与业务融合主题党日（integration: true）",
    "cond.education": "切入点是三全育人（education）",
    "cond.party_group": "这是党小组会（type: party_group）",
    "cond.party_lecture": "这是党课（type: party_lecture）",
    "cond.member_review": "这是民主评议党员（type: member_review）",
    "cond.life_meeting": "这是组织生活会（type: life_meeting）",
    "sch.too_short": "{field}（{label}）至少要有一项。",
    "sch.too_small": "{field}（{label}）的值 {value} 太小，不能小于 {limit}。",
    "sch.too_large": "{field}（{label}）的值 {value} 不合常理，不能大于 {limit}。请检查是否多打了数字。",
    "sch.wrong_type": "{field}（{label}）应当是{expected}，这里却是{found}。",
    "sch.invalid": "{field}（{label}）的值无效：{detail}",
    "sch.date_impossible": "{field}（{label}）的日期 {value} 不存在（比如 2 月没有 30 日）。请改成真实的日期。",
    "sch.date_format": "{field}（{label}）的日期“{value}”格式不对，请写成 年-月-日，如 2026-03-18。",
    "sch.date_format_suggest": "{field}（{label}）的日期“{value}”格式不对，请写成 {suggestion}。",
    "sch.time_format": "{field}（{label}）“{value}”格式不对，请写成 开始-结束，如 14:30-17:00。",
    "sch.time_fullwidth": "{field}（{label}）“{value}”里用了中文冒号“：”，请改成英文冒号，如 14:30-17:00。",
    "sch.time_order": "{field}（{label}）“{value}”的结束时间不晚于开始时间，请检查。",
    "sch.bool": "{field}（{label}）只能填 true（是）或 false（否），这里是“{value}”。",
    "sch.bool_yes_no": "{field}（{label}）写成了“{value}”，在 YAML 1.2 中这是一段文字而不是“是/否”。请写 true 或 false。",
    "sch.choice": "{field}（{label}）不能填“{value}”。可选：{options}。",
    "sch.choice_suggest": "{field}（{label}）不能填“{value}”，是不是想写 {suggestion}？可选：{options}。",
    "sch.unknown_field": "不认识的字段 {field}。这类记录可用的字段有：{known}。",
    "sch.unknown_field_suggest": "不认识的字段 {field}，是不是想写 {suggestion}（{label}）？",
    "sch.unknown_field_label": "不认识的字段 {field}。字段名要用英文，这里应写 {suggestion}（{label}）；中文只写在值里。",
    # ---- configuration
    "config.not_mapping": "djrh.yaml 应由“设置项: 值”组成。请对照 djrh init 生成的样例。",
    "config.unknown_rule": "规则设置里的 {code} 不是已知的规则代码。运行 djrh rules 查看全部规则。",
    "config.unknown_rule_suggest": "规则设置里的 {code} 不是已知的规则代码，是不是想写 {suggestion}？",
    "config.bad_rule_value": "规则 {code} 的设置“{value}”无效。可写 off、error、warning、info，或参数映射如 {{days: 90}}。",
    "config.bad_severity": "级别“{value}”无效，可选 error、warning、info、off。",
    "config.unknown_param": "规则 {code} 没有参数 {name}。可用参数：{known}。",
    "config.bad_param": "规则 {code} 的参数 {name} 取值“{value}”无效，应与默认值 {default} 同一类型且不为负数。",
    "config.empty": "djrh.yaml 是空的，全部使用默认设置。",
    "config.failed": "djrh.yaml 有误，检查未进行：",
    # ---- tree
    "tree.not_found": "在 {cwd} 及其上级文件夹中找不到记录树（含 djrh.yaml 的文件夹）。请进入记录树再运行，或用 --root 指定，或用 djrh init 新建一个。",
    "tree.no_config_at": "{path} 里没有 djrh.yaml，不是记录树。请用 djrh init {path} 新建，或指定正确的文件夹。",
    "tree.no_such_dir": "文件夹 {path} 不存在。",
    "tree.path_outside": "{path} 不在记录树 {root} 之内。",
    "tree.path_missing": "找不到 {path}。",
    # ---- output
    "out.clean": "✓ 已检查 {records} 条记录，没有发现问题。",
    "out.summary": "已检查 {records} 条记录：{errors} 个错误，{warnings} 个警告，{infos} 条提示。",
    "out.waived_count": "（另有 {waived} 条经批准豁免）",
    "out.waived_suffix": "（已豁免）",
    "out.explain_hint": "运行 djrh explain {code} 查看规则的说明和示例。",
    "out.internal_error": "djrh 内部错误（{error}）。这是 djrh 的缺陷，不是您的记录的问题；请把这条信息和所用命令告诉维护者。设置环境变量 DJRH_DEBUG=1 可查看详细信息。",
    "out.interrupted": "已中断。",
    "out.bad_date_option": "{option} 的日期“{value}”无效，请写成 YYYY-MM-DD，如 2026-11-22。",
    "out.bad_format": "不支持的输出格式“{value}”，可选：{choices}。",
    "out.error_prefix": "错误",
}

MESSAGES.update({
    # ---- a hostile or careless tree: what cannot be read, shown or used
    "out.more_in_file": "          …这个文件还有 {count} 个问题没有列出（用 --format json 可看到全部）。",
    "syn.name_not_utf8": "文件名“{name}”不是 UTF-8 编码（常见于 Windows 上打包的 zip：文件名是 GBK 编码），djrh 没有读取这个文件。请把它改成英文 id 的文件名，如 nursing-faculty-1-2026-03.yaml，或用能指定编码的工具重新解压（如 unzip -O GBK）。",
    "syn.name_not_utf8_folder": "文件夹名“{name}”不是 UTF-8 编码（常见于 Windows 上打包的 zip：名称是 GBK 编码），其中的记录没有检查。请给文件夹改名，或用能指定编码的工具重新解压（如 unzip -O GBK）。",
    "syn.name_control_char": "文件名“{name}”里有不可见的控制字符（{detail}），djrh 没有读取这个文件。请给文件改名，如 nursing-faculty-1-2026-03.yaml。",
    "syn.name_control_char_folder": "文件夹名“{name}”里有不可见的控制字符（{detail}），其中的记录没有检查。请给文件夹改名。",
    "syn.number_too_long": "这个数字有 {digits} 位，超过 {limit} 位，djrh 不读取这个文件。记录里不会有这么长的数字，请检查是否误粘贴了内容；如果它是一段文字（如编号），请加上引号。",
    "sch.date_range": "{field}（{label}）的日期 {value} 不合常理：年份应在 {first} 至 {last} 之间。请检查年份是否打错。",
    "sch.control_char": "{field}（{label}）里有不可见的控制字符（{char}），打印的表单和 Excel 报表容不下它。请删除引号里的转义写法（如 \\x01、\\e），重新输入这段文字。",
    "out.year_out_of_range": "{option} 的年份 {year} 不合常理，应在 {first} 至 {last} 之间。",
    "due.too_many_days": "--days {days} 太大：最多看 {limit} 天（十年）以后的事项。",
    "config.param_too_large": "规则 {code} 的参数 {name} 取值 {value} 太大，最大为 {maximum}。",
    "render.template_link": "模板 {template} 是符号链接（快捷方式），djrh 不使用：模板必须是记录树 templates/ 文件夹里的真实文件，不能指向别处。请把模板文件本身放进 templates/。",
    "render.template_not_file": "模板 {template} 不是普通文件（可能是管道、设备或文件夹），djrh 不使用。请换成用 Word 或 WPS 保存的 DOCX 文件。",
    "render.template_too_large": "模板 {template} 超过 {limit}，djrh 不使用。表单模板通常只有几十 KB；请删去其中的大图片后重新保存。",
    "render.template_bomb": "模板 {template} 解压后过大（部件数 / 解压后大小：{detail}；上限 {parts} 个部件、{limit}），djrh 不打开它，以免耗尽内存。请用 Word 或 WPS 重新另存这个模板。",
    "render.template_timeout": "用模板 {template} 生成表单超过 {seconds} 秒，已停止。请检查模板里的循环（{{% for %}}）是否过多或层层嵌套。",
    "render.template_memory": "用模板 {template} 生成表单需要超过 {limit} 内存，已停止。请检查模板里是否有把文字或列表重复、填充、拼接很多次的写法（如 center、format、replace、join、* 或在循环里反复拼接）。",
    "render.template_output": "用模板 {template} 生成的表单超过 {limit}，已停止。请检查模板里的循环和重复的写法。",
    "new.not_utf8": "{option} 的值“{value}”不是 UTF-8 编码（终端可能是 GBK 编码），写进记录会成为乱码，没有写入。请把终端设为 UTF-8（Windows：chcp 65001；Linux：LANG=zh_CN.UTF-8）后重新输入。",
    "new.control_char": "{option} 的值里有不可见的控制字符（{char}），记录里不能有它，没有写入。请删除这个字符后重新输入。",
    "tree.not_a_dir": "{path} 是一个文件，不是文件夹。--root 要指向含有 djrh.yaml 的文件夹（记录树），如 --root records。",
})

MESSAGES.update({
    # ---- djrh new / init
    "scaffold.required": "（必填）",
    "scaffold.instructions": "\n填写方法：每行写“字段名: 值”，冒号用英文冒号并在后面空一格；字段名（冒号前的英文）不要改。\n空着的字段视为未填写；标“必填”的必须填写。日期写成 2026-03-18 的形式。\n可选值写英文代码或中文名称均可；多行文字在冒号后写 |，换行后每行缩进两格。\n填好后运行 djrh check 检查。",
    "scaffold.minutes": "## 会议记录\n\n- 时间：{when}\n- 地点：{place}\n- 主题：{theme}\n- 主持人：\n- 记录人：\n- 应到人数：　　实到人数：\n- 缺席人员及原因：\n\n### 一、理论学习（规定动作）\n\n### 二、党务工作布置（规定动作）\n\n### 三、理论指导实践（自选动作：学习见思想，结合推动本次工作谈思想收获）\n\n### 四、集体研讨（自选动作：形成解决方案和任务安排）\n\n### 五、任务安排\n",
    "scaffold.config": "# djrh 记录树配置。每行“设置项: 值”，井号后是说明。\n\n# 单位名称，印在表单和报表上\ninstitution: {institution}\n\n# 检查日期：不写时按当天检查；归档的年度或演示记录树可固定一天（--as-of 仍优先），例如\n# as_of: 2026-12-31\n\npolicy:\n  # 首个检查年度：从这一年起检查每年的主题党日次数等要求；不填则从最早一次主题党日所在年度算起\n  since: {year}\n  # 不要求开展主题党日的月份（如寒暑假），例如 [2, 8]\n  months_off: [2, 8]\n\n# 规则设置：调整参数、改变级别或关闭某条规则（运行 djrh rules 查看全部规则）。例如：\n#   ORG001: {{max_members: 50}}   # 每个支部党员人数上限\n#   TD003: {{days: 90}}           # 融合主题党日后多少天内要填写工作成效\n#   TD002: warning                # 改变级别：error / warning / info\n#   ORG008: off                   # 关闭这条规则\nrules: {{}}\n\n# 报送期限：到期时，适用单位还没有对应的报送材料（filings/），即提示。例如：\n#   - {{name: 问题整改清单, due: 2026-04-15, applies_to: branch}}\n#   - {{name: 行动总结, due: 2026-07-05, applies_to: branch}}\ndeadlines: []\n",
    "new.written": "已生成 {path}。请按注释填写，然后运行 djrh check 检查。",
    "new.unknown_kind": "不认识的记录类别“{kind}”。可选：{kinds}。",
    "new.need_id": "请用 --id 指定记录 id（{hint}）。",
    "new.need_id_hint.option": "或给出 {options}",
    "new.need_id_hint.options": "或同时给出 {options}",
    "new.need_id_hint.name": "只用小写英文字母、数字和连字符",
    "new.bad_id": "“{id}”不能作为记录 id：只能用小写英文字母、数字和连字符（-），并以字母或数字开头。",
    "new.id_taken": "id “{id}” 已被 {path} 使用，没有写入任何文件。请换一个 --id。",
    "new.bad_ref": "找不到{expected} {id}。{hint}",
    "new.bad_ref_hint": "已有的：{known}。",
    "new.bad_choice": "{option} 不能是“{value}”。可选：{options}。",
    "new.prompt.id": "记录 id（文件名，小写英文字母、数字和连字符）",
    "new.prompt.id_of": "{label} id",
    "new.prompt.several": "多个用逗号分隔",
    "new.prompt.skip": "可回车跳过",
    "new.prompt.known": "可选的 id：{known}",
    "init.exists": "{path} 已经是记录树（已有 djrh.yaml），没有改动任何文件。",
    "init.done": "已在 {path} 新建记录树。下一步：cd {path} && djrh new branch",
    "init.prompt.institution": "单位名称（如 某某职业技术学院委员会）",
    "schema.written": "已写入 {count} 个 schema 文件到 {path}",
    "output.exists": "{path} 已经存在，没有覆盖。要替换它请加 --force，或用 -o 指定另一个文件名。",
})

MESSAGES.update({
    "out.bad_date_option_suggest": "{option} 的日期“{value}”格式不对，请写成 {suggestion}。",
    # ---- help texts (djrh --help)
    "help.app": "党建融合记录工具：检查支部名册、主题党日、试点项目、党建品牌和报送材料是否符合规定，并生成报送表单。\n\n常用：djrh new themeday 新建主题党日记录；djrh check 检查整个记录树。",
    "help.check": "检查记录树：语法、字段、引用，以及规定要求（每年融合主题党日次数、支部人数、换届等）。有错误时退出码为 1。",
    "help.init": "新建一个记录树：带说明的 djrh.yaml 和各个文件夹。",
    "scaffold.minutes_meeting": "## 会议记录\n\n- 时间：{when}\n- 地点：{place}\n- 议题：{topic}\n- 主持人：\n- 记录人：\n- 应到人数：　　实到人数：\n- 缺席人员及原因：\n\n### 一、会议议程\n\n### 二、讨论情况（发言要点）\n\n### 三、会议决议（表决事项写明应到、实到和表决结果）\n\n### 四、任务安排\n",
    "help.new": "按表单生成一条新记录，每个字段都带中文说明。KIND 为 general_branch（党总支）、branch（党支部）、themeday（主题党日）、meeting（三会一课、组织生活会、民主评议党员等会议）、pilot（试点项目）、brand（党建品牌）或 filing（报送材料）。",
    "help.schema": "输出记录的 JSON Schema（中文标题），供编辑器自动补全和检查。",
    "help.arg.paths": "只报告这些文件或文件夹的问题（仍会读取整个记录树）",
    "help.arg.dir": "新记录树所在的文件夹",
    "help.arg.kind": "记录类别：general_branch / branch / themeday / meeting / pilot / brand / filing（也可写中文，如 主题党日）",
    "help.arg.schema_kind": "只输出这一类记录的 schema；不写则输出全部",
    "help.opt.lang": "输出语言：zh（中文，默认）或 en（英文）；也可设环境变量 DJRH_LANG",
    "help.opt.root": "记录树所在的文件夹（含 djrh.yaml）；默认从当前文件夹向上查找",
    "help.opt.version": "显示版本号",
    "help.opt.as_of": "按这一天检查与日期有关的规定（默认今天），使结果可重现",
    "help.opt.format": "输出格式：text（终端阅读）、json、github（GitHub Actions 注释）",
    "help.opt.select": "只检查这些规则，可写代码或前缀，如 ORG、TD00（可多次给出或用逗号分隔）",
    "help.opt.ignore": "不检查这些规则，可写代码或前缀",
    "help.opt.strict": "警告也算失败（退出码 1）",
    "help.opt.institution": "单位名称，写入 djrh.yaml",
    "help.opt.id": "记录 id，即文件名（小写英文字母、数字和连字符）；主题党日默认取 支部id-年-月",
    "help.opt.name": "名称",
    "help.opt.branch": "主题党日或会议所属党支部的 id",
    "help.opt.date": "日期：主题党日的活动日期、试点立项日期、品牌创建日期、报送日期或支部选举日期",
    "help.opt.time": "主题党日时段，如 14:30-17:00",
    "help.opt.theme": "主题党日的活动主题",
    "help.opt.place": "主题党日的活动地点",
    "help.opt.parent": "党支部所属党总支的 id",
    "help.opt.category": "党支部类别：faculty 教工 / student 学生 / admin 机关 / logistics 后勤 / retired 离退休 / other 其他",
    "help.opt.unit": "试点项目的承担单位或报送单位的 id（可多次给出或用逗号分隔）",
    "help.opt.owner": "党建品牌的创建单位 id",
    "help.opt.type": "试点项目类型，如 model_branch（样板支部）；会议类型：general_meeting 支部党员大会 / branch_committee 支委会 / party_group 党小组会 / party_lecture 党课 / life_meeting 组织生活会 / member_review 民主评议党员",
    "help.opt.level": "试点项目级别：school 校级 / province 省级 / national 全国",
    "help.opt.mode": "党建品牌的融合模式，如 brand（品牌式）",
    "help.opt.md": "主题党日或会议写成 Markdown 记录（字段之后附会议记录正文）",
    "help.opt.topic": "会议议题；党课写党课题目",
    "help.opt.lecturer": "党课的授课人",
    "help.opt.group": "党小组会的党小组名称（支部记录 party_groups 中的 name）",
    "help.opt.write": "把各类记录的 schema 写入记录树的 schema/ 文件夹（覆盖旧的）",
})

MESSAGES.update({
    "help.rules": "列出全部规则：代码、级别、说明和依据。",
    "help.explain": "显示一条规则的说明、参数和示例。",
    "help.arg.code": "规则代码，如 TD001",
    "rules.col.code": "代码",
    "rules.col.severity": "级别",
    "rules.col.title": "检查内容",
    "rules.col.source": "依据",
    "explain.params": "参数（可在 djrh.yaml 的 rules 中修改）",
    "explain.bad": "不符合的示例",
    "explain.good": "符合的示例",
})

MESSAGES["punct.colon"] = "："

MESSAGES.update({
    "help.opt.rules_format": "输出格式：table（终端表格）、markdown（规则文档）、json",
    "docs.rules_title": "djrh 规则",
    "docs.rules_intro": "本页由 `djrh rules --format markdown` 从每条规则自身的元数据生成，请勿手工修改。级别和参数可在 djrh.yaml 的 rules 中调整（见 [format.md](format.md#djrhyaml)）。",
})

MESSAGES.update({
    # ---- djrh report: the annual statistics (000 五.2)
    "punct.list_sep": "；",
    "help.report": (
        "年度党建与业务融合工作统计：每个党支部一行（按党总支分组，直属党支部单列），附党总支小计和全校合计，"
        "供年度考核和“两优一先”评选使用。\n\n"
        "各列的含义：主题党日＝当年已召开（日期不晚于检查日期）的主题党日次数；融合主题党日＝其中 integration: true 的次数"
        "（TD001 的计数）；缺主题党日月数＝当年已结束、不在 policy.months_off 中、支部已成立、却没有主题党日的月数（TD002 的计数）；"
        "工作成效应填＝当年已召开的融合主题党日中，会后填写期限（TD003 的天数）已过的次数，已填＝其中已填写 outcome 的次数；"
        "党建品牌＝本支部自己创建的品牌数（不含党总支的）；试点项目＝承担单位含本支部、建设周期（无周期时为立项年度）在当年的项目数；"
        "错误、警告＝检查中属于本支部（支部记录、其主题党日、承担的试点项目、创建的品牌、报送材料）且与当年有关的未豁免问题；"
        "已豁免＝经批准豁免的问题数，并列出批准文号。\n\n"
        "状态：已结束的年度，融合主题党日达到 TD001 的次数且没有未豁免的错误为“达标”，否则“未达标”；当年为“进行中”。"
        "合计中试点项目、品牌和问题按不重复计。\n\n"
        "格式：table（终端表格，默认）、json、csv、xlsx、docx、html（党委会议用的单页看板，可离线打开）。"
        "xlsx 和 docx 写入 -o 指定的文件，不给 -o 时写入当前文件夹的 djrh-report-年度.xlsx/.docx；其他格式不给 -o 时输出到屏幕。"
        "已有的文件不覆盖，除非加 --force。"
    ),
    "help.opt.report_year": "统计年度（默认：检查日期所在的年度）",
    "help.opt.report_format": "输出格式：table、json、csv、xlsx、docx、html",
    "help.opt.report_output": "写入这个文件（xlsx、docx 不给时写入 djrh-report-年度.xlsx/.docx）",
    "help.opt.report_force": "替换已经存在的输出文件",
    "help.opt.report_as_of": "按这一天统计和检查（默认今天），使报表可重现",
    "report.year_future": "{year} 年还没有开始（检查日期为 {as_of}）。请用 --year 指定已经开始的年度，或用 --as-of 指定日期。",
    "report.year_before_since": "{year} 年早于首个检查年度 {since} 年（djrh.yaml 的 policy.since），没有可统计的内容。",
    "report.written": "已生成 {path}",
    "report.title": "{institution}{year}年度党建与业务融合工作统计表",
    "report.as_of_complete": "统计截至 {as_of}（{year} 年度已结束）",
    "report.as_of_in_progress": "统计截至 {as_of}（{year} 年度尚未结束，状态为“进行中”）",
    "report.direct_group": "直属党支部",
    "report.subtotal": "小计（{count} 个支部）",
    "report.total": "合计（{count} 个支部）",
    "report.total_group": "全校",
    "report.status.met": "达标",
    "report.status.not_met": "未达标",
    "report.status.in_progress": "进行中",
    "report.col.group": "所属党总支",
    "report.col.branch": "党支部",
    "report.col.themedays": "主题党日（次）",
    "report.col.integration_days": "融合主题党日（次）",
    "report.col.months_missing": "缺主题党日月数",
    "report.col.outcomes_filled": "工作成效已填",
    "report.col.outcomes_due": "工作成效应填",
    "report.col.brands": "党建品牌",
    "report.col.pilots": "试点项目",
    "report.col.errors": "错误",
    "report.col.warnings": "警告",
    "report.col.waived": "已豁免",
    "report.col.waivers": "豁免及批准文号",
    "report.col.meeting_meetings": "{type}（次）",
    "report.col.meeting_required": "{type}应开（次）",
    "report.col.status": "状态",
    "report.short.themedays": "党日",
    "report.short.integration_days": "融合",
    "report.short.months_missing": "缺月",
    "report.short.outcomes": "成效",
    "report.short.brands": "品牌",
    "report.short.pilots": "试点",
    "report.short.errors": "错误",
    "report.short.warnings": "警告",
    "report.short.waived": "豁免",
    "report.short.status": "状态",
    "report.table_legend": "列：党日＝已召开的主题党日；融合＝其中的融合主题党日；缺月＝没有主题党日的已结束月份；成效＝工作成效已填/应填；品牌“1+1”＝本支部 1 个、所属党总支 1 个；错误、警告＝未豁免的问题；豁免＝经批准豁免的问题。",
    "report.meetings_title": "三会一课与组织生活（已召开/应召开，次）",
    "report.meetings_note": "党员大会每季度 1 次、支委会（设支部委员会的支部）和党小组会（每个党小组）每月 1 次（寒暑假月份除外）、党课每年 {lectures} 次、组织生活会和民主评议党员每年 1 次，从支部成立的月份算起；主题党日“同时计为”的会议计入。“—”＝不适用（未设支部委员会或党小组）。",
    "report.waiver_short": "{code}：{approved_by} {ref}，有效期至 {until}",
    "report.waivers_title": "经批准豁免的问题",
    "report.table_note": "融合主题党日每年不少于 {minimum} 次；工作成效在会后 {days} 天内填写。各列的含义见 djrh report --help。",
    "report.sheet.table": "统计表",
    "report.sheet.findings": "问题清单",
    "report.findings_col.unit": "单位",
    "report.findings_col.severity": "级别",
    "report.findings_col.code": "规则",
    "report.findings_col.where": "文件:行",
    "report.findings_col.message": "说明",
    "report.findings_col.waiver": "豁免及批准文号",
    "report.waived_label": "已豁免",
    "report.other_unit": "其他（未列入统计表的单位和记录）",
    "report.docx.title": "{year}年度党建与业务融合工作统计表",
    "report.docx.byline": "填报单位：{institution}　　{as_of}",
    "report.docx.col.branch": "党支部",
    "report.docx.col.themedays": "主题党日",
    "report.docx.col.integration_days": "融合主题党日",
    "report.docx.col.months_missing": "缺主题党日月数",
    "report.docx.col.outcomes": "工作成效已填/应填",
    "report.docx.col.brands": "党建品牌",
    "report.docx.col.pilots": "试点项目",
    "report.docx.col.errors": "错误",
    "report.docx.col.warnings": "警告",
    "report.docx.col.waived": "已豁免",
    "report.docx.col.status": "状态",
    "report.docx.waivers": "经批准豁免的问题（{count} 项）",
    "report.html.summary": "概况",
    "report.html.card.branches": "党支部",
    "report.html.card.integration": "融合主题党日",
    "report.html.card.integration_note": "每个支部每年不少于 {minimum} 次；已达到 {reached}/{branches} 个支部",
    "report.html.card.themedays": "主题党日",
    "report.html.card.months_missing": "缺主题党日的月份合计 {count} 个",
    "report.html.card.outcomes": "工作成效 已填/应填",
    "report.html.card.outcomes_note": "融合主题党日会后 {days} 天内填写",
    "report.html.card.pilots": "试点项目 · 党建品牌",
    "report.html.card.pilots_note": "各支部、党总支的试点项目和党建品牌（不重复计）",
    "report.html.card.findings": "待整改问题",
    "report.html.card.waived": "另有经批准豁免 {count} 项",
    "report.html.errors_word": "错误",
    "report.html.warnings_word": "警告",
    "report.html.heatmap_heading": "各支部每月主题党日和三会一课",
    "report.html.meeting_row.general_meeting": "党员大会",
    "report.html.meeting_row.branch_committee": "支委会",
    "report.html.meeting_row.party_group": "党小组会",
    "report.html.meeting_row.yearly": "党课·生活会·评议",
    "report.html.quarter": "第 {quarter} 季度",
    "report.html.meeting_cell.missing": "没有召开（规则报告缺少）",
    "report.html.meeting_cell.held": "已召开 {held} 次",
    "report.html.meeting_cell.groups": "{groups} 个党小组中 {met} 个召开了党小组会",
    "report.html.meeting_cell.groups_missing": "未召开：{names}",
    "report.html.meeting_count": "{type} {count}",
    "report.html.short.party_lecture": "党课",
    "report.html.short.life_meeting": "生活会",
    "report.html.short.member_review": "评议",
    "report.html.mark.party_lecture": "课",
    "report.html.mark.life_meeting": "会",
    "report.html.mark.member_review": "评",
    "report.html.meetings_heading": "三会一课与组织生活",
    "report.html.legend.meetings": "下方小行：党员大会（按季度）、支委会和党小组会（按月，“2/3”＝3 个党小组中 2 个召开）、课＝党课、会＝组织生活会、评＝民主评议党员；行末为已召开/应召开",
    "report.html.heatmap_title": "{year} 年各党支部每月主题党日热力图",
    "report.html.heatmap_summary": "融合主题党日",
    "report.html.row_summary": "{held}/{minimum} 次",
    "report.html.cell_title": "{branch} {year} 年 {month}",
    "report.html.cell.held": "主题党日 {held} 次（其中融合 {integration} 次）",
    "report.html.cell.missing": "没有主题党日（计入缺主题党日月数）",
    "report.html.cell.off": "寒暑假，不要求主题党日",
    "report.html.cell.open": "本月尚未结束",
    "report.html.cell.future": "尚未到来",
    "report.html.cell.before": "支部尚未成立或不在检查范围",
    "report.html.cell.planned": "已计划 {planned} 次",
    "report.html.missing_mark": "缺",
    "report.html.legend.held": "数字＝当月主题党日次数（颜色越深越多）",
    "report.html.legend.integration": "有融合主题党日（金色边框，每次一个点）",
    "report.html.legend.missing": "缺主题党日",
    "report.html.legend.off": "寒暑假",
    "report.html.legend.open": "本月进行中",
    "report.html.legend.future": "未到月份（圆圈＝已计划）",
    "report.html.status_heading": "各支部完成情况",
    "report.html.col.themedays": "主题党日",
    "report.html.col.integration_days": "融合主题党日",
    "report.html.col.months_missing": "缺月",
    "report.html.col.brands": "品牌",
    "report.html.col.pilots": "试点",
    "report.html.col.errors": "错误",
    "report.html.col.warnings": "警告",
    "report.html.col.waived": "豁免",
    "report.html.col.outcomes": "工作成效 已填/应填",
    "report.html.findings_heading": "待整改问题（{count} 项）",
    "report.html.no_findings": "没有待整改的问题。",
    "report.html.waivers_heading": "经批准豁免的问题（{count} 项）",
    "report.html.no_waivers": "没有经批准豁免的问题。",
    "report.html.notes_heading": "统计口径",
    "report.html.note.counts": "主题党日、融合主题党日按当年已召开（日期不晚于统计日期）的次数计，每个支部每年融合主题党日不少于 {minimum} 次；缺主题党日月数为已结束、非寒暑假、支部已成立却没有主题党日的月份数；工作成效“应填”为会后已满 {days} 天的融合主题党日，“已填”为其中已填写工作成效的。",
    "report.html.note.findings": "问题按 djrh check 在统计日期的检查结果计，只计与该年度有关的问题：属于支部的（支部记录、其主题党日、承担的试点项目、自有品牌、报送材料）列在支部行，党总支自己的记录的问题计入小计，其余（如 djrh.yaml 上的）计入合计；问题清单中每个问题列一次，与“待整改问题”的数字相同。品牌“+1”表示所属党总支的品牌；小计、合计中试点项目、品牌和问题不重复计，含党总支自己的。",
    "report.html.note.status": "状态：年度结束后，融合主题党日达到要求且没有未豁免的错误为“达标”，否则为“未达标”；年度结束前为“进行中”。",
    "report.html.generated": "由 djrh report 生成，统计日期 {as_of}。",
})

MESSAGES.update({
    # ---- djrh due: reminders
    "help.due": (
        "提醒：今后 N 天内（默认 30 天）到期的事项和已经逾期的事项，按紧急程度排列、按支部分组："
        "本月还没有安排主题党日；当年融合主题党日还差几次（第四季度起，或年底在 N 天内时）；"
        "融合主题党日的工作成效（TD003 的期限）；支委会任期届满和换届逾期（ORG003）；djrh.yaml 中的报送期限（DL001）；"
        "主题党日和试点项目中到期未完成的任务（PJ003）。\n\n"
        "这是提醒，不是检查：退出码总是 0（用法错误时为 2）。--format json 供其他程序使用。"
    ),
    "help.opt.due_as_of": "从这一天算起（默认今天）",
    "help.opt.days": "列出今后多少天内到期的事项（已逾期的总是列出）",
    "help.opt.due_branch": "只列这个党支部的事项；给党总支的 id 时包括其下属支部",
    "help.opt.due_format": "输出格式：text（默认）、json，或 ics（日历文件，可导入手机或 Outlook 日历）",
    "due.unknown_branch": "没有 id 为 {branch} 的党支部或党总支。",
    "due.none": "从 {as_of} 起 {days} 天内没有到期的事项，也没有已逾期的事项。",
    "due.header": "截至 {as_of}，{days} 天内到期和已经逾期的事项共 {count} 项（其中已逾期 {late} 项）：",
    "due.late": "已逾期 {days} 天",
    "due.today": "今天到期",
    "due.left": "还有 {days} 天",
    "due.kind.month_unplanned": "主题党日",
    "due.kind.integration_needed": "融合主题党日",
    "due.kind.outcome": "工作成效",
    "due.kind.term": "换届",
    "due.kind.deadline": "报送",
    "due.kind.task": "任务",
    "due.month_unplanned": "{year} 年 {month}还没有主题党日记录（已开展或计划），请在月底前安排。",
    "due.integration_needed": "{year} 年已开展融合主题党日 {held} 次、已计划 {planned} 次，全年不少于 {minimum} 次：还需再安排 {needed} 次。",
    "due.integration_planned": "{year} 年已开展融合主题党日 {held} 次，另已计划 {planned} 次，全年不少于 {minimum} 次：请按计划召开。",
    "due.outcome": "融合主题党日（{date}，{theme}）的工作成效要在此前填写，并附佐证材料。",
    "due.term": "本届支委会任期（{years} 年）于 {ends} 届满，请按期换届选举。",
    "due.term_over": "本届支委会任期（{years} 年）已于 {ends} 届满，换届选举已经逾期。",
    "due.deadline": "“{name}”应于 {due} 前报送党委组织部（filings/ 中还没有本单位的报送记录）。",
    "due.task_themeday": "主题党日（{date}）的任务“{task}”（责任人 {owner}）还没有完成日期（done_on）。",
    "due.task_pilot": "试点项目“{name}”的任务“{task}”（责任人 {owner}）还没有完成日期（done_on）。",
})

MESSAGES.update({
    "help.opt.no_cache": "不使用缓存，重新读取全部记录（缓存在用户的缓存文件夹中，不在记录树里）",
    "help.opt.jobs": "读取记录所用的进程数（默认为 CPU 核数；记录很多时才会并行）",
})

MESSAGES.update({
    "help.short.check": "检查记录树是否符合规定",
    "help.short.init": "新建一个记录树",
    "help.short.new": "按表单生成一条新记录",
    "help.short.schema": "输出供编辑器使用的 JSON Schema",
    "help.short.rules": "列出全部规则",
    "help.short.explain": "显示一条规则的说明和示例",
})

MESSAGES["syn.not_a_file"] = "这不是普通文件（可能是管道或设备文件），没有读取。请删除它，或换成真正的记录文件。"

MESSAGES.update({
    "syn.no_space_after_colon": "“{key}:”后面少了一个空格。YAML 要求冒号后面空一格，请改成 {key}: …",
    "syn.fullwidth_comma": "这里用了中文逗号“，”分隔。方括号、花括号里的各项要用英文逗号“,”分隔；值里本身要用中文逗号时，请给整个值加上引号。",
    "sch.unknown_field_chinese": "不认识的字段 {field}。字段名要用英文（中文只写在值里），这类记录可用的字段有：{known}。",
    "sch.invisible_in_key": "字段名 {field} 里夹着看不见的字符（{char}），常见于从网页或聊天软件复制。请删掉这个字段名，重新输入。",
    "sch.date_with_time": "{field}（{label}）只写日期，请写成 {day}；具体时间写在 time 字段里。",
    "label.kind": "记录类别",
})

MESSAGES["sch.number_for_text"] = "{field}（{label}）应当是文字，这里的 {value} 被读成了数字。如果就是这几个数字，请加上引号：{key}: \"{value}\"。"

MESSAGES.update({
    # ---- djrh render: command line
    "help.render": "生成打印、签字、报送用的 DOCX 表单：主题党日为《党建融合主题党日活动设计模板》（附件2），试点项目为任务分解责任表；--branch ID --year YYYY 生成该支部的年度主题党日台账；--pdf 同时用 LibreOffice 转成 PDF。",
    "help.arg.record": "主题党日或试点项目：记录 id（如 nursing-faculty-1-2026-03）或记录文件的路径",
    "help.opt.output": "输出文件（.docx），或放输出文件的文件夹；默认在当前文件夹生成 <记录id>.docx（台账为 <支部id>-<年度>.docx）",
    "help.opt.render_branch": "生成这个党支部的年度台账（与 --year 一起用）",
    "help.opt.year": "台账的年度，如 2026",
    "help.opt.pdf": "同时生成 PDF（需要安装 LibreOffice）",
    "help.opt.force": "输出文件已存在时覆盖它",
    "help.opt.render_as_of": "按这一天判断任务是否逾期（默认今天）",
    "render.what": "请指定要生成表单的记录（djrh render 记录id），或用 --branch 支部id --year 年度 生成年度台账。",
    "render.record_or_bundle": "记录和 --branch/--year 只能选一种：djrh render 记录id，或 djrh render --branch 支部id --year 年度。",
    "render.bundle_needs_year": "生成年度台账还需要 --year 年度，如 --year 2026。",
    "render.year_needs_branch": "--year 要和 --branch 支部id 一起用，生成该支部的年度台账。",
    "render.bad_year": "年度 {year} 不对，请写四位数的年份，如 2026。",
    "render.unknown_id": "记录树 {root} 中没有 id 为 {id} 的记录。",
    "render.unknown_id_suggest": "没有 id 为 {id} 的记录，是不是想写 {suggestion}？",
    "render.duplicate_id": "有两个文件的 id 都是 {id}：{paths}。请先改名（djrh check 报告 ID002），再生成表单。",
    "render.no_such_file": "找不到文件 {path}。",
    "render.outside_tree": "{path} 不在记录树 {root} 中。",
    "render.not_a_record": "{path} 不是记录文件（记录是记录树中的 .yaml、.yml 或 .md 文件，不含 evidence/ 和 templates/）。",
    "render.invalid": "{path} 有错误，不能生成表单。请先运行 djrh check 修正：\n{findings}",
    "render.wrong_kind": "{id} 是{kind}记录，只有主题党日和试点项目有表单。支部的年度台账请用 djrh render --branch 支部id --year 年度。",
    "render.unknown_branch": "没有 id 为 {id} 的党支部。",
    "render.unknown_branch_suggest": "没有 id 为 {id} 的党支部，是不是想写 {suggestion}？",
    "render.bundle_general_branch": "{id} 是党总支，年度台账按党支部生成：请给出党支部的 id。",
    "render.bundle_invalid": "{count} 条主题党日记录有错误，台账不完整，不能生成。请先运行 djrh check 修正：\n{records}",
    "render.bundle_empty": "党支部 {id} 在 {year} 年没有主题党日记录（有记录的年度：{years}）。",
    "render.default_inside_tree": "当前文件夹在记录树 {root} 内，表单不默认写在记录树里。请用 -o 指定输出位置，如 -o ../{name}。",
    "render.not_docx": "输出文件 {path} 的扩展名应为 .docx。",
    "render.written": "已生成 {path}",
    "render.pdf_no_office": "没有找到 LibreOffice（soffice），未生成 PDF；DOCX 已生成。安装方法：Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；Windows、macOS 从 libreoffice.org 下载安装，并确保 soffice 在 PATH 中。也可以用 Word 或 WPS 打开 DOCX，另存为 PDF。",
    "render.pdf_failed": "LibreOffice 转换 PDF 失败：{detail}",
    "render.pdf_timeout": "LibreOffice 在 {seconds} 秒内没有完成 PDF 转换，已停止。",
    "render.template_unreadable": "模板 {template} 不是有效的 DOCX 文件：{detail}",
    "render.template_syntax": "模板 {template} 中的标签 {tag} 写法有误：{detail}",
    "render.template_undefined": "模板 {template} 中的标签 {tag} 用了不存在的变量（{detail}）。可用的变量见 docs/templates.md。",
    "render.template_unsafe": "模板 {template} 中的标签 {tag} 试图访问不允许的内容，已拒绝：{detail}",
    "render.template_error": "模板 {template} 无法生成（标签 {tag}）：{detail}",
    # ---- djrh render: words printed on the forms
    "render.trace.record": "记录 {id}",
    "render.trace.hash": "内容 {hash}",
    "render.trace.commit": "提交 {commit}",
    "render.trace.uncommitted": "未提交",
    "render.trace.uncommitted_on": "未提交（基于 {commit}）",
    "render.trace.separator": " · ",
    "render.date": "{year}年{month}月{day}日",
    "render.time_dash": "—",
    "render.weekday.0": "星期一",
    "render.weekday.1": "星期二",
    "render.weekday.2": "星期三",
    "render.weekday.3": "星期四",
    "render.weekday.4": "星期五",
    "render.weekday.5": "星期六",
    "render.weekday.6": "星期日",
    "render.list_joiner": "、",
    "render.clause_joiner": "；",
    "render.numerals": "一,二,三,四,五,六,七,八,九,十",
    "render.heading": "{number}、{text}",
    "render.yes": "是",
    "render.no": "否",
    "render.period": "{start}至{end}",
    "render.status.done": "已完成",
    "render.status.open": "未完成",
    "render.status.overdue": "逾期",
    "render.task.number": "序号",
    "render.task.task": "任务",
    "render.task.owner": "责任人",
    "render.task.due": "完成时限",
    "render.task.done_on": "完成日期",
    "render.task.status": "状态",
    "render.td.title": "党建融合主题党日活动设计模板",
    "render.td.branch_line": "党支部：{name}",
    "render.td.integration": "党建与业务融合主题党日",
    "render.td.not_integration": "（本次为一般主题党日，不计入党建与业务融合主题党日次数）",
    "render.td.entry_joiner": "·",
    "render.td.entry_line": "切入点：{entry}",
    "render.td.time": "活动时间",
    "render.td.place": "活动地点",
    "render.td.theme": "活动主题",
    "render.td.business": "业务工作描述",
    "render.td.business_hint": "（会前找准业务工作切入点及要集体研究解决的问题）",
    "render.td.prescribed": "主题党日\n规定动作",
    "render.td.prescribed_hint": "（含理论学习、党务工作布置等）",
    "render.td.optional": "主题党日自选动作",
    "render.td.theory": "理论指导\n实践",
    "render.td.theory_hint": "（学习见思想，结合推动本次工作谈思想收获）",
    "render.td.discussion": "集体研讨",
    "render.td.discussion_hint": "（集体研讨，形成解决方案和任务安排）",
    "render.td.outcome": "工作成效",
    "render.td.outcome_hint": "（会后，待工作完成后，填写效果评价，并附相关佐证材料）",
    "render.td.evaluated_on": "评价日期：{date}",
    "render.td.evidence": "佐证材料：",
    "render.td.note": "注意：（1）本表格需保存在支部备查，并作为年度考核佐证材料报送；（2）党支部每年度开展党建和业务融合主题党日不少于 2 次。",
    "render.td.tasks": "任务安排",
    "render.td.attendance": "出席情况",
    "render.td.minutes": "会议记录",
    "render.td.expected": "应到 {count} 人",
    "render.td.present": "实到 {count} 人",
    "render.td.absent": "缺席：{names}",
    "render.td.absent_reason": "{name}（{reason}）",
    "render.td.expected_label": "应到人数",
    "render.td.present_label": "实到人数",
    "render.td.absent_label": "缺席人员\n及原因",
    "render.td.also_counts_as": "同时计为",
    "render.bundle.title": "{year}年度主题党日活动台账",
    "render.bundle.branch": "党支部",
    "render.bundle.general_branch": "所属党总支",
    "render.bundle.direct": "（直属党支部）",
    "render.bundle.year": "年度",
    "render.bundle.count": "已召开\n主题党日",
    "render.bundle.integration_count": "其中融合\n主题党日",
    "render.bundle.outcomes_filled": "工作成效\n已填/应填",
    "render.bundle.times": "{count} 次",
    "render.bundle.filled_of": "{filled} / {total} 次",
    "render.bundle.contents": "目录",
    "render.bundle.col.number": "序号",
    "render.bundle.col.date": "日期",
    "render.bundle.col.theme": "活动主题",
    "render.bundle.col.integration": "融合",
    "render.bundle.col.outcome": "工作成效",
    "render.bundle.signature": "党支部书记\n（签字）",
    "render.bundle.signed_on": "日期",
    "render.bundle.signature_date": "年　　月　　日　",
    "render.pilot.title": "任务分解责任表",
    "render.pilot.facts": "项目基本情况",
    "render.pilot.tasks": "任务分解",
    "render.pilot.reviews": "考核验收",
    "render.pilot.name": "项目名称",
    "render.pilot.type": "项目类型",
    "render.pilot.level": "级别",
    "render.pilot.units": "承担单位",
    "render.pilot.selected_on": "立项日期",
    "render.pilot.period": "建设周期",
    "render.pilot.leader": "负责人",
    "render.pilot.temporary_branch": "成立临时\n党支部",
    "render.pilot.budget": "经费预算（元）",
    "render.pilot.spent": "已支出（元）",
    "render.pilot.team": "项目成员",
    "render.pilot.review.number": "序号",
    "render.pilot.review.date": "验收日期",
    "render.pilot.review.result": "结果",
    "render.pilot.review.note": "说明",
})

MESSAGES["help.short.render"] = "生成打印报送用的 DOCX 表单"

MESSAGES.update({
    "output.replace": "{path} 已存在，要覆盖吗？",
    "output.write_failed": "无法写入 {path}：{detail}。原有文件没有改动。",
})

MESSAGES.update({"help.short.report": "生成年度统计表（终端、Excel、Word、看板）", "help.short.due": "列出即将到期和已经逾期的事项"})

MESSAGES.update({
    "out.as_of_fixed": "检查日期 {as_of}（由 djrh.yaml 的 as_of 指定；要按其他日期检查，请加 --as-of 日期）",
    "report.as_of_fixed": "（日期由 djrh.yaml 的 as_of 指定）",
})

MESSAGES["syn.directive"] = "以 % 开头的行被 YAML 当作指令，无法读取。如果这是内容，请给整个值加上英文引号；否则请删掉这一行。"

MESSAGES["syn.bad_escape"] = "双引号里的反斜杠 \\ 后面跟了 YAML 不认识的字符（如 Windows 路径 C:\\Users）。请改用单引号把整个值括起来，或把 \\ 写成 \\\\。"

MESSAGES["syn.list_here"] = "这里不能开始一个列表项（- ）。列表项要单独成行，并与同一列表的其他项对齐；如果值本身以 - 开头，请给整个值加上英文引号。"

MESSAGES["syn.missing_value"] = "这里应当有一个值，却遇到了 ]、}} 或逗号等符号。请检查括号是否配对、逗号是否多余。"

MESSAGES["syn.after_end"] = "文件的内容在这一行之前已经结束（例如上面有一行 ... ，或这一行的缩进不对），这一行无法读取。请检查缩进，或删掉多余的 ... 行。"

MESSAGES["syn.unexpected_end"] = "文件在一段内容还没有写完时就结束了。请检查最后几行的引号、括号是否配对。"

MESSAGES["syn.bad_character"] = "文件里有 YAML 不允许的字符（常见于从 Word 或网页复制的文字）。请找到并删除看不见的字符，或重新输入这段文字。"

MESSAGES["quota.left_out"] = "{message}另有 {count} 条记录有错误未计入：{paths}。"

MESSAGES["report.html.infos_word"] = "提示"

MESSAGES["render.bundle.held_planned"] = "{held} 次（另计划 {planned} 次）"

MESSAGES["render.bundle.outcome.filled"] = "已填写"

MESSAGES["render.bundle.outcome.missing"] = "未填写"

MESSAGES["render.bundle.outcome.not_needed"] = "不需填写"

MESSAGES["render.bundle.outcome.planned"] = "尚未召开"

MESSAGES["render.bundle.counting"] = "统计截至 {as_of}：已召开指日期不晚于这一天；工作成效“应填”为会后填写期限已过的融合主题党日，“已填”为其中已填写的。与 djrh check、djrh report 的计数相同。"

MESSAGES.update({
    # ---- docs/format.md (djrh schema --format markdown)
    "docs.format_title": "djrh 记录格式",
    "docs.format_intro": "本页由 `djrh schema --format markdown` 从记录的模型（src/djrh/kinds/）生成，请勿手工修改；改了模型后重新生成：`djrh schema --format markdown > docs/format.md`。检查规则见 [rules.md](rules.md)。",
    "docs.format_rule.1": "记录树是含有 `djrh.yaml` 的文件夹。其中每个 `.yaml`、`.yml`、`.md` 文件都是一条记录，`djrh.yaml`、`evidence/` 和 `templates/` 下的文件、以点开头的文件和文件夹除外。记录的类别由 `kind` 字段决定，不由所在文件夹决定；下表的文件夹是 `djrh new` 的习惯放法。",
    "docs.format_rule.2": "`.md` 记录以一行 `---` 开头，接着是记录字段（YAML），再用一行 `---` 结束，之后的 Markdown 正文是会议记录，打印在表单之后。",
    "docs.format_rule.3": "记录的 id 就是文件名（不含扩展名），只用小写英文字母、数字和连字符，以字母或数字开头（`^[a-z0-9][a-z0-9-]*$`），在整个记录树中唯一。记录之间用 id 互相引用。",
    "docs.format_rule.4": "按 YAML 1.2 读取：`time: 14:30` 是文字，`yes`/`no`/`on`/`off` 是文字而不是是否，同一字段写两次是错误。",
    "docs.format_rule.5": "日期写成 `YYYY-MM-DD`；不存在的日期（`2026-02-30`）会指出行列，不会中断检查。",
    "docs.format_rule.6": "有固定可选值的字段，英文代码和中文名称都可以写（`entry_point: education` 或 `entry_point: 三全育人`）；是否字段也可写 `是`/`否`；`kind` 也可写中文名称（`kind: 主题党日`）；时段可以只写 `HH:MM`，两个时间之间也可用 `–`、`—`、`~`、`～`、`至`。",
    "docs.format_rule.7": "空着的值视为没有填写。字段表之外的字段是错误（SCH002），会提示最接近的字段名，拼错的字段名不会让数据悄悄丢失；有错误的记录仍按其中正确的字段参与检查。",
    "docs.format_rule.8": "佐证材料等文件路径相对于记录树的根（`evidence/2026/签到表.pdf`），找不到时也在 `evidence/` 下找；不能是绝对路径或指到记录树之外。每类记录都可以写 `waivers`（经批准的规则例外），党支部的豁免也适用于它的主题党日。",
    "docs.format_col.kind": "类别",
    "docs.format_col.folder": "习惯的文件夹",
    "docs.format_col.field": "字段",
    "docs.format_col.label": "表单栏目",
    "docs.format_col.type": "类型",
    "docs.format_col.values": "可选值",
    "docs.format_col.required": "必填",
    "docs.format_col.hint": "说明",
    "docs.format_or": "或",
    "docs.format_example": "示例：",
    "docs.format_required": "必填",
    "docs.format_required_if": "{condition}时必填",
    "docs.format_optional": "选填",
    "docs.format_default": "选填，默认 {default}",
    "docs.type.list": "列表，每项为{item}",
    "docs.type.mapping": "映射（各项见下）",
    "docs.type.choice": "可选值",
    "docs.type.int": "整数",
    "docs.type.number": "数字",
    "docs.type.date": "日期",
    "docs.type.text": "文字",
    "docs.type.time": "时段",
    "docs.type.bool": "是否",
    "docs.values.date": "`YYYY-MM-DD`，如 `2026-03-18`",
    "docs.values.time": "`HH:MM-HH:MM` 或 `HH:MM`，如 `14:30-17:00`",
    "docs.values.bool": "`true`/`false`，或 `是`/`否`",
    "docs.values.range": "{low}–{high}",
})

MESSAGES["docs.format_held"] = "会后必填（TD006）"

MESSAGES["docs.format_held_if"] = "{condition}时会后必填（TD006）"

MESSAGES["help.opt.schema_format"] = "输出格式：json（JSON Schema，默认）或 markdown（记录格式说明，即 docs/format.md）"

MESSAGES["docs.format_config"] = "记录树的配置文件，在记录树的根上。空文件表示全部用默认值；写错的设置会指出行列并以退出码 2 停止。"

MESSAGES["docs.type.dict"] = "映射（规则代码: 设置）"

MESSAGES["help.opt.check_branch"] = "只检查这个党支部的记录和问题（支部记录、其主题党日、承担的试点项目、品牌、报送材料）；给党总支的 id 时包括其下属支部"

MESSAGES["check.unknown_branch"] = "没有 id 为 {branch} 的党支部或党总支（--branch 要写 org/ 下的文件名，不含扩展名）。"

MESSAGES["help.opt.report_branch"] = "只统计这个党支部（给党总支的 id 时为该党总支及其下属支部）"

MESSAGES["due.calendar_name"] = "djrh 到期提醒"

MESSAGES["help.opt.explain_format"] = "输出格式：text（终端阅读，默认）、markdown（同 docs/rules.md 的一节）、json"
