"""The portal's URLs plus the floor (the cheapest Django view that answers JSON of a given size) and a
way to make the next request of a cached page compute afresh, as after a change to a project."""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from dx_portal.urls import handler404, handler500  # noqa: F401  (Django reads them from the root URLconf)
from projects.caching import PROJECT_DATA

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


@csrf_exempt
def bump(request):
    """``POST /bench/bump``: what any change to a project does to the cached answers (bench settings only)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    PROJECT_DATA.bump()
    return HttpResponse(status=204)


urlpatterns = [
    path("bench/floor", floor, name="bench-floor"),
    path("bench/bump", bump, name="bench-bump"),
    path("", include("dx_portal.urls")),
]
