"""Web pages of the governance app: the steering committee, the council and the municipal DX status.

Class-based views on the shared layer (dx_portal.pagination, dx_portal.editing), as in every app: they read
through selectors and write through services; the rules live there.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from dx_portal import exports, pdf
from dx_portal.editing import ServiceButtonView, ServiceFormView
from dx_portal.errors import (
    ACTION_ITEM_OWNERS_ONLY,
    COUNCIL_SECRETARIAT_ONLY,
    GOVERNANCE_RECORDERS_ONLY,
    ISSUED_PACK_READERS_ONLY,
    PACK_ISSUERS_ONLY,
)
from dx_portal.history import record_history
from dx_portal.pagination import FilteredListView
from organisation.permissions import (
    may_change_division_record,
    may_issue_packs,
    may_read_issued_packs,
    may_record_council,
    may_record_governance,
)
from organisation.roles import roles_of
from projects.filtersets import ProjectFilterSet
from projects.models import Finding, ProjectIssue
from projects.selectors import project_list

from . import forwarding, packs, services
from .filtersets import (
    ActionItemFilterSet,
    CommitteeMeetingFilterSet,
    CouncilMeetingFilterSet,
    DecisionFilterSet,
    MunicipalityFilterSet,
)
from .forms import (
    ActionItemCreateForm,
    ActionItemUpdateForm,
    AgendaProposalForm,
    AgendaScheduleForm,
    CommitteeMeetingForm,
    CouncilMeetingForm,
    DecisionForm,
    DxStatusForm,
    MunicipalityContactForm,
    agenda_formset,
)
from .models import AgendaItem, AgendaProposal, CommitteeMeeting, CouncilMeeting, Decision, MunicipalDxStatus, Municipality
from .selectors import (
    action_item_list,
    agenda_backlog,
    committee_meeting_list,
    committee_meetings_with_agenda,
    committee_meetings_with_records,
    council_meeting_list,
    council_meetings_with_attendees,
    decision_chain,
    decision_list,
    dx_matrix,
    dx_matrix_table,
    governance_overview,
    municipalities_with_dx_status,
)

PAGE_SIZE = 20


class RecordsGovernance(UserPassesTestMixin):
    """Committee records are written by PMO and the CIO: 403 for the others, the login page for a visitor."""

    permission_denied_message = GOVERNANCE_RECORDERS_ONLY

    def test_func(self):
        return may_record_governance(self.request.user)


class RecordsCouncil(UserPassesTestMixin):
    """Council records and the municipal DX status are kept by its secretariat."""

    permission_denied_message = COUNCIL_SECRETARIAT_ONLY

    def test_func(self):
        return may_record_council(self.request.user)


class GovernanceHomeView(LoginRequiredMixin, TemplateView):
    """/governance/: the committee and the council at a glance, with the way into each register."""

    template_name = "governance/home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            overview=governance_overview(user=self.request.user, today=today), today=today,
            has_divisions=bool(roles_of(self.request.user).division_ids), **kwargs
        )


# --- steering committee ------------------------------------------------------------------------------


class RegisterListView(LoginRequiredMixin, FilteredListView):
    """A register of records: the rows the user may see (``rows``), a page at a time, and whether they may record
    new ones (``may_record``)."""

    paginate_by = PAGE_SIZE
    may_record = staticmethod(may_record_governance)
    rows = None

    def get_queryset(self):
        return self.rows(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=self.may_record(self.request.user), **kwargs)


class CommitteeMeetingListView(RegisterListView):
    template_name = "governance/committee_meeting_list.html"
    filterset_class = CommitteeMeetingFilterSet
    rows = staticmethod(committee_meeting_list)


def pack_links(meeting, *, user, kind: str, key: dict) -> dict:
    """The meeting page's links to its live pack and the versions issued (a query, the files left unread)."""

    def url(action: str, **extra) -> str:
        return reverse(f"governance:{kind}-pack-{action}", kwargs={**key, **extra})

    issued = meeting.issued_packs.select_related("issued_by").defer("data", "pdf", "xlsx").order_by("-sequence")
    return {
        "draft": url("detail"), "pdf": url("pdf"), "xlsx": url("xlsx"), "issue": url("issue"),
        "may_issue": may_issue_packs(user),
        "may_read_issued": may_read_issued_packs(user),
        "issued": [
            {"pack": pack, "xlsx": url("issued", sequence=pack.sequence, fmt="xlsx"),
             "pdf": url("issued", sequence=pack.sequence, fmt="pdf") if pack.pdf_sha256 else ""}
            for pack in issued
        ],
    }


class CommitteeMeetingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "governance/committee_meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(committee_meetings_with_records(user=self.request.user), number=kwargs["number"])
        can_record = may_record_governance(self.request.user)
        return super().get_context_data(
            meeting=meeting, can_record=can_record, today=timezone.localdate(),
            packs=pack_links(meeting, user=self.request.user, kind="committee", key={"number": meeting.number}),
            # The backlog the agenda draws from, for those who keep the agenda.
            backlog=list(agenda_backlog(user=self.request.user)) if can_record else [],
            schedule_form=AgendaScheduleForm(),
            can_forward=may_record_council(self.request.user),
            history=record_history(meeting, parts=[(AgendaItem, [item.pk for item in meeting.agenda_items.all()])]),
            **kwargs
        )


class CommitteeMeetingCreateView(RecordsGovernance, ServiceFormView):
    """The meeting and its agenda (a formset) in one form; both are validated, so every error shows at once."""

    template_name = "governance/committee_meeting_form.html"
    form_class = CommitteeMeetingForm
    success_message = _("会議を記録しました。続けて合意事項を追加できます。")

    @cached_property
    def agenda(self):
        return agenda_formset(self.instance, self.request.POST if self.request.method == "POST" else None)

    def validate(self, form):
        return all([form.is_valid(), self.agenda.is_valid()])

    def get_context_data(self, **kwargs):
        return super().get_context_data(agenda=self.agenda, meeting=self.instance, **kwargs)

    def perform(self, form):
        return services.committee_meeting_record(
            actor=self.request.user, agenda_items=self.agenda.items(), **form.service_arguments()
        )

    def get_success_url(self):
        return reverse("governance:committee-meeting-detail", kwargs={"number": self.object.number})


class CommitteeMeetingUpdateView(CommitteeMeetingCreateView):
    def get_instance(self):
        return get_object_or_404(CommitteeMeeting.objects.visible_to(self.request.user), number=self.kwargs["number"])

    def perform(self, form):
        return services.committee_meeting_update(
            meeting=self.instance, actor=self.request.user, agenda_items=self.agenda.items(), **form.service_arguments()
        )


class AgendaProposalCreateView(ServiceFormView):
    """PMO or the CIO sends a project's issue or finding to the agenda backlog: 404 for one the user may not see,
    403 for one they see but may not propose."""

    template_name = "governance/agenda_proposal_form.html"
    form_class = AgendaProposalForm
    success_message = _("委員会の議題候補に提案しました。次の会議の議題に加えられます。")
    sources = {"issue": ProjectIssue, "finding": Finding}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        model = self.sources.get(kwargs["source"])
        if model is None:
            raise Http404
        visible = model.objects.filter(project__in=project_list(user=request.user)).select_related("project")
        self.source = get_object_or_404(visible, pk=kwargs["pk"])
        if not may_record_governance(request.user):
            raise PermissionDenied(GOVERNANCE_RECORDERS_ONLY)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, project=self.source.project, **kwargs)

    def perform(self, form):
        return services.agenda_proposal_create(
            actor=self.request.user, **{self.kwargs["source"]: self.source}, **form.service_arguments()
        )

    def get_success_url(self):
        anchor = "issues" if self.kwargs["source"] == "issue" else "findings"
        return reverse("projects:project-detail", args=[self.source.project.code]) + f"#{anchor}"


class AgendaProposalScheduleView(RecordsGovernance, ServiceButtonView):
    """A button on the meeting page: the proposal goes on this meeting's agenda as its last item."""

    form_class = AgendaScheduleForm

    def prepare(self):
        self.meeting = get_object_or_404(CommitteeMeeting.objects.visible_to(self.request.user), number=self.kwargs["number"])
        # Any proposal, not only the backlog's: one already scheduled gets the service's message, not a 404.
        self.proposal = get_object_or_404(
            AgendaProposal.objects.visible_to(self.request.user).select_related("issue", "finding"), pk=self.kwargs["pk"]
        )

    def perform(self, form):
        services.agenda_proposal_schedule(
            proposal=self.proposal, meeting=self.meeting, actor=self.request.user, kind=form.cleaned_data["kind"],
            expected_version=form.cleaned_data["version"],
        )

    def get_success_message(self):
        return _("議題に追加しました: %(title)s") % {"title": self.proposal.title}

    def get_success_url(self):
        return reverse("governance:committee-meeting-detail", kwargs={"number": self.meeting.number}) + "#agenda"


