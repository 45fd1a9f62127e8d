"""API permission: a token may only do what its scopes allow; a session user is bound by roles alone."""

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
            required = getattr(view, "required_scopes", {}).get("read" if is_read else "write")
            return required is not None and required in token.scope_set
        return True
