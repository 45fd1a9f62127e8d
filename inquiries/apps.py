from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = _("照会")

    def ready(self):
        from .attachments import register_attachments

        register_attachments()
