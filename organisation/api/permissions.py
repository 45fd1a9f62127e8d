"""API permission: a token may only do what its scopes allow; a session user is bound by roles alone."""

from django.contrib.auth.models import AnonymousUser
from rest_framework import permissions

from dx_portal.models import ApiToken

from ..roles import roles_of


class TokenScopePermission(permissions.BasePermission):
    """Each view names ``required_scopes = {"read": ..., "write": ...}``; anonymous access is opt-in.

    A view sets ``allow_anonymous_read = True`` for public data (the public KPI feeds). Object-level
    rules (whose division) are the views' querysets and ``organisation.permissions``.
    """

    def has_permission(self, request, view):
        is_read = request.method in permissions.SAFE_METHODS
        if not (request.user and request.user.is_authenticated):
            # 401 for every method before anything is looked up: nothing to learn about what exists.
            return is_read and getattr(view, "allow_anonymous_read", False)
        if not hasattr(view, request.method.lower()):
            return True  # let DRF answer 405 with Allow, not 403
        token = request.auth
        if not isinstance(token, ApiToken) and roles_of(request.user).is_api_client:
            return False  # a REST client reads only through its token's scopes, never a session
        if isinstance(token, ApiToken):
            return self._token_may(request, view, token, is_read)
        return True

    @staticmethod
    def _token_may(request, view, token, is_read) -> bool:
        required = getattr(view, "required_scopes", {}).get("read" if is_read else "write")
        # A write scope reads what it writes (a PATCH needs the version a GET gives): kpi:write has kpi:read.
        granted = token.scope_set | {s.removesuffix(":write") + ":read" for s in token.scope_set if s.endswith(":write")}
        if required is not None and required in granted:
            return True
        if is_read and getattr(view, "allow_anonymous_read", False):
            # Any valid token reads what anyone may, and no more: answered as an anonymous request.
            request.user = AnonymousUser()
            return True
        return False
