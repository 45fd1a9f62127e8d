from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("プロジェクトマネジメント支援")

    def ready(self):
        from organisation import handover

        from .attachments import register_attachments
        from .caching import PROJECT_DATA
        from .handover import IssueProvider

        PROJECT_DATA.connect()
        handover.register(IssueProvider())
        register_attachments()
