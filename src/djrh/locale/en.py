"""English message catalogue (`--lang en`): the words of the CLI, outputs, forms and reports, and what
the loader and validator say (syn.*, sch.*). Same keys as zh.py. Each rule's messages are written beside
the rule (`messages=` in src/djrh/rules/), not here.
"""

MESSAGES = {
    # ---- severities and common words
    "severity.error": "error",
    "severity.warning": "warning",
    "severity.info": "info",
    "type.text": "text",
    "type.int": "a whole number",
    "type.number": "a number",
    "type.bool": "true or false",
    "type.list": "a list",
    "type.mapping": "a mapping (key: value)",
    "type.date": "a date",
    "value.empty": "empty",
    "value.bool": "the boolean {value}",
    "value.number": "the number {value}",
    "value.text": "the text “{value}”",
    # ---- SYN: reading the file
    "syn.too_large": "The file is {size}, over the {limit} limit for a record, and was not read. A record is a few KB; put evidence files under evidence/.",
    "syn.unreadable": "This file cannot be read: {detail}. Check its permissions.",
    "syn.unreadable_dir": "This folder cannot be read: {detail}. Check its permissions.",
    "syn.symlink_outside": "This is a symbolic link to a file outside the records tree; djrh reads nothing outside the tree. Put the file itself in the tree.",
    "syn.symlink_broken": "This symbolic link points to a file that does not exist, or loops. Remove it or replace it with the real file.",
    "syn.conflict_markers": "The file still holds git merge conflict markers (<<<<<<<, =======, >>>>>>>). Keep the right content and delete the marker lines.",
    "syn.encoding": "The file is not UTF-8; it looks like {encoding}. Save it as UTF-8 in your editor, or run: iconv -f {iconv} -t UTF-8 {file} > tmp && mv tmp {file}",
    "syn.encoding_unknown": "The file is not UTF-8 and its encoding cannot be guessed. Save it as UTF-8 in your editor, or run: iconv -f {iconv} -t UTF-8 {file} > tmp && mv tmp {file}",
    "syn.md_no_front_matter": "A Markdown record starts with a line ---, then the record's fields (YAML), then another line ---, then the minutes.",
    "syn.md_unclosed": "The fields at the top of this Markdown record are not closed: add a line --- after them, before the minutes.",
    "syn.duplicate_key": "The key {key} is written twice (first on line {first}). The second would replace the first; keep only one.",
    "syn.fullwidth_colon": "“{key}” is followed by a full-width colon “：”. YAML needs an ASCII colon and a space: {key}: …",
    "syn.tab": "This line is indented with a tab. YAML indents with spaces only (usually 2 per level).",
    "syn.fullwidth_space": "This line starts with a full-width space. YAML indents with ASCII spaces only.",
    "syn.control_char": "The file holds an invisible control character ({detail}), often pasted from Word or a web page. Delete it and retype that text.",
    "syn.unclosed_quote": "A quote is not closed: a value starts with a quote but has no closing quote. Add it, or remove both quotes.",
    "syn.colon_in_value": "“colon + space” is not allowed here. If the value itself holds a colon, put the whole value in quotes; otherwise check the indentation of this line and the one above.",
    "syn.unclosed_bracket": "A [ has no matching ], or a comma is missing between list items.",
    "syn.unclosed_brace": "A {{ has no matching }}, or a comma is missing between fields.",
    "syn.expected_colon": "This line should read “key: value” but has no ASCII colon. Check for a missing or full-width colon, or the indentation of the line above.",
    "syn.list_indent": "The list is not aligned: every item of a list starts with “- ” at the same indentation.",
    "syn.indent": "Wrong indentation: keys at the same level line up, and nested keys are indented further (usually 2 spaces).",
    "syn.bad_start": "This value starts with a special character (@ ` % & * ! | ?) YAML cannot read as is. Put the whole value in quotes.",
    "syn.block_scalar": "A multi-line text (| or >) is written wrongly: break the line after |, and indent every line of the text.",
    "syn.generic": "YAML syntax error: {problem} ({context}). Check the colons, indentation and quotes of this line and the one above.",
    "syn.bad_tagged_value": "The value “{value}” is not of type !!{tag}. Remove the !!{tag} tag or fix the value.",
    "syn.unsupported_tag": "The YAML tag {tag} is not supported. Records hold plain text, numbers, dates and lists; remove the tag.",
    "syn.recursive_alias": "The alias *{anchor} refers to content that contains itself. Write the content out instead of using & and *.",
    "syn.undefined_alias": "The alias *{anchor} has no matching &{anchor}. Write the content out; quote a value that starts with *.",
    "syn.alias_bomb": "The aliases (& and *) of this file expand to over {limit} items; refused so as not to exhaust memory. Write the content out.",
    "syn.complex_key": "A key must be plain text, not a list, a mapping or an alias.",
    "syn.too_deep": "Nested more than {limit} levels deep; refused. Records nest three or four levels; check the indentation or brackets.",
    "syn.multiple_documents": "A record file holds one document, but another --- starts a second one. Save the second part as its own file.",
    # ---- SCH: schema
    "sch.empty_file": "The file is empty. Write the record's fields, or run djrh new for a commented template.",
    "sch.top_level": "A record is made of “key: value” lines, but this is {found}. Compare with a template from djrh new.",
    "sch.kind_missing": "The kind field is missing, so the record's type is unknown. Start with kind: branch / themeday / meeting / pilot / brand / filing / general_branch.",
    "sch.kind_missing_guess": "The kind field is missing, so the record's type is unknown. From its folder it should be kind: {guess}; add it as the first line.",
    "sch.kind_unknown": "Unknown record kind: {value}. Choose from: {kinds}.",
    "sch.kind_unknown_suggest": "Unknown record kind: {value}. Did you mean {suggestion}? Choose from: {kinds}.",
    "sch.missing": "The required field {field} ({label}) is missing. Add it.",
    "sch.empty_required": "The required field {field} ({label}) is empty. Fill it in.",
    "sch.required_if": "{field} ({label}) is empty, but {condition} requires it.",
    "cond.integration": "an integration theme day (integration: true)",
    "cond.education": "the education entry point",
    "cond.party_group": "a party-group meeting (type: party_group)",
    "cond.party_lecture": "a party lecture (type: party_lecture)",
    "cond.member_review": "a democratic review of members (type: member_review)",
    "cond.life_meeting": "an organisational life meeting (type: life_meeting)",
    "sch.too_short": "{field} ({label}) needs at least one item.",
    "sch.too_small": "{field} ({label}) is {value}; it cannot be under {limit}.",
    "sch.too_large": "{field} ({label}) is {value}, which is not plausible; it cannot be over {limit}. Check for extra digits.",
    "sch.wrong_type": "{field} ({label}) should be {expected}, but is {found}.",
    "sch.invalid": "{field} ({label}) is not valid: {detail}",
    "sch.date_impossible": "{field} ({label}): there is no such day as {value}. Write a real date.",
    "sch.date_format": "{field} ({label}): the date “{value}” must be written YYYY-MM-DD, e.g. 2026-03-18.",
    "sch.date_format_suggest": "{field} ({label}): the date “{value}” must be written YYYY-MM-DD: {suggestion}.",
    "sch.time_format": "{field} ({label}): “{value}” should read start-end, e.g. 14:30-17:00.",
    "sch.time_fullwidth": "{field} ({label}): “{value}” uses a full-width colon “：”; write 14:30-17:00.",
    "sch.time_order": "{field} ({label}): “{value}” ends before it starts.",
    "sch.bool": "{field} ({label}) takes true or false, not “{value}”.",
    "sch.bool_yes_no": "{field} ({label}) is “{value}”, which YAML 1.2 reads as text, not yes/no. Write true or false.",
    "sch.choice": "{field} ({label}) cannot be “{value}”. Choose from: {options}.",
    "sch.choice_suggest": "{field} ({label}) cannot be “{value}”. Did you mean {suggestion}? Choose from: {options}.",
    "sch.unknown_field": "Unknown field {field}. This kind of record has: {known}.",
    "sch.unknown_field_suggest": "Unknown field {field}. Did you mean {suggestion} ({label})?",
    "sch.unknown_field_label": "Unknown field {field}. Field names are in English: write {suggestion} ({label}); Chinese goes in the values.",
    # ---- configuration
    "config.not_mapping": "djrh.yaml should be made of “setting: value” lines. Compare with the one djrh init writes.",
    "config.unknown_rule": "{code} in rules is not a known rule code. Run djrh rules for the list.",
    "config.unknown_rule_suggest": "{code} in rules is not a known rule code. Did you mean {suggestion}?",
    "config.bad_rule_value": "The setting “{value}” of rule {code} is not valid: write off, error, warning, info, or parameters such as {{days: 90}}.",
    "config.bad_severity": "The severity “{value}” is not valid: error, warning, info or off.",
    "config.unknown_param": "Rule {code} has no parameter {name}. Its parameters: {known}.",
    "config.bad_param": "The value “{value}” of parameter {name} of rule {code} is not valid: it must have the type of its default {default} and not be negative.",
    "config.empty": "djrh.yaml is empty: every default applies.",
    "config.failed": "djrh.yaml has problems; nothing was checked:",
    # ---- tree
    "tree.not_found": "No records tree (a folder holding djrh.yaml) in {cwd} or above it. Run djrh inside a tree, give --root, or create one with djrh init.",
    "tree.no_config_at": "{path} holds no djrh.yaml, so it is not a records tree. Create one with djrh init {path}, or give the right folder.",
    "tree.no_such_dir": "The folder {path} does not exist.",
    "tree.path_outside": "{path} is not inside the records tree {root}.",
    "tree.path_missing": "{path} does not exist.",
    # ---- output
    "out.clean": "✓ Checked {records} records: no problems found.",
    "out.summary": "Checked {records} records: {errors} errors, {warnings} warnings, {infos} infos.",
    "out.waived_count": " ({waived} more waived by approval)",
    "out.waived_suffix": " (waived)",
    "out.explain_hint": "Run djrh explain {code} for the rule's documentation and examples.",
    "out.internal_error": "djrh internal error ({error}). This is a defect in djrh, not in your records; please report this message and the command you ran. Set DJRH_DEBUG=1 for details.",
    "out.interrupted": "Interrupted.",
    "out.bad_date_option": "The date “{value}” given to {option} is not valid; write YYYY-MM-DD, e.g. 2026-11-22.",
    "out.bad_format": "Unknown output format “{value}”; choose from: {choices}.",
    "out.error_prefix": "error",
}

