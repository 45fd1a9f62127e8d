"""Portfolio pages, mounted at /portfolio/."""

from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.PortfolioView.as_view(), name="index"),
    path("export.csv", views.PortfolioExportView.as_view(), {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.PortfolioExportView.as_view(), {"fmt": "xlsx"}, name="export-xlsx"),
]
