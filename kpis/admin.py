"""Indicators and targets are kept in the admin (PMO); figures are recorded on the KPI pages, the API or by CSV."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from dx_portal.errors import StaleVersionError

from .models import Indicator, Observation, Target
from .services import indicator_save, target_set


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the edit started from, and refuses to save over someone else's change."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            current = type(self.instance).objects.get(pk=self.instance.pk)
            if current.version != data.get("expected_version"):
                raise ValidationError(str(StaleVersionError(current, data.get("expected_version"))))
        return data


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    form = VersionedAdminForm
    list_display = ["code", "name_ja", "unit", "aggregation", "division", "is_public", "updated_at"]
    list_filter = ["is_public", "unit", "aggregation", "division"]
    search_fields = ["code", "name_ja", "name_en"]
    list_select_related = ["division"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        indicator_save(actor=request.user, indicator=obj, expected_version=form.cleaned_data.get("expected_version"))


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    form = VersionedAdminForm
    list_display = ["indicator", "fiscal_year", "value", "note"]
    list_filter = ["indicator"]
    list_select_related = ["indicator"]
    readonly_fields = ["version", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # A target is the value of one indicator and year: another year is another target.
        return [*self.readonly_fields, "indicator", "fiscal_year"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = target_set(
            actor=request.user, indicator=obj.indicator, fiscal_year=obj.fiscal_year, value=obj.value, note=obj.note,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
        )
        obj.pk, obj.version = saved.pk, saved.version


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    """Read only here: figures are recorded through the KPI pages, the API or the CSV import (one service)."""

    list_display = ["indicator", "fiscal_year", "month", "value", "as_of", "is_provisional", "is_estimate", "updated_at"]
    list_filter = ["indicator", "is_provisional", "fiscal_year"]
    list_select_related = ["indicator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