class DecisionListView(RegisterListView):
    template_name = "governance/decision_list.html"
    extra_context = {"table_class": "gv-wide"}
    filterset_class = DecisionFilterSet
    rows = staticmethod(decision_list)


class DecisionMixin:
    """The decision of the URL's reference, among those the user may see."""

    @cached_property
    def decision(self) -> Decision:
        return get_object_or_404(decision_list(user=self.request.user), reference=self.kwargs["reference"])


class DecisionDetailView(LoginRequiredMixin, DecisionMixin, TemplateView):
    template_name = "governance/decision_detail.html"

    def get_context_data(self, **kwargs):
        decision = self.decision
        return super().get_context_data(
            decision=decision,
            chain=decision_chain(decision),
            action_items=decision.action_items.select_related("owner_division__bureau"),
            history=record_history(decision),
            can_record=may_record_governance(self.request.user),
            today=timezone.localdate(),
            **kwargs,
        )


class DecisionCreateView(RecordsGovernance, ServiceFormView):
    """A new decision at a meeting, or one that supersedes an earlier decision (which becomes superseded)."""

    template_name = "governance/decision_form.html"
    form_class = DecisionForm

    def get_initial(self):
        """The meeting from ?meeting=N (else the latest), the agenda item from ?agenda_item=, and what a superseding
        decision starts from."""
        initial = {}
        item = self.request.GET.get("agenda_item", "")
        if item.isdigit():
            initial["agenda_item"] = AgendaItem.objects.filter(pk=int(item)).first()
        number = self.request.GET.get("meeting", "")
        meetings = CommitteeMeeting.objects.order_by("-held_on", "-number")
        meeting = meetings.filter(number=int(number)).first() if number.isdigit() else meetings.first()
        if meeting is not None:
            initial["meeting"] = meeting
        reference = self.request.GET.get("supersedes")
        old = Decision.objects.filter(reference=reference).first() if reference else None
        if old is not None:
            initial["supersedes"] = old
            for name in ("title", "kind", "context", "options", "decision_text", "rationale", "consequences"):
                initial[name] = getattr(old, name)
            initial["bureaus"] = list(old.bureaus.all())
            initial["related_projects"] = list(old.related_projects.all())
        return initial

    def perform(self, form):
        meeting, old = form.cleaned_data["meeting"], form.cleaned_data["supersedes"]
        if old is None:
            return services.decision_record(meeting=meeting, actor=self.request.user, **form.service_arguments())
        return services.decision_supersede(decision=old, meeting=meeting, actor=self.request.user, **form.service_arguments())

    def get_success_message(self):
        return _("合意事項 %(ref)s を記録しました。") % {"ref": self.object.reference}

    def get_success_url(self):
        then = self.request.POST.get("then")
        if then == "decision":
            return f"{reverse('governance:decision-create')}?meeting={self.object.meeting.number}"
        if then == "action-item":
            return reverse("governance:action-item-create", kwargs={"reference": self.object.reference})
        return reverse("governance:committee-meeting-detail", kwargs={"number": self.object.meeting.number})


class DecisionUpdateView(RecordsGovernance, DecisionMixin, ServiceFormView):
    template_name = "governance/decision_form.html"
    form_class = DecisionForm
    success_message = _("合意事項を更新しました。")

    def get_instance(self):
        return self.decision

    def get_context_data(self, **kwargs):
        return super().get_context_data(decision=self.decision, **kwargs)

    def perform(self, form):
        return services.decision_update(decision=self.instance, actor=self.request.user, **form.service_arguments())

    def get_success_url(self):
        return reverse("governance:decision-detail", kwargs={"reference": self.object.reference})


class ActionItemCreateView(RecordsGovernance, DecisionMixin, ServiceFormView):
    template_name = "governance/action_item_form.html"
    form_class = ActionItemCreateForm
    success_message = _("対応事項を追加しました。")

    def get_context_data(self, **kwargs):
        return super().get_context_data(decision=self.decision, **kwargs)

    def perform(self, form):
        return services.action_item_create(decision=self.decision, actor=self.request.user, **form.service_arguments())

    def get_success_url(self):
        if self.request.POST.get("then") == "action-item":
            return reverse("governance:action-item-create", kwargs={"reference": self.decision.reference})
        return reverse("governance:committee-meeting-detail", kwargs={"number": self.decision.meeting.number})


