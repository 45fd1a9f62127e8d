"""Middleware of the platform: the audit of API token use, NUL bytes refused, and nothing behind a login
kept by a browser's or a proxy's cache."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

from .api.exceptions import MESSAGES
from .audit import record_token_use

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class TokenAuditMiddleware:
    """Records every API request made with a token, and every token the API refused (ISMS audit).

    DRF authenticates inside the view and leaves ``request.auth`` on the Django request, so this
    looks after the response and needs no hook in the authentication class.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record_token_use(request, response)
        return response


class RejectNulMiddleware:
    """A NUL byte in a URL part, a query or a form field is refused (400) before any view sees it.

    PostgreSQL cannot store or even compare one in a text value, so it would reach the database as an
    error (500); nobody types one. The API answers in its error shape, naming the parameters; uploaded
    files are the importers' to read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = _fields_with_nul(request)
        if fields:
            if request.path.startswith("/api/"):
                message = str(MESSAGES["null_character"])
                body = {"status": 400, "code": "invalid", "message": message, "errors": dict.fromkeys(fields, [message])}
                return JsonResponse(body, status=400)
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)


def _fields_with_nul(request) -> list[str]:
    queries = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        queries.append(request.POST)
    fields = ["non_field_errors"] if "\x00" in request.path else []
    for query in queries:
        for name, values in query.lists():
            if any("\x00" in text for text in (name, *values)):
                fields.append(name.replace("\x00", "") or "non_field_errors")
    if request.method == "POST" and request.content_type == "multipart/form-data":
        fields.extend(name for name, upload in request.FILES.items() if "\x00" in (upload.name or ""))
    return fields


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every answer given to someone logged in (a session or a
    token): a shared office PC keeps no page, export or API answer in its disk cache after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # DRF leaves a token's user here too
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
