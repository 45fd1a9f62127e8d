"""Portfolio endpoints, mounted under /api/v1/portfolio/."""

urlpatterns = []
