"""Forms of the governance pages. They validate input; the services in services.py do the writing."""

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from dx_portal.disclosure import DISCLOSURE_FIELDS, MINUTES_DISCLOSURE_FIELDS, DisclosureFormMixin
from dx_portal.formatting import local_name, person_name
from dx_portal.forms import DateInput, ServiceForm, VersionedForm
from organisation.models import Division
from projects.models import Project

from .models import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    AgendaProposal,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    MunicipalDxStatus,
    Municipality,
)
from .selectors import committee_members


def _users_with_names(queryset):
    field = forms.ModelMultipleChoiceField(queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple)
    field.label_from_instance = person_name
    return field


class CommitteeMeetingForm(DisclosureFormMixin, VersionedForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["number", "held_on", "title", "attendees", "minutes", *DISCLOSURE_FIELDS, *MINUTES_DISCLOSURE_FIELDS]
        widgets = {
            "held_on": DateInput, "minutes": forms.Textarea(attrs={"rows": 8}), "embargo_until": DateInput,
            "minutes_embargo_until": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = _users_with_names(committee_members())
        self.fields["attendees"].label = _("出席者（CIO兼CDO・局長）")
        if not self.instance.pk:
            last = CommitteeMeeting.objects.aggregate(m=Max("number"))["m"] or 0
            self.fields["number"].initial = last + 1


class AgendaItemForm(DisclosureFormMixin, forms.ModelForm):
    """One row of the agenda; a row left blank is skipped. The meeting's service saves the rows."""

    # The item a row edits, so that what links to it (a proposal, a decision) survives an edit of the agenda.
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "presenter", *DISCLOSURE_FIELDS]
        widgets = {"embargo_until": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["presenter"].queryset = Division.objects.select_related("bureau")

    def clean(self):
        data = super().clean()
        if not data.get("title") and data.get("presenter"):
            self.add_error("title", _("議題を入力してください。"))
        return data

class BaseAgendaFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        names = ("title", "kind", "presenter", "pk", *DISCLOSURE_FIELDS)
        return [{name: f.cleaned_data.get(name) for name in names} for f in self.forms if f.cleaned_data.get("title")]


# absolute_max: a forged form count builds no more rows than may be sent (at Django's default, max_num + 1,000, a
# POST saying 1,000 built 1,030 agenda rows and took 3.7 s to refuse).
AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=4, max_num=30, absolute_max=30, validate_max=True
)


def agenda_formset(meeting: CommitteeMeeting | None = None, data=None) -> BaseAgendaFormSet:
    initial = None
    if meeting is not None:
        names = ("title", "kind", "presenter", "pk", *DISCLOSURE_FIELDS)
        initial = [{name: getattr(i, name) for name in names} for i in meeting.agenda_items.all()]
    return AgendaFormSet(data=data, initial=initial, prefix="agenda")


class DecisionForm(DisclosureFormMixin, VersionedForm):
    not_for_service = ("meeting", "supersedes")

    meeting = forms.ModelChoiceField(
        queryset=CommitteeMeeting.objects.order_by("-held_on"), label=_("会議"), to_field_name="number"
    )
    supersedes = forms.ModelChoiceField(
        queryset=Decision.objects.exclude(status=Decision.Status.SUPERSEDED).select_related("meeting"),
        required=False,
        label=_("改定する決定"),
        to_field_name="reference",
        help_text=_("この決定で置き換える過去の決定。選ぶと、その決定は「改定済」になります。"),
    )

    class Meta:
        model = Decision
        fields = [
            "title", "kind", "status", "context", "options", "decision_text", "rationale", "consequences",
            "agreed_by", "bureaus", "related_projects", "agenda_item", *DISCLOSURE_FIELDS,
        ]
        widgets = {"embargo_until": DateInput} | {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["context", "options", "decision_text", "rationale", "consequences"]
        } | {"bureaus": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"] = _users_with_names(committee_members())
        self.fields["agreed_by"].label = _("合意者")
        self.fields["bureaus"].label_from_instance = local_name
        self.fields["related_projects"].queryset = Project.objects.order_by("code")
        self.fields["related_projects"].help_text = _("複数選ぶときは Ctrl（Mac は ⌘）キーを押しながら選択してください。")
        status_choices = [c for c in Decision.Status.choices if c[0] != Decision.Status.SUPERSEDED]
        if self.instance.pk:
            # Meeting and supersession are fixed once recorded; a change of mind is a new decision.
            del self.fields["meeting"], self.fields["supersedes"]
            if self.instance.status == Decision.Status.SUPERSEDED:
                status_choices = [(Decision.Status.SUPERSEDED, Decision.Status.SUPERSEDED.label)]
        self.fields["status"].choices = status_choices
        self.fields["agenda_item"].queryset = AgendaItem.objects.select_related("meeting").order_by(
            "-meeting__held_on", "order"
        )
        self.fields["agenda_item"].label_from_instance = lambda item: _("第%(n)s回 %(order)s. %(title)s") % {
            "n": item.meeting.number, "order": item.order, "title": item.title
        }
        self.fields["agenda_item"].help_text = _("この決定で結論を出した議題（その会議のもの）。")
        self.order_fields(["meeting", "supersedes"])


class AgendaProposalForm(ServiceForm):
    """Why an issue or a finding should go before the steering committee."""

    required_fields = ("reason",)

    class Meta:
        model = AgendaProposal
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"reason": _("委員会で報告・協議・決定すべき理由を記入してください。")}


class AgendaScheduleForm(forms.Form):
    """The button that puts a proposal on a meeting's agenda: how the committee takes it, and the version seen."""

    kind = forms.ChoiceField(choices=AgendaKind.choices, initial=AgendaKind.CONSULTATION, label=_("区分"))
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ActionItemCreateForm(ServiceForm):
    class Meta:
        model = ActionItem
        fields = ["title", "detail", "owner_division", "due_on"]
        widgets = {"due_on": DateInput, "detail": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_division"].queryset = Division.objects.select_related("bureau")
        self.fields["owner_division"].label_from_instance = lambda d: f"{local_name(d.bureau)} {local_name(d)}"

class ActionItemUpdateForm(VersionedForm):
    class Meta:
        model = ActionItem
        fields = ["status", "completion_note"]
        widgets = {"status": forms.RadioSelect, "completion_note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"completion_note": _("完了にするときは、対応した内容を記入してください。")}

class CouncilMeetingForm(DisclosureFormMixin, VersionedForm):
    class Meta:
        model = CouncilMeeting
        fields = [
            "kind", "number", "held_on", "title", "agenda", "attendees", "minutes", "follow_ups", *DISCLOSURE_FIELDS,
            *MINUTES_DISCLOSURE_FIELDS,
        ]
        widgets = {
            "held_on": DateInput,
            "embargo_until": DateInput,
            "minutes_embargo_until": DateInput,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "follow_ups": forms.Textarea(attrs={"rows": 4}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Municipality.objects.order_by("code")


class MunicipalityContactForm(VersionedForm):
    class Meta:
        model = Municipality
        fields = ["contact_email"]
        widgets = {"contact_email": forms.EmailInput(attrs={"autocomplete": "off"})}
        help_texts = {"contact_email": _("照会と督促の送り先（DX・情報政策の担当窓口）。空欄にすると督促は送られません。")}


class DxStatusForm(VersionedForm):
    class Meta:
        model = MunicipalDxStatus
        fields = ["status", "note", "as_of"]
        widgets = {"status": forms.RadioSelect, "as_of": DateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = MunicipalDxStatus.Status.choices
