"""The form layer every page shares: one date widget, forms whose typed values go to a service, the version an
edit started from, and the one-time token that makes a double submit create one record."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import renderers
from django.template import TemplateDoesNotExist
from django.utils.translation import gettext_lazy as _

from .models import OneTimeToken

# Fields a form carries for the edit flow, not for the service.
FLOW_FIELDS = ("version", "token")
# The largest CSV an import reads (dx_portal.csv_import).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class FormRenderer(renderers.Jinja2):
    """Django's form and widget templates through Jinja2, which ships the same HTML: the portfolio's filter form (seven
    selects, 43 options) took 6.7 ms through the template language and takes 1.5. A template only the template
    language has (the admin's widget wrappers) is rendered by it."""

    template_language = renderers.DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.template_language.get_template(template_name)


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    """A ModelForm whose typed ``cleaned_data`` is handed to a service; the form itself never saves.

    A form for a new record carries a one-time token: the first submit claims it, a second submit of the same
    form (a double click, a resend) finds it claimed and makes no second record.
    """

    # Fields the view hands to the service itself (say, as the record the new one belongs to).
    not_for_service: tuple[str, ...] = ()
    # Fields the model may leave blank but this form asks for (an answer, an assessment).
    required_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        if self.instance._state.adding:
            self.fields["token"] = forms.CharField(
                widget=forms.HiddenInput, required=False, max_length=64, initial=secrets.token_urlsafe(24)
            )

    def service_arguments(self) -> dict:
        skipped = (*FLOW_FIELDS, *self.not_for_service)
        return {name: value for name, value in self.cleaned_data.items() if name not in skipped}

    def add_service_error(self, error: ValidationError) -> None:
        """A service's field errors go next to their fields; errors about fields the form lacks go on top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)

    def claim_token(self, user) -> bool:
        """Claim the form's one-time token inside the caller's transaction; False when an earlier submit has.

        The claim is an insert under a unique key, so two submits at once cannot both win: the second waits for
        the first to commit and then fails. A post without a token (no page of ours rendered it) claims nothing.
        """
        if not self.cleaned_data.get("token"):
            return True
        try:
            with transaction.atomic():
                OneTimeToken.objects.create(key=self.cleaned_data["token"], user=user)
        except IntegrityError:
            return False
        return True

    def record_result(self, url: str) -> None:
        """Where the claiming submit led, for a later submit of the same form to go to."""
        if self.cleaned_data.get("token"):
            OneTimeToken.objects.filter(key=self.cleaned_data["token"]).update(result_url=url)


class VersionedForm(ServiceForm):
    """An edit carries the version it started from; the service refuses it when the record moved on since.

    A new record has no version to conflict with, so its form has no version field.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    def service_arguments(self) -> dict:
        arguments = super().service_arguments()
        if "version" in self.fields:
            arguments["expected_version"] = self.cleaned_data["version"]
        return arguments


class CsvUploadForm(forms.Form):
    """The upload of an all-or-nothing CSV import; a subclass words the file's help text."""

    file = forms.FileField(label=_("CSVファイル"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("ファイルが大きすぎます（5MBまで）。"))
        return upload