MESSAGES.update({
    # ---- a hostile or careless tree: what cannot be read, shown or used
    "out.more_in_file": "          … {count} more findings in this file (--format json lists them all).",
    "syn.name_not_utf8": "The file name “{name}” is not UTF-8 (a zip made on Chinese Windows gives GBK names); djrh did not read the file. Rename it to an id such as nursing-faculty-1-2026-03.yaml, or unzip again with the encoding given (unzip -O GBK).",
    "syn.name_not_utf8_folder": "The folder name “{name}” is not UTF-8 (a zip made on Chinese Windows gives GBK names); the records in it were not checked. Rename the folder, or unzip again with the encoding given (unzip -O GBK).",
    "syn.name_control_char": "The file name “{name}” holds an invisible control character ({detail}); djrh did not read the file. Rename it, e.g. nursing-faculty-1-2026-03.yaml.",
    "syn.name_control_char_folder": "The folder name “{name}” holds an invisible control character ({detail}); the records in it were not checked. Rename the folder.",
    "syn.number_too_long": "This number has {digits} digits, over {limit}; djrh did not read the file. No record needs such a number: check for a bad paste, or quote it if it is text (a code).",
    "sch.date_range": "{field} ({label}): the date {value} is not plausible; the year must be from {first} to {last}. Check the year.",
    "sch.control_char": "{field} ({label}) holds an invisible control character ({char}) that printed forms and Excel reports cannot hold. Remove the escape (such as \\x01 or \\e) from the quoted text and retype it.",
    "out.year_out_of_range": "The year {year} given to {option} is not plausible; it must be from {first} to {last}.",
    "due.too_many_days": "--days {days} is too large: at most {limit} days (ten years) ahead.",
    "config.param_too_large": "Rule {code}: {value} is too large for {name}; the largest allowed is {maximum}.",
    "render.template_link": "The template {template} is a symbolic link; djrh does not use it: a template must be a real file in the tree's templates/ folder. Put the template file itself there.",
    "render.template_not_file": "The template {template} is not a regular file (a pipe, a device or a folder); djrh does not use it. Replace it with a DOCX saved from Word or WPS.",
    "render.template_too_large": "The template {template} is over {limit}; djrh does not use it. A form template is a few dozen KB: remove large pictures and save it again.",
    "render.template_bomb": "The template {template} unpacks too large (parts / unpacked size: {detail}; at most {parts} parts and {limit}); djrh does not open it, so as not to exhaust memory. Save it again from Word or WPS.",
    "render.template_timeout": "Filling the template {template} took over {seconds} seconds and was stopped. Check its loops ({{% for %}}): too many, or nested too deep.",
    "render.template_memory": "Filling the template {template} needed over {limit} of memory and was stopped. Check for tags that repeat, pad or join text many times (center, format, replace, join, *, or joining in a loop).",
    "render.template_output": "Filling the template {template} produced over {limit} and was stopped. Check its loops and repetitions.",
    "new.not_utf8": "The value “{value}” of {option} is not UTF-8 (the terminal may use GBK); it would be garbled in the record and was not written. Set the terminal to UTF-8 (Windows: chcp 65001; Linux: LANG=zh_CN.UTF-8) and enter it again.",
    "new.control_char": "The value of {option} holds an invisible control character ({char}) that a record cannot hold; nothing was written. Remove it and enter the value again.",
    "tree.not_a_dir": "{path} is a file, not a folder. --root takes the folder that holds djrh.yaml (the records tree), e.g. --root records.",
})

