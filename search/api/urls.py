"""The search endpoint, mounted under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [path("search/", views.SearchView.as_view(), name="search-api")]
