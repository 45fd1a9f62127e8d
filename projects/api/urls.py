"""REST endpoints of the projects app, mounted under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.ProjectListView.as_view(), name="projects-api-list"),
    path("projects/<slug:code>/", views.ProjectDetailView.as_view(), name="projects-api-detail"),
    path("projects/<slug:code>/status-reports/", views.StatusReportListView.as_view(), name="projects-api-status-reports"),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/",
        views.StatusReportDetailView.as_view(),
        name="projects-api-status-report",
    ),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/review/",
        views.StatusReportReviewView.as_view(),
        name="projects-api-status-report-review",
    ),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/amend/",
        views.StatusReportAmendView.as_view(),
        name="projects-api-status-report-amend",
    ),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/withdraw/",
        views.StatusReportWithdrawView.as_view(),
        name="projects-api-status-report-withdraw",
    ),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/approve/",
        views.StatusReportApproveView.as_view(),
        name="projects-api-status-report-approve",
    ),
    path(
        "projects/<slug:code>/status-reports/<int:pk>/return/",
        views.StatusReportReturnView.as_view(),
        name="projects-api-status-report-return",
    ),
    path("projects/<slug:code>/milestones/", views.MilestoneListView.as_view(), name="projects-api-milestones"),
    path("projects/<slug:code>/milestones/<int:pk>/", views.MilestoneDetailView.as_view(), name="projects-api-milestone"),
    path("plan/", views.PlanTreeView.as_view(), name="plan-api-tree"),
    path("gate-reviews/", views.GateReviewListView.as_view(), name="gate-reviews-api-list"),
    path(
        "projects/<slug:code>/gate-reviews/", views.ProjectGateReviewListView.as_view(), name="projects-api-gate-reviews"
    ),
    path("projects/<slug:code>/issues/", views.ProjectIssueListView.as_view(), name="projects-api-issues"),
    path("projects/<slug:code>/issues/<int:pk>/", views.ProjectIssueDetailView.as_view(), name="projects-api-issue"),
    path("projects/<slug:code>/findings/", views.FindingListView.as_view(), name="projects-api-findings"),
    path("projects/<slug:code>/findings/<int:pk>/", views.FindingDetailView.as_view(), name="projects-api-finding"),
    path(
        "projects/<slug:code>/findings/<int:pk>/answer/", views.FindingAnswerView.as_view(), name="projects-api-finding-answer"
    ),
    path("projects/<slug:code>/findings/<int:pk>/close/", views.FindingCloseView.as_view(), name="projects-api-finding-close"),
]
