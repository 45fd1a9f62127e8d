"""Reads that span relations; each owns its joins so that a page or endpoint runs a fixed number of queries."""

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from dx_portal.formatting import wareki
from dx_portal.history import HistoryEntry, Source, attachments_source, history
from kpis.models import Indicator, Plan, PlanItem
from organisation.permissions import visible_division_filter
from organisation.roles import roles_of
from organisation.selectors import division_memberships_on

from .models import (
    Finding,
    GateReview,
    Health,
    Milestone,
    Project,
    ProjectIssue,
    ProjectWatch,
    Severity,
    StatusReport,
)

OPEN_FINDING_STATUSES = (Finding.Status.OPEN, Finding.Status.ANSWERED)
# Every row of a project's history concerns the project: naming it again is noise.
_PARENT = frozenset({"project"})


# A list row's open issues: the sum of the project's counts by severity (services.projects_refresh_open_counts).
OPEN_ISSUE_COUNT = functools.reduce(operator.add, (F(f"issues_{severity}") for severity in Severity.values))


def division_reachable(day: datetime.date | None = None) -> ExpressionWrapper:
    """A project's reminders reach someone (on ``day``, default today): its division has a mailbox or an active member
    with an e-mail address (the reminder sweep's recipients). Otherwise the project is flagged 連絡先なし."""
    members = division_memberships_on(day).filter(division=OuterRef("division"), user__is_active=True).exclude(user__email="")
    return ExpressionWrapper(~Q(division__email="") | Exists(members), output_field=BooleanField())


def with_list_columns(projects: models.QuerySet[Project]) -> models.QuerySet[Project]:
    """``projects`` with what a list row shows."""
    return projects.select_related("division__bureau", "latest_report", "pmo_contact").annotate(
        open_issue_count=OPEN_ISSUE_COUNT,
        open_finding_count=F("findings_awaiting"),
    )


def project_list(*, user) -> models.QuerySet[Project]:
    """Every project the user may see, with what a list row shows."""
    return with_list_columns(Project.objects.visible_to(user))


def my_projects(*, user) -> models.QuerySet[Project]:
    """The projects of the user's own divisions (the staff's start page)."""
    return project_list(user=user).filter(division__in=roles_of(user).division_ids)


def project_get(*, user, code: str) -> Project:
    """The project for a page or an API call: 404 when there is no such code or the user may not see it
    (DESIGN.md: neither pages nor the API reveal that another division's project exists)."""
    return get_object_or_404(project_list(user=user).annotate(division_reachable=division_reachable()), code=code)


def is_watching(*, user, project: Project) -> bool:
    return ProjectWatch.objects.filter(project=project, user=user).exists()


@dataclass
class ProjectPage:
    """What the project page shows beside the project itself."""

    reports: list[StatusReport]
    open_issues: list[ProjectIssue]
    open_findings: list[Finding]
    milestones: list[Milestone]
    gate_reviews: list[GateReview]

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
        gate_reviews=list(gate_reviews().filter(project=project)),
    )


def gate_reviews() -> models.QuerySet[GateReview]:
    """Gate reviews with their reviewer, committee decision and conditions, newest first (three queries)."""
    return (
        GateReview.objects.select_related("reviewer", "decision", "project")
        .prefetch_related(models.Prefetch("conditions", queryset=Finding.objects.order_by("pk")))
        .order_by("-reviewed_on", "-pk")
    )


def conditions_open() -> Exists:
    """A project passed a gate on conditions that are not all met: a condition (finding) is not closed yet."""
    return Exists(
        GateReview.objects.filter(
            project=OuterRef("pk"), outcome=GateReview.Outcome.CONDITIONAL, conditions__status__in=OPEN_FINDING_STATUSES
        )
    )


def project_history(*, project: Project) -> list[HistoryEntry]:
    """The change history of the project and of its reports, issues, findings and milestones, and the attachments
    of its reports and findings, newest first."""
    return history(
        Source(Project.history.filter(id=project.pk), label=lambda row: f"{row.code} {row.name}"),
        Source(StatusReport.history.filter(project_id=project.pk), label=lambda row: wareki(row.as_of), exclude=_PARENT),
        Source(ProjectIssue.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Finding.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Milestone.history.filter(project_id=project.pk), label=lambda row: row.name, exclude=_PARENT),
        Source(GateReview.history.filter(project_id=project.pk), label=_gate_label, exclude=_PARENT),
        # By the history tables: a report or finding deleted since still names what was attached to it.
        attachments_source(
            (StatusReport, StatusReport.history.filter(project_id=project.pk).values("id")),
            (Finding, Finding.history.filter(project_id=project.pk).values("id")),
        ),
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
        .annotate(division_reachable=division_reachable())
        .filter(report_due_on__lte=today, division_reachable=False)
        .order_by("report_due_on", "code")
    )


class ExceptionReason(models.TextChoices):
    """Why a project is an exception that needs the CIO and PMO (the portfolio's panel, "exceptions first")."""

    RED = "red", _("遅延")
    WORSENING = "worsening", _("前回報告より悪化")
    UNREVIEWED_RED = "unreviewed_red", _("PMO評価が遅延のまま未確認")
    STALE = "stale", _("報告遅延")
    LATE_MILESTONE = "late_milestone", _("マイルストーン遅延")