class ActionItemListView(LoginRequiredMixin, FilteredListView):
    template_name = "governance/action_item_list.html"
    extra_context = {"table_class": "gv-wide"}
    filterset_class = ActionItemFilterSet
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return action_item_list(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(today=timezone.localdate(), has_division=bool(roles_of(user).division_ids), **kwargs)
        context["rows"] = [
            (item, may_change_division_record(user, division_id=item.owner_division_id)) for item in context["page_obj"]
        ]
        return context


class ActionItemDetailView(ServiceFormView):
    """An action item with its history; its owner division and PMO update it on the same page."""

    template_name = "governance/action_item_detail.html"
    form_class = ActionItemUpdateForm
    success_message = _("対応事項を更新しました。")

    def get_instance(self):
        return get_object_or_404(action_item_list(user=self.request.user, today=timezone.localdate()), pk=self.kwargs["pk"])

    @cached_property
    def may_change(self) -> bool:
        return may_change_division_record(self.request.user, division_id=self.instance.owner_division_id)

    def get_form(self, form_class=None):
        return super().get_form(form_class) if self.may_change else None

    def post(self, request, *args, **kwargs):
        if not self.may_change:
            raise PermissionDenied(ACTION_ITEM_OWNERS_ONLY)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            item=self.instance, history=record_history(self.instance), today=timezone.localdate(), **kwargs
        )

    def perform(self, form):
        return services.action_item_update(item=self.instance, actor=self.request.user, **form.service_arguments())

    def get_success_url(self):
        return reverse("governance:action-item-detail", kwargs={"pk": self.instance.pk})


# --- council -----------------------------------------------------------------------------------------


class CouncilMeetingListView(RegisterListView):
    template_name = "governance/council_meeting_list.html"
    filterset_class = CouncilMeetingFilterSet
    rows = staticmethod(council_meeting_list)
    may_record = staticmethod(may_record_council)


class CouncilMeetingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "governance/council_meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(council_meetings_with_attendees(user=self.request.user), pk=kwargs["pk"])
        working = meeting.kind == CouncilMeeting.Kind.WORKING
        return super().get_context_data(
            meeting=meeting,
            member_count=Municipality.objects.count(),
            can_record=may_record_council(self.request.user),
            packs=pack_links(meeting, user=self.request.user, kind="council", key={"pk": meeting.pk}),
            forwarded=forwarding.forwarded_from(meeting),
            received=forwarding.received_by(meeting),
            forward_url=reverse("governance:council-item-forward", kwargs={"pk": meeting.pk}) if working else None,
            history=record_history(meeting),
            **kwargs,
        )


class CouncilMeetingCreateView(RecordsCouncil, ServiceFormView):
    template_name = "governance/council_meeting_form.html"
    form_class = CouncilMeetingForm
    success_message = _("会議を記録しました。")

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.instance, **kwargs)

    def perform(self, form):
        return services.council_meeting_record(actor=self.request.user, **form.service_arguments())

    def get_success_url(self):
        return reverse("governance:council-meeting-detail", kwargs={"pk": self.object.pk})


class CouncilMeetingUpdateView(CouncilMeetingCreateView):
    def get_instance(self):
        return get_object_or_404(CouncilMeeting.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def perform(self, form):
        return services.council_meeting_update(meeting=self.instance, actor=self.request.user, **form.service_arguments())


class MunicipalityListView(LoginRequiredMixin, FilteredListView):
    template_name = "governance/municipality_list.html"
    filterset_class = MunicipalityFilterSet
    paginate_by = 50

    def get_queryset(self):
        return Municipality.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_edit_contacts=may_record_council(self.request.user), **kwargs)


