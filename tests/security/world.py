"""The records that the authorization matrices' paths name: one of each kind, owned by Alice's division."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from dx_portal.attachments import Attachment
from dx_portal.models import AuditEvent, SavedView
from dx_portal.tokens import api_token_issue
from governance.models import ForwardedItem, MunicipalDxStatus
from organisation.models import Notification
from projects.models import StatusReport
from tests.governance.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    IssuedPackFactory,
    MunicipalDxStatusFactory,
    MunicipalityFactory,
)
from tests.governance.inquiry_factories import InquiryFactory, QuestionFactory
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.organisation.factories import (
    BureauMembershipFactory,
    DivisionMembershipFactory,
    TransferFactory,
    UserFactory,
)
from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory


def build_world(*, division, alice, fiona) -> dict:
    """Fiona becomes the owning division's REST client, so that her write scopes have something to allow."""
    DivisionMembershipFactory(user=fiona, division=division)
    project = ProjectFactory(code="DX-1", division=division)
    report = StatusReportFactory(project=project, as_of=datetime.date(2022, 9, 30), submitted_by=alice)
    public = IndicatorFactory(code="rpa-tasks", division=division)
    private = IndicatorFactory(code="e-approval-rate", division=division, private=True)
    decision = DecisionFactory(meeting__number=1, sequence=1, reference="1-1")
    council = CouncilMeetingFactory()
    # Version 1 of each meeting's pack, issued (with a PDF) by PMO.
    for meeting in (decision.meeting, council):
        IssuedPackFactory(meeting=meeting)
    yokohama = MunicipalityFactory(code="141003", name="横浜市", kind="designated_city")
    MunicipalDxStatusFactory(municipality=yokohama, focus_area=MunicipalDxStatus.FocusArea.AI_RPA)
    question = QuestionFactory(inquiry=InquiryFactory(recipients=[yokohama]))
    AgendaItemFactory(meeting=decision.meeting, order=1)
    working = CouncilMeetingFactory(kind="working", held_on=datetime.date(2022, 2, 17))
    forwarded = ForwardedItem.objects.create(title="課題の整理", from_council_meeting=working, to_meeting=council)
    decision_type = ContentType.objects.get_for_model(decision)
    attachment = Attachment.objects.create(
        content_type=decision_type, object_id=decision.pk, file=ContentFile(b"%PDF-1.7\n", name="a.pdf"), name="a.pdf",
        media_type="application/pdf", size=9, sha256="0" * 64, uploaded_by=alice,
    )
    return {
        "project": project.code,
        "report": report.pk,
        # A report of a division that requires its manager's approval, awaiting it.
        "pending": StatusReportFactory(
            project=project, as_of=datetime.date(2022, 9, 15), submitted_by=alice, status=StatusReport.Status.AWAITING_APPROVAL
        ).pk,
        "issue": ProjectIssueFactory(project=project).pk,
        "finding": (finding := FindingFactory(project=project)).pk,
        "proposal": AgendaProposalFactory(finding=finding).pk,
        "milestone": MilestoneFactory(project=project).pk,
        "public": public.code,
        "private": private.code,
        "observation": ObservationFactory(indicator=private).pk,
        "meeting": decision.meeting.number,
        "decision": decision.reference,
        "action": ActionItemFactory(decision=decision, owner_division=division).pk,
        "council": council.pk,
        "working": working.pk,
        "forwarded": forwarded.pk,
        "municipality": yokohama.code,
        "area": MunicipalDxStatus.FocusArea.AI_RPA.value,
        "inquiry": question.inquiry.pk,
        "attachment": attachment.pk,
        "decision_type": decision_type.pk,
        "decision_pk": decision.pk,
        "question": question.pk,
        "event": AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, user=alice, username="alice").pk,
        "membership": alice.division_memberships.get().pk,
        "directorship": BureauMembershipFactory(user=UserFactory(username="hanako"), bureau=division.bureau).pk,
        "token": api_token_issue(user=alice, scopes=["kpi:read"])[0].token_key,
        # A notice in Alice's inbox: nobody else's.
        "notice": Notification.objects.create(
            recipient=alice, kind=Notification.Kind.FINDING_WRITTEN, url=f"/projects/{project.code}/",
            params={"project": project.code, "project_name": project.name, "title": "移行計画"},
        ).pk,
        "saved_view": SavedView.objects.create(owner=alice, page=SavedView.Page.RISKS, name="未解決", query="kind=risk").pk,
        # A transfer out of Alice's division still to come, and one applied (Hiro has left it).
        "transfer": TransferFactory(
            user=DivisionMembershipFactory(user=UserFactory(username="kenji"), division=division).user,
            from_division=division, effective_on=timezone.localdate() + datetime.timedelta(days=30),
        ).pk,
        "applied": TransferFactory(
            user=UserFactory(username="hiro"), from_division=division, applied_at=timezone.now(),
            effective_on=timezone.localdate(),
        ).pk,
    }
