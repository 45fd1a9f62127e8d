"""Django permissions (used by the admin) derived from the portal's roles instead of per-user grants."""

from django.contrib.auth.backends import BaseBackend

from .roles import roles_of

PORTAL_APPS = {"dx_portal", "organisation", "governance", "projects", "kpis"}


class RoleBackend(BaseBackend):
    """PMO may view, add and change every record of the portal's apps in the admin; nobody deletes there
    except a superuser (history stays whole; decisions are superseded, never deleted)."""

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        app_label, _, codename = perm.partition(".")
        if app_label not in PORTAL_APPS:
            return False
        return roles_of(user_obj).is_pmo and not codename.startswith("delete_")

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and app_label in PORTAL_APPS and roles_of(user_obj).is_pmo
