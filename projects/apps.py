from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("プロジェクトマネジメント支援")

    def ready(self):
        from .attachments import register_attachments
        from .caching import PROJECT_DATA

        PROJECT_DATA.connect()
        register_attachments()
