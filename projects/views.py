"""Project pages: lists, the project page, and the forms that file reports, issues, findings and milestones."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from dx_portal.editing import ServiceButtonView, ServiceFormView
from dx_portal.pagination import FilteredListView, paginate
from organisation.permissions import (
    may_approve_division_reports,
    may_change_division_record,
    may_record_governance,
    may_view_history,
    may_write_findings,
)

from . import forms, selectors, services
from .filtersets import ProjectListFilterSet
from .models import GATES, Finding, GateReview, Milestone, ProjectIssue, StatusReport
from .reminders import reminders_for_project

LIST_PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50
FINDING_RESPONSE_DAYS = 14


class ProjectListView(LoginRequiredMixin, FilteredListView):
    """Every project the user may see, searchable, filterable and sortable."""

    template_name = "projects/project_list.html"
    filterset_class = ProjectListFilterSet
    paginate_by = LIST_PAGE_SIZE
    heading = _("案件一覧")
    empty_message = _("表示できる案件はありません。")

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.heading, empty_message=self.empty_message, **kwargs)
        today = timezone.localdate()
        for project in context["page_obj"]:
            project.state = project.report_state(today)
        return context


class MyProjectsView(ProjectListView):
    """The projects of the user's divisions, the next report due first: the staff's start page."""

    heading = _("担当案件")
    empty_message = _("所属する課室の案件はありません。")

    def get_queryset(self):
        return selectors.my_projects(user=self.request.user).order_by(F("report_due_on").asc(nulls_last=True), "code")


class ProjectDetailView(LoginRequiredMixin, TemplateView):
    template_name = "projects/project_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        project = selectors.project_get(user=user, code=kwargs["code"])
        today = timezone.localdate()
        return super().get_context_data(
            project=project,
            page=selectors.project_page(project=project),
            report_state=project.report_state(today),
            today=today,
            may_change=may_change_division_record(user, division_id=project.division_id),
            may_write_findings=may_write_findings(user),
            may_propose=may_record_governance(user),
            may_approve=may_approve_division_reports(user, division_id=project.division_id),
            may_view_history=may_view_history(user),
            watching=selectors.is_watching(user=user, project=project),
            reminders=reminders_for_project(project),
            **kwargs,
        )


class ProjectHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "projects/project_history.html"

    def get_context_data(self, **kwargs):
        project = selectors.project_get(user=self.request.user, code=kwargs["code"])
        if not may_view_history(self.request.user):
            raise PermissionDenied
        context = super().get_context_data(project=project, **kwargs)
        context.update(paginate(self.request, selectors.project_history(project=project), HISTORY_PAGE_SIZE))
        return context


class ProjectFormView(ServiceFormView):
    """A form about one project: 404 for a project the user may not see, 403 without the right to this form;
    the form's values go to ``service`` with the record (``record_keyword=``) and the actor; on success, back to
    the project page."""

    template_name = "projects/record_form.html"
    heading = ""
    submit_label = _("保存する")
    anchor = ""
    service = None
    record_keyword = "project"

    def may(self, user) -> bool:
        return may_change_division_record(user, division_id=self.project.division_id)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = selectors.project_get(user=request.user, code=kwargs["code"])
        if not self.may(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, heading=self.heading, submit_label=self.submit_label, **kwargs)

    def service_target(self):
        return self.instance

    def perform(self, form):
        arguments = {self.record_keyword: self.service_target(), "actor": self.request.user}
        return self.service(**arguments, **form.service_arguments())

    def get_success_url(self):
        return reverse("projects:project-detail", args=[self.project.code]) + (f"#{self.anchor}" if self.anchor else "")


class ProjectRecordCreateView(ProjectFormView):
    """A new record of ``model`` on the project, made by ``service(project=…)``."""

    model = None

    def get_instance(self):
        return self.model(project=self.project)

    def service_target(self):
        return self.project


class ProjectRecordUpdateView(ProjectFormView):
    """One of the project's ``records`` (by ``pk``), changed by ``service(<record_keyword>=…)``."""

    records = ""

    def get_records(self):
        return getattr(self.project, self.records)

    def get_instance(self):
        return get_object_or_404(self.get_records(), pk=self.kwargs["pk"])


