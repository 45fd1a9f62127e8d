"""Read-only API of inquiries, read with the `governance:read` scope like the council's other records."""

from dx_portal.api.attachments import WithAttachments
from governance.api.views import GovernanceViewSet

from ..filtersets import InquiryFilterSet
from ..selectors import inquiries_with_answers
from .serializers import InquirySerializer


class InquiryViewSet(WithAttachments, GovernanceViewSet):
    serializer_class = InquirySerializer
    filterset_class = InquiryFilterSet
    ordering_fields = ["sent_on", "deadline", "id"]

    def get_queryset(self):
        return inquiries_with_answers(user=self.request.user).order_by("-sent_on", "-pk")
