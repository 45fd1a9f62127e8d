from django.contrib import admin

from dx_portal.admin import ReadOnlyAdmin, ServiceAdmin, ViewOnlyMixin
from dx_portal.disclosure import DISCLOSURE_FIELDS, MINUTES_DISCLOSURE_FIELDS

from . import services
from .models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    ForwardedItem,
    IssuedPack,
    MunicipalDxStatus,
    Municipality,
)

# --- the bodies that decide and coordinate ---------------------------------------------------------
# Meetings and decisions are recorded on the portal's pages: a meeting's agenda is replaced whole by its service,
# and a decision moves only by its own rules (superseded only by recording its successor). Here they are read.


class AgendaItemInline(ViewOnlyMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title", "kind", "presenter", "disclosure", "withholding_ground", "embargo_until"]
    readonly_fields = fields


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(ReadOnlyAdmin):
    list_display = ["number", "held_on", "title"]
    list_filter = ["held_on"]
    search_fields = ["title", "minutes", "agenda_items__title"]
    date_hierarchy = "held_on"
    inlines = [AgendaItemInline]


class ActionItemInline(ViewOnlyMixin, admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["title", "owner_division", "due_on", "status", "completed_on"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """Decisions are never deleted, here or anywhere: a change of mind is a new decision that supersedes it."""

    list_display = ["reference", "title", "kind", "status", "meeting", "disclosure", "embargo_until"]
    list_filter = ["status", "kind", "disclosure", "bureaus", "meeting"]
    search_fields = ["reference", "title", "context", "decision_text", "rationale"]
    list_select_related = ["meeting"]
    inlines = [ActionItemInline]


@admin.register(AgendaProposal)
class AgendaProposalAdmin(ReadOnlyAdmin):
    """Proposals are made from the project page and scheduled on the meeting page; here they are looked up."""

    list_display = ["__str__", "project", "state", "proposed_by", "proposed_at", "meeting"]
    list_filter = ["state"]
    search_fields = ["reason", "project__code", "issue__title", "finding__title"]
    list_select_related = ["project", "issue", "finding", "proposed_by", "meeting"]


@admin.register(ActionItem)
class ActionItemAdmin(ServiceAdmin):
    """Given from a decision (action_item_create); then only moved on, as its owning division does on the portal."""

    list_display = ["title", "owner_division", "due_on", "status", "completed_on", "decision"]
    list_filter = ["status", "owner_division__bureau", "owner_division"]
    search_fields = ["title", "detail", "completion_note", "decision__reference", "decision__title"]
    list_select_related = ["owner_division", "decision"]
    autocomplete_fields = ["decision"]
    date_hierarchy = "due_on"
    fields = ["decision", "title", "detail", "owner_division", "due_on", "status", "completion_note", "completed_on"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["status", "completion_note", "completed_on"]
        return ["decision", "title", "detail", "owner_division", "due_on", "completed_on"]

    def write(self, request, obj, form, change):
        values = form.cleaned_data
        if change:
            return services.action_item_update(
                item=obj, actor=request.user, expected_version=values["expected_version"], status=values["status"],
                completion_note=values["completion_note"],
            )
        return services.action_item_create(
            decision=values["decision"], actor=request.user, title=values["title"], detail=values["detail"],
            owner_division=values["owner_division"], due_on=values["due_on"],
        )


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    """The 33 municipalities and the prefecture, with their national codes: reference data, loaded by load_demo."""

    list_display = ["code", "name", "kana", "kind", "contact_email"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "kana"]


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(ServiceAdmin):
    list_display = ["held_on", "kind", "number", "title", "disclosure", "minutes_disclosure"]
    list_filter = ["kind", "disclosure", "minutes_disclosure"]
    search_fields = ["title", "agenda", "minutes", "follow_ups"]
    date_hierarchy = "held_on"
    filter_horizontal = ["attendees"]
    fields = [
        "kind", "number", "held_on", "title", "agenda", "attendees", "minutes", "follow_ups", *DISCLOSURE_FIELDS,
        *MINUTES_DISCLOSURE_FIELDS,
    ]

    def write(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in self.fields}
        if change:
            return services.council_meeting_update(
                meeting=obj, actor=request.user, expected_version=form.cleaned_data["expected_version"], **values
            )
        return services.council_meeting_record(actor=request.user, **values)


@admin.register(MunicipalDxStatus)
class MunicipalDxStatusAdmin(ServiceAdmin):
    list_display = ["municipality", "focus_area", "status", "as_of"]
    list_filter = ["focus_area", "status", "municipality__kind"]
    search_fields = ["municipality__name", "municipality__code", "note"]
    list_select_related = ["municipality"]
    fields = ["municipality", "focus_area", "status", "as_of", "note"]

    def get_readonly_fields(self, request, obj=None):
        # A cell is one municipality's one focus area: another is another cell.
        return ["municipality", "focus_area"] if obj else []

    def write(self, request, obj, form, change):
        values = form.cleaned_data
        return services.municipal_dx_status_set(
            municipality=obj.municipality, focus_area=obj.focus_area, actor=request.user,
            expected_version=values["expected_version"] if change else None, status=values["status"],
            as_of=values["as_of"], note=values["note"],
        )


@admin.register(IssuedPack)
class IssuedPackAdmin(ReadOnlyAdmin):
    """Issued papers do not change: read here, issued from the meeting's pack page."""

    list_display = ["__str__", "issued_at", "issued_by", "pdf_sha256", "xlsx_sha256"]
    list_select_related = ["committee_meeting", "council_meeting", "issued_by"]
    exclude = ["data", "pdf", "xlsx"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data", "pdf", "xlsx")


@admin.register(ForwardedItem)
class ForwardedItemAdmin(ReadOnlyAdmin):
    """Forwarded on the meetings' pages (item_forward) and concluded there; read here, with history."""

    list_display = ["title", "from_council_meeting", "from_agenda_item", "to_meeting", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["title", "outcome_note"]
    list_select_related = ["from_council_meeting", "from_agenda_item", "to_meeting"]
