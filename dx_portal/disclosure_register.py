"""The export for a disclosure request (情報公開請求): a record and its related records and documents, one line each,
with its classification, withholding ground and embargo date, and for a document its file name, type, size and
SHA-256. Each app lists its records (``Entry``); this writes them through the one export writer."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .attachments import Attachment
from .disclosure import Disclosure, WithholdingGround
from .exports import Table


@dataclass(frozen=True)
class Entry:
    """One line: what kind of record, which, and how it is classified."""

    kind: str
    title: str
    disclosure: str
    withholding_ground: str
    embargo_until: object  # a date or None
    attachment: Attachment | None = None


def record_entry(kind: str, record, title: str | None = None) -> Entry:
    """A classified record (or an attachment, with its file's facts)."""
    attachment = record if isinstance(record, Attachment) else None
    return Entry(kind, title or str(record), record.disclosure, record.withholding_ground, record.embargo_until,
                 attachment)


def minutes_entry(meeting) -> Entry:
    """A meeting's minutes, classified apart from the meeting (ClassifiedMinutes)."""
    return Entry(_("議事録"), str(meeting), meeting.minutes_disclosure, meeting.minutes_withholding_ground,
                 meeting.minutes_embargo_until)


def disclosure_table(entries: Iterable[Entry]) -> Table:
    disclosures = dict(Disclosure.choices)
    grounds = dict(WithholdingGround.choices)
    return Table(
        title=_("公開区分"),
        header=[_("種類"), _("記録"), _("公開区分"), _("非公開の理由"), _("公開日"), _("ファイル名"), _("形式"),
                _("サイズ（バイト）"), _("SHA-256")],
        rows=(
            [
                entry.kind, entry.title, str(disclosures.get(entry.disclosure, entry.disclosure)),
                str(grounds.get(entry.withholding_ground, "")), entry.embargo_until,
                *((entry.attachment.name, entry.attachment.media_type, entry.attachment.size, entry.attachment.sha256)
                  if entry.attachment else (None, None, None, None)),
            ]
            for entry in entries
        ),
        widths=(16, 40, 10, 24, 14, 30, 24, 12, 66),
    )
