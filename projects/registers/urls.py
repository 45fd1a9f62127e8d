"""Register pages, mounted at /registers/."""

from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("risks/", views.RiskRegisterView.as_view(), name="risk-list"),
    path("risks/export.csv", views.RiskRegisterExportView.as_view(), {"fmt": "csv"}, name="risk-export-csv"),
    path("risks/export.xlsx", views.RiskRegisterExportView.as_view(), {"fmt": "xlsx"}, name="risk-export-xlsx"),
    path("findings/", views.FindingRegisterView.as_view(), name="finding-list"),
    path("findings/export.csv", views.FindingRegisterExportView.as_view(), {"fmt": "csv"}, name="finding-export-csv"),
    path("findings/export.xlsx", views.FindingRegisterExportView.as_view(), {"fmt": "xlsx"}, name="finding-export-xlsx"),
]
