"""Reads of governance records that span relations; each owns its select_related / prefetch_related."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal.disclosure import disclosed_q
from dx_portal.exports import Table
from organisation.models import BureauMembership
from organisation.roles import GROUP_CIO, roles_of
from projects.models import Project

from .models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    ForwardedItem,
    MunicipalDxStatus,
    Municipality,
)

_BY_NAME = ("last_name", "first_name", "username")


def committee_members() -> QuerySet:
    """Who sits on the steering committee: the CIO/CDO and the bureau directors."""
    User = get_user_model()
    directors = BureauMembership.objects.in_effect(timezone.localdate()).values("user")
    ids = User.objects.filter(Q(groups__name=GROUP_CIO) | Q(pk__in=directors)).values("pk")
    return User.objects.filter(is_active=True, pk__in=ids).order_by(*_BY_NAME)


# --- steering committee ------------------------------------------------------------------------------


def committee_meeting_list(*, user) -> QuerySet[CommitteeMeeting]:
    return (
        CommitteeMeeting.objects.visible_to(user)
        .annotate(decision_count=Count("decisions", distinct=True), agenda_count=Count("agenda_items", distinct=True))
        .order_by("-held_on", "-number")
    )


def _action_items_with_owner() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related("owner_division__bureau").order_by("due_on", "pk")


def _with_relations(decisions: QuerySet[Decision], *, user) -> QuerySet[Decision]:
    """Decisions with what their pages show; of their related projects only those the user may see (a decision is
    everyone's to read, another division's project is not)."""
    return decisions.select_related("meeting", "supersedes").prefetch_related(
        "bureaus", "agreed_by", "superseded_by",
        Prefetch("related_projects", queryset=Project.objects.visible_to(user).order_by("code")),
    )


def committee_meetings_with_agenda(*, user, decisions: QuerySet[Decision] | None = None) -> QuerySet[CommitteeMeeting]:
    """Meetings with their agenda, attendees and decisions (the API lists them)."""
    return CommitteeMeeting.objects.visible_to(user).prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("presenter", "proposal__issue", "proposal__finding", "proposal__project"),
        ),
        Prefetch("attendees", queryset=get_user_model().objects.order_by(*_BY_NAME)),
        Prefetch("decisions", queryset=(decisions if decisions is not None else Decision.objects).order_by("sequence")),
    )


def committee_meetings_with_records(*, user) -> QuerySet[CommitteeMeeting]:
    """Meetings with everything the meeting page shows: also each decision's relations and action items."""
    return committee_meetings_with_agenda(user=user, decisions=_with_relations(Decision.objects, user=user)).prefetch_related(
        Prefetch("decisions__action_items", queryset=_action_items_with_owner()),
        Prefetch("agenda_items__forwarded_items", queryset=ForwardedItem.objects.select_related("to_meeting")),
    )


def _proposals() -> QuerySet[AgendaProposal]:
    return AgendaProposal.objects.select_related("issue", "finding", "project__division", "proposed_by")


def agenda_backlog(*, user) -> QuerySet[AgendaProposal]:
    """Proposals waiting for a meeting, oldest first: the backlog a meeting's agenda draws from (its recorders'
    view; they see every project)."""
    return _proposals().visible_to(user).filter(state=AgendaProposal.State.PROPOSED).order_by("proposed_at", "pk")


def agenda_proposal_list(*, user) -> QuerySet[AgendaProposal]:
    """Every proposal the user may see (proposed or scheduled), newest first, with its source, project and meeting."""
    return _proposals().visible_to(user).select_related("meeting")


def proposals_for_project(*, user, project) -> dict[tuple[str, int], AgendaProposal]:
    """The latest proposal of each of a project's issues and findings, with its meeting and the decisions taken on
    its agenda item, keyed by ("issue" or "finding", id): what the project page shows beside them (two queries)."""
    proposals = (
        _proposals().visible_to(user).filter(project=project)
        .select_related("meeting", "agenda_item")
        .prefetch_related(Prefetch("agenda_item__decisions", queryset=Decision.objects.order_by("sequence")))
        .order_by("proposed_at", "pk")
    )
    return {("issue", p.issue_id) if p.issue_id else ("finding", p.finding_id): p for p in proposals}


