"""Web pages of the kpis app, mounted at /kpis/."""

from django.urls import path

from . import views

app_name = "kpis"
urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="indicator-list"),
    path("table.<str:fmt>", views.HandoutExportView.as_view(), name="handout-export"),
    path("import/", views.ObservationImportView.as_view(), name="observation-import"),
    path("<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("<slug:code>/observations/new/", views.ObservationFormView.as_view(), name="observation-create"),
    path("<slug:code>/observations/<int:pk>/edit/", views.ObservationFormView.as_view(), name="observation-update"),
]
