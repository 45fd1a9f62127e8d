from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/import/", views.PeopleImportView.as_view(), name="people-import"),
    path("people/transfers/", views.TransferListView.as_view(), name="transfer-list"),
    path("people/transfers/new/", views.TransferCreateView.as_view(), name="transfer-create"),
    path("people/transfers/import/", views.TransferImportView.as_view(), name="transfer-import"),
    path("people/transfers/<int:pk>/edit/", views.TransferUpdateView.as_view(), name="transfer-update"),
    path("people/handover/", views.HandoverListView.as_view(), name="handover-list"),
    path("people/handover/<int:pk>/", views.HandoverDetailView.as_view(), name="handover-detail"),
    path("people/<str:username>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<str:username>/edit/", views.PersonUpdateView.as_view(), name="person-edit"),
    path("people/<str:username>/deactivate/", views.PersonDeactivateView.as_view(), name="person-deactivate"),
    path("people/<str:username>/reactivate/", views.PersonReactivateView.as_view(), name="person-reactivate"),
    path(
        "people/<str:username>/division-memberships/new/",
        views.MembershipCreateView.as_view(),
        {"kind": "division"},
        name="division-membership-create",
    ),
    path(
        "people/<str:username>/division-memberships/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        {"kind": "division"},
        name="division-membership-remove",
    ),
    path(
        "people/<str:username>/bureau-memberships/new/",
        views.MembershipCreateView.as_view(),
        {"kind": "bureau"},
        name="bureau-membership-create",
    ),
    path(
        "people/<str:username>/bureau-memberships/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        {"kind": "bureau"},
        name="bureau-membership-remove",
    ),
    path("people/<str:username>/tokens/new/", views.TokenIssueView.as_view(), name="token-issue"),
    path("people/<str:username>/tokens/<str:key>/revoke/", views.TokenRevokeView.as_view(), name="token-revoke"),
    path("audit/", views.AuditLogView.as_view(), name="audit-log"),
    path("audit/export.csv", views.AuditLogView.as_view(), {"fmt": "csv"}, name="audit-log-csv"),
]
