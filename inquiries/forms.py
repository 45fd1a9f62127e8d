"""Forms of the inquiry pages. They validate input; the services in services.py do the writing."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.forms import MAX_UPLOAD_BYTES, DateInput, ServiceForm, VersionedForm
from governance.models import MunicipalDxStatus, Municipality

from .models import Answer, Inquiry, Question


class InquiryForm(ServiceForm):
    """The inquiry and to whom it goes: all 33, a group by kind, or the municipalities ticked."""

    class Audience(models.TextChoices):
        ALL = "all", _("全団体（33市町村）")
        DESIGNATED = "designated_city", _("政令指定都市")
        CITIES = "cities", _("市（政令指定都市を除く）")
        TOWNS = "towns", _("町村")
        SELECTED = "selected", _("団体を選ぶ")

    GROUPS = {
        Audience.DESIGNATED: [Municipality.Kind.DESIGNATED_CITY],
        Audience.CITIES: [Municipality.Kind.CITY],
        Audience.TOWNS: [Municipality.Kind.TOWN, Municipality.Kind.VILLAGE],
    }
    not_for_service = ("audience", "selected")

    audience = forms.ChoiceField(label=_("照会先"), choices=Audience.choices, initial=Audience.ALL, widget=forms.RadioSelect)
    selected = forms.ModelMultipleChoiceField(
        label=_("照会先の団体（「団体を選ぶ」のとき）"), queryset=Municipality.objects.municipal(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Inquiry
        fields = ["title", "body", "sent_on", "deadline"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6}), "sent_on": DateInput, "deadline": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = timezone.localdate()
        self.order_fields(["title", "body", "sent_on", "deadline", "audience", "selected"])

    def clean(self):
        data = super().clean()
        if data.get("audience") == self.Audience.SELECTED and not data.get("selected"):
            self.add_error("selected", _("照会先の団体を1つ以上選んでください。"))
        return data

    def recipients(self):
        audience = self.cleaned_data["audience"]
        if audience == self.Audience.SELECTED:
            return list(self.cleaned_data["selected"])
        municipalities = Municipality.objects.municipal()
        if audience in self.GROUPS:
            municipalities = municipalities.filter(kind__in=self.GROUPS[audience])
        return list(municipalities)

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "recipients": self.recipients()}


class QuestionForm(forms.ModelForm):
    """One question; a row left blank is skipped."""

    class Meta:
        model = Question
        fields = ["text", "kind", "choices", "required"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("text") and data.get("choices"):
            self.add_error("text", _("質問を入力してください。"))
        return data


class BaseQuestionFormSet(forms.BaseFormSet):
    def questions(self) -> list[dict]:
        return [
            {name: form.cleaned_data[name] for name in ("text", "kind", "choices", "required")}
            for form in self.forms
            if form.cleaned_data.get("text")
        ]


# absolute_max as for governance.forms.AgendaFormSet: a forged form count builds at most 50 questions.
QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=5, max_num=50, absolute_max=50, validate_max=True
)


def question_formset(data=None) -> BaseQuestionFormSet:
    return QuestionFormSet(data=data, prefix="questions", initial=[{"required": True}] * 5)


def _answer_field(question: Question) -> forms.Field:
    """The field for one question's answer; its values are checked once more, and normalised, by the service."""
    common = {"label": f"{question.order}. {question.text}", "required": question.required}
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, **common)
    if question.kind == Question.Kind.DATE:
        return forms.DateField(widget=DateInput, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)


class AnswerForm(VersionedForm):
    """A municipality's answer: one field per question (``q<id>``), each by its question's kind."""

    class Meta:
        model = Answer
        fields = []

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            field = self.fields[f"q{question.pk}"] = _answer_field(question)
            if not self.instance._state.adding:
                field.initial = self.instance.value_for(question) or None

    def values(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("回答票（Excel）"),
        help_text=_("配布した回答票に記入されたもの（.xlsx）。1団体につき1ファイルです。誤りが1つでもあれば何も登録しません。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("ファイルが大きすぎます（5MBまで）。"))
        return upload


NO_CHANGE = ""


class DxApplyForm(forms.Form):
    """Which DX matrix cells a choice question's answers set: the focus area, and a status for each choice."""

    focus_area = forms.ChoiceField(label=_("反映する重点取組事項"), choices=MunicipalDxStatus.FocusArea.choices)
    as_of = forms.DateField(label=_("基準日"), widget=DateInput)
    expected = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["as_of"].initial = timezone.localdate()
        statuses = [(NO_CHANGE, _("（反映しない）")), *MunicipalDxStatus.Status.choices]
        for index, choice in enumerate(question.choice_list):
            self.fields[f"c{index}"] = forms.ChoiceField(
                label=_("「%(choice)s」と回答した団体") % {"choice": choice}, choices=statuses, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {
            choice: self.cleaned_data[f"c{index}"]
            for index, choice in enumerate(self.question.choice_list)
            if self.cleaned_data.get(f"c{index}")
        }

    def clean_expected(self):
        raw = self.cleaned_data["expected"]
        if not raw:
            return None
        try:
            return {int(pk): (version, status) for pk, (version, status) in json.loads(raw).items()}
        except (ValueError, AttributeError, TypeError):  # not what the preview wrote
            raise ValidationError(_("もう一度プレビューしてください。")) from None

    def clean(self):
        data = super().clean()
        if self.is_bound and not self.errors and not self.mapping():
            raise ValidationError(_("少なくとも1つの選択肢に対応状況を指定してください。"))
        return data
