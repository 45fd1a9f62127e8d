"""Portfolio pages, mounted at /portfolio/."""

from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
]
