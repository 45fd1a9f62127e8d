"""REST endpoints of the kpis app, mounted under /api/v1/."""

from django.urls import path

from . import catalog, views

app_name = "kpis_api"
urlpatterns = [
    path("catalog/", catalog.CatalogView.as_view(), name="catalog"),
    path("kpis/", views.IndicatorListView.as_view(), name="indicator-list"),
    # Before kpis/<code>/: "table" is no indicator's code.
    path("kpis/table/", views.HandoutTableView.as_view(), name="handout-table"),
    path("kpis/observations.schema.json", views.ObservationSchemaView.as_view(), name="observation-schema"),
    path("kpis/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("kpis/<slug:code>/observations/", views.ObservationListView.as_view(), name="observation-list"),
]
