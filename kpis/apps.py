from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "kpis"
    verbose_name = _("KPI（指標）")

    def ready(self):
        from .caching import KPI_DATA

        KPI_DATA.connect()
