"""The API's own pages: Swagger UI under the strict CSP, and 404/500 in the error shape under /api/."""

import base64
import hashlib
import re

from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView

from .exceptions import MESSAGES

INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our static files (sidecar). The split view serves its start-up script as a
    separate file (``?script``), so no inline script is needed.

    drf-spectacular's page template carries one small ``<style>`` block; it is allowed by its hash
    rather than by ``'unsafe-inline'``. Only this view's own template is hashed: it shows no user data.
    """

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response.add_post_render_callback(_allow_inline_styles)
        return response


def _allow_inline_styles(response):
    hashes = [_csp_hash(block) for block in INLINE_STYLE.findall(response.content.decode())]
    if hashes:
        # Read by django-csp's middleware, as its @csp_update decorator would set it.
        response._csp_update = {"style-src": hashes}


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """URLs under /api/ that match no endpoint answer in the API's error shape; pages as before."""
    if _is_api(request):
        return JsonResponse({"status": 404, "code": "not_found", "message": str(MESSAGES["not_found"])}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        body = {"status": 500, "code": "server_error", "message": str(MESSAGES["server_error"])}
        return JsonResponse(body, status=500)
    return defaults.server_error(request)
