"""Forms of the project pages: fields and their validation come from the models; the writes go through services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dx_portal.forms import DateInput, ServiceForm, VersionedForm

from .models import GATES, Finding, GateReview, Milestone, Project, ProjectIssue, StatusReport

YEN_HELP = _("円単位の整数で入力してください。")


class ProjectForm(VersionedForm):
    class Meta:
        model = Project
        fields = ["name", "name_en", "phase", "planned_start", "planned_end", "budget_yen", "actual_cost_yen", "cadence",
                  "grace_days", "description"]
        widgets = {"planned_start": DateInput, "planned_end": DateInput}
        help_texts = {"budget_yen": YEN_HELP, "actual_cost_yen": YEN_HELP}


class StatusReportForm(ServiceForm):
    class Meta:
        model = StatusReport
        fields = ["as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
                  "actual_progress", "summary", "next_steps"]
        widgets = {"as_of": DateInput}
        help_texts = {
            "as_of": _("この日時点の状況を報告します。"),
            "health": _("スケジュール・コスト・スコープ・品質を踏まえた全体の評価です。"),
            "planned_progress": _("0〜100の整数で入力してください。"),
            "actual_progress": _("0〜100の整数で入力してください。"),
        }


class StatusReportReviewForm(VersionedForm):
    required_fields = ("pmo_health",)

    class Meta:
        model = StatusReport
        fields = ["pmo_health", "pmo_comment"]
        help_texts = {"pmo_health": _("所管所属の自己評価とは別に、PMOとしての評価を選んでください。")}


class IssueForm(VersionedForm):
    class Meta:
        model = ProjectIssue
        fields = ["kind", "title", "description", "severity", "status", "owner", "due_on", "raised_on", "resolved_on",
                  "likelihood", "impact"]
        widgets = {"due_on": DateInput, "raised_on": DateInput, "resolved_on": DateInput}
        help_texts = {
            "resolved_on": _("状態を「解決済」にすると、空欄なら今日の日付が入ります。"),
            "likelihood": _("リスクの場合に入力します。"),
            "impact": _("リスクの場合に入力します。"),
        }


class FindingForm(ServiceForm):
    class Meta:
        model = Finding
        fields = ["category", "title", "body", "severity", "response_due_on"]
        widgets = {"response_due_on": DateInput}


class FindingAnswerForm(VersionedForm):
    required_fields = ("response",)

    class Meta:
        model = Finding
        fields = ["response"]


class MilestoneForm(VersionedForm):
    class Meta:
        model = Milestone
        fields = ["name", "planned_on", "forecast_on", "actual_on"]
        widgets = {"planned_on": DateInput, "forecast_on": DateInput, "actual_on": DateInput}
        help_texts = {"forecast_on": _("計画日からずれる見込みのときに入力します。"), "actual_on": _("達成した日を入力します。")}


class FindingCloseForm(forms.Form):
    """The close button's form: only the version the page showed."""

    version = forms.IntegerField(min_value=1)


class GateReviewForm(ServiceForm):
    """A gate review: the gate, the outcome, and the project's findings that are its conditions."""

    class Meta:
        model = GateReview
        fields = ["from_phase", "to_phase", "outcome", "reviewed_on", "summary", "conditions", "decision"]
        widgets = {"reviewed_on": DateInput, "conditions": forms.CheckboxSelectMultiple}
        help_texts = {
            "conditions": _("条件付き通過の場合に、条件とする助言・指摘を選びます。"),
            "decision": _("ステアリング・コミッティの決定を経た場合に選びます。"),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        gate_phases = {phase for gate in GATES for phase in gate}
        for name in ("from_phase", "to_phase"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] in gate_phases]
        self.fields["conditions"].queryset = project.findings.order_by("status", "response_due_on", "pk")
        self.fields["decision"].queryset = self.fields["decision"].queryset.select_related("meeting").order_by(
            "-meeting__held_on", "sequence"
        )
