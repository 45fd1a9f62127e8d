"""GET /api/v1/registers/risks/ and /api/v1/registers/findings/: the registers for clients, read-only and paged,
with the pages' filters (and ``ordering``) and ``updated_since``."""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, serializers

from dx_portal.api.attachments import WithAttachments
from dx_portal.api.filters import UpdatedSinceFilter
from projects.api.serializers import CodeNameSerializer, FindingSerializer, ProjectIssueSerializer

from .filtersets import FindingRegisterFilterSet, RiskRegisterFilterSet
from .selectors import finding_age, finding_register, risk_register


class RegisterProjectSerializer(CodeNameSerializer):
    """The project a row belongs to, and where it sits."""

    division = CodeNameSerializer()
    bureau = CodeNameSerializer(source="division.bureau")


class RiskRegisterSerializer(ProjectIssueSerializer):
    project = RegisterProjectSerializer(read_only=True)

    class Meta(ProjectIssueSerializer.Meta):
        fields = ["project", *ProjectIssueSerializer.Meta.fields]
        read_only_fields = fields


class FindingRegisterSerializer(FindingSerializer):
    project = RegisterProjectSerializer(read_only=True)
    age_days = serializers.SerializerMethodField(help_text="Days since the finding was written (Asia/Tokyo).")

    class Meta(FindingSerializer.Meta):
        fields = ["project", *FindingSerializer.Meta.fields, "age_days"]
        read_only_fields = fields

    def get_age_days(self, finding) -> int:
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return finding_age(finding, self.context["today"])


class RegisterListView(generics.ListAPIView):
    required_scopes = {"read": "projects:read", "write": None}
    filter_backends = [DjangoFilterBackend, UpdatedSinceFilter]


class RiskRegisterListView(RegisterListView):
    """Issues and risks of every project the caller may see."""

    serializer_class = RiskRegisterSerializer
    filterset_class = RiskRegisterFilterSet

    def get_queryset(self):
        return risk_register(user=self.request.user)


class FindingRegisterListView(WithAttachments, RegisterListView):
    """PMO findings of every project the caller may see, with their age."""

    serializer_class = FindingRegisterSerializer
    filterset_class = FindingRegisterFilterSet

    def get_queryset(self):
        return finding_register(user=self.request.user)
