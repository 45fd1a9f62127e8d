from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    default = True
    name = "organisation"
    verbose_name = _("組織")

    def ready(self):
        from . import roles  # noqa: F401 - its receivers keep a token's cached roles true


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin on our site (PMO and superusers only). Named in INSTALLED_APPS, so this module is
    imported before any model exists: the site itself lives in ``admin_site``, its models in ``admin``."""

    default = False
    default_site = "organisation.admin_site.PortalAdminSite"
