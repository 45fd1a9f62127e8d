"""The export for a disclosure request of a meeting or a decision (CSV or Excel), for those who keep the record:
404 for a record the person may not see, 403 for one they see but do not keep."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from dx_portal import exports
from dx_portal.disclosure_register import disclosure_table
from dx_portal.errors import COUNCIL_SECRETARIAT_ONLY, GOVERNANCE_RECORDERS_ONLY
from organisation.permissions import may_record_council, may_record_governance

from . import disclosure_export
from .models import CommitteeMeeting, CouncilMeeting, Decision


class DisclosureExportView(LoginRequiredMixin, View):
    http_method_names = ["get", "head"]
    rows = None  # the records the person may see
    lookup = ""  # URL keyword and field of the record
    may_export = None
    denied_message = ""
    entries = None  # disclosure_export's function listing the record's lines
    name = ""  # the file's name before the key

    def get(self, request, fmt: str, **kwargs):
        if fmt not in exports.CONTENT_TYPES:
            raise Http404
        record = get_object_or_404(self.rows(request.user), **{self.lookup: kwargs[self.lookup]})
        if not self.may_export(request.user):
            raise PermissionDenied(self.denied_message)
        return exports.download(disclosure_table(self.entries(record)), fmt=fmt,
                                name=f"{self.name}-{kwargs[self.lookup]}-disclosure")


class CommitteeMeetingDisclosureView(DisclosureExportView):
    rows = staticmethod(CommitteeMeeting.objects.visible_to)
    lookup = "number"
    may_export = staticmethod(may_record_governance)
    denied_message = GOVERNANCE_RECORDERS_ONLY
    entries = staticmethod(disclosure_export.committee_meeting_entries)
    name = "committee"


class CouncilMeetingDisclosureView(DisclosureExportView):
    rows = staticmethod(CouncilMeeting.objects.visible_to)
    lookup = "pk"
    may_export = staticmethod(may_record_council)
    denied_message = COUNCIL_SECRETARIAT_ONLY
    entries = staticmethod(disclosure_export.council_meeting_entries)
    name = "council"


class DecisionDisclosureView(DisclosureExportView):
    rows = staticmethod(Decision.objects.visible_to)
    lookup = "reference"
    may_export = staticmethod(may_record_governance)
    denied_message = GOVERNANCE_RECORDERS_ONLY
    entries = staticmethod(disclosure_export.decision_entries)
    name = "decision"
