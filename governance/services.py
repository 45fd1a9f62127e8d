"""Writes to the records of the bodies that decide and coordinate.

The form views, the API and the admin actions call these. Edits carry the version they started from
and are refused with StaleVersionError when someone saved in between.
"""

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dx_portal import pdf
from dx_portal.attachments import attachments_move
from dx_portal.disclosure import ClassificationInput
from dx_portal.errors import (
    ACTION_ITEM_OWNERS_ONLY,
    AS_OF_IN_FUTURE,
    COUNCIL_SECRETARIAT_ONLY,
    GOVERNANCE_RECORDERS_ONLY,
    PACK_ISSUERS_ONLY,
    StaleVersionError,
)
from dx_portal.versioning import lock_at_version, save_audited
from organisation.models import Bureau, Division, Notification
from organisation.notifications import notify
from organisation.permissions import (
    may_change_division_record,
    may_issue_packs,
    may_record_council,
    may_record_governance,
)
from organisation.selectors import division_members

from . import packs
from .models import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    AgendaProposal,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    IssuedPack,
    MunicipalDxStatus,
    Municipality,
)
from .selectors import committee_members

# An agenda has at most this many items (the form's limit); kept items move above it while reordering.
AGENDA_MAX = 100

# --- shared steps ------------------------------------------------------------------------------------


def _ensure_may_record(actor) -> None:
    if not may_record_governance(actor):
        raise PermissionDenied(GOVERNANCE_RECORDERS_ONLY)


def _ensure_council_secretariat(actor) -> None:
    if not may_record_council(actor):
        raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)


def _ensure_committee_members(users: Iterable, field: str) -> None:
    ids = {u.pk for u in users}
    if ids and committee_members().filter(pk__in=ids).count() != len(ids):
        raise ValidationError({field: _("CIO兼CDOまたは局長を選択してください。")})


class AgendaItemInput(TypedDict, total=False):
    title: str
    kind: str
    presenter: Division | None
    pk: NotRequired[int | None]  # the existing item this row edits; a new row has none
    disclosure: str
    withholding_ground: str
    embargo_until: datetime.date | None


def _replace_agenda(meeting: CommitteeMeeting, agenda_items: Sequence[AgendaItemInput], actor=None) -> None:
    """The agenda becomes these rows, in order. A row naming one of the meeting's items keeps that item, so what
    links to it (a proposal sent to the agenda, a decision) stays linked; a proposal whose item is left out goes
    back to the backlog, and the documents attached to it stay on the meeting."""
    existing = {item.pk: item for item in meeting.agenda_items.all()}
    kept = {fields.get("pk") for fields in agenda_items} & existing.keys()
    dropped = [pk for pk in existing if pk not in kept]
    for proposal in AgendaProposal.objects.select_for_update().filter(agenda_item__in=dropped):
        proposal.state, proposal.meeting, proposal.agenda_item = AgendaProposal.State.PROPOSED, None, None
        save_audited(proposal, actor, next_version=True)
    attachments_move(records=[existing[pk] for pk in dropped], to=meeting, actor=actor)
    AgendaItem.objects.filter(pk__in=dropped).delete()
    # Out of the way of the unique (meeting, order) while the kept items take their new places.
    for offset, pk in enumerate(kept, start=AGENDA_MAX + 1):
        AgendaItem.objects.filter(pk=pk).update(order=offset)
    for order, fields in enumerate(agenda_items, start=1):
        item = existing[fields["pk"]] if fields.get("pk") in kept else AgendaItem(meeting=meeting)
        item.order, item.title, item.kind, item.presenter = order, fields["title"], fields["kind"], fields["presenter"]
        item.full_clean(exclude=["meeting"])
        item.save()


# --- steering committee ------------------------------------------------------------------------------


@transaction.atomic
def committee_meeting_record(
    *,
    actor,
    number: int,
    held_on: datetime.date,
    title: str,
    minutes: str = "",
    attendees: Iterable = (),
    agenda_items: Sequence[AgendaItemInput] = (),
    **classification: Unpack[ClassificationInput],
) -> CommitteeMeeting:
    """Record a steering-committee meeting with its attendees and agenda (and how each is disclosed)."""
    _ensure_may_record(actor)
    attendees = list(attendees)
    _ensure_committee_members(attendees, "attendees")
    meeting = CommitteeMeeting(number=number, held_on=held_on, title=title, minutes=minutes, **classification)
    save_audited(meeting, actor)
    meeting.attendees.set(attendees)
    _replace_agenda(meeting, agenda_items)
    return meeting


