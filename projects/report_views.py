"""Pages of a status report's lifecycle after it is filed: amend, withdraw, and the division manager's approval.

Each is a project form page (``views.ProjectFormView``) whose write is one service call.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from organisation.permissions import may_approve_division_reports

from . import report_forms, services
from .views import ProjectFormView


class ReportFormView(ProjectFormView):
    anchor = "reports"

    def get_instance(self):
        return get_object_or_404(self.project.status_reports.select_related("submitted_by"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(reviewed_report=self.instance, **kwargs)

    def arguments(self, form) -> dict:
        return {"report": self.instance, "actor": self.request.user, **form.service_arguments()}


class ReportAmendView(ReportFormView):
    form_class = report_forms.StatusReportAmendForm
    heading = _("進捗報告の修正")
    submit_label = _("修正する")
    success_message = _("進捗報告を修正しました。修正前の内容は変更履歴に残ります。")

    def perform(self, form):
        return services.status_report_amend(**self.arguments(form))


class ReportWithdrawView(ReportFormView):
    form_class = report_forms.StatusReportWithdrawForm
    heading = _("進捗報告の取下げ")
    submit_label = _("取り下げる")
    success_message = _("進捗報告を取り下げました。")

    def perform(self, form):
        return services.status_report_withdraw(**self.arguments(form))


class ReportApprovalView(ReportFormView):
    form_class = report_forms.StatusReportApprovalForm
    heading = _("進捗報告の承認")
    submit_label = _("決定する")
    success_message = _("承認・差戻しを登録しました。")

    def may(self, user) -> bool:
        return may_approve_division_reports(user, division_id=self.project.division_id)

    def perform(self, form):
        arguments = self.arguments(form)
        if arguments.pop("decision") == "approve":
            return services.status_report_approve(**arguments)
        return services.status_report_return(**arguments)
