"""Reads behind the registers: every row of every project the person may see, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, ExpressionWrapper, F, IntegerField, QuerySet
from django.utils import timezone

from projects.models import Finding, Project, ProjectIssue, Severity, choice_rank

SCALE = range(1, 6)


def _visible(model, user) -> QuerySet:
    # Visibility is the projects': a row of a project the person may not see is never there.
    return model.objects.filter(project__in=Project.objects.visible_to(user))


def risk_register(*, user) -> QuerySet[ProjectIssue]:
    """Issues and risks of every visible project, the most severe and soonest due first."""
    return (
        _visible(ProjectIssue, user)
        .select_related("project__division__bureau")
        .annotate(
            severity_rank=choice_rank("severity", Severity.values),
            score=ExpressionWrapper(F("likelihood") * F("impact"), output_field=IntegerField()),
        )
        .order_by(F("severity_rank").desc(nulls_last=True), F("due_on").asc(nulls_last=True), "pk")
    )


def finding_register(*, user) -> QuerySet[Finding]:
    """Every PMO finding of every visible project, the oldest first."""
    return (
        _visible(Finding, user)
        .select_related("project__division__bureau", "written_by", "answered_by")
        .annotate(severity_rank=choice_rank("severity", Severity.values))
        .order_by("written_at", "pk")
    )


def finding_age(finding: Finding, today: datetime.date) -> int:
    """Days since the finding was written (calendar days, Tokyo time)."""
    return (today - timezone.localtime(finding.written_at).date()).days


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """The band a risk of this cell falls in (colours the cell; the count says it in text)."""
        return "high" if self.score >= 15 else "medium" if self.score >= 6 else "low"


def risk_heat_map(risks: QuerySet[ProjectIssue]) -> list[list[HeatCell]]:
    """Risks counted by likelihood × impact, in one query: rows from impact 5 down to 1, likelihood 1 to 5 across."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.filter(likelihood__isnull=False, impact__isnull=False)
        .order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
    }
    return [
        [HeatCell(likelihood, impact, counts.get((likelihood, impact), 0)) for likelihood in SCALE]
        for impact in reversed(SCALE)
    ]