def decision_list(*, user) -> QuerySet[Decision]:
    return _with_relations(Decision.objects.visible_to(user), user=user)


def decision_chain(decision: Decision) -> list[Decision]:
    """The line of decisions this one belongs to, oldest first: what it replaced and what replaced it."""
    chain = [decision]
    seen = {decision.pk}
    earlier = decision.supersedes
    while earlier is not None and earlier.pk not in seen:
        chain.insert(0, earlier)
        seen.add(earlier.pk)
        earlier = Decision.objects.select_related("meeting", "supersedes").get(pk=earlier.pk).supersedes
    later = list(decision.superseded_by.select_related("meeting"))
    while later:
        step = later[0]
        if step.pk in seen:
            break
        chain.append(step)
        seen.add(step.pk)
        later = list(step.superseded_by.select_related("meeting"))
    return chain


def decisions_for_project(*, user, project) -> QuerySet[Decision]:
    """The decisions that concern a project, newest meeting first (one query)."""
    return (
        Decision.objects.visible_to(user)
        .filter(related_projects=project)
        .select_related("meeting")
        .order_by("-meeting__held_on", "sequence")
    )


def action_item_list(*, user, today: datetime.date) -> QuerySet[ActionItem]:
    """Every action item, overdue ones first, then by due date."""
    return (
        ActionItem.objects.visible_to(user)
        .select_related("owner_division__bureau", "decision__meeting")
        .annotate(
            overdue=Case(
                When(Q(due_on__lt=today) & ~Q(status=ActionItem.Status.DONE), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-overdue", Case(When(status=ActionItem.Status.DONE, then=Value(1)), default=Value(0)), "due_on", "pk")
    )


def action_items_past_due(*, today: datetime.date) -> QuerySet[ActionItem]:
    """Action items past their due date and not done: the reminder digest lists these."""
    return (
        ActionItem.objects.filter(due_on__lt=today)
        .exclude(status=ActionItem.Status.DONE)
        .select_related("owner_division__bureau", "decision__meeting")
        .order_by("due_on", "pk")
    )


def action_items_open_for(*, division_ids) -> QuerySet[ActionItem]:
    """The action items the given divisions still owe (not done), the earliest due first ("my work")."""
    return (
        ActionItem.objects.filter(owner_division__in=division_ids)
        .exclude(status=ActionItem.Status.DONE)
        .select_related("owner_division", "decision__meeting")
        .order_by("due_on", "pk")
    )


# --- council and municipal DX status -----------------------------------------------------------------


def council_meeting_list(*, user) -> QuerySet[CouncilMeeting]:
    return CouncilMeeting.objects.visible_to(user).annotate(attendee_count=Count("attendees")).order_by("-held_on", "-pk")


def council_meetings_with_attendees(*, user) -> QuerySet[CouncilMeeting]:
    return CouncilMeeting.objects.visible_to(user).prefetch_related(
        Prefetch("attendees", queryset=Municipality.objects.order_by("code"))
    )


def municipalities_with_dx_status(*, user) -> QuerySet[Municipality]:
    """The 33 municipalities, each with its DX status cells (prefetched as ``dx_statuses``)."""
    return (
        Municipality.objects.visible_to(user)
        .municipal()
        .prefetch_related(Prefetch("dx_statuses", queryset=MunicipalDxStatus.objects.order_by("focus_area")))
    )


@dataclass(frozen=True)
class MatrixCell:
    area: str
    area_label: str
    status: MunicipalDxStatus | None


@dataclass(frozen=True)
class MatrixRow:
    municipality: Municipality
    cells: list[MatrixCell]


@dataclass(frozen=True)
class DxMatrix:
    """The municipalities x focus areas matrix, with the number of cells in each status."""

    areas: list[tuple[str, str]]
    rows: list[MatrixRow]
    counts: list[tuple[str, str, int]]
    unset: int


def dx_matrix(municipalities: QuerySet[Municipality]) -> DxMatrix:
    """Lay out ``municipalities`` (from municipalities_with_dx_status, filtered) as the matrix."""
    areas = list(MunicipalDxStatus.FocusArea.choices)
    rows, tally, unset = [], Counter(), 0
    for municipality in municipalities:
        by_area = {cell.focus_area: cell for cell in municipality.dx_statuses.all()}
        cells = [MatrixCell(area, label, by_area.get(area)) for area, label in areas]
        tally.update(cell.status.status for cell in cells if cell.status is not None)
        unset += sum(cell.status is None for cell in cells)
        rows.append(MatrixRow(municipality, cells))
    counts = [(value, label, tally[value]) for value, label in MunicipalDxStatus.Status.choices]
    return DxMatrix(areas=areas, rows=rows, counts=counts, unset=unset)


def dx_matrix_table(matrix: DxMatrix) -> Table:
    """The matrix as one row per municipality for the CSV and Excel exports (dates left as dates)."""
    headers = [_("団体コード"), _("団体名"), _("区分")]
    for _value, label in matrix.areas:
        headers += [f"{label} {_('対応状況')}", f"{label} {_('基準日')}", f"{label} {_('備考')}"]
    rows = []
    for row in matrix.rows:
        values = [row.municipality.code, row.municipality.name, row.municipality.get_kind_display()]
        for cell in row.cells:
            status = cell.status
            values += [status.get_status_display(), status.as_of, status.note] if status else [_("未登録"), None, ""]
        rows.append(values)
    # The code, name and kind stay in sight while scrolling through the focus areas.
    return Table(title=_("自治体DXの対応状況"), header=headers, rows=rows, freeze_panes="D2")


# --- the public feed (情報公開) -------------------------------------------------------------------------


def public_decisions(*, today: datetime.date) -> QuerySet[Decision]:
    """Decisions disclosed (公開) and past any embargo, with their meeting, newest meeting first; for anyone."""
    return (
        Decision.objects.filter(disclosed_q(today)).select_related("meeting").order_by("-meeting__held_on", "sequence")
    )


def public_committee_minutes(*, today: datetime.date) -> QuerySet[CommitteeMeeting]:
    """Committee meetings whose minutes are disclosed and past any embargo."""
    return CommitteeMeeting.objects.filter(disclosed_q(today, "minutes_")).exclude(minutes="").order_by("-held_on")


def public_council_minutes(*, today: datetime.date) -> QuerySet[CouncilMeeting]:
    """Council meetings whose minutes (議事概要) are disclosed and past any embargo."""
    return CouncilMeeting.objects.filter(disclosed_q(today, "minutes_")).exclude(minutes="").order_by("-held_on", "kind")


@dataclass(frozen=True)
class GovernanceOverview:
    """The /governance/ landing page: the next meetings of both bodies, the action items by state, the latest
    decisions."""

    committee_meetings: list[CommitteeMeeting]
    council_meetings: list[CouncilMeeting]
    action_items: dict[str, int]
    decisions: list[Decision]


def governance_overview(*, user, today: datetime.date, upcoming: int = 3, latest: int = 5) -> GovernanceOverview:
    """Four queries: the upcoming meetings of each body (from today), the action items counted by state (open,
    in progress, past due, and the user's divisions' not done), and the latest decisions."""
    not_done = ~Q(status=ActionItem.Status.DONE)
    counts = ActionItem.objects.visible_to(user).aggregate(
        open=Count("pk", filter=Q(status=ActionItem.Status.OPEN)),
        in_progress=Count("pk", filter=Q(status=ActionItem.Status.IN_PROGRESS)),
        overdue=Count("pk", filter=not_done & Q(due_on__lt=today)),
        mine=Count("pk", filter=not_done & Q(owner_division__in=roles_of(user).division_ids)),
    )
    return GovernanceOverview(
        committee_meetings=list(
            CommitteeMeeting.objects.visible_to(user).filter(held_on__gte=today).order_by("held_on", "number")[:upcoming]
        ),
        council_meetings=list(
            CouncilMeeting.objects.visible_to(user).filter(held_on__gte=today).order_by("held_on", "pk")[:upcoming]
        ),
        action_items=counts,
        decisions=list(
            Decision.objects.visible_to(user).select_related("meeting").order_by("-meeting__held_on", "-sequence")[:latest]
        ),
    )
