"""The projects in the admin (PMO only): registering and correcting projects through the services, and
looking up reports, issues, findings and milestones with their read-only history.

Reports, issues, findings and milestones are written on the portal's pages, where versions and the
division's rights apply; here they are only viewed.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dx_portal.errors import StaleVersionError

from . import services
from .models import Finding, Milestone, PmoDigest, Project, ProjectIssue, Reminder, StatusReport


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History is for reading: no revert button, and a revert posted anyway is refused."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ViewOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class ProjectAdminForm(forms.ModelForm):
    """Carries the version the page was opened at, so that a save over someone else's change is refused."""

    class Meta:
        model = Project
        fields = ["code", "name", "name_en", "division", "pmo_contact", "phase", "planned_start", "planned_end", "budget_yen",
                  "actual_cost_yen", "cadence", "report_business_days", "grace_days", "description", "version"]
        widgets = {"version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Project.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != cleaned.get("version"):
                # The service refuses it too (a race after this check); here it gets a message on the form.
                raise ValidationError(str(StaleVersionError(Project(version=current), cleaned.get("version"))))
        return cleaned


@admin.register(Project)
class ProjectAdmin(ReadOnlyHistoryAdmin):
    form = ProjectAdminForm
    list_display = ["code", "name", "division", "phase", "health", "health_unreviewed", "last_reported_on", "report_due_on",
                    "budget_yen"]
    list_filter = ["phase", "health", "cadence", "division__bureau", "division"]
    search_fields = ["code", "name", "name_en", "description", "division__name"]
    list_select_related = ["division"]
    date_hierarchy = "planned_end"
    autocomplete_fields = ["pmo_contact"]
    readonly_fields = ["health", "pmo_health", "health_unreviewed", "last_reported_on", "report_due_on", "report_overdue_on",
                       "report_escalate_on"]
    fields = [*ProjectAdminForm.Meta.fields, *readonly_fields]
    inlines = [StatusReportInline, ProjectIssueInline, MilestoneInline]

    def get_readonly_fields(self, request, obj=None):
        # The code names the project in URLs and API clients: fixed once registered.
        return [*self.readonly_fields, "code"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Through the services, as every write; the form has already checked the values and the version."""
        editable = services.PROJECT_EDITABLE | services.PROJECT_PMO_EDITABLE
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
            saved = services.project_update(project=obj, actor=request.user,
                expected_version=form.cleaned_data["version"], **changes)
        else:
            fields = {name: value for name, value in form.cleaned_data.items() if name in editable | {"code"}}
            saved = services.project_create(actor=request.user, **fields)
        obj.pk, obj.version, obj._state = saved.pk, saved.version, saved._state


@admin.register(StatusReport)
class StatusReportAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ["project", "as_of", "status", "health", "pmo_health", "actual_progress", "submitted_by", "reviewed_by"]
    list_filter = ["status", "health", "pmo_health", "project__division__bureau", "project__division"]
    search_fields = ["project__code", "project__name", "summary", "pmo_comment"]
    list_select_related = ["project", "submitted_by", "reviewed_by"]
    date_hierarchy = "as_of"


@admin.register(ProjectIssue)
class ProjectIssueAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ["title", "project", "kind", "severity", "status", "owner", "due_on", "raised_on", "resolved_on"]
    list_filter = ["kind", "severity", "status", "project__division"]
    search_fields = ["title", "description", "owner", "project__code", "project__name"]
    list_select_related = ["project"]


@admin.register(Finding)
class FindingAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ["title", "project", "category", "severity", "status", "response_due_on", "written_by"]
    list_filter = ["status", "category", "severity", "project__division"]
    search_fields = ["title", "body", "response", "project__code", "project__name"]
    list_select_related = ["project", "written_by"]
    date_hierarchy = "response_due_on"


@admin.register(Milestone)
class MilestoneAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ["name", "project", "planned_on", "forecast_on", "actual_on"]
    list_filter = ["project__division"]
    search_fields = ["name", "project__code", "project__name"]
    list_select_related = ["project"]


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