class MunicipalityContactView(RecordsCouncil, ServiceFormView):
    """One municipality's contact address (where its inquiries and chasers go), with its history; the council's
    secretariat keeps it. The prefecture gets no inquiry, so it has no such page."""

    template_name = "governance/municipality_contact_form.html"
    form_class = MunicipalityContactForm
    success_message = _("連絡先メールアドレスを更新しました。")

    def get_instance(self):
        return get_object_or_404(Municipality.objects.visible_to(self.request.user).municipal(), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(municipality=self.instance, history=record_history(self.instance), **kwargs)

    def perform(self, form):
        return services.municipality_contact_update(
            municipality=self.instance, actor=self.request.user, **form.service_arguments()
        )

    def get_success_url(self):
        return f"{reverse('governance:municipality-list')}#m-{self.object.code}"


# --- municipal DX status -----------------------------------------------------------------------------


class DxMatrixMixin(LoginRequiredMixin):
    """The matrix of the municipalities the filter selects, shared by the page and its exports."""

    def matrix(self):
        queryset = municipalities_with_dx_status(user=self.request.user)
        self.filterset = MunicipalityFilterSet(self.request.GET or None, queryset=queryset, request=self.request)
        return dx_matrix(self.filterset.qs)


class DxMatrixView(DxMatrixMixin, TemplateView):
    template_name = "governance/dx_matrix.html"

    def get_context_data(self, **kwargs):
        matrix = self.matrix()
        query = self.request.GET.urlencode()
        return super().get_context_data(
            filterset=self.filterset,
            matrix=matrix,
            statuses=MunicipalDxStatus.Status.choices,
            export_query=f"?{query}" if query else "",
            **kwargs,
        )


class DxMatrixExportView(DxMatrixMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, fmt: str):
        if fmt not in exports.CONTENT_TYPES:
            raise Http404
        return exports.download(dx_matrix_table(self.matrix()), fmt=fmt, name=f"dx-status-{timezone.localdate():%Y%m%d}")


class DxStatusCellView(ServiceFormView):
    """One municipality's status in one focus area, with its history; the council's secretariat sets it here."""

    template_name = "governance/dx_status_cell.html"
    form_class = DxStatusForm
    success_message = _("対応状況を更新しました。")

    @cached_property
    def municipality(self) -> Municipality:
        if self.kwargs["area"] not in MunicipalDxStatus.FocusArea.values:
            raise Http404
        return get_object_or_404(Municipality.objects.visible_to(self.request.user).municipal(), code=self.kwargs["code"])

    @cached_property
    def cell(self) -> MunicipalDxStatus | None:
        return MunicipalDxStatus.objects.filter(municipality=self.municipality, focus_area=self.kwargs["area"]).first()

    def get_instance(self):
        return self.cell or MunicipalDxStatus(
            municipality=self.municipality, focus_area=self.kwargs["area"], status=MunicipalDxStatus.Status.NOT_STARTED,
            as_of=timezone.localdate(),
        )

    def get_form(self, form_class=None):
        return super().get_form(form_class) if may_record_council(self.request.user) else None

    def post(self, request, *args, **kwargs):
        if not may_record_council(request.user):
            raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            municipality=self.municipality,
            area_label=MunicipalDxStatus.FocusArea(self.kwargs["area"]).label,
            cell=self.cell,
            history=record_history(self.cell) if self.cell else [],
            **kwargs,
        )

    def perform(self, form):
        return services.municipal_dx_status_set(
            municipality=self.municipality, focus_area=self.kwargs["area"], actor=self.request.user,
            **{"expected_version": None, **form.service_arguments()},
        )

    def get_success_url(self):
        return f"{reverse('governance:dx-matrix')}#m-{self.municipality.code}"


# --- meeting packs -----------------------------------------------------------------------------------


class PackMixin(LoginRequiredMixin):
    """The meeting of the URL (404 when the person may not see it) and its pack, built live for the person.

    A subclass names the meeting's lookup, how its pack is built and its URL names (committee or council)."""

    http_method_names = ["get", "head"]
    meetings = None  # selector of the meetings, with what the pack reads
    lookup = ""  # URL keyword and field of the meeting
    build = None  # packs.committee_pack or packs.council_pack
    url_prefix = ""  # "committee" or "council"
    detail_url_name = ""

    @cached_property
    def meeting(self):
        return get_object_or_404(self.meetings(user=self.request.user), **{self.lookup: self.kwargs[self.lookup]})

    @cached_property
    def pillar_form(self):
        """``?pillar=<plan item code>``, read by the project lists' own filter (an unknown code is a 404)."""
        form = ProjectFilterSet({"pillar": self.request.GET.get("pillar", "")}).form
        if not form.is_valid():
            raise Http404
        return form

    def pack(self) -> dict:
        pillar = self.pillar_form.cleaned_data["pillar"]
        return self.build(self.meeting, user=self.request.user, today=timezone.localdate(), pillar=pillar)

    def url(self, action: str, **kwargs) -> str:
        url = reverse(f"governance:{self.url_prefix}-pack-{action}", kwargs={self.lookup: self.kwargs[self.lookup], **kwargs})
        pillar = self.pillar_form.cleaned_data["pillar"]
        return f"{url}?{urlencode({'pillar': pillar.code})}" if pillar and action in ("pdf", "xlsx") else url

    def filename(self, extension: str, sequence: int | None = None) -> str:
        version = f"-v{sequence}" if sequence else ""
        return f"{self.url_prefix}-{self.kwargs[self.lookup]}-pack{version}.{extension}"


