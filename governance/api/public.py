"""The public feed (情報公開): the decisions and minutes disclosed (公開) and past any embargo, for anyone, with or
without a token (a token reads here what anyone may, and no more)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..selectors import public_committee_minutes, public_council_minutes, public_decisions


class PublicMeetingSerializer(serializers.Serializer):
    body = serializers.CharField(help_text="committee (ステアリング・コミッティ) or council (県市町村デジタル推進会議)")
    kind = serializers.CharField(allow_null=True, help_text="council only: plenary or working")
    number = serializers.IntegerField()
    held_on = serializers.DateField()
    title = serializers.CharField()


class PublicDecisionSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    decision_text = serializers.CharField()
    rationale = serializers.CharField()
    meeting = PublicMeetingSerializer()


class PublicMinutesSerializer(serializers.Serializer):
    meeting = PublicMeetingSerializer()
    minutes = serializers.CharField()


class PublicFeedSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    decisions = PublicDecisionSerializer(many=True)
    minutes = PublicMinutesSerializer(many=True)


def _meeting(meeting, body: str) -> dict:
    kind = getattr(meeting, "kind", None)
    return {"body": body, "kind": kind, "number": meeting.number, "held_on": meeting.held_on, "title": meeting.title}


class PublicFeedView(APIView):
    required_scopes = {"read": None, "write": None}
    allow_anonymous_read = True
    throttle_scope = "feeds"

    @extend_schema(responses=PublicFeedSerializer, summary="Disclosed decisions and minutes (公開), no token needed")
    def get(self, request):
        today = timezone.localdate()
        decisions = [
            {**{name: getattr(d, name) for name in ("reference", "title", "kind", "status", "decision_text", "rationale")},
             "meeting": _meeting(d.meeting, "committee")}
            for d in public_decisions(today=today)
        ]
        minutes = [{"meeting": _meeting(m, "committee"), "minutes": m.minutes} for m in public_committee_minutes(today=today)]
        minutes += [{"meeting": _meeting(m, "council"), "minutes": m.minutes} for m in public_council_minutes(today=today)]
        minutes.sort(key=lambda item: item["meeting"]["held_on"], reverse=True)
        return Response(PublicFeedSerializer({"as_of": today, "decisions": decisions, "minutes": minutes}).data)
