"""Forms of the kpis pages, and the form that reads one row of an imported CSV."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dx_portal.forms import CsvUploadForm, DateInput, VersionedForm

from .csv_format import FALSE_VALUES, TRUE_VALUES
from .models import (
    FISCAL_YEAR_MAX,
    FISCAL_YEAR_MIN,
    VALUE_DECIMAL_PLACES,
    VALUE_MAX_DIGITS,
    Indicator,
    Observation,
)

ISO_DATE = ["%Y-%m-%d"]
SOURCE_FIELDS = ["source_document", "source_meeting_or_survey", "source_date", "source_page"]


class ObservationForm(VersionedForm):
    """Record or revise the figure of a period; a revision carries the version it started from."""

    class Meta:
        model = Observation
        fields = [
            "fiscal_year", "month", "value", "as_of", "is_provisional", "is_estimate", "note", *SOURCE_FIELDS,
        ]
        widgets = {"as_of": DateInput(), "source_date": DateInput()}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("年度全体")), *Observation._meta.get_field("month").choices]
        self.fields["value"].label = _("値（%(unit)s）") % {"unit": indicator.get_unit_display()}
        if self.instance.pk:
            # The period is what identifies the figure: a revision keeps it.
            self.fields["fiscal_year"].disabled = True
            self.fields["month"].disabled = True


class ObservationRowForm(forms.Form):
    """One row of an imported CSV, in the columns of the feed (kpis.csv_format)."""

    indicator_code = forms.SlugField(max_length=60)
    fiscal_year = forms.IntegerField(min_value=FISCAL_YEAR_MIN, max_value=FISCAL_YEAR_MAX)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    value = forms.DecimalField(max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, min_value=0)
    unit = forms.ChoiceField(choices=Indicator.Unit.choices)
    as_of = forms.DateField(input_formats=ISO_DATE)
    is_provisional = forms.CharField(required=False)
    is_estimate = forms.CharField(required=False)
    note = forms.CharField(max_length=300, required=False)
    source_document = forms.CharField(max_length=300, required=False)
    source_meeting_or_survey = forms.CharField(max_length=300, required=False)
    source_date = forms.DateField(input_formats=ISO_DATE, required=False)
    source_page = forms.CharField(max_length=20, required=False)

    def _clean_flag(self, name: str) -> bool:
        value = self.cleaned_data[name]
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES or value == "":
            return False
        raise ValidationError(_("true または false で入力してください。"))

    def clean_is_provisional(self):
        return self._clean_flag("is_provisional")

    def clean_is_estimate(self):
        return self._clean_flag("is_estimate")


class ObservationImportForm(CsvUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("APIのCSVと同じ列（ヘッダー行つき、UTF-8）。1行でも誤りがあれば、何も登録されません。")