MESSAGES.update({
    # ---- djrh new / init
    "scaffold.required": " (required)",
    "scaffold.instructions": "\nHow to fill in: one “key: value” per line, an ASCII colon followed by a space; do not change the keys.\nAn empty field counts as not filled in; fields marked required must be filled. Dates are written 2026-03-18.\nFixed values take the English code or the Chinese label; for several lines of text write | and indent the lines.\nThen run djrh check.",
    "scaffold.minutes": "## Minutes\n\n- Time: {when}\n- Place: {place}\n- Theme: {theme}\n- Chair:\n- Recorder:\n- Expected:    Present:\n- Absent, with reasons:\n\n### 1. Theory study (prescribed)\n\n### 2. Party affairs (prescribed)\n\n### 3. Theory guiding practice (chosen)\n\n### 4. Collective discussion (chosen)\n\n### 5. Tasks\n",
    "scaffold.config": "# djrh records tree configuration. One “setting: value” per line; text after # is a comment.\n\n# the institution, printed on forms and reports\ninstitution: {institution}\n\n# The as-of date: leave it out to check as of today; an archived year or a demo tree may fix one\n# (--as-of still wins), for example\n# as_of: 2026-12-31\n\npolicy:\n  # first checked year; empty: the year of the earliest theme day\n  since: {year}\n  # months with no theme day expected (vacations), e.g. [2, 8]\n  months_off: [2, 8]\n\n# rule settings: parameters, severities, or off (djrh rules lists every rule). For example:\n#   ORG001: {{max_members: 50}}\n#   TD003: {{days: 90}}\n#   TD002: warning\n#   ORG008: off\nrules: {{}}\n\n# filing deadlines: once due, units without a matching filing (filings/) are reported. For example:\n#   - {{name: 问题整改清单, due: 2026-04-15, applies_to: branch}}\ndeadlines: []\n",
    "new.written": "Wrote {path}. Fill it in following the comments, then run djrh check.",
    "new.unknown_kind": "Unknown record kind “{kind}”. Choose from: {kinds}.",
    "new.need_id": "Give the record id with --id ({hint}).",
    "new.need_id_hint.option": "or give {options}",
    "new.need_id_hint.options": "or give {options}",
    "new.need_id_hint.name": "lower-case letters, digits and hyphens",
    "new.bad_id": "“{id}” is not a valid record id: lower-case ASCII letters, digits and hyphens, starting with a letter or digit.",
    "new.id_taken": "The id “{id}” is already used by {path}; nothing was written. Choose another --id.",
    "new.bad_ref": "There is no {expected} {id}. {hint}",
    "new.bad_ref_hint": "Known: {known}.",
    "new.bad_choice": "{option} cannot be “{value}”. Choose from: {options}.",
    "new.prompt.id": "record id (file name: lower-case letters, digits, hyphens)",
    "new.prompt.id_of": "{label} id",
    "new.prompt.several": "comma-separated",
    "new.prompt.skip": "Enter to skip",
    "new.prompt.known": "known ids: {known}",
    "init.exists": "{path} is already a records tree (it has djrh.yaml); nothing was changed.",
    "init.done": "Created a records tree in {path}. Next: cd {path} && djrh new branch",
    "init.prompt.institution": "institution name",
    "schema.written": "Wrote {count} schema files to {path}",
    "output.exists": "{path} already exists and was not replaced. Add --force to replace it, or choose another name with -o.",
})

MESSAGES.update({
    "out.bad_date_option_suggest": "The date “{value}” given to {option} must be written {suggestion}.",
    # ---- help texts (djrh --help)
    "help.app": "Party-building integration records: checks the branch registry, theme days, pilots, brands and filings against the rules, and prints the filing forms.\n\nStart with: djrh new themeday; djrh check.",
    "help.check": "Check the records tree: syntax, fields, references and the policy rules. Exits 1 when there is an error.",
    "help.init": "Create a records tree: a commented djrh.yaml and its folders.",
    "scaffold.minutes_meeting": "## Minutes\n\n- Time: {when}\n- Place: {place}\n- Topic: {topic}\n- Chair:\n- Recorder:\n- Expected:    Present:\n- Absent, with reasons:\n\n### 1. Agenda\n\n### 2. Discussion\n\n### 3. Decisions\n\n### 4. Tasks\n",
    "help.new": "Write a new record from the form, every field commented. KIND: general_branch, branch, themeday, meeting (三会一课), pilot, brand or filing.",
    "help.schema": "Print the JSON Schema of the records, for an editor's completion and checks.",
    "help.arg.paths": "report only the findings of these files or folders (the whole tree is still read)",
    "help.arg.dir": "folder of the new tree",
    "help.arg.kind": "record kind: general_branch / branch / themeday / meeting / pilot / brand / filing",
    "help.arg.schema_kind": "only this kind; all kinds if omitted",
    "help.opt.lang": "language: zh (Chinese, default) or en; or set DJRH_LANG",
    "help.opt.root": "the records tree (the folder with djrh.yaml); default: found from the working folder upwards",
    "help.opt.version": "show the version",
    "help.opt.as_of": "check date-dependent rules as of this day (default today), for reproducible results",
    "help.opt.format": "output: text, json, github (GitHub Actions annotations)",
    "help.opt.select": "check only these rules: codes or prefixes such as ORG, TD00 (repeat or comma-separate)",
    "help.opt.ignore": "skip these rules: codes or prefixes",
    "help.opt.strict": "warnings fail too (exit code 1)",
    "help.opt.institution": "institution name, written into djrh.yaml",
    "help.opt.id": "record id = file name (lower-case letters, digits, hyphens); theme days default to branch-year-month",
    "help.opt.name": "name",
    "help.opt.branch": "id of the branch holding the theme day or meeting",
    "help.opt.date": "date: of the theme day, pilot selection, brand start, filing, or branch election",
    "help.opt.time": "theme day time, e.g. 14:30-17:00",
    "help.opt.theme": "theme day theme",
    "help.opt.place": "theme day place",
    "help.opt.parent": "id of the branch's general branch",
    "help.opt.category": "branch category: faculty / student / admin / logistics / retired / other",
    "help.opt.unit": "id of a pilot's unit or a filing's unit (repeat or comma-separate)",
    "help.opt.owner": "id of the brand's owner",
    "help.opt.type": "pilot type, e.g. model_branch; meeting type: general_meeting / branch_committee / party_group / party_lecture / life_meeting / member_review",
    "help.opt.level": "pilot level: school / province / national",
    "help.opt.mode": "brand mode, e.g. brand",
    "help.opt.md": "write the theme day or meeting as a Markdown record (fields, then the minutes)",
    "help.opt.lecturer": "who gives the party lecture",
    "help.opt.topic": "the meeting's topic; for a party lecture its title",
    "help.opt.group": "for a party-group meeting: the name of the group (one of the branch's party_groups)",
    "help.opt.write": "write the schema of every kind into the tree's schema/ folder (replacing the old ones)",
})

