"""Sign-in with the office directory (LDAP or Active Directory, django-auth-ldap), from the environment.

base.py calls ``ldap_settings`` only when ``LDAP_SERVER_URI`` is set: python-ldap needs system headers
to build, so it is an optional install (requirements-ldap.txt) and nothing imports it otherwise.
https://django-auth-ldap.readthedocs.io/en/latest/reference.html
"""

from django.core.exceptions import ImproperlyConfigured

MISSING = (
    "LDAP_SERVER_URI is set, but django-auth-ldap / python-ldap is not installed. Install the system headers "
    "(apt-get install libldap2-dev libsasl2-dev) and then: pip install -r requirements-ldap.txt"
)
# Which portal role each LDAP_GROUP_<ROLE> variable (a group's DN) gives: organisation.roles' group names.
ROLE_VARIABLES = {"cio": "LDAP_GROUP_CIO", "pmo": "LDAP_GROUP_PMO", "auditor": "LDAP_GROUP_AUDITOR"}


def ldap_settings(env) -> dict:
    """The AUTH_LDAP_* settings and the backend list, read from ``env`` (a django-environ ``Env``)."""
    try:
        import ldap
        from django_auth_ldap.config import GroupOfNamesType, LDAPSearch, NestedActiveDirectoryGroupType
    except ImportError as error:
        raise ImproperlyConfigured(MISSING) from error

    active_directory = env.str("LDAP_GROUP_TYPE", default="groupOfNames") == "activeDirectory"
    default_filter = "(sAMAccountName=%(user)s)" if active_directory else "(uid=%(user)s)"
    timeout = env.int("LDAP_TIMEOUT", default=5)
    options = {ldap.OPT_NETWORK_TIMEOUT: timeout, ldap.OPT_TIMEOUT: timeout}
    if active_directory:
        options[ldap.OPT_REFERRALS] = 0  # AD's referrals to other domains would need binds of their own
    group_base = env.str("LDAP_GROUP_SEARCH_BASE", default="")
    return {
        "AUTH_LDAP_SERVER_URI": env.str("LDAP_SERVER_URI"),
        "AUTH_LDAP_BIND_DN": env.str("LDAP_BIND_DN", default=""),
        "AUTH_LDAP_BIND_PASSWORD": env.str("LDAP_BIND_PASSWORD", default=""),
        "AUTH_LDAP_START_TLS": env.bool("LDAP_START_TLS", default=False),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            env.str("LDAP_USER_SEARCH_BASE"),
            ldap.SCOPE_SUBTREE,
            env.str("LDAP_USER_SEARCH_FILTER", default=default_filter),
        ),
        "AUTH_LDAP_USER_ATTR_MAP": {"first_name": "givenName", "last_name": "sn", "email": "mail"},
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            group_base,
            ldap.SCOPE_SUBTREE,
            env.str(
                "LDAP_GROUP_SEARCH_FILTER", default="(objectClass=group)" if active_directory else "(objectClass=groupOfNames)"
            ),
        )
        if group_base
        else None,
        "AUTH_LDAP_GROUP_TYPE": NestedActiveDirectoryGroupType() if active_directory else GroupOfNamesType(name_attr="cn"),
        # Read by organisation.directory.DirectoryBackend: directory group -> portal role, division.
        "LDAP_ROLE_GROUPS": {role: dn for role, variable in ROLE_VARIABLES.items() if (dn := env.str(variable, default=""))},
        "LDAP_DIVISION_GROUPS": env.bool("LDAP_DIVISION_GROUPS", default=False),
    }


def with_directory_backend(backends: list[str]) -> list[str]:
    """The directory is asked before the local accounts; a directory user has no local password, and a
    directory that does not answer leaves local accounts working."""
    local = backends.index("django.contrib.auth.backends.ModelBackend")
    return [*backends[:local], "organisation.directory.DirectoryBackend", *backends[local:]]
