from django.apps import AppConfig


class DxPortalConfig(AppConfig):
    name = "dx_portal"

    def ready(self):
        from . import lookups  # noqa: F401 - registers the integer ``__in`` lookup
