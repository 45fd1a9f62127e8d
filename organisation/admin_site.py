"""The admin site: for PMO (the secretariat) and superusers only, with a second factor where required."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dx_portal.login import AdminLoginForm
from dx_portal.second_factor import OtpLoginForm

from .roles import roles_of


class PortalAdminSite(admin.AdminSite):
    """The admin is for PMO (the secretariat) and superusers only; with ADMIN_REQUIRE_OTP, only once they
    have given a TOTP code from the device they enrolled at /accounts/otp/ (django-otp's admin login)."""

    site_header = _("DXポータル 管理画面")
    site_title = _("DXポータル 管理画面")
    index_title = _("管理")

    @property
    def login_form(self):
        return OtpLoginForm if settings.ADMIN_REQUIRE_OTP else AdminLoginForm

    @property
    def login_template(self):
        return "registration/otp_admin_login.html" if settings.ADMIN_REQUIRE_OTP else None

    def has_permission(self, request):
        user = request.user
        allowed = user.is_active and (user.is_superuser or roles_of(user).is_pmo)
        return allowed and (not settings.ADMIN_REQUIRE_OTP or user.is_verified())
