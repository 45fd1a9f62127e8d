"""Enrolling the second factor the admin asks for (TOTP, django-otp; ADMIN_REQUIRE_OTP).

A signed-in user scans the QR code (or types the secret) into an authenticator app and confirms with
the code it shows. A device once confirmed is replaced only by someone who has used it in this session:
a stolen password alone cannot swap in the thief's device.
"""

import base64
from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from . import audit
from .login import LoginForm
from .models import AuditEvent

DEVICE_NAME = "DXポータル"


class OtpLoginForm(LoginForm, OTPAuthenticationForm):
    """The admin's login with ADMIN_REQUIRE_OTP: password and TOTP code. Not django-otp's admin form, which
    wants is_staff: the admin site decides who may enter (PMO and superusers)."""

    def _chosen_device(self, user):
        # confirm_device keeps one device per user: nothing to choose on the form.
        return super()._chosen_device(user) or TOTPDevice.objects.devices_for_user(user).first()


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=_("確認コード（6桁）"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("確認コードが違います。アプリに表示されている最新のコードを入力してください。"))
        return token


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: one per user, kept until it is confirmed (so a reload shows the same QR)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": DEVICE_NAME})
    return device


@transaction.atomic
def confirm_device(device: TOTPDevice) -> None:
    """The confirmed device becomes the user's only one."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def qr_data_url(text: str) -> str:
    """An SVG QR code as a data: URL (the content security policy allows images from data:, not inline SVG styles)."""
    out = BytesIO()
    write_qrcode_image(text, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


class OtpEnrolView(LoginRequiredMixin, FormView):
    template_name = "registration/otp_enrol.html"
    form_class = ConfirmDeviceForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.enrolled = user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        self.may_enrol = user.is_authenticated and (not self.enrolled or user.is_verified())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.may_enrol:
            return self.render_to_response({"enrolled": True, "may_enrol": False})
        self.device = pending_device(request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.may_enrol:
            return redirect("otp-enrol")
        self.device = pending_device(request.user)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        secret = base64.b32encode(self.device.bin_key).decode()
        return super().get_context_data(
            enrolled=self.enrolled,
            may_enrol=True,
            qr_code=qr_data_url(self.device.config_url),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        confirm_device(self.device)
        audit.record(AuditEvent.Kind.DEVICE_ENROLLED, self.request, user=self.request.user, subject=self.device.name)
        otp_login(self.request, self.device)
        messages.success(self.request, _("二要素認証の端末を登録しました。"))
        return redirect("admin:index")
