"""The admin of the organisation, the API tokens and the security audit log: PMO and superusers."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from dx_portal.models import ApiToken, AuditEvent

from . import services
from .models import Bureau, BureauMembership, Division, DivisionMembership
from .roles import roles_of


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0
    fields = ["code", "name", "name_en", "email"]


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "name_en", "sort_order"]
    search_fields = ["name", "code", "name_en"]
    inlines = [DivisionInline]


class DivisionMembershipInline(admin.TabularInline):
    model = DivisionMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "bureau", "email", "requires_report_approval"]
    list_filter = ["bureau", "requires_report_approval"]
    search_fields = ["name", "code", "name_en"]
    list_select_related = ["bureau"]
    inlines = [DivisionMembershipInline]


@admin.register(BureauMembership)
class BureauMembershipAdmin(admin.ModelAdmin):
    list_display = ["bureau", "user", "role", "start_on", "end_on"]
    list_filter = ["bureau"]
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `manage.py issue_token` (the key is shown once); here they are seen and revoked."""

    list_display = ["token_key", "user", "name", "scopes", "created", "expiry", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["token_key", "user__username", "name"]
    readonly_fields = ["token_key", "user", "created", "expiry", "last_used_at", "revoked_at", "scopes"]
    fields = ["token_key", "user", "name", "scopes", "created", "expiry", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("選択したトークンを失効させる"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.api_token_revoke(actor=request.user, token=token)
        self.message_user(request, _("トークンを失効させました。"), messages.SUCCESS)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The security audit log: PMO and superusers read it; nobody adds, edits or deletes an event."""

    list_display = ["at", "kind", "username", "subject", "ip_address", "method", "path", "status_code", "token_key"]
    list_filter = ["kind"]
    search_fields = ["username", "subject", "ip_address", "token_key", "path"]
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
