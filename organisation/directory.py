"""Sign-in with the office directory: django-auth-ldap, and the portal roles its groups give.

Loaded only when LDAP_SERVER_URI is set (dx_portal/settings/directory.py), so python-ldap stays optional.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_auth_ldap.backend import LDAPBackend

from dx_portal import audit
from dx_portal.models import AuditEvent

from .models import Division, DivisionMembership


class DirectoryBackend(LDAPBackend):
    """Checks the password against the directory, then gives the user the portal roles of their directory
    groups (LDAP_ROLE_GROUPS) and, with LDAP_DIVISION_GROUPS, a place in each division whose code is the
    name of one of their groups."""

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None or not user.is_active:  # deactivated in the portal: the directory does not revive them
            return None
        apply_directory_groups(user, ldap_user.group_dns, ldap_user.group_names)
        return user


@transaction.atomic
def apply_directory_groups(user, group_dns: set[str], group_names: set[str]) -> None:
    """The directory decides the roles it is configured for (given or taken away at every sign-in);
    divisions are only added, as staff: a manager's role, and moves between divisions (人事異動), are the
    portal's to record."""
    dns = {dn.lower() for dn in group_dns}
    had = set(user.groups.values_list("name", flat=True))
    changes = []
    for role, dn in settings.LDAP_ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if dn.lower() in dns:
            user.groups.add(group)
            changes += [f"+{role}"] if role not in had else []
        else:
            user.groups.remove(group)
            changes += [f"-{role}"] if role in had else []
    if settings.LDAP_DIVISION_GROUPS:
        for division in Division.objects.filter(code__in=group_names):
            _, created = DivisionMembership.objects.get_or_create(
                user=user, division=division, end_on__isnull=True,
                defaults={"role": DivisionMembership.Role.STAFF, "start_on": timezone.localdate()},
            )
            changes += [f"+{division.code}"] if created else []
    if changes:
        # Who the directory made what: the audit log shows every role it gave or took away (no actor but it).
        audit.record(AuditEvent.Kind.DIRECTORY_ROLES, user=user, subject=" ".join(changes)[:300])
