"""What a disclosure request (情報公開請求) for a meeting or a decision covers: the record, its minutes, agenda items
and decisions, and every document attached to any of them, each with its classification (dx_portal's register
writes them)."""

from django.utils.translation import gettext as _

from dx_portal.attachments import attachments_of_records
from dx_portal.disclosure_register import Entry, minutes_entry, record_entry

from .models import CommitteeMeeting, CouncilMeeting, Decision


def _with_attachments(entries: list[Entry], records: list) -> list[Entry]:
    """``entries`` followed by the attachments of ``records``, each titled by the record it is attached to."""
    titles = {(type(record), record.pk): f"{record._meta.verbose_name}: {record}" for record in records}
    for attachment in attachments_of_records(records):
        owner = titles[(attachment.content_type.model_class(), attachment.object_id)]
        entries.append(record_entry(_("添付資料"), attachment, owner))
    return entries


def committee_meeting_entries(meeting: CommitteeMeeting) -> list[Entry]:
    agenda_items = list(meeting.agenda_items.order_by("order"))
    decisions = list(meeting.decisions.order_by("sequence"))
    entries = [record_entry(_("会議"), meeting)]
    if meeting.minutes:
        entries.append(minutes_entry(meeting))
    entries += [record_entry(_("議題"), item) for item in agenda_items]
    entries += [record_entry(_("合意事項"), decision) for decision in decisions]
    return _with_attachments(entries, [meeting, *agenda_items, *decisions])


def council_meeting_entries(meeting: CouncilMeeting) -> list[Entry]:
    entries = [record_entry(_("会議"), meeting, f"{meeting} {meeting.title}")]
    if meeting.minutes:
        entries.append(minutes_entry(meeting))
    return _with_attachments(entries, [meeting])


def decision_entries(decision: Decision) -> list[Entry]:
    return _with_attachments([record_entry(_("合意事項"), decision)], [decision])
