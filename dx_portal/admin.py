from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from governance.roles import roles_of


class PortalAdminSite(admin.AdminSite):
    """The admin is for PMO (the secretariat) and superusers only."""

    site_header = _("DXポータル 管理画面")
    site_title = _("DXポータル 管理画面")
    index_title = _("管理")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or roles_of(user).is_pmo)


class AuditEventAdmin(admin.ModelAdmin):
    """The security audit log: PMO and superusers read it; nobody adds, edits or deletes an event."""

    list_display = ["at", "kind", "username", "ip_address", "method", "path", "status_code", "token_key"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address", "token_key", "path"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return roles_of(request.user).is_pmo

    def has_view_permission(self, request, obj=None):
        return roles_of(request.user).is_pmo

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PortalAdminConfig(AdminConfig):
    default_site = "dx_portal.admin.PortalAdminSite"

    def ready(self):
        super().ready()
        # This module is imported while apps load (it names the admin's config), before models exist.
        from .models import AuditEvent

        admin.site.register(AuditEvent, AuditEventAdmin)