@transaction.atomic
def committee_meeting_update(
    *,
    meeting: CommitteeMeeting,
    actor,
    expected_version: int,
    number: int,
    held_on: datetime.date,
    title: str,
    minutes: str = "",
    attendees: Iterable = (),
    agenda_items: Sequence[AgendaItemInput] = (),
    **classification: Unpack[ClassificationInput],
) -> CommitteeMeeting:
    """Correct a meeting's record (its agenda is replaced by the one given)."""
    _ensure_may_record(actor)
    attendees = list(attendees)
    _ensure_committee_members(attendees, "attendees")
    current = lock_at_version(CommitteeMeeting, pk=meeting.pk, expected_version=expected_version)
    current.number, current.held_on, current.title, current.minutes = number, held_on, title, minutes
    for name, value in classification.items():
        setattr(current, name, value)
    save_audited(current, actor, next_version=True)
    current.attendees.set(attendees)
    _replace_agenda(current, agenda_items, actor)
    return current


# --- the agenda backlog ------------------------------------------------------------------------------


@transaction.atomic
def agenda_proposal_create(*, actor, reason: str, issue=None, finding=None) -> AgendaProposal:
    """PMO or the CIO sends a project's issue, risk or finding to the committee's agenda backlog, saying why."""
    _ensure_may_record(actor)
    if (issue is None) == (finding is None):
        raise TypeError("propose an issue or a finding")
    if not reason.strip():
        raise ValidationError({"reason": _("提案の理由を入力してください。")})
    source = issue or finding
    already = _("この案件の課題・指摘は既に議題候補に入っています。")
    if AgendaProposal.objects.filter(state=AgendaProposal.State.PROPOSED, issue=issue, finding=finding).exists():
        raise ValidationError(already)
    proposal = AgendaProposal(
        issue=issue, finding=finding, project_id=source.project_id, proposed_by=actor, reason=reason,
        proposed_at=timezone.now(),
    )
    # The partial unique constraints catch a double submit that passed the check above at the same moment.
    save_audited(proposal, actor, duplicate={NON_FIELD_ERRORS: [already]})
    return proposal


