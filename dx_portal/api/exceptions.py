"""One error shape for the whole API:

    {"status": 400, "code": "invalid", "message": "...", "errors": {"field": ["..."]}}

``errors`` carries field errors (``non_field_errors`` for the rest) and appears on 400 only; a 409 also
carries ``current``, the record as it is now. Messages are in the request's language. A 401 says
``WWW-Authenticate: Token``, a 429 ``Retry-After``. An unexpected exception is logged and answered 500
in the same shape, never with a traceback.
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from dx_portal.api.renderers import JSONRenderer
from dx_portal.errors import NOT_ALLOWED, StaleVersionError

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("他の利用者がこの記録を更新しました。")
    default_code = "stale_version"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


# Our wording for the errors DRF raises itself; a view that raises with its own detail keeps it.
MESSAGES = {
    "invalid": _("入力内容に誤りがあります。各項目のエラーを確認してください。"),
    "parse_error": _("リクエストの本文を読み取れません。JSON の形式を確認してください。"),
    "authentication_failed": _("トークンが無効です。正しいキーか、期限切れ・失効していないかを確認してください。"),
    "not_authenticated": _("認証が必要です。Authorization: Token <キー> ヘッダーを付けてください。"),
    "permission_denied": NOT_ALLOWED,
    "not_found": _("指定されたものは見つかりません。"),
    "method_not_allowed": _("このメソッドは使えません。"),
    "not_acceptable": _("要求された形式では応答できません。"),
    "unsupported_media_type": _("この形式の本文は受け付けられません。"),
    "server_error": _("サーバーで予期しないエラーが発生しました。時間をおいて再度お試しください。"),
    "request_too_large": _("リクエストの本文が大きすぎます。"),
    "null_character": _("NUL 文字（\\0）を含む入力は受け付けられません。"),
    "invalid_idempotency_key": _("Idempotency-Key は 1 文字以上 255 文字以内の ASCII 文字で指定してください。"),
    "idempotency_key_reused": _("この Idempotency-Key は別の内容のリクエストに使われています。新しいキーを使ってください。"),
    "request_in_progress": _("同じ Idempotency-Key のリクエストを処理中です。しばらくしてから再度お試しください。"),
}
# DRF words these itself (field errors, parser messages, method, media type): never a view's own words.
ALWAYS_OURS = (
    exceptions.ValidationError,
    exceptions.ParseError,
    exceptions.MethodNotAllowed,
    exceptions.NotAcceptable,
    exceptions.UnsupportedMediaType,
)


def exception_handler(exc, context):
    current = None
    if isinstance(exc, StaleVersionError):
        current = {"version": exc.current_version}
        exc = Conflict(str(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(MESSAGES["request_too_large"])
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    _answer_in_json(context)
    response = drf_exception_handler(exc, context)
    if response is None:
        return _server_error(exc, context)
    body = {"status": response.status_code, "code": _code(exc), "message": _message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["errors"] = detail
    if current is not None:
        body["current"] = current
    response.data = body
    return response


def _answer_in_json(context) -> None:
    """Errors are JSON even where the view would answer CSV (``?format=csv``) or the Accept header
    named nothing we render: the one shape, documented as application/json."""
    request = context.get("request")
    if request is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"


def _server_error(exc, context):
    request = context.get("request")
    logger.error("Unexpected error in API view %s", getattr(request, "path", "?"), exc_info=exc)
    # What Django does for an uncaught exception: error reporters and the test client hear of it.
    got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    set_rollback()
    return error_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", str(MESSAGES["server_error"]))


def _code(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    # A view may raise with its own code, e.g. PermissionDenied(detail, code="not_owner").
    return getattr(getattr(exc, "detail", None), "code", None) or getattr(exc, "default_code", "error")


def _message(exc) -> str:
    if isinstance(exc, exceptions.Throttled):
        wait = exc.wait or 1
        return ngettext(
            "リクエストが多すぎます。%(wait)d 秒後にもう一度お試しください。",
            "リクエストが多すぎます。%(wait)d 秒後にもう一度お試しください。",
            wait,
        ) % {"wait": wait}
    code = _code(exc)
    if code in MESSAGES and (isinstance(exc, ALWAYS_OURS) or _is_drf_default(exc)):
        return str(MESSAGES[code])
    detail = getattr(exc, "detail", None)
    return str(detail) if isinstance(detail, str) else str(getattr(exc, "default_detail", exc))


def _is_drf_default(exc) -> bool:
    # Knox and DRF word their 401s in several ways (no header, bad header, unknown key): all are ours.
    if isinstance(exc, (exceptions.AuthenticationFailed, exceptions.NotAuthenticated)):
        return True
    return str(exc.detail) == str(exc.default_detail)


def error_response(status_code: int, code: str, message: str) -> Response:
    return Response({"status": status_code, "code": code, "message": message}, status=status_code)


def error_json(status_code: int, code: str) -> JsonResponse:
    """The error shape outside a DRF view (middleware, Django's handlers), with our message for ``code``."""
    return JsonResponse({"status": status_code, "code": code, "message": str(MESSAGES[code])}, status=status_code)


def too_large() -> JsonResponse:
    return error_json(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "request_too_large")
