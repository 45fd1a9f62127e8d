"""Read-only representations of the governance records: ISO 8601 dates, natural keys for relations."""

from django.utils import timezone
from rest_framework import serializers

from dx_portal.api.attachments import attachments_field
from dx_portal.disclosure import DISCLOSURE_FIELDS, MINUTES_DISCLOSURE_FIELDS
from dx_portal.formatting import person_name

from ..models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    ForwardedItem,
    MunicipalDxStatus,
    Municipality,
)


class PersonSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return person_name(user)


class AgendaItemSerializer(serializers.ModelSerializer):
    presenter = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    proposal = serializers.SerializerMethodField(help_text="the agenda proposal the item was scheduled from")

    class Meta:
        model = AgendaItem
        fields = ["order", "title", "kind", "presenter", "proposal", *DISCLOSURE_FIELDS]

    def get_proposal(self, item) -> int | None:
        # Selected with the item (committee_meetings_with_agenda): no query. None when no proposal led to it.
        proposal = getattr(item, "proposal", None)
        return proposal.pk if proposal else None


class AgendaProposalSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="code", read_only=True)
    source = serializers.SerializerMethodField(help_text="issue (課題・リスク) or finding (助言・指摘)")
    title = serializers.CharField(read_only=True)
    source_kind = serializers.CharField(read_only=True)
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    meeting = serializers.IntegerField(source="meeting.number", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AgendaProposal
        fields = [
            "id", "project", "source", "issue", "finding", "title", "source_kind", "reason", "proposed_by",
            "proposed_at", "state", "meeting", "agenda_item", "version", "updated_at",
        ]

    def get_source(self, proposal) -> str:
        return "issue" if proposal.issue_id else "finding"


class CommitteeMeetingSerializer(serializers.ModelSerializer):
    attendees = PersonSerializer(many=True, read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    decisions = serializers.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    attachments = attachments_field()

    class Meta:
        model = CommitteeMeeting
        fields = [
            "number", "held_on", "title", "attendees", "agenda_items", "minutes", "decisions", *DISCLOSURE_FIELDS,
            *MINUTES_DISCLOSURE_FIELDS, "attachments", "version", "updated_at",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting.number", read_only=True)
    held_on = serializers.DateField(source="meeting.held_on", read_only=True)
    agreed_by = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    bureaus = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    related_projects = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    supersedes = serializers.SlugRelatedField(slug_field="reference", read_only=True, allow_null=True)
    superseded_by = serializers.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    attachments = attachments_field()

    class Meta:
        model = Decision
        fields = [
            "reference", "meeting", "held_on", "title", "kind", "status", "context", "options", "decision_text",
            "rationale", "consequences", "agreed_by", "bureaus", "related_projects", "supersedes", "superseded_by",
            *DISCLOSURE_FIELDS, "attachments", "version", "created_at", "updated_at",
        ]


class ActionItemSerializer(serializers.ModelSerializer):
    decision = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    owner_division = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner_division_name = serializers.CharField(source="owner_division.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = [
            "id", "decision", "title", "detail", "owner_division", "owner_division_name", "due_on", "status",
            "overdue", "completion_note", "completed_on", "version", "updated_at",
        ]

    def get_overdue(self, item) -> bool:
        return item.is_overdue(timezone.localdate())


class CouncilMeetingSerializer(serializers.ModelSerializer):
    attendees = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    attachments = attachments_field()

    class Meta:
        model = CouncilMeeting
        fields = [
            "id", "kind", "number", "held_on", "title", "agenda", "attendees", "minutes", "follow_ups", *DISCLOSURE_FIELDS,
            *MINUTES_DISCLOSURE_FIELDS, "attachments", "version", "updated_at",
        ]


class DxStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = MunicipalDxStatus
        fields = ["focus_area", "status", "note", "as_of", "version"]


class MunicipalitySerializer(serializers.ModelSerializer):
    dx_status = DxStatusSerializer(source="dx_statuses", many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "kana", "kind", "dx_status"]




class ForwardedItemSerializer(serializers.ModelSerializer):
    from_council_meeting = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    from_committee_meeting = serializers.IntegerField(source="from_agenda_item.meeting.number", read_only=True, allow_null=True)
    from_agenda_item = serializers.IntegerField(source="from_agenda_item.order", read_only=True, allow_null=True)
    to_meeting = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ForwardedItem
        fields = [
            "id", "title", "from_council_meeting", "from_committee_meeting", "from_agenda_item", "to_meeting", "outcome",
            "outcome_note", "version", "updated_at",
        ]
