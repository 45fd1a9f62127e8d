"""Every write to projects and what is logged about them; the form views, the API and the admin call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.permissions import may_change_division_record, may_write_findings

from .models import Project, StatusReport


def _ensure_may_change(actor, project: Project) -> None:
    if not may_change_division_record(actor, division_id=project.division_id):
        raise PermissionDenied(_("この案件を更新する権限がありません。"))


def _ensure_pmo(actor) -> None:
    if not may_write_findings(actor):
        raise PermissionDenied(_("この操作はデジタル戦略本部室（PMO）のみ行えます。"))


def project_refresh_latest_report(*, project: Project) -> None:
    """Point the project at its latest report (by as-of date) and take its health and date from it."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    latest = locked.status_reports.order_by("-as_of").first()
    locked.latest_report = latest
    locked.health = latest.effective_health if latest else ""
    locked.last_reported_on = latest.as_of if latest else None
    locked.save(update_fields=["latest_report", "health", "last_reported_on"])
    project.latest_report, project.health, project.last_reported_on = locked.latest_report, locked.health, locked.last_reported_on
    project.report_due_on, project.report_overdue_on = locked.report_due_on, locked.report_overdue_on
    project.report_escalate_on = locked.report_escalate_on


@transaction.atomic
def status_report_submit(
    *,
    project: Project,
    actor,
    as_of: datetime.date,
    health: str,
    schedule_health: str,
    cost_health: str,
    scope_health: str,
    quality_health: str,
    planned_progress: int,
    actual_progress: int,
    summary: str,
    next_steps: str = "",
) -> StatusReport:
    """File a status report; it becomes the project's current health when it is the latest."""
    _ensure_may_change(actor, project)
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("基準日に未来の日付は指定できません。")})
    report = StatusReport(
        project=project,
        as_of=as_of,
        health=health,
        schedule_health=schedule_health,
        cost_health=cost_health,
        scope_health=scope_health,
        quality_health=quality_health,
        planned_progress=planned_progress,
        actual_progress=actual_progress,
        summary=summary,
        next_steps=next_steps,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    report.full_clean()
    report._history_user = actor
    report.save()
    project_refresh_latest_report(project=project)
    return report
