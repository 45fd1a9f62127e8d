"""Web pages of the governance app, mounted at /governance/."""

from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("committee/", views.committee_meeting_list_view, name="committee-meetings"),
    path("committee/new/", views.committee_meeting_create, name="committee-meeting-create"),
    path("committee/<int:number>/", views.committee_meeting_detail, name="committee-meeting"),
    path("committee/<int:number>/edit/", views.committee_meeting_edit, name="committee-meeting-edit"),
    path("decisions/", views.decision_list_view, name="decisions"),
    path("decisions/new/", views.decision_create, name="decision-create"),
    path("decisions/<slug:reference>/", views.decision_detail, name="decision"),
    path("decisions/<slug:reference>/edit/", views.decision_edit, name="decision-edit"),
    path("decisions/<slug:reference>/action-items/new/", views.action_item_create, name="action-item-create"),
    path("action-items/", views.action_item_list_view, name="action-items"),
    path("action-items/<int:pk>/", views.action_item_detail, name="action-item"),
    path("council/", views.council_meeting_list_view, name="council-meetings"),
    path("council/new/", views.council_meeting_create, name="council-meeting-create"),
    path("council/<int:pk>/", views.council_meeting_detail, name="council-meeting"),
    path("council/<int:pk>/edit/", views.council_meeting_edit, name="council-meeting-edit"),
    path("municipalities/", views.municipality_list, name="municipalities"),
    path("dx-status/", views.dx_matrix_view, name="dx-matrix"),
    path("dx-status/export.<str:fmt>", views.dx_matrix_export, name="dx-matrix-export"),
    path("dx-status/<str:code>/<str:area>/", views.dx_status_cell, name="dx-status-cell"),
]
