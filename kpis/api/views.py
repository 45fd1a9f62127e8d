"""The KPI feeds: public indicators for anyone, the rest with a kpi:read token; ETag and Last-Modified on each."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dx_portal.api.renderers import JSONRenderer
from dx_portal.api.throttling import read_ahead
from organisation.roles import roles_of

from .. import selectors
from ..caching import KPI_DATA
from ..csv_format import table_schema
from ..filtersets import IndicatorFilterSet, ObservationFilterSet
from ..handout import kpi_handout
from ..models import Indicator, Observation
from ..services import ensure_may_change, observation_record
from .examples import INDICATORS, OBSERVATIONS
from .renderers import HandoutCsvRenderer, ObservationCsvRenderer
from .serializers import (
    HandoutTableSerializer,
    IndicatorDetailSerializer,
    IndicatorSerializer,
    ObservationInputSerializer,
    ObservationSerializer,
)

KPI_SCOPES = {"read": "kpi:read", "write": "kpi:write"}

ERRORS = {
    400: OpenApiResponse(description=_("入力の誤り（項目ごとのエラー）")),
    401: OpenApiResponse(description=_("非公開の指標: トークンが必要です")),
    403: OpenApiResponse(description=_("トークンのスコープ（kpi:read）または権限がありません")),
    404: OpenApiResponse(description=_("指標がありません")),
}
NOT_MODIFIED = {304: OpenApiResponse(description=_("If-None-Match / If-Modified-Since に一致（変更なし）"))}


class ConditionalFeedMixin:
    """ETag and Last-Modified on every GET, and 304 for a matching If-None-Match or If-Modified-Since.

    The validator comes from one aggregate query (latest change, row count, versions), never from rendering the body,
    and is kept in the cache under KPI_DATA, so that a client polling an unchanged feed costs no query; the ETag also
    covers what else shapes the body: the query string, the media type and who is asking.
    """

    required_scopes = KPI_SCOPES
    allow_anonymous_read = True

    def feed_validator(self) -> selectors.Validator:
        raise NotImplementedError

    def audience(self) -> str:
        return "all" if roles_of(self.request.user).authenticated else "public"

    def validator_parts(self) -> tuple:
        return (type(self).__qualname__, tuple(sorted(self.kwargs.items())), self.audience())

    def check_throttles(self, request):
        # The validator's version and entry are read with the rate limit's count: an anonymous poll, one round trip.
        request.read_ahead_keys = KPI_DATA.keys("kpi-validator", self.validator_parts())
        super().check_throttles(request)

    def get(self, request, *args, **kwargs):
        # An indicator refused (401, 404) raises here each time: only a validator is kept.
        parts = self.validator_parts()
        found = read_ahead(request, KPI_DATA.keys("kpi-validator", parts))
        validator = KPI_DATA.cached("kpi-validator", parts, self.feed_validator, found=found)
        etag = validator.etag(request.get_full_path(), request.accepted_media_type, self.audience())
        last_modified = int(validator.last_modified.timestamp()) if validator.last_modified else None
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=_with_validators(HttpResponse(), etag, last_modified)
        )
        if conditional.status_code != status.HTTP_200_OK:
            return conditional
        return _with_validators(super().get(request, *args, **kwargs), etag, last_modified)


def _with_validators(response, etag: str, last_modified: int | None):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # The body differs between anonymous and token clients (public indicators only, or all).
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


class CsvFeedMixin:
    """``?format=csv`` (and ``?bom=1`` for Excel) on a read feed: an attachment named ``csv_filename``; errors stay
    in the API's one JSON shape."""

    def csv_filename(self) -> str:
        raise NotImplementedError

    def is_csv(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer is not None and renderer.format == "csv"

    def get(self, request, *args, **kwargs):
        bom = request.query_params.get("bom", "0")
        if bom not in ("0", "1"):
            raise exceptions.ValidationError({"bom": [_("0 または 1 を指定してください。")]})
        self.bom = bom == "1"
        return super().get(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if self.is_csv():
            # Only a read's rows are CSV: errors, a recorded figure and OPTIONS' description stay JSON.
            if getattr(response, "exception", False) or request.method not in ("GET", "HEAD"):
                request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
            elif response.status_code == status.HTTP_200_OK:
                response["Content-Disposition"] = f'attachment; filename="{self.csv_filename()}"'
        return super().finalize_response(request, response, *args, **kwargs)


CSV_PARAMETERS = [
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: UTF-8 CSV, all rows, no pages"),
    OpenApiParameter("bom", OpenApiTypes.STR, enum=["0", "1"], description="1: begin the CSV with a BOM (Excel)"),
]


class IndicatorFromUrlMixin:
    """The indicator named in the URL: 404 when there is none, 401 when it is not public and nobody is logged in."""

    def get_indicator(self, queryset=None) -> Indicator:
        if not hasattr(self, "_indicator"):
            try:
                self._indicator = selectors.indicator_get(user=self.request.user, code=self.kwargs["code"], queryset=queryset)
            except selectors.IndicatorHidden:
                message = _("この指標は公開されていません。kpi:read のトークンで認証してください。")
                # A token without a KPI scope reads as an anonymous caller (TokenScopePermission): it is refused.
                refusal = exceptions.PermissionDenied if self.request.auth is not None else exceptions.NotAuthenticated
                raise refusal(message) from None
            except Indicator.DoesNotExist:
                raise exceptions.NotFound() from None
        return self._indicator


@extend_schema_view(
    get=extend_schema(
        responses={200: IndicatorSerializer(many=True), **NOT_MODIFIED, 400: ERRORS[400], 403: ERRORS[403]},
        examples=INDICATORS,
    )
)
class IndicatorListView(ConditionalFeedMixin, generics.ListAPIView):
    """Indicators with their metadata: public ones for anyone, all of them with a kpi:read token."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ["code", "sort_order"]

    def get_queryset(self):
        return Indicator.objects.visible_to(self.request.user).select_related("division")

    def feed_validator(self):
        return selectors.indicators_validator(user=self.request.user)


@extend_schema_view(get=extend_schema(responses={200: IndicatorDetailSerializer, **NOT_MODIFIED, **ERRORS}, examples=INDICATORS))
class IndicatorDetailView(ConditionalFeedMixin, IndicatorFromUrlMixin, generics.RetrieveAPIView):
    """An indicator's metadata (names in both languages, unit, aggregation, direction, source, licence) and targets."""

    serializer_class = IndicatorDetailSerializer

    def get_object(self):
        queryset = Indicator.objects.visible_to(self.request.user).select_related("division").prefetch_related("targets")
        return self.get_indicator(queryset)

    def feed_validator(self):
        return selectors.indicator_validator(self.get_object())


@extend_schema_view(
    get=extend_schema(
        parameters=CSV_PARAMETERS,
        responses={
            (200, "application/json"): ObservationSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            **NOT_MODIFIED,
            **ERRORS,
        },
        examples=OBSERVATIONS,
    ),
    post=extend_schema(
        request=ObservationInputSerializer,
        responses={
            200: ObservationSerializer, 201: ObservationSerializer, **ERRORS,
            409: OpenApiResponse(description=_("他の利用者が先に更新しました（version の不一致）")),
        },
        description="Record the figure of a period (201), or revise it with the version it started from (200). "
        "Owning division or PMO: logged in, or with a token of the scope kpi:write.",
    ),
)
class ObservationListView(CsvFeedMixin, ConditionalFeedMixin, IndicatorFromUrlMixin, generics.ListCreateAPIView):
    """An indicator's observations, filtered by fiscal year; JSON by default, ``?format=csv`` for CSV."""

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilterSet
    renderer_classes = [JSONRenderer, ObservationCsvRenderer]
    ordering_fields = ["fiscal_year"]
    bom = False

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model, with no URL
            return Observation.objects.none()
        return selectors.observations_for_feed(self.get_indicator())

    def feed_validator(self):
        return selectors.observations_validator(self.get_indicator())

    def paginate_queryset(self, queryset):
        # The CSV is the whole table (a file to open or to import), not a page of it.
        return None if self.is_csv() else super().paginate_queryset(queryset)

    def create(self, request, *args, **kwargs):
        indicator = self.get_indicator()
        # Permission before the body: a refused writer learns nothing from what it sent (403 before 400).
        ensure_may_change(request.user, indicator)
        serializer = ObservationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        observation = observation_record(
            actor=request.user, indicator=indicator, expected_version=values.pop("version"), **values
        )
        code = status.HTTP_201_CREATED if observation.version == 1 else status.HTTP_200_OK
        return Response(ObservationSerializer(observation).data, status=code)

    def csv_filename(self) -> str:
        return f"{self.kwargs['code']}-observations.csv"

    def finalize_response(self, request, response, *args, **kwargs):
        if self.is_csv() and response.status_code == status.HTTP_200_OK:
            response["Link"] = f'<{request.build_absolute_uri(reverse("kpis_api:observation-schema"))}>; rel="describedby"'
        return super().finalize_response(request, response, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        parameters=CSV_PARAMETERS,
        responses={
            (200, "application/json"): HandoutTableSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            **NOT_MODIFIED,
            400: ERRORS[400],
            403: ERRORS[403],
            404: OpenApiResponse(description=_("format が json・csv のどちらでもない（不明な ?format= への DRF の応答）")),
        },
    )
)
class HandoutTableView(CsvFeedMixin, ConditionalFeedMixin, generics.ListAPIView):
    """The KPI tables as the committee handout prints them, one per pillar of the plan: each indicator's figure
    per fiscal year, the provisional (速報値) ones flagged, a 累計 line where the handout totals. Public
    indicators for anyone, all of them with a kpi:read token; ``?format=csv`` for the CSV of /kpis/table.csv."""

    serializer_class = HandoutTableSerializer
    renderer_classes = [JSONRenderer, HandoutCsvRenderer]
    pagination_class = None
    filter_backends = []  # the tables are whole, as printed

    def csv_filename(self) -> str:
        return "kpi-tables.csv"

    def feed_validator(self):
        return selectors.handout_validator(user=self.request.user)

    def list(self, request, *args, **kwargs):
        return Response(self.get_serializer(kpi_handout(user=request.user), many=True).data)


class ObservationSchemaView(APIView):
    """The Frictionless Table Schema of the observations CSV (the feed's and the import's columns)."""

    required_scopes = KPI_SCOPES
    allow_anonymous_read = True
    pagination_class = None

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(table_schema())