def exception_rules(today: datetime.date) -> dict[str, Q]:
    """The one rule of what makes an exception, reason by reason, as SQL conditions on projects."""
    return {
        ExceptionReason.RED: Q(health=Health.RED),
        ExceptionReason.WORSENING: Q(trend=-1),
        ExceptionReason.UNREVIEWED_RED: Q(health_unreviewed=True, pmo_health=Health.RED),
        # ProjectQuerySet.stale: past the grace period after the due date.
        ExceptionReason.STALE: Q(report_overdue_on__lte=today),
        # Milestone.slippage_on(today) > 0 for one not reached (models.late_from).
        ExceptionReason.LATE_MILESTONE: Q(milestone_late_on__lte=today),
    }


def exception_flag(today: datetime.date) -> ExpressionWrapper:
    """True for a project with any reason of ``exception_rules`` (and not closed): what sorts exceptions first."""
    condition = Q()
    for rule in exception_rules(today).values():
        condition |= rule
    return ExpressionWrapper(condition & ~Q(phase=Project.Phase.CLOSED), output_field=BooleanField())


@dataclass(frozen=True)
class PortfolioException:
    project: Project
    reasons: list[ExceptionReason]


def exception_projects(person, today: datetime.date) -> models.QuerySet[Project]:
    """The projects the person may see that need attention, the largest budget first, each reason of
    ``exception_rules`` a boolean column ``exception_<reason>``. Closed projects need nobody."""
    # A copy (all()): the day's query is shared, and visible_to gives it back unfiltered to one who sees everything.
    return _exceptions_of_day(today).all().visible_to(person)


@functools.lru_cache(maxsize=1)
def _exceptions_of_day(today: datetime.date) -> models.QuerySet[Project]:
    # Built once a day, as the portfolio's rows are: building it took about 1.1 ms of an uncached portfolio.
    flags = {
        f"exception_{reason}": ExpressionWrapper(rule, output_field=BooleanField())
        for reason, rule in exception_rules(today).items()
    }
    return (
        Project.objects.exclude(phase=Project.Phase.CLOSED)
        .select_related("division__bureau")
        .annotate(**flags)
        .filter(exception_flag(today))
        .order_by("-budget_yen", "code")
    )


def exception_reasons(project: Project) -> list[ExceptionReason]:
    """The reasons of a row of ``exception_projects``."""
    return [reason for reason in ExceptionReason if getattr(project, f"exception_{reason}")]


def portfolio_exceptions(person, today: datetime.date, *, pillar: PlanItem | None = None) -> list[PortfolioException]:
    """The exceptions with their reasons, the largest budget first (those of ``pillar`` when given): one query."""
    projects = exception_projects(person, today)
    if pillar is not None:
        projects = in_pillar(projects, pillar)
    return [PortfolioException(project, exception_reasons(project)) for project in projects]


def portfolio_exceptions_first(person, today: datetime.date, *, limit: int) -> tuple[list[PortfolioException], int]:
    """The first ``limit`` of ``portfolio_exceptions`` and how many there are, in one query: the portfolio's panel
    names ten, and building every exception (648 of 1,000 load projects) took two thirds of its 31 ms. The total is
    a subquery that depends on no row, computed once; a window count made the database carry every exception's
    whole row through the count (20 ms at 3,700 exceptions on PostgreSQL)."""
    exceptions = exception_projects(person, today)
    # COUNT as a plain function, not an aggregate: no GROUP BY, one number.
    total = exceptions.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    projects = exceptions.annotate(total=Subquery(total, output_field=IntegerField()))[:limit]
    rows = [PortfolioException(project, exception_reasons(project)) for project in projects]
    return rows, rows[0].project.total if rows else 0


def in_pillar(projects: models.QuerySet[Project], pillar: PlanItem) -> models.QuerySet[Project]:
    """The projects serving a pillar (柱) of a plan, or a measure under it: the ``pillar`` filter of the lists."""
    # EXISTS rather than a join: a project under two measures of the pillar is still one row.
    links = Project.plan_items.through.objects.filter(project=OuterRef("pk"))
    return projects.filter(Exists(links.filter(Q(planitem=pillar) | Q(planitem__parent=pillar))))


def _gate_label(row) -> str:
    phases = dict(Project.Phase.choices)
    return f"{phases.get(row.from_phase, row.from_phase)} → {phases.get(row.to_phase, row.to_phase)}"


@dataclass
class PlanNode:
    """A pillar or measure of a plan with what serves it that the caller may see, and the measures under it."""

    item: PlanItem
    indicators: list[Indicator]
    projects: list[Project]
    children: list["PlanNode"]


@dataclass
class PlanTree:
    plan: Plan
    items: list[PlanNode]


def plan_tree(*, user) -> list[PlanTree]:
    """Every plan with its pillars and their measures, each with the indicators and projects the user may see
    (four queries, whatever the size)."""
    items = PlanItem.objects.order_by("order", "pk").prefetch_related(
        models.Prefetch("indicators", queryset=Indicator.objects.visible_to(user).order_by("sort_order", "code")),
        models.Prefetch("projects", queryset=Project.objects.visible_to(user).order_by("code")),
    )
    nodes = {item.pk: PlanNode(item, list(item.indicators.all()), list(item.projects.all()), []) for item in items}
    trees = {plan.pk: PlanTree(plan, []) for plan in Plan.objects.order_by("order", "code")}
    for node in nodes.values():
        parent = node.item.parent_id
        (nodes[parent].children if parent else trees[node.item.plan_id].items).append(node)
    return list(trees.values())
