from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    AgendaItem,
    ApiToken,
    Bureau,
    BureauMembership,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    Division,
    DivisionMembership,
    MunicipalDxStatus,
    Municipality,
)
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
    list_display = ["name", "code", "bureau", "email", "requires_report_approval"]
    list_filter = ["bureau", "requires_report_approval"]
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


# --- the bodies that decide and coordinate ---------------------------------------------------------


class VersionedHistoryAdmin(SimpleHistoryAdmin):
    """Edits in the admin move the version on, so that a form opened elsewhere meets a conflict, not an overwrite."""

    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title", "kind", "presenter"]


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(VersionedHistoryAdmin):
    list_display = ["number", "held_on", "title"]
    list_filter = ["held_on"]
    search_fields = ["title", "minutes", "agenda_items__title"]
    date_hierarchy = "held_on"
    filter_horizontal = ["attendees"]
    inlines = [AgendaItemInline]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["title", "owner_division", "due_on", "status", "completed_on"]
    readonly_fields = ["completed_on"]
    can_delete = False
    show_change_link = True


@admin.register(Decision)
class DecisionAdmin(VersionedHistoryAdmin):
    """Decisions are never deleted, here or anywhere: a change of mind is a new decision that supersedes it."""

    list_display = ["reference", "title", "kind", "status", "meeting"]
    list_filter = ["status", "kind", "bureaus", "meeting"]
    search_fields = ["reference", "title", "context", "decision_text", "rationale"]
    list_select_related = ["meeting"]
    readonly_fields = ["meeting", "sequence", "reference", "supersedes", "version"]
    filter_horizontal = ["agreed_by", "bureaus", "related_projects"]
    inlines = [ActionItemInline]

    def has_add_permission(self, request):
        # Recorded through the portal's pages (numbered per meeting, supersession linked).
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionItem)
class ActionItemAdmin(VersionedHistoryAdmin):
    list_display = ["title", "owner_division", "due_on", "status", "completed_on", "decision"]
    list_filter = ["status", "owner_division__bureau", "owner_division"]
    search_fields = ["title", "detail", "completion_note", "decision__reference", "decision__title"]
    list_select_related = ["owner_division", "decision"]
    autocomplete_fields = ["decision"]
    date_hierarchy = "due_on"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kana", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "kana"]


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(VersionedHistoryAdmin):
    list_display = ["held_on", "kind", "number", "title"]
    list_filter = ["kind"]
    search_fields = ["title", "agenda", "minutes", "follow_ups"]
    date_hierarchy = "held_on"
    filter_horizontal = ["attendees"]


@admin.register(MunicipalDxStatus)
class MunicipalDxStatusAdmin(VersionedHistoryAdmin):
    list_display = ["municipality", "focus_area", "status", "as_of"]
    list_filter = ["focus_area", "status", "municipality__kind"]
    search_fields = ["municipality__name", "municipality__code", "note"]
    list_select_related = ["municipality"]
