"""A small PDF attached through the service, and the API's listing of it: what the attachment tests of every app share."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from dx_portal.attachments import attachment_add

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(record, actor, name="資料.pdf", *, disclosure="partial", withholding_ground="personal"):
    return attachment_add(record=record, actor=actor, upload=SimpleUploadedFile(name, PDF), disclosure=disclosure,
                          withholding_ground=withholding_ground)


def listed(attachment, *, uploaded_at: str) -> dict:
    """The API's entry for an attachment made by ``attach`` with its defaults (the upload time as the answer gave it)."""
    return {
        "id": attachment.pk, "name": attachment.name, "media_type": "application/pdf", "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(), "disclosure": "partial", "withholding_ground": "personal",
        "embargo_until": None, "uploaded_at": uploaded_at, "url": f"http://testserver/attachments/{attachment.pk}/",
    }
