"""A record's attachments in the API: their facts and the download URL (/attachments/<id>/, served only to those
who may see the record), never a public file URL."""

from rest_framework import serializers

from ..attachments import Attachment, list_attachments
from ..disclosure import DISCLOSURE_FIELDS


class AttachmentListSerializer(serializers.ListSerializer):
    def get_attribute(self, instance):
        if not hasattr(instance, "listed_attachments"):
            # A record answered alone (just written, or after an action): its own, in one query. A list's records
            # come listed by WithAttachments, one query for the page.
            list_attachments([instance])
        return super().get_attribute(instance)


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="attachment-download")

    class Meta:
        model = Attachment
        fields = ["id", "name", "media_type", "size", "sha256", *DISCLOSURE_FIELDS, "uploaded_at", "url"]
        list_serializer_class = AttachmentListSerializer


def attachments_field():
    """The serializer field of a record's attachments (set by WithAttachments)."""
    return AttachmentSerializer(source="listed_attachments", many=True, read_only=True)


class WithAttachments:
    """A viewset whose records list their attachments: those of the page (or the one record) in one query. The
    records are the ones the viewset's selector lets the caller see, so are their attachments."""

    def get_serializer(self, *args, **kwargs):
        if args:
            list_attachments(list(args[0]) if kwargs.get("many") else [args[0]])
        return super().get_serializer(*args, **kwargs)
