"""The registers as CSV and Excel, through the one writer (dx_portal.exports): what the page lists, every row."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal.exports import Table
from dx_portal.formatting import person_name

from .selectors import finding_age


def risk_table(risks: Iterable) -> Table:
    return Table(
        title=_("課題・リスク台帳"),
        header=[_("案件コード"), _("案件名"), _("局"), _("所属"), _("種別"), _("件名"), _("重要度"), _("状態"),
                _("発生可能性"), _("影響度"), _("リスク値"), _("担当"), _("対応期限"), _("発生日"), _("解決日")],
        rows=(
            [risk.project.code, risk.project.name, risk.project.division.bureau.name, risk.project.division.name,
             risk.get_kind_display(), risk.title, risk.get_severity_display(), risk.get_status_display(),
             risk.likelihood, risk.impact, risk.score, risk.owner, risk.due_on, risk.raised_on, risk.resolved_on]
            for risk in risks
        ),
        widths=[14, 30, 14, 20, 8, 36, 8, 10, 10, 8, 10, 14, 18, 18, 18],
    )


def finding_table(findings: Iterable, *, today: datetime.date) -> Table:
    return Table(
        title=_("助言・指摘台帳"),
        header=[_("案件コード"), _("案件名"), _("局"), _("所属"), _("区分"), _("件名"), _("重要度"), _("状態"),
                _("記載者"), _("記載日"), _("経過日数"), _("回答期限"), _("回答者"), _("回答日")],
        rows=(
            [finding.project.code, finding.project.name, finding.project.division.bureau.name,
             finding.project.division.name, finding.get_category_display(), finding.title,
             finding.get_severity_display(), finding.get_status_display(), person_name(finding.written_by),
             timezone.localtime(finding.written_at).date(), finding_age(finding, today),
             finding.response_due_on, person_name(finding.answered_by) if finding.answered_by else None,
             timezone.localtime(finding.answered_at).date() if finding.answered_at else None]
            for finding in findings
        ),
        widths=[14, 30, 14, 20, 14, 36, 8, 10, 14, 18, 10, 18, 14, 18],
    )

