"""Pages of forwarding (上程): send an item on from a 担当者会議 or a committee agenda item, record its outcome."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from dx_portal.editing import ServiceFormView
from dx_portal.forms import ServiceForm, VersionedForm

from . import forwarding
from .models import AgendaItem, CommitteeMeeting, CouncilMeeting, ForwardedItem
from .views import RecordsCouncil


class ForwardForm(ServiceForm):
    class Meta:
        model = ForwardedItem
        fields = ["title", "to_meeting"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = meetings
        self.fields["to_meeting"].label_from_instance = lambda m: f"{m}（{m.held_on:%Y-%m-%d}）{m.title}"


class OutcomeForm(VersionedForm):
    class Meta:
        model = ForwardedItem
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome": forms.RadioSelect, "outcome_note": forms.Textarea(attrs={"rows": 3})}


class ForwardFromCouncilView(RecordsCouncil, ServiceFormView):
    """An agenda item or follow-up of a 担当者会議, sent on to a later 推進会議."""

    template_name = "governance/forward_form.html"
    form_class = ForwardForm
    success_message = _("推進会議に上程しました。")

    @cached_property
    def source(self) -> CouncilMeeting:
        working = CouncilMeeting.objects.visible_to(self.request.user).filter(kind=CouncilMeeting.Kind.WORKING)
        return get_object_or_404(working, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meetings": forwarding.later_plenaries(self.source)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, source_url=self.get_source_url(), **kwargs)

    def get_source_url(self) -> str:
        return reverse("governance:council-meeting-detail", kwargs={"pk": self.source.pk})

    def perform(self, form):
        return forwarding.item_forward(actor=self.request.user, from_council_meeting=self.source, **form.service_arguments())

    def get_success_url(self):
        return self.get_source_url() + "#forwarded"


class ForwardFromCommitteeView(ForwardFromCouncilView):
    """A steering-committee agenda item, sent on to a later council meeting."""

    success_message = _("県市町村デジタル推進会議に上程しました。")

    @cached_property
    def source(self) -> AgendaItem:
        meeting = get_object_or_404(CommitteeMeeting.objects.visible_to(self.request.user), number=self.kwargs["number"])
        return get_object_or_404(meeting.agenda_items, order=self.kwargs["order"])

    def get_initial(self):
        return {"title": self.source.title}

    def get_form_kwargs(self):
        later = CouncilMeeting.objects.filter(held_on__gt=self.source.meeting.held_on).order_by("held_on")
        return {**ServiceFormView.get_form_kwargs(self), "meetings": later}

    def get_source_url(self) -> str:
        return reverse("governance:committee-meeting-detail", kwargs={"number": self.source.meeting.number})

    def perform(self, form):
        return forwarding.item_forward(actor=self.request.user, from_agenda_item=self.source, **form.service_arguments())


class ForwardedItemOutcomeView(RecordsCouncil, ServiceFormView):
    """What the receiving meeting did with a forwarded item."""

    template_name = "governance/forward_form.html"
    form_class = OutcomeForm
    success_message = _("上程事項の結果を記録しました。")

    def get_instance(self):
        return get_object_or_404(ForwardedItem.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        url = reverse("governance:council-meeting-detail", kwargs={"pk": self.instance.to_meeting_id})
        return super().get_context_data(item=self.instance, source_url=url, **kwargs)

    def perform(self, form):
        return forwarding.forwarded_item_conclude(item=self.instance, actor=self.request.user, **form.service_arguments())

    def get_success_url(self):
        return reverse("governance:council-meeting-detail", kwargs={"pk": self.object.to_meeting_id}) + "#received"