MESSAGES.update({
    "help.rules": "List every rule: code, severity, what it checks, source.",
    "help.explain": "Show a rule's documentation, parameters and examples.",
    "help.arg.code": "rule code, e.g. TD001",
    "rules.col.code": "code",
    "rules.col.severity": "severity",
    "rules.col.title": "checks",
    "rules.col.source": "source",
    "explain.params": "Parameters (set them under rules in djrh.yaml)",
    "explain.bad": "Breaks it",
    "explain.good": "Passes",
})

MESSAGES["punct.colon"] = ": "

MESSAGES.update({
    "help.opt.rules_format": "output: table, markdown (the rules document) or json",
    "docs.rules_title": "djrh rules",
    "docs.rules_intro": "Generated by `djrh rules --format markdown` from each rule's own metadata; do not edit by hand. Severities and parameters are set under rules in djrh.yaml (see [format.md](format.md#djrhyaml)).",
})

MESSAGES.update({
    # ---- djrh report: the annual statistics (000 五.2)
    "punct.list_sep": "; ",
    "help.report": (
        "The year's party-building and business integration statistics: one row per branch (grouped by general "
        "branch; branches directly under the committee apart), with subtotals and a total, for the annual "
        "assessment and the 两优一先 selection.\n\n"
        "Columns: theme days = theme days of the year held by the as-of date; integration days = of those, "
        "integration: true (TD001's count); months missing = complete months of the year, not in policy.months_off, "
        "since the branch exists, without a theme day (TD002's count); outcomes due = held integration days of the "
        "year whose outcome window (TD003's days) has ended, filled = of those, the ones with an outcome; brands = "
        "brands the branch owns itself; pilots = pilots carried by the branch whose period (or selection year) falls "
        "in the year; errors, warnings = open findings on the branch's records (its record, theme days, pilots, "
        "brands, filings) that concern the year; waived = waived findings, listed with their approval reference.\n\n"
        "Status: for a complete year, met when the integration days reach TD001's minimum and there is no open "
        "error, else not met; the current year is in progress. Totals count shared pilots, brands and findings once.\n\n"
        "Formats: table (terminal, default), json, csv, xlsx, docx, html (a one-page dashboard for the committee "
        "meeting that opens offline). xlsx and docx are written to -o, or to djrh-report-YEAR.xlsx/.docx in the "
        "current folder; other formats go to the screen without -o. An existing file is kept unless --force."
    ),
    "help.opt.report_year": "year to report (default: the year of the as-of date)",
    "help.opt.report_format": "output format: table, json, csv, xlsx, docx, html",
    "help.opt.report_output": "write to this file (xlsx, docx default to djrh-report-YEAR.xlsx/.docx)",
    "help.opt.report_force": "replace an existing output file",
    "help.opt.report_as_of": "report as of this day (default today), so that the report can be reproduced",
    "report.year_future": "{year} has not started yet (as-of date {as_of}). Give a year that has started with --year, or a date with --as-of.",
    "report.year_before_since": "{year} is before the first checked year {since} (policy.since in djrh.yaml): nothing to report.",
    "report.written": "Written: {path}",
    "report.title": "{institution} {year}: party-building and business integration statistics",
    "report.as_of_complete": "As of {as_of} ({year} is complete)",
    "report.as_of_in_progress": "As of {as_of} ({year} is not over: status is in progress)",
    "report.direct_group": "Branches directly under the committee",
    "report.subtotal": "Subtotal ({count} branches)",
    "report.total": "Total ({count} branches)",
    "report.total_group": "Institution",
    "report.status.met": "met",
    "report.status.not_met": "not met",
    "report.status.in_progress": "in progress",
    "report.col.group": "General branch",
    "report.col.branch": "Branch",
    "report.col.themedays": "Theme days",
    "report.col.integration_days": "Integration days",
    "report.col.months_missing": "Months without a theme day",
    "report.col.outcomes_filled": "Outcomes filled",
    "report.col.outcomes_due": "Outcomes due",
    "report.col.brands": "Brands",
    "report.col.pilots": "Pilots",
    "report.col.errors": "Errors",
    "report.col.warnings": "Warnings",
    "report.col.waived": "Waived",
    "report.col.meeting_meetings": "{type}: held",
    "report.col.meeting_required": "{type}: required",
    "report.col.waivers": "Waivers and approvals",
    "report.col.status": "Status",
    "report.short.themedays": "Days",
    "report.short.integration_days": "Intgr",
    "report.short.months_missing": "Miss",
    "report.short.outcomes": "Outc",
    "report.short.brands": "Brand",
    "report.short.pilots": "Pilot",
    "report.short.errors": "Err",
    "report.short.warnings": "Warn",
    "report.short.waived": "Waiv",
    "report.short.status": "Status",
    "report.table_legend": "Columns: Days = theme days held; Intgr = integration days among them; Miss = complete months without a theme day; Outc = outcomes filled/due; Brand 1+1 = 1 of the branch, 1 of its general branch; Err, Warn = open findings; Waiv = waived findings.",
    "report.meetings_title": "三会一课 and organisational life (held/required)",
    "report.meetings_note": "A general meeting each quarter, a committee meeting (where there is a committee) and a meeting of each party group each month (months off excepted), {lectures} party lectures, one life meeting and one review of members a year, from the month the branch was formed; theme days count for the meetings they also count as. “—”: does not apply (no committee or party group).",
    "report.waiver_short": "{code}: {approved_by} {ref}, until {until}",
    "report.waivers_title": "Waived findings",
    "report.table_note": "At least {minimum} integration theme days a year; outcomes within {days} days of the meeting. See djrh report --help for the columns.",
    "report.sheet.table": "Statistics",
    "report.sheet.findings": "Findings",
    "report.findings_col.unit": "Unit",
    "report.findings_col.severity": "Severity",
    "report.findings_col.code": "Rule",
    "report.findings_col.where": "File:line",
    "report.findings_col.message": "Message",
    "report.findings_col.waiver": "Waiver and approval",
    "report.waived_label": "waived",
    "report.other_unit": "Other (units and records not in the table)",
    "report.docx.title": "Party-building and business integration statistics, {year}",
    "report.docx.byline": "Unit: {institution}    {as_of}",
    "report.docx.col.branch": "Branch",
    "report.docx.col.themedays": "Theme days",
    "report.docx.col.integration_days": "Integration days",
    "report.docx.col.months_missing": "Months missing",
    "report.docx.col.outcomes": "Outcomes filled/due",
    "report.docx.col.brands": "Brands",
    "report.docx.col.pilots": "Pilots",
    "report.docx.col.errors": "Errors",
    "report.docx.col.warnings": "Warnings",
    "report.docx.col.waived": "Waived",
    "report.docx.col.status": "Status",
    "report.docx.waivers": "Waived findings ({count})",
    "report.html.summary": "Summary",
    "report.html.card.branches": "Branches",
    "report.html.card.integration": "Integration theme days",
    "report.html.card.integration_note": "At least {minimum} per branch a year; reached by {reached}/{branches} branches",
    "report.html.card.themedays": "Theme days",
    "report.html.card.months_missing": "{count} months without a theme day in all",
    "report.html.card.outcomes": "Outcomes filled/due",
    "report.html.card.outcomes_note": "Written within {days} days of an integration theme day",
    "report.html.card.pilots": "Pilots · brands",
    "report.html.card.pilots_note": "pilots and brands of the branches and general branches (each once)",
    "report.html.card.findings": "Open findings",
    "report.html.card.waived": "{count} more waived with approval",
    "report.html.errors_word": "errors",
    "report.html.warnings_word": "warnings",
    "report.html.heatmap_heading": "Theme days and meetings per branch and month",
    "report.html.meeting_row.general_meeting": "General meeting",
    "report.html.meeting_row.branch_committee": "Committee",
    "report.html.meeting_row.party_group": "Party groups",
    "report.html.meeting_row.yearly": "Lecture · life · review",
    "report.html.quarter": "Q{quarter}",
    "report.html.meeting_cell.missing": "none held (a rule reports it missing)",
    "report.html.meeting_cell.held": "{held} held",
    "report.html.meeting_cell.groups": "{met} of {groups} party groups met",
    "report.html.meeting_cell.groups_missing": "not met: {names}",
    "report.html.meeting_count": "{type} {count}",
    "report.html.short.party_lecture": "lectures",
    "report.html.short.life_meeting": "life",
    "report.html.short.member_review": "review",
    "report.html.mark.party_lecture": "L",
    "report.html.mark.life_meeting": "M",
    "report.html.mark.member_review": "R",
    "report.html.meetings_heading": "三会一课 and organisational life",
    "report.html.legend.meetings": "small rows: general meeting (by quarter), committee and party groups (by month, 2/3 = 2 of 3 groups met), L = party lecture, M = life meeting, R = review of members; at the end: held/required",
    "report.html.heatmap_title": "Theme days of each branch per month, {year}",
    "report.html.heatmap_summary": "Integration",
    "report.html.row_summary": "{held}/{minimum}",
    "report.html.cell_title": "{branch}, {month} {year}",
    "report.html.cell.held": "{held} theme days ({integration} integration)",
    "report.html.cell.missing": "no theme day (counted as a month missing)",
    "report.html.cell.off": "vacation month, no theme day expected",
    "report.html.cell.open": "month not over yet",
    "report.html.cell.future": "still to come",
    "report.html.cell.before": "branch not yet formed or not checked",
    "report.html.cell.planned": "{planned} planned",
    "report.html.missing_mark": "none",
    "report.html.legend.held": "number = theme days held that month (darker = more)",
    "report.html.legend.integration": "integration theme day (gold frame, one dot each)",
    "report.html.legend.missing": "month without a theme day",
    "report.html.legend.off": "vacation month",
    "report.html.legend.open": "current month",
    "report.html.legend.future": "months to come (ring = planned)",
    "report.html.status_heading": "Quota status per branch",
    "report.html.col.themedays": "Theme days",
    "report.html.col.integration_days": "Integration",
    "report.html.col.months_missing": "Missing",
    "report.html.col.brands": "Brands",
    "report.html.col.pilots": "Pilots",
    "report.html.col.errors": "Errors",
    "report.html.col.warnings": "Warnings",
    "report.html.col.waived": "Waived",
    "report.html.col.outcomes": "Outcomes filled/due",
    "report.html.findings_heading": "Open findings ({count})",
    "report.html.no_findings": "No open findings.",
    "report.html.waivers_heading": "Waived findings ({count})",
    "report.html.no_waivers": "No waived findings.",
    "report.html.notes_heading": "Definitions",
    "report.html.note.counts": "Theme days and integration theme days count those held by the as-of date; each branch holds at least {minimum} integration theme days a year. Months missing are complete months, not vacation months, since the branch exists, without a theme day. Outcomes due are integration days held more than {days} days ago; filled are those among them with an outcome.",
    "report.html.note.findings": "Findings are those of djrh check on the report date that concern the year: a branch's (its record, theme days, pilots, own brands, filings) in its row, a general branch's own in the subtotal, the rest (such as djrh.yaml's) in the total; the problem list shows each once, as many as the open-problem card counts. A brand \u201c+1\u201d is the general branch's; subtotals and totals count pilots, brands and findings once, the general branches' own included.",
    "report.html.note.status": "Status: once the year is over, met when the integration theme days reach the minimum and there is no open error, else not met; in progress until then.",
    "report.html.generated": "Made by djrh report, as of {as_of}.",
})

