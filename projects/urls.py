"""Web pages of the projects app, mounted at /projects/."""

from django.urls import path

from . import report_views, views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("mine/", views.MyProjectsView.as_view(), name="my-project-list"),
    path("<slug:code>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("<slug:code>/edit/", views.ProjectUpdateView.as_view(), name="project-update"),
    path("<slug:code>/watch/", views.ProjectWatchView.as_view(), name="project-watch"),
    path("<slug:code>/unwatch/", views.ProjectWatchView.as_view(watch=False), name="project-unwatch"),
    path("<slug:code>/history/", views.ProjectHistoryView.as_view(), name="project-history"),
    path("<slug:code>/reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("<slug:code>/reports/<int:pk>/review/", views.ReportReviewView.as_view(), name="report-review"),
    path("<slug:code>/reports/<int:pk>/amend/", report_views.ReportAmendView.as_view(), name="report-amend"),
    path("<slug:code>/reports/<int:pk>/withdraw/", report_views.ReportWithdrawView.as_view(), name="report-withdraw"),
    path("<slug:code>/reports/<int:pk>/approval/", report_views.ReportApprovalView.as_view(), name="report-approval"),
    path("<slug:code>/issues/new/", views.IssueCreateView.as_view(), name="issue-create"),
    path("<slug:code>/issues/<int:pk>/edit/", views.IssueUpdateView.as_view(), name="issue-update"),
    path("<slug:code>/findings/new/", views.FindingCreateView.as_view(), name="finding-create"),
    path("<slug:code>/findings/<int:pk>/answer/", views.FindingAnswerView.as_view(), name="finding-answer"),
    path("<slug:code>/findings/<int:pk>/close/", views.FindingCloseView.as_view(), name="finding-close"),
    path("<slug:code>/gate-reviews/new/", views.GateReviewCreateView.as_view(), name="gate-review-create"),
    path("<slug:code>/milestones/new/", views.MilestoneCreateView.as_view(), name="milestone-create"),
    path("<slug:code>/milestones/<int:pk>/edit/", views.MilestoneUpdateView.as_view(), name="milestone-update"),
]
