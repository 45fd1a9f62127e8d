"""One error shape for the whole API:

    {"status": 400, "code": "invalid", "message": "...", "errors": {"field": ["..."]}}

``errors`` carries field errors (``non_field_errors`` for the rest); a 409 also carries ``current``,
the record as it is now. Messages are in the request's language.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from dx_portal.errors import StaleVersionError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("他の利用者がこの記録を更新しました。")
    default_code = "stale_version"


def exception_handler(exc, context):
    current = None
    if isinstance(exc, StaleVersionError):
        current = {"version": exc.current_version}
        exc = Conflict(str(exc))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": _code(exc), "message": _message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["errors"] = detail
    if current is not None:
        body["current"] = current
    response.data = body
    return response


def _code(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return getattr(exc, "default_code", "error")


def _message(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return str(_("入力内容に誤りがあります。各項目のエラーを確認してください。"))
    detail = getattr(exc, "detail", None)
    return str(detail) if isinstance(detail, str) else str(getattr(exc, "default_detail", exc))


def error_response(status_code: int, code: str, message: str) -> Response:
    return Response({"status": status_code, "code": code, "message": message}, status=status_code)
