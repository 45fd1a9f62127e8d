"""Web pages of the governance app, mounted at /governance/."""

from django.urls import path

from . import disclosure_views, forwarding_views, views

app_name = "governance"
urlpatterns = [
    path("", views.GovernanceHomeView.as_view(), name="governance-home"),
    path("committee/", views.CommitteeMeetingListView.as_view(), name="committee-meeting-list"),
    path("committee/new/", views.CommitteeMeetingCreateView.as_view(), name="committee-meeting-create"),
    path("committee/<int:number>/", views.CommitteeMeetingDetailView.as_view(), name="committee-meeting-detail"),
    path(
        "committee/<int:number>/disclosure.<str:fmt>", disclosure_views.CommitteeMeetingDisclosureView.as_view(),
        name="committee-meeting-disclosure",
    ),
    path("committee/<int:number>/edit/", views.CommitteeMeetingUpdateView.as_view(), name="committee-meeting-update"),
    path("committee/<int:number>/pack/", views.CommitteePackView.as_view(), name="committee-pack-detail"),
    path("committee/<int:number>/pack.pdf", views.CommitteePackPdfView.as_view(), name="committee-pack-pdf"),
    path("committee/<int:number>/pack.xlsx", views.CommitteePackXlsxView.as_view(), name="committee-pack-xlsx"),
    path("committee/<int:number>/pack/issue/", views.CommitteePackIssueView.as_view(), name="committee-pack-issue"),
    path(
        "committee/<int:number>/pack/v<int:sequence>.<str:fmt>",
        views.CommitteeIssuedPackView.as_view(),
        name="committee-pack-issued",
    ),
    path(
        "committee/<int:number>/agenda/proposals/<int:pk>/add/",
        views.AgendaProposalScheduleView.as_view(),
        name="agenda-proposal-schedule",
    ),
    path(
        "agenda/propose/<str:source>/<int:pk>/", views.AgendaProposalCreateView.as_view(), name="agenda-proposal-create"
    ),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path(
        "decisions/<slug:reference>/disclosure.<str:fmt>", disclosure_views.DecisionDisclosureView.as_view(),
        name="decision-disclosure",
    ),
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
    path(
        "council/<int:pk>/disclosure.<str:fmt>", disclosure_views.CouncilMeetingDisclosureView.as_view(),
        name="council-meeting-disclosure",
    ),
    path("council/<int:pk>/edit/", views.CouncilMeetingUpdateView.as_view(), name="council-meeting-update"),
    path("council/<int:pk>/pack/", views.CouncilPackView.as_view(), name="council-pack-detail"),
    path("council/<int:pk>/pack.pdf", views.CouncilPackPdfView.as_view(), name="council-pack-pdf"),
    path("council/<int:pk>/pack.xlsx", views.CouncilPackXlsxView.as_view(), name="council-pack-xlsx"),
    path("council/<int:pk>/pack/issue/", views.CouncilPackIssueView.as_view(), name="council-pack-issue"),
    path("council/<int:pk>/pack/v<int:sequence>.<str:fmt>", views.CouncilIssuedPackView.as_view(), name="council-pack-issued"),
    path("council/<int:pk>/forward/", forwarding_views.ForwardFromCouncilView.as_view(), name="council-item-forward"),
    path(
        "committee/<int:number>/agenda/<int:order>/forward/", forwarding_views.ForwardFromCommitteeView.as_view(),
        name="agenda-item-forward",
    ),
    path("forwarded/<int:pk>/", forwarding_views.ForwardedItemOutcomeView.as_view(), name="forwarded-item-update"),
    path("municipalities/", views.MunicipalityListView.as_view(), name="municipality-list"),
    path(
        "municipalities/<str:code>/contact/", views.MunicipalityContactView.as_view(), name="municipality-contact-update"
    ),
    path("dx-status/", views.DxMatrixView.as_view(), name="dx-matrix"),
    path("dx-status/export.<str:fmt>", views.DxMatrixExportView.as_view(), name="dx-matrix-export"),
    path("dx-status/<str:code>/<str:area>/", views.DxStatusCellView.as_view(), name="dx-status-update"),
]
