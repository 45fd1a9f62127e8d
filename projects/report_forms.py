"""Forms of a status report's lifecycle after it is filed: amend, withdraw, and the division manager's approval."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dx_portal.forms import DateInput, VersionedForm

from .models import StatusReport


class StatusReportAmendForm(VersionedForm):
    """The report's own fields, and why they change (kept with the earlier version in the history)."""

    reason = forms.CharField(label=_("修正の理由"), widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = StatusReport
        fields = ["as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
                  "actual_progress", "summary", "next_steps"]
        widgets = {"as_of": DateInput}


class StatusReportWithdrawForm(VersionedForm):
    reason = forms.CharField(label=_("取下げの理由"), widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = StatusReport
        fields = []


class StatusReportApprovalForm(VersionedForm):
    """The 所属長's decision: approve (the report is submitted) or return it with a comment."""

    decision = forms.ChoiceField(
        label=_("判断"),
        choices=[("approve", _("承認する")), ("return", _("差し戻す"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("コメント"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("差し戻すときは、直してほしい点を書いてください。"),
    )

    class Meta:
        model = StatusReport
        fields = []
