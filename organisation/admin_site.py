"""The admin site: for PMO (the secretariat) and superusers only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dx_portal.login import AdminLoginForm

from .roles import roles_of


class PortalAdminSite(admin.AdminSite):
    """The admin is for PMO (the secretariat) and superusers only."""

    site_header = _("DXポータル 管理画面")
    site_title = _("DXポータル 管理画面")
    index_title = _("管理")
    login_form = AdminLoginForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or roles_of(user).is_pmo)
