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
    path("projects/<slug:code>/issues/", views.ProjectIssueListView.as_view(), name="projects-api-issues"),
    path("projects/<slug:code>/issues/<int:pk>/", views.ProjectIssueDetailView.as_view(), name="projects-api-issue"),
    path("projects/<slug:code>/findings/", views.FindingListView.as_view(), name="projects-api-findings"),
    path("projects/<slug:code>/findings/<int:pk>/", views.FindingDetailView.as_view(), name="projects-api-finding"),
    path(
        "projects/<slug:code>/findings/<int:pk>/answer/", views.FindingAnswerView.as_view(), name="projects-api-finding-answer"
    ),
    path("projects/<slug:code>/findings/<int:pk>/close/", views.FindingCloseView.as_view(), name="projects-api-finding-close"),
]
