from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Bureau, BureauMembership, Division, DivisionMembership
from .services import api_token_revoke


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
    list_display = ["name", "code", "bureau", "email"]
    list_filter = ["bureau"]
    search_fields = ["name", "code", "name_en"]
    list_select_related = ["bureau"]
    inlines = [DivisionMembershipInline]


@admin.register(BureauMembership)
class BureauMembershipAdmin(admin.ModelAdmin):
    list_display = ["bureau", "user", "role"]
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
            api_token_revoke(token=token)
        self.message_user(request, _("トークンを失効させました。"), messages.SUCCESS)