class ReportCreateView(ProjectRecordCreateView):
    form_class = forms.StatusReportForm
    model = StatusReport
    service = staticmethod(services.status_report_submit)
    heading = _("進捗報告の登録")
    submit_label = _("報告する")
    success_message = _("進捗報告を登録しました。")
    anchor = "reports"

    def get_initial(self):
        # A monthly update changes a few values: start from the previous report, dated today.
        previous = self.project.latest_report
        initial = {name: getattr(previous, name) for name in forms.StatusReportForm._meta.fields} if previous else {}
        return {**initial, "as_of": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(previous_report=self.project.latest_report, **kwargs)


class StatusReportFormView(ProjectRecordUpdateView):
    """A form about one of the project's status reports, the report shown above it."""

    records = "status_reports"
    record_keyword = "report"
    anchor = "reports"

    def get_records(self):
        return super().get_records().select_related("submitted_by", "reviewed_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(reviewed_report=self.instance, **kwargs)


class ReportReviewView(StatusReportFormView):
    form_class = forms.StatusReportReviewForm
    service = staticmethod(services.status_report_review)
    heading = _("進捗報告のPMO評価")
    submit_label = _("評価を登録する")
    success_message = _("PMO評価を登録しました。")

    def may(self, user):
        return may_write_findings(user)


class IssueCreateView(ProjectRecordCreateView):
    form_class = forms.IssueForm
    model = ProjectIssue
    service = staticmethod(services.issue_raise)
    heading = _("課題・リスクの登録")
    submit_label = _("登録する")
    success_message = _("課題・リスクを登録しました。")
    anchor = "issues"

    def get_initial(self):
        return {"raised_on": timezone.localdate()}


class IssueUpdateView(ProjectRecordUpdateView):
    form_class = forms.IssueForm
    records = "issues"
    service = staticmethod(services.issue_update)
    record_keyword = "issue"
    heading = _("課題・リスクの更新")
    success_message = _("課題・リスクを更新しました。")
    anchor = "issues"


class FindingCreateView(ProjectRecordCreateView):
    form_class = forms.FindingForm
    model = Finding
    service = staticmethod(services.finding_write)
    heading = _("助言・指摘の記載")
    submit_label = _("所管所属へ送る")
    success_message = _("助言・指摘を記載しました。")
    anchor = "findings"

    def may(self, user):
        return may_write_findings(user)

    def get_initial(self):
        return {"response_due_on": timezone.localdate() + datetime.timedelta(days=FINDING_RESPONSE_DAYS)}


class FindingAnswerView(ProjectRecordUpdateView):
    form_class = forms.FindingAnswerForm
    records = "findings"
    service = staticmethod(services.finding_answer)
    record_keyword = "finding"
    heading = _("助言・指摘への回答")
    submit_label = _("回答する")
    success_message = _("回答を登録しました。")
    anchor = "findings"

    def get_context_data(self, **kwargs):
        return super().get_context_data(answered_finding=self.instance, **kwargs)


class MilestoneCreateView(ProjectRecordCreateView):
    form_class = forms.MilestoneForm
    model = Milestone
    service = staticmethod(services.milestone_create)
    heading = _("マイルストーンの追加")
    submit_label = _("追加する")
    success_message = _("マイルストーンを追加しました。")
    anchor = "milestones"


class MilestoneUpdateView(ProjectRecordUpdateView):
    form_class = forms.MilestoneForm
    records = "milestones"
    service = staticmethod(services.milestone_update)
    record_keyword = "milestone"
    heading = _("マイルストーンの更新")
    success_message = _("マイルストーンを更新しました。")
    anchor = "milestones"


class GateReviewCreateView(ProjectRecordCreateView):
    form_class = forms.GateReviewForm
    model = GateReview
    service = staticmethod(services.gate_review_record)
    heading = _("ゲートレビューの記録")
    submit_label = _("記録する")
    success_message = _("ゲートレビューを記録しました。")
    anchor = "gates"

    def may(self, user):
        return may_write_findings(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.project}

    def get_initial(self):
        # The gate ahead of the project's current phase, reviewed today.
        following = dict(GATES)
        initial = {"reviewed_on": timezone.localdate()}
        if self.project.phase in following:
            initial.update(from_phase=self.project.phase, to_phase=following[self.project.phase])
        return initial


class ProjectUpdateView(ProjectFormView):
    form_class = forms.ProjectForm
    service = staticmethod(services.project_update)
    heading = _("案件情報の更新")
    success_message = _("案件情報を更新しました。")

    def get_instance(self):
        return self.project


class FindingCloseView(ServiceButtonView):
    """PMO closes a finding from the project page (a button, no form page)."""

    form_class = forms.FindingCloseForm
    success_message = _("助言・指摘を完了にしました。")

    def prepare(self):
        project = selectors.project_get(user=self.request.user, code=self.kwargs["code"])
        if not may_write_findings(self.request.user):
            raise PermissionDenied
        self.finding = get_object_or_404(project.findings, pk=self.kwargs["pk"])

    def perform(self, form):
        services.finding_close(finding=self.finding, actor=self.request.user, expected_version=form.cleaned_data["version"])

    def get_success_url(self):
        return reverse("projects:project-detail", args=[self.kwargs["code"]]) + "#findings"


class ProjectWatchView(LoginRequiredMixin, View):
    """Watch (or stop watching) a project from its page: anyone who may see it may follow its health."""

    http_method_names = ["post"]
    watch = True

    def post(self, request, code):
        project = selectors.project_get(user=request.user, code=code)
        if self.watch:
            services.project_watch(project=project, actor=request.user)
            messages.success(request, _("この案件をウォッチしています。健全度が変わると通知が届きます。"))
        else:
            services.project_unwatch(project=project, actor=request.user)
            messages.success(request, _("この案件のウォッチをやめました。"))
        return redirect("projects:project-detail", code=project.code)
