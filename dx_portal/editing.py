"""One flow for every page that creates or edits a record through a service.

GET shows the form. POST validates it and calls the service (``perform``) in one transaction with the form's
one-time token, so a double submit makes one record. A service's refusal shows next to the fields; a stale
version shows the one conflict screen (templates/includes/conflict.html): what others changed since the edit
began, with the typed values kept and the current version in the form, so saving again is a deliberate
choice over the new values.
"""

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from .errors import StaleVersionError
from .history import changes_since
from .models import OneTimeToken

ALREADY_SUBMITTED = _("この内容は既に送信済みです。二重に登録しないよう、最初の送信の結果を表示しています。")
RESUBMITTED = _("このフォームは既に送信されています。画面を再読み込みしてから、もう一度操作してください。")
STALE_PAGE = _("画面を再読み込みしてから、もう一度操作してください。")


class ServiceFormView(LoginRequiredMixin, FormView):
    """A page whose form a service acts on. Subclasses give ``form_class``, ``get_instance()`` (the record a
    ModelForm edits, or a new one), ``perform(form)`` (calls the service, returns the saved record) and
    ``get_success_url()`` (may read ``self.object``, the saved record)."""

    success_message = _("保存しました。")

    def get_instance(self):
        return None

    @cached_property
    def instance(self):
        return self.get_instance()

    def perform(self, form):
        raise NotImplementedError

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.instance is not None:
            # A copy: a bound ModelForm writes the typed values onto its instance, and the page shows the saved ones.
            kwargs["instance"] = copy.copy(self.instance)
        return kwargs

    def get_success_message(self) -> str:
        return str(self.success_message)

    def post(self, request, *args, **kwargs):
        # Before validating: the first submit may have made what a second one would now find invalid (a number
        # already used, a record that now has a version).
        if url := OneTimeToken.earlier_result(request.POST.get("token"), request.user):
            messages.info(request, ALREADY_SUBMITTED)
            return redirect(url)
        form = self.get_form()
        return self.form_valid(form) if self.validate(form) else self.form_invalid(form)

    def validate(self, form) -> bool:
        """Whether the posted input is valid (a view with a formset beside its form validates both)."""
        return form.is_valid()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                if not form.claim_token(self.request.user):
                    return self.already_submitted(form)
                self.object = self.perform(form)
                url = self.get_success_url()
                form.record_result(url)
        except ValidationError as error:
            form.add_service_error(error)
            return self.form_invalid(form)
        except StaleVersionError as conflict:
            return self.conflict(form, conflict)
        messages.success(self.request, self.get_success_message())
        return redirect(url)

    def already_submitted(self, form):
        """A submit that lost the race for its token to one at the same moment: to that one's result, or a message
        when there is none."""
        if url := OneTimeToken.earlier_result(form.cleaned_data["token"], self.request.user):
            messages.info(self.request, ALREADY_SUBMITTED)
            return redirect(url)
        form.add_error(None, RESUBMITTED)
        return self.form_invalid(form)

    def conflict(self, form, conflict: StaleVersionError):
        changes = changes_since(conflict.instance, conflict.expected_version)
        data = form.data.copy()
        data["version"] = conflict.current_version
        form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data, "instance": conflict.instance})
        form.is_valid()
        form.add_error(None, str(conflict))
        return self.render_to_response(self.get_context_data(form=form, conflict=True, conflict_changes=changes))


class ServiceButtonView(LoginRequiredMixin, View):
    """A button on a page (a small POST form, no page of its own) that a service acts on: the service's refusal or a
    stale version comes back as a message on the page the button is on.

    Subclasses give ``form_class`` (what the button posts, usually the version the page showed), ``prepare()`` (find
    the record, 404, and check the right to press, 403, before the form is read), ``perform(form)`` and
    ``get_success_url()``."""

    http_method_names = ["post"]
    form_class = None
    success_message = _("保存しました。")

    def prepare(self) -> None:
        pass

    def perform(self, form) -> None:
        raise NotImplementedError

    def get_success_message(self) -> str:
        return str(self.success_message)

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.prepare()
        form = self.form_class(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(STALE_PAGE)
            self.perform(form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except StaleVersionError as conflict:
            messages.error(request, str(conflict))
        else:
            messages.success(request, self.get_success_message())
        return redirect(self.get_success_url())