MESSAGES.update({
    # ---- djrh due: reminders
    "help.due": (
        "Reminders: what falls due in the next N days (default 30) and what is already late, most urgent first, "
        "per branch: no theme day planned yet this month; integration theme days still needed this year (from Q4, "
        "or when 31 December is within N days); outcomes to write (TD003's window); terms ending and elections "
        "overdue (ORG003); deadlines from djrh.yaml (DL001); theme-day and pilot tasks due and not done (PJ003).\n\n"
        "A reminder, not a check: the exit code is always 0 (2 for a usage error). --format json for other tools."
    ),
    "help.opt.due_as_of": "count from this day (default today)",
    "help.opt.days": "list what falls due within this many days (late items are always listed)",
    "help.opt.due_branch": "only this branch; a general branch id includes its branches",
    "help.opt.due_format": "text (default), json, or ics (a calendar file for a phone or Outlook)",
    "due.unknown_branch": "No branch or general branch has the id {branch}.",
    "due.none": "Nothing falls due within {days} days of {as_of}, and nothing is late.",
    "due.header": "As of {as_of}: {count} items due within {days} days or late ({late} late):",
    "due.late": "{days} days late",
    "due.today": "due today",
    "due.left": "in {days} days",
    "due.kind.month_unplanned": "theme day",
    "due.kind.integration_needed": "integration",
    "due.kind.outcome": "outcome",
    "due.kind.term": "election",
    "due.kind.deadline": "filing",
    "due.kind.task": "task",
    "due.month_unplanned": "No theme day recorded (held or planned) for {month} {year}: hold one before the month ends.",
    "due.integration_needed": "{held} integration theme days held and {planned} planned in {year}; at least {minimum} a year: plan {needed} more.",
    "due.integration_planned": "{held} integration theme days held in {year} and {planned} planned; at least {minimum} a year: hold them as planned.",
    "due.outcome": "Write the outcome of the integration theme day of {date} ({theme}) by then, with its evidence.",
    "due.term": "The committee's {years}-year term ends on {ends}: hold the election on time.",
    "due.term_over": "The committee's {years}-year term ended on {ends}: the election is overdue.",
    "due.deadline": "File “{name}” with the organisation department by {due} (no filing of this unit in filings/ yet).",
    "due.task_themeday": "Task “{task}” (owner {owner}) of the theme day of {date} has no done_on yet.",
    "due.task_pilot": "Task “{task}” (owner {owner}) of the pilot “{name}” has no done_on yet.",
})

