from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    """"My work" (/my/) and the notices inbox (/notifications/): what waits for a person, across the apps."""

    name = "workbench"
    verbose_name = _("マイワーク")
