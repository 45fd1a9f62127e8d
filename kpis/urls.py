"""Web pages of the kpis app, mounted at /kpis/."""

from django.urls import path

from . import views

app_name = "kpis"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.observation_import, name="import"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/observations/new/", views.observation_create, name="observation-create"),
    path("<slug:code>/observations/<int:pk>/edit/", views.observation_edit, name="observation-edit"),
]