class CommitteePack:
    meetings = staticmethod(committee_meetings_with_agenda)
    lookup = "number"
    build = staticmethod(packs.committee_pack)
    url_prefix = "committee"
    detail_url_name = "governance:committee-meeting-detail"


class CouncilPack:
    meetings = staticmethod(council_meetings_with_attendees)
    lookup = "pk"
    build = staticmethod(packs.council_pack)
    url_prefix = "council"
    detail_url_name = "governance:council-meeting-detail"


class PackView(PackMixin, View):
    """The print page: its own document (no navigation), A4 landscape when printed, with the 案 watermark."""

    def get(self, request, **kwargs):
        links = {
            "meeting": reverse(self.detail_url_name, kwargs={self.lookup: self.kwargs[self.lookup]}),
            "pdf": self.url("pdf"),
            "xlsx": self.url("xlsx"),
            "issue": self.url("issue") if may_issue_packs(request.user) else "",
        }
        return HttpResponse(packs.render_html(
            self.pack(), draft=True, links=links, request=request, pillar_field=self.pillar_form["pillar"]
        ))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response


def pdf_unavailable(request) -> HttpResponse:
    """503 with what to install, where WeasyPrint or Pango is missing: never a server error."""
    context = {"message": pdf.UNAVAILABLE, "install": pdf.INSTALL}
    return render(request, "governance/pack_pdf_unavailable.html", context, status=503)


class PackPdfView(PackMixin, View):
    def get(self, request, **kwargs):
        try:
            content = packs.render_pdf(self.pack(), draft=True)
        except pdf.PdfUnavailable:
            return pdf_unavailable(request)
        return _pdf_response(content, self.filename("pdf"))


class PackXlsxView(PackMixin, View):
    def get(self, request, **kwargs):
        return exports.attachment(packs.render_xlsx(self.pack()), filename=self.filename("xlsx"))


class PackIssueView(PackMixin, View):
    """PMO issues the pack as it stands now: a new version, frozen (services.pack_issue)."""

    http_method_names = ["post"]

    def post(self, request, **kwargs):
        meeting = self.meeting
        if not may_issue_packs(request.user):
            raise PermissionDenied(PACK_ISSUERS_ONLY)
        issued = services.pack_issue(meeting=meeting, actor=request.user, today=timezone.localdate())
        messages.success(request, _("会議資料 第%(sequence)s版を発行しました。") % {"sequence": issued.sequence})
        return redirect(reverse(self.detail_url_name, kwargs={self.lookup: self.kwargs[self.lookup]}) + "#issued-packs")


class IssuedPackView(PackMixin, View):
    """An issued version's file, exactly as it was issued."""

    def get(self, request, sequence: int, fmt: str, **kwargs):
        if fmt not in ("pdf", "xlsx"):
            raise Http404
        issued = get_object_or_404(self.meeting.issued_packs.defer("data"), sequence=sequence)
        if not may_read_issued_packs(request.user):
            raise PermissionDenied(ISSUED_PACK_READERS_ONLY)
        if fmt == "xlsx":
            return exports.attachment(bytes(issued.xlsx), filename=self.filename("xlsx", sequence))
        if issued.pdf is None:
            raise Http404
        return _pdf_response(bytes(issued.pdf), self.filename("pdf", sequence))


class CommitteePackView(CommitteePack, PackView):
    pass


class CommitteePackPdfView(CommitteePack, PackPdfView):
    pass


class CommitteePackXlsxView(CommitteePack, PackXlsxView):
    pass


class CommitteePackIssueView(CommitteePack, PackIssueView):
    pass


class CommitteeIssuedPackView(CommitteePack, IssuedPackView):
    pass


class CouncilPackView(CouncilPack, PackView):
    pass


class CouncilPackPdfView(CouncilPack, PackPdfView):
    pass


class CouncilPackXlsxView(CouncilPack, PackXlsxView):
    pass


class CouncilPackIssueView(CouncilPack, PackIssueView):
    pass


class CouncilIssuedPackView(CouncilPack, IssuedPackView):
    pass
