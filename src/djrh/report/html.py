"""`djrh report --format html`: one self-contained page for the 党委 meeting screen.

Inline CSS and SVG only: no script, no web font, nothing fetched from the network, so the file
opens anywhere (also from a USB stick on the meeting-room PC) and prints cleanly. The page shows
the summary numbers, the branch × month heat map (heatmap.py), each branch's quota status and the
open and waived findings. The markup is the jinja2 template templates/dashboard.html.j2.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from djrh.i18n import t
from djrh.personal import mask
from djrh.report import heatmap, layout
from djrh.report.stats import Report
from djrh.report.layout import subtitle, title


def render(report: Report, lang: str, page: str = "dashboard.html.j2", env: Environment | None = None, **extra) -> str:
    """The dashboard page; `djrh serve` renders its own `page`, which extends this one (its
    `env` finds both), with `extra` values."""
    env = env or environment(PackageLoader("djrh.report", "templates"))
    template = env.get_template(page)

    def text(key: str, **args) -> str:
        return t(key, lang=lang, **args)

    findings = [
        {
            "unit": unit, "finding": finding, "waiver": waiver, "severity": finding.severity, "message": finding.text(lang),
            "where": f"{mask(finding.path)}:{finding.line}",
        }
        for unit, finding, waiver in layout.finding_rows(report, lang)
    ]
    return template.render(
        lang="zh-CN" if lang == "zh" else "en",
        t=text,
        title=title(report, lang),
        subtitle=subtitle(report, lang),
        report=report,
        totals=report.totals,
        heatmap=Markup(heatmap.render(report, lang)),
        status_label=lambda status: layout.status_label(status, lang),
        group_label=lambda group: group.label(lang),
        status_counts=lambda totals: layout.status_counts(totals, lang),
        meeting_headers=layout.meeting_headers(lang),
        meeting_cells=lambda row: layout.meeting_cells(row.meeting_quotas),
        meeting_total=layout.meeting_sum_cells(report.totals),
        waiver_text=lambda entry: layout.waiver_text(entry, lang),
        open_findings=[f for f in findings if not f["waiver"]],
        waived_findings=[f for f in findings if f["waiver"]],
        **extra,
    )


def environment(loader) -> Environment:
    """Jinja as the dashboard is rendered: everything escaped, an unknown name an error."""
    return Environment(
        loader=loader,
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
