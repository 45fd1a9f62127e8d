"""The portal's URLs plus the floor: the cheapest Django view that answers JSON of a given size."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import include, path

from dx_portal.urls import handler404, handler500  # noqa: F401  (Django reads them from the root URLconf)

FLOOR_MAX_BYTES = 10_000_000
_PREFIX, _SUFFIX = b'{"pad":"', b'"}'


def floor(request):
    """``/bench/floor?bytes=N``: a JSON document of exactly N bytes, built with no query and no template."""
    try:
        size = int(request.GET.get("bytes", "1000"))
    except ValueError:
        size = -1
    if not len(_PREFIX) + len(_SUFFIX) <= size <= FLOOR_MAX_BYTES:
        return HttpResponseBadRequest(f"bytes must be {len(_PREFIX) + len(_SUFFIX)}..{FLOOR_MAX_BYTES}")
    pad = b"x" * (size - len(_PREFIX) - len(_SUFFIX))
    return HttpResponse(_PREFIX + pad + _SUFFIX, content_type="application/json")


urlpatterns = [
    path("bench/floor", floor, name="bench-floor"),
    path("", include("dx_portal.urls")),
]
