"""Inquiries take attachments (the text sent, reference material): read by everyone who reads the inquiry, attached
by the council's secretariat."""

from dx_portal.attachments import register
from organisation.permissions import may_record_council

from .models import Inquiry


def register_attachments() -> None:
    register(Inquiry, visible=Inquiry.objects.visible_to, may_attach=lambda user, _record: may_record_council(user))
