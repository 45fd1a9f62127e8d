"""Register endpoints, mounted under /api/v1/registers/."""

from django.urls import path

from .api import FindingRegisterListView, RiskRegisterListView

urlpatterns = [
    path("risks/", RiskRegisterListView.as_view(), name="registers-api-risks"),
    path("findings/", FindingRegisterListView.as_view(), name="registers-api-findings"),
]
