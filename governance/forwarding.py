"""Forwarding (上程): an item of a 担当者会議 goes on to a later 推進会議, a steering-committee agenda item to the
council; both meetings show the link, and the receiving one records what came of it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dx_portal.errors import COUNCIL_SECRETARIAT_ONLY
from dx_portal.versioning import lock_at_version, save_audited
from organisation.permissions import may_record_council

from .models import AgendaItem, CouncilMeeting, ForwardedItem


def _ensure_secretariat(actor) -> None:
    if not may_record_council(actor):
        raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)


@transaction.atomic
def item_forward(
    *, actor, title: str, to_meeting: CouncilMeeting, from_council_meeting: CouncilMeeting | None = None,
    from_agenda_item: AgendaItem | None = None,
) -> ForwardedItem:
    """Send an item on to a later council meeting: from a 担当者会議 only to a 推進会議."""
    _ensure_secretariat(actor)
    held_on = from_council_meeting.held_on if from_council_meeting else from_agenda_item.meeting.held_on
    if from_council_meeting is not None:
        if from_council_meeting.kind != CouncilMeeting.Kind.WORKING:
            raise ValidationError({"to_meeting": _("上程できるのは担当者会議の事項です。")})
        if to_meeting.kind != CouncilMeeting.Kind.PLENARY:
            raise ValidationError({"to_meeting": _("担当者会議の事項は推進会議に上程してください。")})
    if to_meeting.held_on <= held_on:
        raise ValidationError({"to_meeting": _("上程先は上程元より後に開催される会議を選んでください。")})
    item = ForwardedItem(
        title=title, to_meeting=to_meeting, from_council_meeting=from_council_meeting, from_agenda_item=from_agenda_item
    )
    save_audited(item, actor)
    return item


@transaction.atomic
def forwarded_item_conclude(
    *, item: ForwardedItem, actor, expected_version: int, outcome: str, outcome_note: str = ""
) -> ForwardedItem:
    """Record what the receiving meeting did with the item."""
    _ensure_secretariat(actor)
    current = lock_at_version(ForwardedItem, pk=item.pk, expected_version=expected_version)
    current.outcome, current.outcome_note = outcome, outcome_note
    save_audited(current, actor, next_version=True)
    return current


def forwarded_from(meeting: CouncilMeeting) -> QuerySet[ForwardedItem]:
    """What a 担当者会議 sent on, with where it went."""
    return meeting.forwarded_items.select_related("to_meeting").order_by("pk")


def received_by(meeting: CouncilMeeting) -> QuerySet[ForwardedItem]:
    """What came to a meeting from a 担当者会議 or from the steering committee, with where it came from."""
    return meeting.received_items.select_related("from_council_meeting", "from_agenda_item__meeting").order_by("pk")


def later_plenaries(meeting: CouncilMeeting) -> QuerySet[CouncilMeeting]:
    return CouncilMeeting.objects.filter(kind=CouncilMeeting.Kind.PLENARY, held_on__gt=meeting.held_on).order_by("held_on")


def forwarded_items(*, user) -> QuerySet[ForwardedItem]:
    """Every forwarded item the person may see, with both ends (the API lists them)."""
    return ForwardedItem.objects.visible_to(user).select_related(
        "from_council_meeting", "from_agenda_item__meeting", "to_meeting"
    ).order_by("pk")
