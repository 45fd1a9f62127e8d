"""Django permissions (used by the admin) derived from the portal's roles instead of per-user grants."""

from django.contrib.auth.backends import BaseBackend

from .roles import roles_of

PORTAL_APPS = {"dx_portal", "organisation", "governance", "projects", "kpis", "inquiries"}
# Beyond the portal's apps, PMO may look people up: the admin's user picker on a membership (autocomplete)
# needs it. Accounts themselves are changed on the people pages (organisation.views), not in the admin.
PMO_EXTRA_PERMISSIONS = {"auth.view_user"}


class RoleBackend(BaseBackend):
    """PMO may view, add and change every record of the portal's apps in the admin, and view users; nobody
    deletes there except a superuser (history stays whole; decisions are superseded, never deleted)."""

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if perm in PMO_EXTRA_PERMISSIONS:
            return roles_of(user_obj).is_pmo
        app_label, _, codename = perm.partition(".")
        if app_label not in PORTAL_APPS:
            return False
        return roles_of(user_obj).is_pmo and not codename.startswith("delete_")

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and app_label in PORTAL_APPS and roles_of(user_obj).is_pmo
