"""Pages of inquiries (照会): the register, a new inquiry, its page (who answered, who is late, the results), an
answer per municipality, the answer workbook out and back in, and the step from answers to the DX matrix."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dx_portal import exports
from dx_portal.editing import ServiceFormView
from dx_portal.errors import StaleVersionError
from dx_portal.history import record_history
from dx_portal.pagination import FilteredListView
from governance.models import MunicipalDxStatus
from governance.views import RecordsCouncil
from organisation.permissions import may_record_council

from . import services, workbook
from .chasers import chasers_sent
from .filtersets import InquiryFilterSet
from .forms import AnswerForm, DxApplyForm, InquiryForm, WorkbookUploadForm, question_formset
from .models import Answer, Question
from .selectors import (
    compiled_results,
    dx_status_changes,
    inquiries_with_answers,
    inquiry_list,
    recipient_states,
    results_table,
)


class InquiryListView(LoginRequiredMixin, FilteredListView):
    template_name = "inquiries/inquiry_list.html"
    filterset_class = InquiryFilterSet
    paginate_by = 20

    def get_queryset(self):
        return inquiry_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=may_record_council(self.request.user), today=timezone.localdate(), **kwargs)


class InquiryMixin(LoginRequiredMixin):
    """The inquiry of the URL, with its questions, recipients and answers, among those the user may see."""

    @cached_property
    def inquiry(self):
        return get_object_or_404(inquiries_with_answers(user=self.request.user), pk=self.kwargs["pk"])


class InquiryCreateView(RecordsCouncil, ServiceFormView):
    """The inquiry and its questions (a formset) in one form; both are validated, so every error shows at once."""

    template_name = "inquiries/inquiry_form.html"
    form_class = InquiryForm
    success_message = _("照会を登録しました。回答票（Excel）をダウンロードして各団体に送付できます。")

    @cached_property
    def questions(self):
        return question_formset(self.request.POST if self.request.method == "POST" else None)

    def validate(self, form):
        return all([form.is_valid(), self.questions.is_valid()])

    def get_context_data(self, **kwargs):
        return super().get_context_data(questions=self.questions, **kwargs)

    def perform(self, form):
        return services.inquiry_create(actor=self.request.user, questions=self.questions.questions(), **form.service_arguments())

    def get_success_url(self):
        return reverse("inquiries:inquiry-detail", kwargs={"pk": self.object.pk})


class InquiryDetailView(InquiryMixin, TemplateView):
    template_name = "inquiries/inquiry_detail.html"

    def get_context_data(self, **kwargs):
        inquiry, today = self.inquiry, timezone.localdate()
        states = recipient_states(inquiry, today)
        return super().get_context_data(
            inquiry=inquiry,
            states=states,
            answered=sum(state.answer is not None for state in states),
            late=[state for state in states if state.late],
            results=compiled_results(inquiry),
            choice_questions=[q for q in inquiry.questions.all() if q.kind == Question.Kind.CHOICE],
            chasers=chasers_sent(inquiry),
            history=record_history(inquiry),
            can_record=may_record_council(self.request.user),
            upload_form=WorkbookUploadForm(),
            today=today,
            **kwargs,
        )


class InquiryExportView(InquiryMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, pk: int, fmt: str):
        if fmt not in exports.CONTENT_TYPES:
            raise Http404
        return exports.download(results_table(self.inquiry), fmt=fmt, name=f"inquiry-{pk}-results")


class InquiryWorkbookView(InquiryMixin, View):
    """The blank answer workbook; with ?code= one municipality's, its code filled in."""

    http_method_names = ["get", "head"]

    def get(self, request, pk: int):
        code = request.GET.get("code", "")
        municipality = None
        if code:
            municipality = next((m for m in self.inquiry.recipients.all() if m.code == code), None)
            if municipality is None:
                raise Http404
        content = workbook.blank(self.inquiry, municipality)
        return exports.attachment(content, filename=f"inquiry-{pk}{'-' + code if code else ''}.xlsx")


