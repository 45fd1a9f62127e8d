"""REST endpoints of the kpis app, mounted under /api/v1/."""

urlpatterns = []
