from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search across the portal: it reads the projects, governance and kpis apps and sits above them."""

    name = "search"
    verbose_name = _("検索")
