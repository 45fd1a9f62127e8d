"""REST endpoints of the projects app, mounted under /api/v1/."""

urlpatterns = []
