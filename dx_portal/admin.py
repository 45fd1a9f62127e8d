"""The admin site, and the bases every app's admin is built on.

Every write goes through the app's services, the admin's included: a ``ServiceAdmin`` saves by calling
them, with the version the edit started from; a model whose rules the admin cannot express (a decision's
supersession, a meeting's agenda) gets a ``ReadOnlyAdmin`` and is written on the portal's pages.
"""

import copy
from functools import partial

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin

from .attachments import Attachment
from .errors import NOT_ALLOWED, StaleVersionError


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History is for reading: no revert button, and a revert posted anyway is refused (it would skip the services)."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ViewOnlyMixin:
    """Seen and searched, never written here: for an admin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    """A record the admin shows with its history but cannot write well through the services."""

class ServiceAdminForm(forms.ModelForm):
    """The admin's form for a ``ServiceAdmin``: carries the version the edit started from, and tries the service's
    write (rolled back) as its last check, so whatever the service refuses shows on the form."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    write = None  # set by ServiceAdmin.get_form: the service call, for this request

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version if self.instance.pk else None

    def validate_unique(self):
        # The last step of ModelForm validation: the model's own checks have passed by now.
        super().validate_unique()
        if self.errors or self.write is None:
            return
        try:
            with transaction.atomic():
                self.write(copy.deepcopy(self.instance), self, self.instance.pk is not None)
                transaction.set_rollback(True)
        except StaleVersionError as refused:
            self.add_error(None, str(refused))
        except PermissionDenied as refused:
            self.add_error(None, str(refused) or str(NOT_ALLOWED))
        except ValidationError as refused:
            if not hasattr(refused, "error_dict"):
                self.add_error(None, refused)
                return
            for field, errors in refused.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)


class ServiceAdmin(ReadOnlyHistoryAdmin):
    """An admin whose saves go through the app's services (``write``), with the version check; nothing is deleted
    here (no service deletes these records)."""

    form = ServiceAdminForm

    def write(self, request, obj: models.Model, form: ServiceAdminForm, change: bool) -> models.Model:
        """Save ``obj`` (the form's values) through the service and return the saved record; ``form.cleaned_data``
        holds the values and ``expected_version``."""
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.write = partial(self.write, request)  # a new class per call (modelform_factory): no request leaks
        return form

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if "expected_version" in fields else [*fields, "expected_version"]

    def save_model(self, request, obj, form, change):
        saved = self.write(request, obj, form, change)
        obj.pk, obj.version, obj._state = saved.pk, saved.version, saved._state

    def save_related(self, request, form, formsets, change):
        """The service has set the relations (``form.save_m2m`` would write past it); inlines here are view only."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    """Added on the records' pages (attachment_add) and never deleted by an edit; read here, with history. The file
    itself is served only by /attachments/<id>/, which checks who may see the record."""

    list_display = ["name", "content_type", "object_id", "media_type", "size", "disclosure", "uploaded_by", "uploaded_at"]
    list_filter = ["media_type", "disclosure", "content_type"]
    search_fields = ["name", "sha256"]
    exclude = ["file"]
