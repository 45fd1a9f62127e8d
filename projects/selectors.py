"""Reads that span relations; each owns its joins so that a page or endpoint runs a fixed number of queries."""

from dataclasses import dataclass

from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from dx_portal.formatting import wareki
from dx_portal.history import HistoryEntry, Source, history
from kpis.models import Indicator, Plan, PlanItem
from organisation.models import DivisionMembership
from organisation.roles import roles_of

from .models import Finding, GateReview, Milestone, Project, ProjectIssue, StatusReport

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
    """The change history of the project and of its reports, issues, findings and milestones, newest first."""
    return history(
        Source(Project.history.filter(id=project.pk), label=lambda row: f"{row.code} {row.name}"),
        Source(StatusReport.history.filter(project_id=project.pk), label=lambda row: wareki(row.as_of), exclude=_PARENT),
        Source(ProjectIssue.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Finding.history.filter(project_id=project.pk), label=lambda row: row.title, exclude=_PARENT),
        Source(Milestone.history.filter(project_id=project.pk), label=lambda row: row.name, exclude=_PARENT),
        Source(GateReview.history.filter(project_id=project.pk), label=_gate_label, exclude=_PARENT),
    )


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