class AnswerUpdateView(RecordsCouncil, InquiryMixin, ServiceFormView):
    """One municipality's answer, entered (or corrected) by the secretariat, with its history."""

    template_name = "inquiries/answer_form.html"
    form_class = AnswerForm
    success_message = _("回答を保存しました。")

    @cached_property
    def municipality(self):
        found = next((m for m in self.inquiry.recipients.all() if m.code == self.kwargs["code"]), None)
        if found is None:
            raise Http404
        return found

    def get_instance(self):
        existing = next((a for a in self.inquiry.answers.all() if a.municipality_id == self.municipality.pk), None)
        return existing or Answer(inquiry=self.inquiry, municipality=self.municipality)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questions": self.inquiry.questions.all()}

    def get_context_data(self, **kwargs):
        answer = self.instance
        return super().get_context_data(
            inquiry=self.inquiry, municipality=self.municipality, answer=None if answer._state.adding else answer,
            history=[] if answer._state.adding else record_history(answer), **kwargs,
        )

    def perform(self, form):
        return services.answer_record(
            inquiry=self.inquiry, municipality=self.municipality, actor=self.request.user, values=form.values(),
            expected_version=form.cleaned_data.get("version"),
        )

    def get_success_url(self):
        return reverse("inquiries:inquiry-detail", kwargs={"pk": self.inquiry.pk}) + "#answers"


class AnswerImportView(RecordsCouncil, InquiryMixin, FormView):
    """A returned workbook: recorded whole, or refused with every wrong cell listed."""

    template_name = "inquiries/answer_import.html"
    form_class = WorkbookUploadForm
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(inquiry=self.inquiry, **kwargs)

    def form_valid(self, form):
        try:
            answer = services.answer_import_workbook(
                inquiry=self.inquiry, actor=self.request.user, data=form.cleaned_data["file"].read()
            )
        except services.WorkbookRefused as refused:
            return self.render_to_response(self.get_context_data(form=form, errors=refused.errors))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)sの回答を取り込みました。") % {"name": answer.municipality.name})
        return redirect(reverse("inquiries:inquiry-detail", kwargs={"pk": self.inquiry.pk}) + "#answers")


class DxStatusApplyView(RecordsCouncil, InquiryMixin, FormView):
    """A choice question's answers into the DX matrix, in one reviewed step: the form, then a preview of every cell
    that would change, then the confirmation, which applies exactly what the preview showed or nothing."""

    template_name = "inquiries/dx_apply.html"
    form_class = DxApplyForm

    @cached_property
    def question(self):
        found = next((q for q in self.inquiry.questions.all() if q.pk == self.kwargs["question"]), None)
        if found is None or found.kind != Question.Kind.CHOICE:
            raise Http404
        return found

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "question": self.question}

    def get_context_data(self, **kwargs):
        return super().get_context_data(inquiry=self.inquiry, question=self.question, **kwargs)

    def form_valid(self, form):
        arguments = {
            "inquiry": self.inquiry, "question": self.question, "focus_area": form.cleaned_data["focus_area"],
            "mapping": form.mapping(),
        }
        expected = form.cleaned_data["expected"]
        if expected is None or "confirm" not in self.request.POST:
            changes = dx_status_changes(**arguments)
            data = form.data.copy()
            data["expected"] = json.dumps({change.municipality.pk: [change.version, change.status] for change in changes})
            preview = self.get_form_class()(data=data, question=self.question)
            preview.is_valid()
            return self.render_to_response(self.get_context_data(
                form=preview, changes=changes, area_label=MunicipalDxStatus.FocusArea(arguments["focus_area"]).label
            ))
        try:
            count = services.dx_status_apply(
                actor=self.request.user, as_of=form.cleaned_data["as_of"], expected=expected, **arguments
            )
        except (ValidationError, StaleVersionError) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("自治体DXの対応状況を%(count)s件更新しました。") % {"count": count})
        return redirect(reverse("governance:dx-matrix"))
