"""REST endpoints of the kpis app, mounted under /api/v1/."""

from django.urls import path

from . import catalog, views

app_name = "kpis_api"
urlpatterns = [
    path("catalog/", catalog.CatalogView.as_view(), name="catalog"),
    path("kpis/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("kpis/observations.schema.json", views.ObservationSchemaView.as_view(), name="observation-schema"),
    path("kpis/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("kpis/<slug:code>/observations/", views.ObservationListView.as_view(), name="observation-list"),
]