@transaction.atomic
def agenda_proposal_schedule(
    *, proposal: AgendaProposal, meeting: CommitteeMeeting, actor, expected_version: int,
    kind: str = AgendaKind.CONSULTATION,
) -> AgendaProposal:
    """Put a proposal from the backlog on a meeting's agenda: a new last agenda item, presented by the project's
    division and linked both ways."""
    _ensure_may_record(actor)
    current = lock_at_version(AgendaProposal, pk=proposal.pk, expected_version=expected_version)
    if current.state != AgendaProposal.State.PROPOSED:
        raise ValidationError(_("この提案は既に会議の議題に追加されています。"))
    # Locking the meeting serialises the agenda's order numbers.
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.held_on < timezone.localdate(current.proposed_at):
        raise ValidationError({"meeting": _("提案より前に開催された会議の議題には追加できません。")})
    project = current.project
    item = AgendaItem(
        meeting=meeting, order=(meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1,
        title=f"{project.code} {current.title}"[:200], kind=kind, presenter_id=project.division_id,
    )
    item.full_clean()
    item.save()
    current.state, current.meeting, current.agenda_item = AgendaProposal.State.SCHEDULED, meeting, item
    save_audited(current, actor, next_version=True)
    return current


class DecisionInput(ClassificationInput, total=False):
    title: str
    kind: str
    status: str
    context: str
    options: str
    decision_text: str
    rationale: str
    consequences: str
    agreed_by: Iterable
    bureaus: Iterable[Bureau]
    related_projects: Iterable
    agenda_item: AgendaItem | None


_DECISION_RELATIONS = ("agreed_by", "bureaus", "related_projects")


def _apply_decision_input(decision: Decision, fields: DecisionInput) -> dict[str, list]:
    """Set the plain fields; return the relations, to set once the row exists."""
    relations = {name: list(fields.get(name, ())) for name in _DECISION_RELATIONS}
    _ensure_committee_members(relations["agreed_by"], "agreed_by")
    for name, value in fields.items():
        if name not in _DECISION_RELATIONS:
            setattr(decision, name, value)
    if decision.agenda_item is not None and decision.agenda_item.meeting_id != decision.meeting_id:
        raise ValidationError({"agenda_item": _("この会議の議題を選択してください。")})
    return relations


def _set_relations(decision: Decision, relations: dict[str, list]) -> None:
    for name, values in relations.items():
        getattr(decision, name).set(values)


@transaction.atomic
def decision_record(
    *, meeting: CommitteeMeeting, actor, supersedes: Decision | None = None, **fields: Unpack[DecisionInput]
) -> Decision:
    """Record a decision of a meeting; its reference is the meeting's number and the next sequence.

    With ``supersedes``, the earlier decision is marked superseded and linked (see decision_supersede).
    """
    _ensure_may_record(actor)
    if fields.get("status") == Decision.Status.SUPERSEDED:
        raise ValidationError({"status": _("「改定済」は後継の決定を記録すると自動で設定されます。")})
    # Locking the meeting serialises sequence numbers when two decisions are recorded at once.
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    sequence = (meeting.decisions.aggregate(m=Max("sequence"))["m"] or 0) + 1
    decision = Decision(meeting=meeting, sequence=sequence, reference=f"{meeting.number}-{sequence}")
    relations = _apply_decision_input(decision, fields)
    if supersedes is not None:
        _mark_superseded(supersedes, by_meeting=meeting, actor=actor)
        decision.supersedes = supersedes
    save_audited(decision, actor)
    _set_relations(decision, relations)
    return decision


def _mark_superseded(old: Decision, *, by_meeting: CommitteeMeeting, actor) -> None:
    old = Decision.objects.select_for_update().select_related("meeting").get(pk=old.pk)
    if old.status == Decision.Status.SUPERSEDED:
        raise ValidationError({"supersedes": _("この決定は既に改定されています。最新の決定を改定してください。")})
    if old.meeting.held_on > by_meeting.held_on:
        raise ValidationError({"supersedes": _("後の会議の決定を、それより前の会議で改定することはできません。")})
    old.status = Decision.Status.SUPERSEDED
    save_audited(old, actor, next_version=True)


def decision_supersede(*, decision: Decision, meeting: CommitteeMeeting, actor, **fields: Unpack[DecisionInput]) -> Decision:
    """A change of mind: record a new decision at ``meeting`` that replaces ``decision`` (never deleted)."""
    return decision_record(meeting=meeting, actor=actor, supersedes=decision, **fields)


@transaction.atomic
def decision_update(*, decision: Decision, actor, expected_version: int, **fields: Unpack[DecisionInput]) -> Decision:
    """Correct a decision's record or move it on (proposed to agreed, deferred...); supersession has its own service."""
    _ensure_may_record(actor)
    current = lock_at_version(Decision, pk=decision.pk, expected_version=expected_version)
    new_status = fields.get("status", current.status)
    if (new_status == Decision.Status.SUPERSEDED) != (current.status == Decision.Status.SUPERSEDED):
        raise ValidationError({"status": _("「改定済」との間では状態を変更できません。後継の決定を記録してください。")})
    relations = _apply_decision_input(current, fields)
    save_audited(current, actor, next_version=True)
    _set_relations(current, relations)
    return current


@transaction.atomic
def action_item_create(
    *, decision: Decision, actor, title: str, owner_division: Division, due_on: datetime.date, detail: str = ""
) -> ActionItem:
    """Give a division an action item arising from a decision."""
    _ensure_may_record(actor)
    item = ActionItem(decision=decision, title=title, detail=detail, owner_division=owner_division, due_on=due_on)
    save_audited(item, actor)
    notify(
        recipients=division_members(owner_division.pk), kind=Notification.Kind.ACTION_ITEM_ASSIGNED, actor=actor,
        params={"title": title, "due_on": due_on.isoformat()},
        url=reverse("governance:action-item-detail", args=[item.pk]),
    )
    return item


@transaction.atomic
def action_item_update(
    *, item: ActionItem, actor, expected_version: int, status: str, completion_note: str = ""
) -> ActionItem:
    """The owning division (or PMO) moves its action item on; marking it done needs a completion note."""
    if not may_change_division_record(actor, division_id=item.owner_division_id):
        raise PermissionDenied(ACTION_ITEM_OWNERS_ONLY)
    current = lock_at_version(ActionItem, pk=item.pk, expected_version=expected_version)
    completion_note = completion_note.strip()
    if status == ActionItem.Status.DONE:
        if not completion_note:
            raise ValidationError({"completion_note": _("完了にするには完了報告を入力してください。")})
        if current.status != ActionItem.Status.DONE:
            current.completed_on = timezone.localdate()
    else:
        current.completed_on = None
    current.status, current.completion_note = status, completion_note
    save_audited(current, actor, next_version=True)
    return current


def action_item_complete(*, item: ActionItem, actor, expected_version: int, completion_note: str) -> ActionItem:
    return action_item_update(
        item=item, actor=actor, expected_version=expected_version, status=ActionItem.Status.DONE,
        completion_note=completion_note,
    )


# --- council -----------------------------------------------------------------------------------------


class CouncilMeetingInput(ClassificationInput, total=False):
    kind: str
    number: int
    held_on: datetime.date
    title: str
    agenda: str
    minutes: str
    follow_ups: str
    attendees: Iterable[Municipality]


def _save_council_meeting(
    meeting: CouncilMeeting, actor, fields: CouncilMeetingInput, *, next_version: bool = False
) -> CouncilMeeting:
    attendees = list(fields.get("attendees", ()))
    for name, value in fields.items():
        if name != "attendees":
            setattr(meeting, name, value)
    save_audited(meeting, actor, next_version=next_version)
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def council_meeting_record(*, actor, **fields: Unpack[CouncilMeetingInput]) -> CouncilMeeting:
    """Record a meeting of the council (plenary) or of its 担当者会議 (working)."""
    _ensure_council_secretariat(actor)
    return _save_council_meeting(CouncilMeeting(), actor, fields)


@transaction.atomic
def council_meeting_update(
    *, meeting: CouncilMeeting, actor, expected_version: int, **fields: Unpack[CouncilMeetingInput]
) -> CouncilMeeting:
    _ensure_council_secretariat(actor)
    current = lock_at_version(CouncilMeeting, pk=meeting.pk, expected_version=expected_version)
    return _save_council_meeting(current, actor, fields, next_version=True)


@transaction.atomic
def municipal_dx_status_set(
    *,
    municipality: Municipality,
    focus_area: str,
    actor,
    expected_version: int | None,
    status: str,
    note: str = "",
    as_of: datetime.date,
) -> MunicipalDxStatus:
    """Set one cell of the matrix; ``expected_version`` is None when the cell had no status yet."""
    _ensure_council_secretariat(actor)
    if municipality.kind == Municipality.Kind.PREFECTURE:
        raise ValidationError({"municipality": _("県自身の対応状況は登録できません。")})
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": AS_OF_IN_FUTURE})
    cells = MunicipalDxStatus.objects.select_for_update().filter(municipality=municipality, focus_area=focus_area)
    existing = cells.first()
    if existing is not None and existing.version != expected_version:
        raise StaleVersionError(existing, expected_version or 0)
    cell = existing or MunicipalDxStatus(municipality=municipality, focus_area=focus_area)
    cell.status, cell.note, cell.as_of = status, note, as_of
    try:
        # A savepoint: when two first entries for one cell race, the loser sees the winner's as a conflict.
        with transaction.atomic():
            save_audited(cell, actor, next_version=existing is not None)
    except IntegrityError:
        raise StaleVersionError(cells.get(), 0) from None
    return cell


@transaction.atomic
def municipality_contact_update(
    *, municipality: Municipality, actor, expected_version: int, contact_email: str
) -> Municipality:
    """Set where a municipality's inquiries and chasers go; the next chaser goes to the new address."""
    _ensure_council_secretariat(actor)
    current = lock_at_version(Municipality, pk=municipality.pk, expected_version=expected_version)
    current.contact_email = contact_email.strip()
    save_audited(current, actor, next_version=True)
    return current


# --- meeting packs -----------------------------------------------------------------------------------


@transaction.atomic
def pack_issue(*, meeting: CommitteeMeeting | CouncilMeeting, actor, today: datetime.date) -> IssuedPack:
    """Issue the meeting's pack as it stands: build it, render the workbook and (where WeasyPrint is
    installed) the PDF, and keep them with the values they were built from as the next version (第N版). Issued
    papers do not change; a later issue is a new version beside it.

    The paper is Japanese whatever language the PMO's screen speaks: it is the committee's official copy.
    """
    if not may_issue_packs(actor):
        raise PermissionDenied(PACK_ISSUERS_ONLY)
    is_committee = isinstance(meeting, CommitteeMeeting)
    # The meeting's row is the lock under which the next version number is taken.
    meeting = type(meeting).objects.select_for_update().get(pk=meeting.pk)
    with translation.override("ja"):
        data = (packs.committee_pack if is_committee else packs.council_pack)(meeting, user=actor, today=today)
        xlsx = packs.render_xlsx(data)
        try:
            pdf_bytes = packs.render_pdf(data, draft=False)
        except pdf.PdfUnavailable:
            pdf_bytes = None
    data_json = packs.pack_json(data)
    latest = meeting.issued_packs.aggregate(latest=Max("sequence"))["latest"] or 0
    pack = IssuedPack(
        committee_meeting=meeting if is_committee else None,
        council_meeting=None if is_committee else meeting,
        sequence=latest + 1,
        data=json.loads(data_json),
        pdf=pdf_bytes,
        xlsx=xlsx,
        pdf_sha256=packs.sha256(pdf_bytes) if pdf_bytes else "",
        xlsx_sha256=packs.sha256(xlsx),
        data_sha256=packs.sha256(data_json),
        issued_by=actor,
        issued_at=timezone.now(),
    )
    save_audited(pack, actor)
    return pack
