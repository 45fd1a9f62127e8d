from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("プロジェクトマネジメント支援")

    def ready(self):
        from organisation import handover

        from .attachments import register_attachments
        from .caching import PROJECT_DATA
        from .handover import IssueProvider, WatchProvider

        PROJECT_DATA.connect()
        handover.register(IssueProvider())
        handover.register(WatchProvider())
        register_attachments()
