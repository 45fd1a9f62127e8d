"""Read-only API of the governance records, read with the `governance:read` scope (writes are not exposed)."""

from django.utils import timezone
from rest_framework import viewsets

from dx_portal.api.attachments import WithAttachments

from ..filtersets import (
    ActionItemFilterSet,
    AgendaProposalFilterSet,
    CommitteeMeetingFilterSet,
    CouncilMeetingFilterSet,
    DecisionFilterSet,
    ForwardedItemFilterSet,
    MunicipalityFilterSet,
)
from ..forwarding import forwarded_items
from ..selectors import (
    action_item_list,
    agenda_proposal_list,
    committee_meetings_with_agenda,
    council_meetings_with_attendees,
    decision_list,
    municipalities_with_dx_status,
)
from .serializers import (
    ActionItemSerializer,
    AgendaProposalSerializer,
    CommitteeMeetingSerializer,
    CouncilMeetingSerializer,
    DecisionSerializer,
    ForwardedItemSerializer,
    MunicipalitySerializer,
)

READ_SCOPES = {"read": "governance:read", "write": None}


class GovernanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Read by every logged-in user and by tokens with governance:read; the error responses are documented
    for every operation by dx_portal.api.schema."""

    required_scopes = READ_SCOPES


class CommitteeMeetingViewSet(WithAttachments, GovernanceViewSet):
    serializer_class = CommitteeMeetingSerializer
    filterset_class = CommitteeMeetingFilterSet
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+"
    ordering_fields = ["number", "held_on"]

    def get_queryset(self):
        return committee_meetings_with_agenda(user=self.request.user)


class DecisionViewSet(WithAttachments, GovernanceViewSet):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    lookup_field = "reference"
    lookup_value_regex = r"[0-9]+-[0-9]+"
    ordering_fields = ["reference", "meeting__held_on", "status"]

    def get_queryset(self):
        return decision_list(user=self.request.user)


class ActionItemViewSet(GovernanceViewSet):
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    ordering_fields = ["due_on", "status", "id"]

    def get_queryset(self):
        return action_item_list(user=self.request.user, today=timezone.localdate())


class CouncilMeetingViewSet(WithAttachments, GovernanceViewSet):
    serializer_class = CouncilMeetingSerializer
    filterset_class = CouncilMeetingFilterSet
    ordering_fields = ["held_on", "number"]

    def get_queryset(self):
        return council_meetings_with_attendees(user=self.request.user)


class MunicipalityViewSet(GovernanceViewSet):
    """The 33 municipalities of the council, each with its DX status per focus area."""

    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{6}"
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return municipalities_with_dx_status(user=self.request.user)


class ForwardedItemViewSet(GovernanceViewSet):
    """Items forwarded (上程) from a 担当者会議 or a committee agenda item to a council meeting, with their outcome."""

    serializer_class = ForwardedItemSerializer
    filterset_class = ForwardedItemFilterSet
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self):
        return forwarded_items(user=self.request.user)


class AgendaProposalViewSet(GovernanceViewSet):
    """Issues, risks and PMO findings proposed for the steering committee's agenda, and the meeting and agenda item
    each was scheduled on; those of the projects the caller may see, as on the agenda backlog page."""

    serializer_class = AgendaProposalSerializer
    filterset_class = AgendaProposalFilterSet
    ordering_fields = ["proposed_at", "id", "updated_at"]

    def get_queryset(self):
        return agenda_proposal_list(user=self.request.user)
