"""The pages of attachments: the upload onto a record, and the download, only ever through here (never a public
URL), for people who may see the record; anyone else gets 404, as for the record itself."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from .attachments import REGISTRY, Attachment, attachment_add, attachment_visible
from .disclosure import DISCLOSURE_FIELDS, DisclosureFormMixin
from .errors import NOT_ALLOWED
from .forms import DateInput


class AttachmentForm(DisclosureFormMixin, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", *DISCLOSURE_FIELDS]
        widgets = {"embargo_until": DateInput}
        help_texts = {"file": _("PDF、Office 文書、画像（PNG・JPEG・GIF）、CSV。中身を確認してから保存します。")}


class AttachmentDownloadView(LoginRequiredMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, pk: int):
        attachment = attachment_visible(request.user, pk)
        if attachment is None:
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.media_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class AttachmentCreateView(LoginRequiredMixin, FormView):
    """Attach a document to a record the person may see and may attach to (403 when they may only see it)."""

    template_name = "attachments/attachment_form.html"
    form_class = AttachmentForm

    @cached_property
    def record(self):
        content_type = ContentType.objects.filter(pk=self.kwargs["content_type"]).first()
        owner = REGISTRY.get(content_type.model_class()) if content_type else None
        record = owner.visible(self.request.user).filter(pk=self.kwargs["object_id"]).first() if owner else None
        if record is None:
            raise Http404
        if not owner.may_attach(self.request.user, record):
            raise PermissionDenied(NOT_ALLOWED)
        return record

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.record  # noqa: B018 - 404 or 403 before anything else
        return super().dispatch(request, *args, **kwargs)

    def back_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or "/"
        allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()})
        return target if allowed else "/"

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, next=self.back_url(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            attachment = attachment_add(
                record=self.record, actor=self.request.user, upload=data["file"],
                **{name: data[name] for name in DISCLOSURE_FIELDS},
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("「%(name)s」を添付しました。") % {"name": attachment.name})
        return redirect(self.back_url())
