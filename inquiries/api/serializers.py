"""Read-only representations of inquiries: ISO 8601 dates, municipalities by their national code, answers by
question number."""

from django.utils import timezone
from rest_framework import serializers

from dx_portal.api.attachments import attachments_field

from ..models import Answer, Inquiry, Question
from ..selectors import recipient_states


class QuestionSerializer(serializers.ModelSerializer):
    choices = serializers.ListField(source="choice_list", child=serializers.CharField(), read_only=True)

    class Meta:
        model = Question
        fields = ["order", "text", "kind", "choices", "required"]


class AnswerSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    entered_by = serializers.CharField(source="entered_by.username", read_only=True)
    values = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["municipality", "answered_at", "entered_by", "source", "values", "version"]

    def get_values(self, answer) -> dict[str, str]:
        """By question number (as text, JSON's keys): a choice's text, a plain decimal, an ISO date, or ""."""
        return {str(q.order): answer.value_for(q) for q in self.context["questions"][answer.inquiry_id]}


class InquirySerializer(serializers.ModelSerializer):
    recipients = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)
    answers = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()
    attachments = attachments_field()

    class Meta:
        model = Inquiry
        fields = [
            "id", "title", "body", "sent_on", "deadline", "recipients", "questions", "answers", "late", "attachments", "version",
            "created_at", "updated_at",
        ]

    def get_answers(self, inquiry) -> list[dict]:
        context = {**self.context, "questions": {inquiry.pk: list(inquiry.questions.all())}}
        return AnswerSerializer(inquiry.answers.all(), many=True, context=context).data

    def get_late(self, inquiry) -> list[str]:
        """The recipients late in answering today (the deadline passed, no answer)."""
        return [state.municipality.code for state in recipient_states(inquiry, timezone.localdate()) if state.late]
