from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import views
from .api.views import ApiDocsView
from .attachment_views import AttachmentCreateView, AttachmentDownloadView
from .login import LoginForm, ThrottledPasswordResetView
from .saved_views import SavedViewCreateView, SavedViewDefaultView, SavedViewDeleteView
from .second_factor import OtpEnrolView

api_v1 = [
    path("", include("projects.api.urls")),
    path("portfolio/", include("projects.portfolio.api_urls")),
    path("registers/", include("projects.registers.api_urls")),
    path("", include("kpis.api.urls")),
    path("", include("governance.api.urls")),
    path("", include("webhooks.api.urls")),
    path("", include("inquiries.api.urls")),
    path("", include("search.api.urls")),
]

urlpatterns = [
    path("", include("organisation.urls")),
    path("healthz", views.HealthView.as_view(), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail, for local accounts (a directory account has no password here to reset).
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/otp/", OtpEnrolView.as_view(), name="otp-enrol"),
    path("attachments/<int:pk>/", AttachmentDownloadView.as_view(), name="attachment-download"),
    path(
        "attachments/new/<int:content_type>/<int:object_id>/", AttachmentCreateView.as_view(), name="attachment-create"
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
    path("portfolio/", include("projects.portfolio.urls")),
    path("registers/", include("projects.registers.urls")),
    path("saved-views/new/", SavedViewCreateView.as_view(), name="saved-view-create"),
    path("saved-views/<int:pk>/default/", SavedViewDefaultView.as_view(), name="saved-view-default"),
    path("saved-views/<int:pk>/delete/", SavedViewDeleteView.as_view(), name="saved-view-delete"),
    path("projects/", include("projects.urls")),
    path("kpis/", include("kpis.urls")),
    path("governance/inquiries/", include("inquiries.urls")),
    path("governance/", include("governance.urls")),
    path("", include("workbench.urls")),
    path("search/", include("search.urls")),
]

# Under /api/ these answer in the API's error shape; elsewhere Django's own pages (templates/404.html).
handler404 = "dx_portal.api.views.page_not_found"
handler500 = "dx_portal.api.views.server_error"
