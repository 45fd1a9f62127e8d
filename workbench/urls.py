from django.urls import path

from . import views

app_name = "workbench"
urlpatterns = [
    path("my/", views.MyWorkView.as_view(), name="my-work"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/settings/", views.NotificationSettingsView.as_view(), name="notification-settings"),
    path("notifications/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]
