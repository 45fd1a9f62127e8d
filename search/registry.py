"""The kinds of record the portal-wide search finds: one entry per kind, so adding a kind is adding an entry.

Each kind's rows come from its app's own visibility (``visible_to(user)`` or the app's selector): search never
decides who may see what. ``fields`` are searched (each has a trigram index on PostgreSQL, see
migrations/0001_trigram_indexes.py, which reads this list); a hit in ``title_fields`` ranks first.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import DateField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dx_portal.formatting import local_name, wareki
from governance.models import ActionItem, CommitteeMeeting, CouncilMeeting, Decision, Municipality
from inquiries.models import Inquiry
from kpis.models import Indicator
from projects.models import Finding, Project, ProjectIssue, StatusReport


@dataclass(frozen=True)
class Kind:
    """One kind of searchable record."""

    key: str
    label: str
    scope: str  # the token scope that reads it through the API
    rows: Callable[..., QuerySet]  # rows(user): what the user may see
    fields: tuple[str, ...]
    title_fields: tuple[str, ...]
    title: Callable[[object], str]
    context: Callable[[object], str]  # what the record belongs to, shown under its title
    url: Callable[[object], str]
    api_url: Callable[[object], str]
    when: str | None = None  # the date the results are ordered by, newest first
    related: tuple[str, ...] = ()  # select_related for the page's rows

    def dated(self):
        """The ``when`` column as a date (NULL when the kind has none)."""
        return Cast(F(self.when), DateField()) if self.when else Value(None, output_field=DateField())


def _visible_projects(user) -> QuerySet:
    return Project.objects.visible_to(user)


def _project_context(record) -> str:
    return f"{record.project.code} {local_name(record.project)}"


def _project_url(anchor: str = "") -> Callable:
    return lambda record: reverse("projects:project-detail", args=[record.project.code]) + anchor


def _municipality_url(municipality) -> str:
    """Its row of the DX matrix; the prefecture, which has none, on the member list."""
    if municipality.kind == Municipality.Kind.PREFECTURE:
        return reverse("governance:municipality-list")
    return reverse("governance:dx-matrix") + f"#m-{municipality.code}"


KINDS: tuple[Kind, ...] = (
    Kind(
        key="project", label=_("案件"), scope="projects:read",
        rows=_visible_projects,
        fields=("code", "name", "name_en", "description"), title_fields=("code", "name", "name_en"),
        title=lambda p: f"{p.code} {local_name(p)}",
        context=lambda p: local_name(p.division),
        url=lambda p: reverse("projects:project-detail", args=[p.code]),
        api_url=lambda p: reverse("projects-api-detail", args=[p.code]),
        when="updated_at", related=("division",),
    ),
    Kind(
        key="status_report", label=_("進捗報告"), scope="projects:read",
        rows=lambda user: StatusReport.objects.filter(project__in=_visible_projects(user)),
        fields=("summary", "next_steps", "pmo_comment", "approval_comment"), title_fields=("summary",),
        title=lambda r: _("%(day)sの進捗報告") % {"day": wareki(r.as_of)},
        context=_project_context, url=_project_url("#reports"),
        api_url=lambda r: reverse("projects-api-status-report", args=[r.project.code, r.pk]),
        when="as_of", related=("project",),
    ),
    Kind(
        key="issue", label=_("課題・リスク"), scope="projects:read",
        rows=lambda user: ProjectIssue.objects.filter(project__in=_visible_projects(user)),
        fields=("title", "description", "owner"), title_fields=("title",),
        title=lambda i: i.title, context=_project_context, url=_project_url("#issues"),
        api_url=lambda i: reverse("projects-api-issue", args=[i.project.code, i.pk]),
        when="raised_on", related=("project",),
    ),
    Kind(
        key="finding", label=_("助言・指摘"), scope="projects:read",
        rows=lambda user: Finding.objects.filter(project__in=_visible_projects(user)),
        fields=("title", "body", "response"), title_fields=("title",),
        title=lambda f: f.title, context=_project_context, url=_project_url("#findings"),
        api_url=lambda f: reverse("projects-api-finding", args=[f.project.code, f.pk]),
        when="written_at", related=("project",),
    ),
    Kind(
        key="decision", label=_("合意事項"), scope="governance:read",
        rows=Decision.objects.visible_to,
        fields=("reference", "title", "context", "options", "decision_text", "rationale", "consequences"),
        title_fields=("reference", "title"),
        title=lambda d: f"{d.reference} {d.title}", context=lambda d: str(d.meeting),
        url=lambda d: reverse("governance:decision-detail", args=[d.reference]),
        api_url=lambda d: reverse("decision-detail", args=[d.reference]),
        when="meeting__held_on", related=("meeting",),
    ),
    Kind(
        key="committee_meeting", label=_("ステアリング・コミッティ"), scope="governance:read",
        rows=CommitteeMeeting.objects.visible_to,
        fields=("title", "minutes"), title_fields=("title",),
        title=str, context=lambda m: wareki(m.held_on),
        url=lambda m: reverse("governance:committee-meeting-detail", args=[m.number]),
        api_url=lambda m: reverse("committee-meeting-detail", args=[m.number]),
        when="held_on",
    ),
    Kind(
        key="council_meeting", label=_("県市町村デジタル推進会議"), scope="governance:read",
        rows=CouncilMeeting.objects.visible_to,
        fields=("title", "agenda", "minutes", "follow_ups"), title_fields=("title",),
        title=lambda m: m.title, context=lambda m: f"{m} {wareki(m.held_on)}",
        url=lambda m: reverse("governance:council-meeting-detail", args=[m.pk]),
        api_url=lambda m: reverse("council-meeting-detail", args=[m.pk]),
        when="held_on",
    ),
    Kind(
        key="action_item", label=_("対応事項"), scope="governance:read",
        rows=ActionItem.objects.visible_to,
        fields=("title", "detail", "completion_note"), title_fields=("title",),
        title=lambda a: a.title, context=lambda a: str(a.decision),
        url=lambda a: reverse("governance:action-item-detail", args=[a.pk]),
        api_url=lambda a: reverse("action-item-detail", args=[a.pk]),
        when="due_on", related=("decision",),
    ),
    Kind(
        key="inquiry", label=_("照会"), scope="governance:read",
        rows=Inquiry.objects.visible_to,
        fields=("title", "body"), title_fields=("title",),
        title=lambda i: i.title, context=lambda i: _("回答期限 %(day)s") % {"day": wareki(i.deadline)},
        url=lambda i: reverse("inquiries:inquiry-detail", args=[i.pk]),
        api_url=lambda i: reverse("inquiry-detail", args=[i.pk]),
        when="sent_on",
    ),
    Kind(
        key="indicator", label=_("指標"), scope="kpi:read",
        rows=Indicator.objects.visible_to,
        fields=("code", "name_ja", "name_en", "description", "source"), title_fields=("code", "name_ja", "name_en"),
        title=local_name, context=lambda i: i.code,
        url=lambda i: reverse("kpis:indicator-detail", args=[i.code]),
        api_url=lambda i: reverse("kpis_api:indicator-detail", args=[i.code]),
        when="updated_at",
    ),
    Kind(
        key="municipality", label=_("構成団体"), scope="governance:read",
        rows=Municipality.objects.visible_to,
        fields=("code", "name", "kana"), title_fields=("code", "name", "kana"),
        title=lambda m: m.name, context=lambda m: f"{m.code} {m.get_kind_display()}",
        url=_municipality_url,
        api_url=lambda m: reverse("municipality-detail", args=[m.code]),
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
