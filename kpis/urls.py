"""Web pages of the kpis app."""

from django.urls import path  # noqa: F401

app_name = "kpis"
urlpatterns = []
