"""Reads that span relations; each owns its joins so that a page or endpoint runs a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from dx_portal.formatting import wareki
from dx_portal.history import HistoryEntry, Source, history
from organisation.models import DivisionMembership
from organisation.permissions import visible_division_filter
from organisation.roles import roles_of

from .models import Finding, Health, Milestone, Project, ProjectIssue, ProjectWatch, StatusReport

OPEN_FINDING_STATUSES = (Finding.Status.OPEN, Finding.Status.ANSWERED)
# Every row of a project's history concerns the project: naming it again is noise.
_PARENT = frozenset({"project"})


def count_per_project(model: type[models.Model], condition: Q) -> Coalesce:
    """A per-project count as a subquery: several of them do not multiply each other's rows like joins would."""
    rows = model.objects.filter(condition, project=OuterRef("pk")).order_by().values("project")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0))


def division_reachable() -> ExpressionWrapper:
    """A project's reminders reach someone: its division has a mailbox or an active member with an e-mail
    address (the reminder sweep's recipients). Otherwise the project is flagged 連絡先なし."""
    members = DivisionMembership.objects.filter(division=OuterRef("division"), user__is_active=True).exclude(user__email="")
    return ExpressionWrapper(~Q(division__email="") | Exists(members), output_field=BooleanField())


def project_list(*, user) -> models.QuerySet[Project]:
    """Every project the user may see, with what a list row shows."""
    return (
        Project.objects.visible_to(user)
        .select_related("division__bureau", "latest_report", "pmo_contact")
        .annotate(
            open_issue_count=count_per_project(ProjectIssue, Q(status__in=ProjectIssue.OPEN_STATUSES)),
            open_finding_count=count_per_project(Finding, Q(status=Finding.Status.OPEN)),
            division_reachable=division_reachable(),
        )
    )


def my_projects(*, user) -> models.QuerySet[Project]:
    """The projects of the user's own divisions (the staff's start page)."""
    return project_list(user=user).filter(division__in=roles_of(user).division_ids)


def project_get(*, user, code: str) -> Project:
    """The project for a page or an API call: 404 when there is no such code or the user may not see it
    (DESIGN.md: neither pages nor the API reveal that another division's project exists)."""
    return get_object_or_404(project_list(user=user), code=code)


def is_watching(*, user, project: Project) -> bool:
    return ProjectWatch.objects.filter(project=project, user=user).exists()


@dataclass
class ProjectPage:
    """What the project page shows beside the project itself."""

    reports: list[StatusReport]
    open_issues: list[ProjectIssue]
    open_findings: list[Finding]
    milestones: list[Milestone]

    @property
    def latest(self) -> StatusReport | None:
        """The latest submitted report: one awaiting approval, returned or withdrawn does not count."""
        return next((report for report in self.reports if report.status == StatusReport.Status.SUBMITTED), None)


def project_page(*, project: Project) -> ProjectPage:
    return ProjectPage(
        reports=list(
            project.status_reports.select_related("submitted_by", "reviewed_by", "approved_by").order_by("-as_of", "-pk")
        ),
        open_issues=list(
            project.issues.filter(status__in=ProjectIssue.OPEN_STATUSES).order_by("kind", "due_on", "-raised_on", "pk")
        ),
        open_findings=list(
            project.findings.filter(status__in=OPEN_FINDING_STATUSES)
            .select_related("written_by", "answered_by")
            .order_by("status", "response_due_on", "pk")
        ),
        milestones=list(project.milestones.order_by("planned_on", "pk")),
    )


def project_history(*, project: Project) -> list[HistoryEntry]:
    """The change history of the project and of its reports, issues, findings and milestones, newest first."""
    return history(
        Source(Project.history.filter(id=project.pk), label=lambda row: f"{row.code} {row.name}"),
        Source(StatusReport.history.filter(project_id=project.pk), label=lambda row: wareki(row.as_of), exclude=_PARENT),
        Source(ProjectIssue.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Finding.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Milestone.history.filter(project_id=project.pk), label=lambda row: row.name, exclude=_PARENT),
    )


# --- What waits for someone ("my work", /my/) --------------------------------------------------------
# Each read starts from what the person may see; workbench/ lists them per role and counts them.


def _visible(queryset: models.QuerySet, user, *, division_field: str) -> models.QuerySet:
    q = visible_division_filter(user, division_field=division_field)
    return queryset if q is None else queryset.filter(q)


