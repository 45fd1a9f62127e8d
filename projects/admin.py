"""The projects in the admin (PMO only): registering and correcting projects through the services, and
looking up reports, issues, findings and milestones with their read-only history.

Reports, issues, findings and milestones are written on the portal's pages, where versions and the
division's rights apply; here they are only viewed.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dx_portal.admin import ReadOnlyAdmin, ServiceAdmin, ViewOnlyMixin

from . import services
from .models import Finding, GateReview, Milestone, PmoDigest, Project, ProjectIssue, Reminder, StatusReport


class StatusReportInline(ViewOnlyMixin, admin.TabularInline):
    model = StatusReport
    fields = ["as_of", "status", "health", "pmo_health", "planned_progress", "actual_progress", "submitted_by", "reviewed_by"]
    readonly_fields = fields
    ordering = ["-as_of"]
    show_change_link = True
    extra = 0


class ProjectIssueInline(ViewOnlyMixin, admin.TabularInline):
    model = ProjectIssue
    fields = ["kind", "title", "severity", "status", "owner", "due_on", "raised_on", "resolved_on"]
    readonly_fields = fields
    show_change_link = True
    extra = 0


class MilestoneInline(ViewOnlyMixin, admin.TabularInline):
    model = Milestone
    fields = ["name", "planned_on", "forecast_on", "actual_on"]
    readonly_fields = fields
    show_change_link = True
    extra = 0


@admin.register(Project)
class ProjectAdmin(ServiceAdmin):
    list_display = ["code", "name", "division", "phase", "health", "health_unreviewed", "last_reported_on", "report_due_on",
                    "budget_yen"]
    list_filter = ["phase", "health", "cadence", "division__bureau", "division"]
    search_fields = ["code", "name", "name_en", "description", "division__name"]
    list_select_related = ["division"]
    date_hierarchy = "planned_end"
    autocomplete_fields = ["pmo_contact"]
    filter_horizontal = ["plan_items"]
    fields = ["code", "name", "name_en", "division", "pmo_contact", "phase", "planned_start", "planned_end", "budget_yen",
              "actual_cost_yen", "cadence", "report_business_days", "grace_days", "description", "plan_items", "health",
              "pmo_health",
              "health_unreviewed", "last_reported_on", "report_due_on", "report_overdue_on", "report_escalate_on"]
    readonly_fields = ["health", "pmo_health", "health_unreviewed", "last_reported_on", "report_due_on", "report_overdue_on",
                       "report_escalate_on"]
    inlines = [StatusReportInline, ProjectIssueInline, MilestoneInline]

    def get_readonly_fields(self, request, obj=None):
        # The code names the project in URLs and API clients: fixed once registered.
        return [*self.readonly_fields, "code"] if obj else self.readonly_fields

    def write(self, request, obj, form, change):
        editable = services.PROJECT_EDITABLE | services.PROJECT_PMO_EDITABLE
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
            return services.project_update(
                project=obj, actor=request.user, expected_version=form.cleaned_data["expected_version"], **changes
            )
        fields = {name: value for name, value in form.cleaned_data.items() if name in editable | {"code"}}
        return services.project_create(actor=request.user, **fields)


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    list_display = ["project", "as_of", "status", "health", "pmo_health", "actual_progress", "submitted_by", "reviewed_by"]
    list_filter = ["status", "health", "pmo_health", "project__division__bureau", "project__division"]
    search_fields = ["project__code", "project__name", "summary", "pmo_comment"]
    list_select_related = ["project", "submitted_by", "reviewed_by"]
    date_hierarchy = "as_of"


@admin.register(ProjectIssue)
class ProjectIssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "kind", "severity", "status", "owner", "due_on", "raised_on", "resolved_on"]
    list_filter = ["kind", "severity", "status", "project__division"]
    search_fields = ["title", "description", "owner", "project__code", "project__name"]
    list_select_related = ["project"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "category", "severity", "status", "response_due_on", "written_by"]
    list_filter = ["status", "category", "severity", "project__division"]
    search_fields = ["title", "body", "response", "project__code", "project__name"]
    list_select_related = ["project", "written_by"]
    date_hierarchy = "response_due_on"


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["name", "project", "planned_on", "forecast_on", "actual_on"]
    list_filter = ["project__division"]
    search_fields = ["name", "project__code", "project__name"]
    list_select_related = ["project"]


@admin.register(GateReview)
class GateReviewAdmin(ReadOnlyAdmin):
    list_display = ["project", "from_phase", "to_phase", "outcome", "reviewed_on", "reviewer", "decision"]
    list_filter = ["outcome", "to_phase", "project__division"]
    search_fields = ["summary", "project__code", "project__name"]
    list_select_related = ["project", "reviewer", "decision"]
    date_hierarchy = "reviewed_on"


@admin.register(Reminder)
class ReminderAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["project", "due_on", "level", "claimed_at", "sent_at"]
    list_filter = ["level"]
    search_fields = ["project__code", "project__name", "recipients"]
    list_select_related = ["project"]


@admin.register(PmoDigest)
class PmoDigestAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["sent_on", "claimed_at", "sent_at"]
    verbose_name = _("PMO日次ダイジェスト")
