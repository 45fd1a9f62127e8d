"""Pages of a status report's lifecycle after it is filed: amend, withdraw, and the division manager's approval.

Each is a status report form page (``views.StatusReportFormView``) whose write is one service call.
"""

from django.utils.translation import gettext_lazy as _

from organisation.permissions import may_approve_division_reports

from . import report_forms, services
from .views import StatusReportFormView


class ReportAmendView(StatusReportFormView):
    form_class = report_forms.StatusReportAmendForm
    service = staticmethod(services.status_report_amend)
    heading = _("進捗報告の修正")
    submit_label = _("修正する")
    success_message = _("進捗報告を修正しました。修正前の内容は変更履歴に残ります。")


class ReportWithdrawView(StatusReportFormView):
    form_class = report_forms.StatusReportWithdrawForm
    service = staticmethod(services.status_report_withdraw)
    heading = _("進捗報告の取下げ")
    submit_label = _("取り下げる")
    success_message = _("進捗報告を取り下げました。")


class ReportApprovalView(StatusReportFormView):
    form_class = report_forms.StatusReportApprovalForm
    heading = _("進捗報告の承認")
    submit_label = _("決定する")
    success_message = _("承認・差戻しを登録しました。")

    def may(self, user) -> bool:
        return may_approve_division_reports(user, division_id=self.project.division_id)

    def perform(self, form):
        arguments = form.service_arguments()
        service = services.status_report_approve if arguments.pop("decision") == "approve" else services.status_report_return
        return service(report=self.instance, actor=self.request.user, **arguments)
