"""Portfolio endpoints, mounted under /api/v1/portfolio/."""

from django.urls import path

from .api import PortfolioSummaryView

urlpatterns = [
    path("summary/", PortfolioSummaryView.as_view(), name="portfolio-summary"),
]
