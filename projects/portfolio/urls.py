"""Portfolio pages, mounted at /portfolio/."""

app_name = "portfolio"
urlpatterns = []
