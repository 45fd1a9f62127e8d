from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Notification

IN_APP, EMAIL = "app", "email"
CHOICES = [(IN_APP, _("画面のみ")), (EMAIL, _("画面とメール"))]


class NotificationSettingsForm(forms.Form):
    """Per kind of notice: in the inbox only, or also by e-mail."""

    def __init__(self, *args, email_kinds: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=CHOICES, widget=forms.RadioSelect, initial=EMAIL if kind in email_kinds else IN_APP
            )

    def email_kinds(self) -> list[str]:
        return [kind for kind, choice in self.cleaned_data.items() if choice == EMAIL]
