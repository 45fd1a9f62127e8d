"""GET answers kept rendered in the cache, under the version of the data they show.

Authentication, scopes, throttling and the audit run on every request as before; only the reading and
rendering are skipped when an equal request was answered since the data last changed. "Equal" means
the same view and URL arguments, the same values of the parameters the view reads (its filters, page and
page size), format, language and day (report states and stale counts change at midnight), and the same rows
visible to the caller (``visibility_key``), never the same person: two PMO members share answers, staff of
two divisions do not. Parameters the view does not read make no new entry. Only a valid request is kept: its
filters are validated when the answer is computed, and an invalid one is answered 400 and never cached, so
an answer found needs no FilterSet and no queryset built.

A token's answer is read in the round trip that looks the token up (dx_portal.api.authentication), under the
visibility the token had at its last answer in this process: the key is known only once the token's user is, so it
is predicted, and the answer read ahead is used only when the prediction holds (else it is read as usual).
"""

import functools
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.forms import MultiWidget
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.renderers import BrowsableAPIRenderer

from dx_portal.api.authentication import token_digest
from dx_portal.api.throttling import read_ahead
from dx_portal.versioned_cache import DataVersion, page_number

from ..permissions import visibility_key


@dataclass(frozen=True)
class RenderedAnswer:
    content: bytes
    content_type: str


# The visibility of each token at its last answer in this process (a prediction: a wrong one costs a round trip).
_LAST_VISIBILITY: dict[str, str] = {}
_LAST_VISIBILITY_KEPT = 10_000


class VersionCachedGetMixin:
    data_version: DataVersion
    _asked: tuple | None = None

    def perform_authentication(self, request):
        digest = token_digest(request)
        predicted = _LAST_VISIBILITY.get(digest) if digest else None
        if predicted is not None and self._shared(request):
            request.read_ahead_keys = self.data_version.keys("api-answer", self._parts(request, predicted))
        super().perform_authentication(request)

    def get(self, request, *args, **kwargs):
        if not self._shared(request):
            return super().get(request, *args, **kwargs)

        def render() -> RenderedAnswer:
            # A refused filter raises (400) before anything is cached.
            response = self.finalize_response(request, super(VersionCachedGetMixin, self).get(request, *args, **kwargs))
            response.render()
            return RenderedAnswer(response.content, response["Content-Type"])

        visibility = visibility_key(request.user)
        digest = token_digest(request)
        if digest:
            if len(_LAST_VISIBILITY) >= _LAST_VISIBILITY_KEPT:
                _LAST_VISIBILITY.clear()
            _LAST_VISIBILITY[digest] = visibility
        parts = self._parts(request, visibility)
        # Guessed wrong, what was read holds no entry of this key: read it, rather than take that as a miss.
        found = read_ahead(request, self.data_version.keys("api-answer", parts))
        answer = self.data_version.cached("api-answer", parts, render, found=found)
        return HttpResponse(answer.content, content_type=answer.content_type)

    @staticmethod
    def _shared(request) -> bool:
        # The browsable API renders forms for the person looking: never shared.
        return not isinstance(request.accepted_renderer, BrowsableAPIRenderer)

    def _parts(self, request, visibility: str) -> tuple:
        """What the answer depends on: the request's part worked out once (the answer's key may be guessed first)."""
        if self._asked is None:
            query = request.query_params
            asked = {name: tuple(value for value in query.getlist(name) if value) for name in parameters_read_by(type(self))}
            if self.paginator is not None:
                asked[self.paginator.page_query_param] = (page_number(query.get(self.paginator.page_query_param)),)
                asked["page_size"] = (str(self.paginator.get_page_size(request)),)
            self._asked = (
                type(self).__qualname__,
                tuple(sorted(self.kwargs.items())),
                tuple(sorted((name, values) for name, values in asked.items() if values)),
                request.get_host(),
                request.accepted_media_type,
                get_language(),
                timezone.localdate(),
            )
        return (*self._asked, visibility)


@functools.cache
def parameters_read_by(view_class) -> frozenset[str]:
    """The query parameters a view's filter backends read: its FilterSet's (a range's ``_min`` and ``_max`` too)
    and those a backend names in ``query_parameters``. A backend that names none cannot be keyed: refused."""
    names = set()
    for backend in view_class.filter_backends:
        if issubclass(backend, DjangoFilterBackend):
            filterset_class = view_class.filterset_class
            form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
            names.update(*(_parameters_of(name, field.widget) for name, field in form.fields.items()))
        elif hasattr(backend, "query_parameters"):
            names.update(backend.query_parameters)
        else:
            raise ImproperlyConfigured(f"{backend.__name__} names no query_parameters: {view_class.__name__} cannot be keyed")
    return frozenset(names)


def _parameters_of(name: str, widget) -> list[str]:
    if hasattr(widget, "suffixes"):  # django-filter's SuffixedMultiWidget: ``name_min``, ``name_max``
        return [widget.suffixed(name, suffix) for suffix in widget.suffixes]
    if isinstance(widget, MultiWidget):
        return [f"{name}{suffix}" for suffix in widget.widgets_names]
    return [name]