MESSAGES.update({
    "help.opt.no_cache": "read every record afresh, without the cache (kept in your cache folder, not in the tree)",
    "help.opt.jobs": "processes used to read records (default: the cores; only for large trees)",
})

MESSAGES.update({
    "help.short.check": "check the records tree against the rules",
    "help.short.init": "create a records tree",
    "help.short.new": "write a new record from the form",
    "help.short.schema": "print the JSON Schema for editors",
    "help.short.rules": "list every rule",
    "help.short.explain": "explain one rule, with examples",
})

MESSAGES["syn.not_a_file"] = "This is not a regular file (a pipe or a device); it was not read. Remove it, or replace it with a real record file."

MESSAGES.update({
    "syn.no_space_after_colon": "“{key}:” needs a space after the colon: {key}: …",
    "syn.fullwidth_comma": "A full-width comma “，” separates items here. Items in brackets or braces are separated by an ASCII comma; quote a value that itself holds a Chinese comma.",
    "sch.unknown_field_chinese": "Unknown field {field}. Field names are in English (Chinese goes in the values); this kind of record has: {known}.",
    "sch.invisible_in_key": "The field name {field} holds an invisible character ({char}), often pasted from a web page or a chat. Delete the name and type it again.",
    "sch.date_with_time": "{field} ({label}) holds a date only: write {day}; the time goes in the time field.",
    "label.kind": "kind",
})

MESSAGES["sch.number_for_text"] = "{field} ({label}) should be text, but {value} was read as a number. If it is meant as text, quote it: {key}: \"{value}\"."

