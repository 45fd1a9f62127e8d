"""The admin reads inquiries, answers, chasers, forwarded items and attachments; it writes none of them (the
pages' services do)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from dx_portal.attachments import Attachment
from governance.models import ForwardedItem
from inquiries.models import Chaser
from tests.governance.factories import CouncilMeetingFactory, DecisionFactory
from tests.governance.inquiry_factories import AnswerFactory, InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(settings, tmp_path, petra):
    settings.MEDIA_ROOT = str(tmp_path)
    inquiry = InquiryFactory()
    answer = AnswerFactory(inquiry=inquiry, municipality=inquiry.recipients.get())
    chaser = Chaser.objects.create(
        inquiry=inquiry, municipality=answer.municipality, kind="after", deadline=inquiry.deadline, claimed_at=answer.answered_at
    )
    forwarded = ForwardedItem.objects.create(
        title="課題", from_council_meeting=CouncilMeetingFactory(kind="working"), to_meeting=CouncilMeetingFactory()
    )
    decision = DecisionFactory()
    attachment = Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(decision),
        object_id=decision.pk, file=ContentFile(b"%PDF-1.7", name="a.pdf"), name="a.pdf", media_type="application/pdf",
        size=8, sha256="0" * 64, uploaded_by=petra,
    )
    return {
        "inquiries/inquiry": inquiry.pk, "inquiries/answer": answer.pk, "inquiries/chaser": chaser.pk,
        "governance/forwardeditem": forwarded.pk, "dx_portal/attachment": attachment.pk,
    }


@pytest.mark.parametrize("model", [
    "inquiries/inquiry", "inquiries/answer", "inquiries/chaser", "governance/forwardeditem", "dx_portal/attachment",
])
def test_pmo_reads_them_in_the_admin_and_cannot_add_change_or_delete(client, petra, records, model):
    client.force_login(petra)
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/{records[model]}/change/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 403
    assert client.post(f"/admin/{model}/{records[model]}/delete/", {"post": "yes"}).status_code == 403
