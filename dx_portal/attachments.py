"""Attached documents (添付資料) on any record of any app: checked by their content, stored through Django's storage
API (local files by default, any S3-compatible store by setting), served only to people who may see the record.

dx_portal imports no app: an app registers each model that takes attachments with two functions from its own
selectors and permissions: who may see such records (a queryset of those visible to a person) and who may attach
to one. A record a person may not see has no attachment for them either (404, as the record itself).
Attachments are never deleted by an edit of their record; each carries its own disclosure classification.
"""

import hashlib
import os
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .disclosure import Classified
from .errors import NOT_ALLOWED
from .versioning import save_audited

# What may be attached: PDF, Office documents, images and CSV, each recognised by its first bytes as well as its
# name, so a renamed executable or HTML page is refused whatever it is called.
OOXML = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
LEGACY_OFFICE = {".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}
SIGNATURES = [
    ({".pdf"}, b"%PDF-", {".pdf": "application/pdf"}),
    ({".png"}, b"\x89PNG\r\n\x1a\n", {".png": "image/png"}),
    ({".jpg", ".jpeg"}, b"\xff\xd8\xff", {".jpg": "image/jpeg", ".jpeg": "image/jpeg"}),
    ({".gif"}, b"GIF8", {".gif": "image/gif"}),
    (set(OOXML), b"PK\x03\x04", OOXML),
    (set(LEGACY_OFFICE), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", LEGACY_OFFICE),
]


def _upload_to(instance, filename: str) -> str:
    # A random name: the stored path tells nothing of the document, and two uploads of one name never collide.
    return f"attachments/{timezone.now():%Y/%m}/{os.urandom(16).hex()}{os.path.splitext(filename)[1].lower()}"


class Attachment(Classified):
    """A document attached to a record (meeting, agenda item, decision, status report, finding, inquiry...)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("記録の種類"))
    object_id = models.PositiveBigIntegerField(_("記録"))
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("ファイル"), upload_to=_upload_to, max_length=200)
    name = models.CharField(_("ファイル名"), max_length=200)
    media_type = models.CharField(_("形式"), max_length=120)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("添付資料")
        verbose_name_plural = _("添付資料")
        ordering = ["uploaded_at", "pk"]
        # A record's page lists its attachments: by its type and id.
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record_idx")]

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Owner:
    """How an app's model lets people see and attach: ``visible(user)`` is the app's own selector of the records
    the person may see; ``may_attach(user, record)`` its own permission."""

    visible: Callable[..., QuerySet]
    may_attach: Callable[..., bool]


REGISTRY: dict[type[models.Model], Owner] = {}


def register(model: type[models.Model], *, visible: Callable[..., QuerySet], may_attach: Callable[..., bool]) -> None:
    """Let ``model``'s records take attachments (called from the owning app's AppConfig.ready)."""
    REGISTRY[model] = Owner(visible, may_attach)


def owner_of(model: type[models.Model]) -> Owner:
    return REGISTRY[model]


def may_see_record(user, record) -> bool:
    """Whether ``user`` may see ``record`` by its app's own selector (an unregistered model: nobody)."""
    owner = REGISTRY.get(type(record))
    return owner is not None and owner.visible(user).filter(pk=record.pk).exists()


def attachments_of(record) -> QuerySet[Attachment]:
    """A record's attachments, oldest first, with who uploaded them (the record's page lists them)."""
    # By the type's natural key (a join), not get_for_model: one query whether or not the type is cached yet.
    meta = record._meta
    return Attachment.objects.filter(
        content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=record.pk
    ).select_related("uploaded_by")


def attachments_of_records(records: Sequence) -> QuerySet[Attachment]:
    """The attachments of all ``records`` (of any registered models) in one query, oldest first."""
    ids = defaultdict(list)
    for record in records:
        ids[record._meta].append(record.pk)
    # One condition per model, not per record: a page of 500 findings stays one short IN list.
    condition = Q(pk__in=[])
    for meta, pks in ids.items():
        condition |= Q(content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id__in=pks)
    return Attachment.objects.filter(condition).select_related("content_type")


def list_attachments(records: Sequence) -> None:
    """Give each of ``records`` (records the reader may see, by its app's own selector) its attachments as
    ``listed_attachments``, in one query for them all: what the API lists with a record."""
    found = defaultdict(list)
    for attachment in attachments_of_records(records):
        found[(attachment.content_type.model_class(), attachment.object_id)].append(attachment)
    for record in records:
        record.listed_attachments = found[(type(record), record.pk)]


def attachment_visible(user, pk: int) -> Attachment | None:
    """The attachment if ``user`` may see its record; None otherwise, as if it did not exist."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if attachment is None:
        return None
    model = attachment.content_type.model_class()
    owner = REGISTRY.get(model)
    if owner is None or not owner.visible(user).filter(pk=attachment.object_id).exists():
        return None
    return attachment


def detect_media_type(name: str, head: bytes) -> str:
    """The document's media type by its extension and its first bytes; ValidationError when they disagree or the
    type is not one we take."""
    extension = os.path.splitext(name)[1].lower()
    for extensions, magic, types in SIGNATURES:
        if extension in extensions:
            if not head.startswith(magic):
                break
            return types[extension]
    else:
        if extension == ".csv" and b"\x00" not in head:
            for encoding in ("utf-8-sig", "cp932"):
                try:
                    head.decode(encoding)
                except UnicodeDecodeError as exc:
                    if exc.start < len(head) - 4:  # a character cut at the end of the sample is fine
                        continue
                return "text/csv"
        raise ValidationError(
            {"file": _("添付できるのは PDF、Office 文書（Word・Excel・PowerPoint）、画像（PNG・JPEG・GIF）、CSV です。")}
        )
    raise _mismatch(extension)


def _mismatch(extension: str) -> ValidationError:
    return ValidationError({"file": _("ファイルの内容が拡張子（%(ext)s）と一致しません。") % {"ext": extension}})


def _is_office_package(upload) -> bool:
    """An Office Open XML document is a zip with its [Content_Types].xml: any other zip (an archive, a .jar) is not."""
    try:
        with zipfile.ZipFile(upload) as package:
            return "[Content_Types].xml" in package.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


@transaction.atomic
def attachments_move(*, records: Sequence, to, actor) -> None:
    """Re-file the attachments of records about to be deleted on ``to`` (their parent), audited: a record edit that
    drops a part (an agenda item) never loses the documents filed on it."""
    target = ContentType.objects.get_for_model(to)
    for attachment in attachments_of_records(records).select_for_update(of=("self",)):
        attachment.content_type, attachment.object_id = target, to.pk
        save_audited(attachment, actor)


@transaction.atomic
def attachment_add(
    *, record, actor, upload, disclosure: str = "withheld", withholding_ground: str = "", embargo_until=None
) -> Attachment:
    """Attach ``upload`` (an UploadedFile) to ``record`` as ``actor``, checked by size and by content."""
    if not may_see_record(actor, record):
        raise PermissionDenied(NOT_ALLOWED)
    if not REGISTRY[type(record)].may_attach(actor, record):
        raise PermissionDenied(NOT_ALLOWED)
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {"file": _("ファイルが大きすぎます（%(mb)sMBまで）。") % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}}
        )
    upload.seek(0)
    media_type = detect_media_type(upload.name, upload.read(2048))
    upload.seek(0)
    if media_type in OOXML.values() and not _is_office_package(upload):
        raise _mismatch(os.path.splitext(upload.name)[1].lower())
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, file=upload,
        name=os.path.basename(upload.name)[:200], media_type=media_type, size=upload.size, sha256=digest.hexdigest(),
        uploaded_by=actor, disclosure=disclosure, withholding_ground=withholding_ground, embargo_until=embargo_until,
    )
    save_audited(attachment, actor)
    return attachment