MESSAGES.update({
    # ---- djrh render: command line
    "help.render": "Write the DOCX form to print, sign and file: a theme day's integration theme-day design form (附件2), a pilot's task breakdown; --branch ID --year YYYY writes that branch's annual bundle; --pdf also converts it through LibreOffice.",
    "help.arg.record": "a theme day or pilot: its record id (e.g. nursing-faculty-1-2026-03) or the path of its file",
    "help.opt.output": "output file (.docx), or a folder to put it in; default <record id>.docx in the current folder (bundle: <branch id>-<year>.docx)",
    "help.opt.render_branch": "write this branch's annual bundle (with --year)",
    "help.opt.year": "the bundle's year, e.g. 2026",
    "help.opt.pdf": "also write a PDF (needs LibreOffice)",
    "help.opt.force": "replace the output file if it exists",
    "help.opt.render_as_of": "the day that decides whether a task is overdue (default today)",
    "render.what": "Name the record to render (djrh render RECORD-ID), or give --branch BRANCH-ID --year YYYY for an annual bundle.",
    "render.record_or_bundle": "Give either a record or --branch/--year: djrh render RECORD-ID, or djrh render --branch BRANCH-ID --year YYYY.",
    "render.bundle_needs_year": "An annual bundle also needs --year, e.g. --year 2026.",
    "render.year_needs_branch": "--year goes with --branch BRANCH-ID, for that branch's annual bundle.",
    "render.bad_year": "{year} is not a year; write four digits, e.g. 2026.",
    "render.unknown_id": "The records tree {root} has no record with id {id}.",
    "render.unknown_id_suggest": "No record has id {id}. Did you mean {suggestion}?",
    "render.duplicate_id": "Two files have id {id}: {paths}. Rename one (djrh check reports ID002) before rendering.",
    "render.no_such_file": "No such file: {path}.",
    "render.outside_tree": "{path} is not in the records tree {root}.",
    "render.not_a_record": "{path} is not a record file (records are the .yaml, .yml and .md files of the tree, outside evidence/ and templates/).",
    "render.invalid": "{path} has errors, so its form cannot be rendered. Run djrh check and fix them first:\n{findings}",
    "render.wrong_kind": "{id} is a {kind} record; only theme days and pilots have forms. For a branch's annual bundle use djrh render --branch BRANCH-ID --year YYYY.",
    "render.unknown_branch": "No branch has id {id}.",
    "render.unknown_branch_suggest": "No branch has id {id}. Did you mean {suggestion}?",
    "render.bundle_general_branch": "{id} is a general branch; annual bundles are per branch: give a branch id.",
    "render.bundle_invalid": "{count} theme day records have errors, so the bundle would be incomplete. Run djrh check and fix them first:\n{records}",
    "render.bundle_empty": "Branch {id} has no theme day in {year} (years with records: {years}).",
    "render.default_inside_tree": "The current folder is inside the records tree {root}, where forms are not written by default. Choose the output with -o, e.g. -o ../{name}.",
    "render.not_docx": "The output file {path} should end in .docx.",
    "render.written": "Wrote {path}",
    "render.pdf_no_office": "LibreOffice (soffice) was not found, so no PDF was written; the DOCX was. To install it: on Debian/Ubuntu run sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk; on Windows or macOS install it from libreoffice.org and make sure soffice is on the PATH. Word or WPS can also save the DOCX as PDF.",
    "render.pdf_failed": "LibreOffice could not convert to PDF: {detail}",
    "render.pdf_timeout": "LibreOffice did not finish the PDF within {seconds} seconds and was stopped.",
    "render.template_unreadable": "The template {template} is not a valid DOCX file: {detail}",
    "render.template_syntax": "The tag {tag} in the template {template} is malformed: {detail}",
    "render.template_undefined": "The tag {tag} in the template {template} uses a variable that does not exist ({detail}). docs/templates.md lists the variables.",
    "render.template_unsafe": "The tag {tag} in the template {template} tries to reach what templates may not, and was refused: {detail}",
    "render.template_error": "The template {template} could not be filled (tag {tag}): {detail}",
    # ---- djrh render: words printed on the forms
    "render.trace.record": "record {id}",
    "render.trace.hash": "content {hash}",
    "render.trace.commit": "commit {commit}",
    "render.trace.uncommitted": "uncommitted",
    "render.trace.uncommitted_on": "uncommitted (on {commit})",
    "render.trace.separator": " · ",
    "render.date": "{year}-{month:02d}-{day:02d}",
    "render.time_dash": "–",
    "render.weekday.0": "Monday",
    "render.weekday.1": "Tuesday",
    "render.weekday.2": "Wednesday",
    "render.weekday.3": "Thursday",
    "render.weekday.4": "Friday",
    "render.weekday.5": "Saturday",
    "render.weekday.6": "Sunday",
    "render.list_joiner": ", ",
    "render.clause_joiner": "; ",
    "render.numerals": "1,2,3,4,5,6,7,8,9,10",
    "render.heading": "{number}. {text}",
    "render.yes": "yes",
    "render.no": "no",
    "render.period": "{start} to {end}",
    "render.status.done": "done",
    "render.status.open": "open",
    "render.status.overdue": "overdue",
    "render.task.number": "No.",
    "render.task.task": "Task",
    "render.task.owner": "Owner",
    "render.task.due": "Due",
    "render.task.done_on": "Done on",
    "render.task.status": "Status",
    "render.td.title": "Integration theme day design form",
    "render.td.branch_line": "Branch: {name}",
    "render.td.integration": "party-building and business integration theme day",
    "render.td.not_integration": "(a general theme day, not counted as an integration theme day)",
    "render.td.entry_joiner": " · ",
    "render.td.entry_line": "Entry point: {entry}",
    "render.td.time": "Time",
    "render.td.place": "Place",
    "render.td.theme": "Theme",
    "render.td.business": "Business work",
    "render.td.business_hint": "(before the meeting: the business cut-in point and the problem to solve together)",
    "render.td.prescribed": "Prescribed\nactions",
    "render.td.prescribed_hint": "(theory study, party-affairs arrangements)",
    "render.td.optional": "Optional actions",
    "render.td.theory": "Theory guiding\npractice",
    "render.td.theory_hint": "(what the study means for this work)",
    "render.td.discussion": "Discussion",
    "render.td.discussion_hint": "(the solution and task arrangement reached together)",
    "render.td.outcome": "Outcome",
    "render.td.outcome_hint": "(after the work is done: the evaluation, with evidence)",
    "render.td.evaluated_on": "Evaluated on {date}",
    "render.td.evidence": "Evidence:",
    "render.td.note": "Note: (1) the branch keeps this form on file and submits it as evidence for the annual assessment; (2) a branch holds at least 2 integration theme days a year.",
    "render.td.tasks": "Tasks",
    "render.td.attendance": "Attendance",
    "render.td.minutes": "Minutes",
    "render.td.expected": "expected {count}",
    "render.td.present": "present {count}",
    "render.td.absent": "absent: {names}",
    "render.td.absent_reason": "{name} ({reason})",
    "render.td.expected_label": "Expected",
    "render.td.present_label": "Present",
    "render.td.absent_label": "Absent\n(reason)",
    "render.td.also_counts_as": "Also counts as",
    "render.bundle.title": "Theme days of {year}",
    "render.bundle.branch": "Branch",
    "render.bundle.general_branch": "General branch",
    "render.bundle.direct": "(none: reports to the Party committee)",
    "render.bundle.year": "Year",
    "render.bundle.count": "Theme days\nheld",
    "render.bundle.integration_count": "Integration\ntheme days",
    "render.bundle.outcomes_filled": "Outcomes\nfilled / due",
    "render.bundle.times": "{count}",
    "render.bundle.filled_of": "{filled} / {total}",
    "render.bundle.contents": "Contents",
    "render.bundle.col.number": "No.",
    "render.bundle.col.date": "Date",
    "render.bundle.col.theme": "Theme",
    "render.bundle.col.integration": "Int.",
    "render.bundle.col.outcome": "Eval.",
    "render.bundle.signature": "Branch secretary\n(signature)",
    "render.bundle.signed_on": "Date",
    "render.bundle.signature_date": "",
    "render.pilot.title": "Task breakdown",
    "render.pilot.facts": "The project",
    "render.pilot.tasks": "Tasks",
    "render.pilot.reviews": "Reviews",
    "render.pilot.name": "Name",
    "render.pilot.type": "Type",
    "render.pilot.level": "Level",
    "render.pilot.units": "Units",
    "render.pilot.selected_on": "Selected on",
    "render.pilot.period": "Period",
    "render.pilot.leader": "Leader",
    "render.pilot.temporary_branch": "Temporary\nbranch",
    "render.pilot.budget": "Budget (yuan)",
    "render.pilot.spent": "Spent (yuan)",
    "render.pilot.team": "Team",
    "render.pilot.review.number": "No.",
    "render.pilot.review.date": "Date",
    "render.pilot.review.result": "Result",
    "render.pilot.review.note": "Note",
})

MESSAGES["help.short.render"] = "print the DOCX filing forms"

MESSAGES.update({
    "output.replace": "{path} exists. Replace it?",
    "output.write_failed": "Cannot write {path}: {detail}. Any existing file is unchanged.",
})

MESSAGES.update({"help.short.report": "the year's statistics per branch (table, xlsx, docx, dashboard)", "help.short.due": "what falls due soon, and what is late"})

