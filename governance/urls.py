"""Web pages of the governance app, mounted at /governance/."""

from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.GovernanceHomeView.as_view(), name="governance-home"),
    path("committee/", views.CommitteeMeetingListView.as_view(), name="committee-meeting-list"),
    path("committee/new/", views.CommitteeMeetingCreateView.as_view(), name="committee-meeting-create"),
    path("committee/<int:number>/", views.CommitteeMeetingDetailView.as_view(), name="committee-meeting-detail"),
    path("committee/<int:number>/edit/", views.CommitteeMeetingUpdateView.as_view(), name="committee-meeting-update"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/<slug:reference>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("decisions/<slug:reference>/edit/", views.DecisionUpdateView.as_view(), name="decision-update"),
    path(
        "decisions/<slug:reference>/action-items/new/", views.ActionItemCreateView.as_view(), name="action-item-create"
    ),
    path("action-items/", views.ActionItemListView.as_view(), name="action-item-list"),
    path("action-items/<int:pk>/", views.ActionItemDetailView.as_view(), name="action-item-detail"),
    path("council/", views.CouncilMeetingListView.as_view(), name="council-meeting-list"),
    path("council/new/", views.CouncilMeetingCreateView.as_view(), name="council-meeting-create"),
    path("council/<int:pk>/", views.CouncilMeetingDetailView.as_view(), name="council-meeting-detail"),
    path("council/<int:pk>/edit/", views.CouncilMeetingUpdateView.as_view(), name="council-meeting-update"),
    path("municipalities/", views.MunicipalityListView.as_view(), name="municipality-list"),
    path("dx-status/", views.DxMatrixView.as_view(), name="dx-matrix"),
    path("dx-status/export.<str:fmt>", views.DxMatrixExportView.as_view(), name="dx-matrix-export"),
    path("dx-status/<str:code>/<str:area>/", views.DxStatusCellView.as_view(), name="dx-status-update"),
]
