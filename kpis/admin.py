"""Indicators and targets are kept in the admin (PMO); figures are recorded on the KPI pages, the API or by CSV."""

from django.contrib import admin

from dx_portal.admin import ReadOnlyAdmin, ServiceAdmin

from .models import Indicator, Observation, Plan, PlanItem, Target
from .services import indicator_save, plan_item_save, plan_save, target_set


@admin.register(Indicator)
class IndicatorAdmin(ServiceAdmin):
    list_display = ["code", "name_ja", "unit", "aggregation", "division", "is_public", "updated_at"]
    list_filter = ["is_public", "unit", "aggregation", "division"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["division"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def write(self, request, obj, form, change):
        return indicator_save(actor=request.user, indicator=obj, expected_version=form.cleaned_data["expected_version"])


@admin.register(Target)
class TargetAdmin(ServiceAdmin):
    list_display = ["indicator", "fiscal_year", "value", "note"]
    list_filter = ["indicator"]
    list_select_related = ["indicator"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # A target is the value of one indicator and year: another year is another target.
        return [*self.readonly_fields, "indicator", "fiscal_year"] if obj else self.readonly_fields

    def write(self, request, obj, form, change):
        return target_set(
            actor=request.user, indicator=obj.indicator, fiscal_year=obj.fiscal_year, value=obj.value, note=obj.note,
            expected_version=form.cleaned_data["expected_version"] if change else None,
        )


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    """Read only here: figures are recorded through the KPI pages, the API or the CSV import (one service)."""

    list_display = ["indicator", "fiscal_year", "month", "value", "as_of", "is_provisional", "is_estimate", "updated_at"]
    list_filter = ["indicator", "is_provisional", "fiscal_year"]
    list_select_related = ["indicator"]


@admin.register(Plan)
class PlanAdmin(ServiceAdmin):
    list_display = ["name", "issuer", "period", "order"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def write(self, request, obj, form, change):
        return plan_save(actor=request.user, plan=obj, expected_version=form.cleaned_data["expected_version"])


@admin.register(PlanItem)
class PlanItemAdmin(ServiceAdmin):
    """The plan tree: pillars (柱) and their measures, with the indicators that measure each."""

    list_display = ["number", "title", "plan", "parent", "order"]
    list_filter = ["plan"]
    search_fields = ["code", "number", "title"]
    list_select_related = ["plan", "parent"]
    filter_horizontal = ["indicators"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def write(self, request, obj, form, change):
        return plan_item_save(
            actor=request.user, item=obj, indicators=list(form.cleaned_data["indicators"]),
            expected_version=form.cleaned_data["expected_version"],
        )