MESSAGES.update({
    "out.as_of_fixed": "As of {as_of} (fixed by as_of in djrh.yaml; give --as-of DATE for another day)",
    "report.as_of_fixed": " (date fixed by as_of in djrh.yaml)",
})

MESSAGES["syn.directive"] = "A line starting with % is a YAML directive and cannot be read. If it is content, put the whole value in quotes; otherwise delete the line."

MESSAGES["syn.bad_escape"] = "In double quotes, a backslash \\ is followed by a character YAML does not know (a Windows path such as C:\\Users). Use single quotes around the whole value, or write \\ as \\\\."

MESSAGES["syn.list_here"] = "A list item (- ) cannot start here. Put list items on lines of their own, lined up with the other items; if the value itself starts with -, put it in quotes."

MESSAGES["syn.missing_value"] = "A value was expected here, but a ], }} or comma came. Check that brackets pair up and no comma is left over."

MESSAGES["syn.after_end"] = "The file's content ended before this line (a ... line above, or wrong indentation), so this line cannot be read. Check the indentation, or delete the extra ... line."

MESSAGES["syn.unexpected_end"] = "The file ends in the middle of a value. Check that the quotes and brackets of the last lines pair up."

MESSAGES["syn.bad_character"] = "The file holds a character YAML does not allow (often pasted from Word or a web page). Find and delete the invisible character, or type the text again."

MESSAGES["quota.left_out"] = "{message} {count} more record(s) with schema errors were not counted: {paths}."

MESSAGES["report.html.infos_word"] = "notes"

MESSAGES["render.bundle.held_planned"] = "{held} ({planned} more planned)"

MESSAGES["render.bundle.outcome.filled"] = "filled"

MESSAGES["render.bundle.outcome.missing"] = "missing"

MESSAGES["render.bundle.outcome.not_needed"] = "not needed"

MESSAGES["render.bundle.outcome.planned"] = "not yet held"

MESSAGES["render.bundle.counting"] = "As of {as_of}: held means dated on or before that day; outcomes due are integration days whose window for the outcome has passed, filled those of them with one. The same counts as djrh check and djrh report."

MESSAGES.update({
    # ---- docs/format.md (djrh schema --format markdown)
    "docs.format_title": "djrh record format",
    "docs.format_intro": "Generated from the record models (src/djrh/kinds/) by `djrh schema --format markdown`; do not edit. After changing a model, regenerate it: `djrh schema --format markdown > docs/format.md`. The rules are in [rules.md](rules.md).",
    "docs.format_rule.1": "A records tree is the folder holding `djrh.yaml`. Every `.yaml`, `.yml` and `.md` file in it is a record, except `djrh.yaml`, anything under `evidence/` or `templates/`, and hidden files and folders. A record's kind comes from its `kind` field, not its folder; the folders below are where `djrh new` puts them.",
    "docs.format_rule.2": "A `.md` record starts with a `---` line, then its fields (YAML), then another `---` line; the Markdown after it is the minutes, printed after the form.",
    "docs.format_rule.3": "A record's id is its file name without the extension: lower-case ASCII letters, digits and hyphens, starting with a letter or digit (`^[a-z0-9][a-z0-9-]*$`), unique in the tree. Records refer to each other by id.",
    "docs.format_rule.4": "YAML 1.2: `time: 14:30` is text, `yes`/`no`/`on`/`off` are text, not booleans, and a key written twice is an error.",
    "docs.format_rule.5": "Dates are `YYYY-MM-DD`; an impossible date (`2026-02-30`) is a finding with its position, never a crash.",
    "docs.format_rule.6": "A field with a fixed set of values takes the English code or the Chinese label (`entry_point: education` or `entry_point: 三全育人`); booleans also take `是`/`否`; `kind` also takes the kind's Chinese name; a time may be a single `HH:MM`, and `–`, `—`, `~`, `～`, `至` also separate two times.",
    "docs.format_rule.7": "An empty value counts as absent. A field the schema does not know is an error (SCH002), with the nearest known name, so a typo never drops data silently; a record with errors still counts wherever the fields a rule reads are valid.",
    "docs.format_rule.8": "File paths (evidence) are relative to the tree's root (`evidence/2026/sign-in.pdf`) and are also tried under `evidence/`; never absolute or outside the tree. Every kind takes `waivers` (approved exceptions to a rule); a branch's waivers also cover its theme days.",
    "docs.format_col.kind": "Kind",
    "docs.format_col.folder": "Usual folder",
    "docs.format_col.field": "Field",
    "docs.format_col.label": "Form label",
    "docs.format_col.type": "Type",
    "docs.format_col.values": "Values",
    "docs.format_col.required": "Required",
    "docs.format_col.hint": "What to write",
    "docs.format_or": "or",
    "docs.format_example": "Example:",
    "docs.format_required": "required",
    "docs.format_required_if": "required for {condition}",
    "docs.format_optional": "optional",
    "docs.format_default": "optional, default {default}",
    "docs.type.list": "list of {item}",
    "docs.type.mapping": "mapping (fields below)",
    "docs.type.choice": "one of",
    "docs.type.int": "integer",
    "docs.type.number": "number",
    "docs.type.date": "date",
    "docs.type.text": "text",
    "docs.type.time": "time range",
    "docs.type.bool": "boolean",
    "docs.values.date": "`YYYY-MM-DD`, e.g. `2026-03-18`",
    "docs.values.time": "`HH:MM-HH:MM` or `HH:MM`, e.g. `14:30-17:00`",
    "docs.values.bool": "`true`/`false`, or `是`/`否`",
    "docs.values.range": "{low}–{high}",
})

MESSAGES["docs.format_held"] = "required once held (TD006)"

MESSAGES["docs.format_held_if"] = "required once held, for {condition} (TD006)"

MESSAGES["help.opt.schema_format"] = "json (JSON Schema, the default) or markdown (the record format reference, docs/format.md)"

MESSAGES["docs.format_config"] = "The tree's configuration, at its root. An empty file means every default; a wrong setting stops the run with its line and column, exit code 2."

MESSAGES["docs.type.dict"] = "mapping (code: setting)"

MESSAGES["help.opt.check_branch"] = "check only this branch's records and findings (its record, theme days, the pilots it carries, brands, filings); a general branch includes its branches"

MESSAGES["check.unknown_branch"] = "No branch or general branch has the id {branch} (--branch takes a file name under org/, without its extension)."

MESSAGES["help.opt.report_branch"] = "report only this branch (a general branch: it and its branches)"

MESSAGES["due.calendar_name"] = "djrh reminders"

MESSAGES["help.opt.explain_format"] = "text (default), markdown (as in docs/rules.md) or json"