def reports_due(*, user, today: datetime.date) -> models.QuerySet[Project]:
    """The user's divisions' projects whose next report is due or overdue (the schedule stored on the
    project: schedule.report_schedule), the longest waiting first."""
    return (
        my_projects(user=user)
        .filter(report_due_on__lte=today)
        .order_by("report_due_on", "code")
    )


def findings_to_answer(*, user) -> models.QuerySet[Finding]:
    """PMO's findings on the user's divisions' projects that await the division's answer, due first."""
    return (
        Finding.objects.filter(status=Finding.Status.OPEN, project__division__in=roles_of(user).division_ids)
        .select_related("project")
        .order_by("response_due_on", "written_at", "pk")
    )


def reports_returned(*, user) -> models.QuerySet[StatusReport]:
    """Reports of the user's divisions that the manager returned for correction, oldest first."""
    return (
        StatusReport.objects.filter(status=StatusReport.Status.RETURNED, project__division__in=roles_of(user).division_ids)
        .select_related("project")
        .order_by("updated_at", "pk")
    )


def reports_awaiting_approval(*, user) -> models.QuerySet[StatusReport]:
    """Reports waiting for the 所属長's approval in the divisions the user manages, oldest first."""
    return (
        StatusReport.objects.filter(
            status=StatusReport.Status.AWAITING_APPROVAL, project__division__in=roles_of(user).managed_division_ids
        )
        .select_related("project", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def reports_awaiting_review(*, user) -> models.QuerySet[StatusReport]:
    """Submitted reports PMO has not reviewed that still give their project its rating (the latest: the
    portfolio shows them 未確認), the oldest first."""
    reports = StatusReport.objects.filter(
        status=StatusReport.Status.SUBMITTED, reviewed_at__isnull=True, project__latest_report=F("pk")
    )
    return _visible(reports, user, division_field="project__division").select_related("project").order_by(
        "submitted_at", "pk"
    )


def findings_awaiting_closure(*, user) -> models.QuerySet[Finding]:
    """Findings the division has answered and PMO has yet to close, the longest answered first."""
    findings = Finding.objects.filter(status=Finding.Status.ANSWERED)
    return _visible(findings, user, division_field="project__division").select_related("project").order_by(
        "answered_at", "pk"
    )


def escalated_projects(*, user, today: datetime.date) -> models.QuerySet[Project]:
    """Projects whose report is so late it was escalated to PMO (ReportState.ESCALATED), the oldest first."""
    return project_list(user=user).filter(report_escalate_on__lte=today).order_by("report_escalate_on", "code")


def unreachable_projects(*, user, today: datetime.date) -> models.QuerySet[Project]:
    """Projects with a report due whose reminders reach nobody (連絡先なし): the digest's list, live."""
    return (
        project_list(user=user)
        .filter(report_due_on__lte=today, division_reachable=False)
        .order_by("report_due_on", "code")
    )


def portfolio_exceptions(person, today: datetime.date) -> models.QuerySet[Project]:
    """The projects that need the CIO's (or PMO's) eye, the largest budget first: the one rule for
    "exceptions", for /my/ and the portfolio's exceptions panel.

    A project is an exception when it is any of:
    - ``is_red``: rated red (遅延) as the portfolio shows it;
    - ``unreviewed_over_red``: its latest report awaits PMO's review while PMO's last rating was red;
    - ``is_stale``: its report is overdue (past the grace period; see schedule.py);
    - ``late_milestone``: a milestone not reached whose planned date has passed.
    Each is an annotation, so a caller can say why a row is listed. Closed projects are never exceptions.
    """
    late = Milestone.objects.filter(project=OuterRef("pk"), actual_on__isnull=True, planned_on__lt=today)
    return (
        project_list(user=person)
        .exclude(phase=Project.Phase.CLOSED)
        .annotate(
            is_red=ExpressionWrapper(Q(health=Health.RED), output_field=BooleanField()),
            unreviewed_over_red=ExpressionWrapper(
                Q(health_unreviewed=True, pmo_health=Health.RED), output_field=BooleanField()
            ),
            is_stale=ExpressionWrapper(Q(report_overdue_on__lte=today), output_field=BooleanField()),
            late_milestone=Exists(late),
        )
        .filter(Q(is_red=True) | Q(unreviewed_over_red=True) | Q(is_stale=True) | Q(late_milestone=True))
        .order_by("-budget_yen", "code")
    )
