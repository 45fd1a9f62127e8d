"""REST endpoints of the governance app, mounted under /api/v1/."""

urlpatterns = []
