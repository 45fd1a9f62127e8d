"""/api/v1/catalog/: the public indicators as a DCAT catalog (DCAT-AP vocabulary) that an open-data portal
(CKAN with ckanext-dcat) harvests. JSON-LD by default, Turtle with ``?format=ttl`` or ``Accept: text/turtle``.

Each public indicator is a ``dcat:Dataset``: titles in Japanese and English, its division as publisher
and contact, the licence (CC BY 4.0 is compatible with the government's standard terms of use,
公共データ利用規約 第1.0版), the fiscal years covered, how often it is updated, keywords, and two
distributions: the observations as CSV (``dct:conformsTo`` its Table Schema) and as JSON. Non-public
indicators never appear, whoever asks.
"""

import datetime
import json

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.response import Response
from rest_framework.views import APIView

from dx_portal.api.renderers import JSONRenderer

from ..models import Indicator

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"},
    "vcard:hasEmail": {"@type": "@id"},
}


def _both(ja: str, en: str) -> list[dict]:
    return [{"@value": ja, "@language": "ja"}, *([{"@value": en, "@language": "en"}] if en else [])]


def _licence(text: str):
    return {"dct:license": CC_BY_4} if text.replace(" ", "").upper() == "CCBY4.0" else {"dct:rights": text}


def catalog_indicators():
    return (
        Indicator.objects.filter(is_public=True)
        .select_related("division")
        .annotate(
            first_year=Min("observations__fiscal_year"),
            last_year=Max("observations__fiscal_year"),
            changed=Max("observations__updated_at"),
            monthly=Count("observations", filter=Q(observations__month__isnull=False)),
        )
        .order_by("sort_order", "code")
    )


def dataset(indicator: Indicator, url) -> dict:
    observations = url(reverse("kpis_api:observation-list", args=[indicator.code]))
    division = indicator.division
    modified = max(filter(None, [indicator.updated_at, indicator.changed]))
    node = {
        "@id": url(reverse("kpis_api:indicator-detail", args=[indicator.code])),
        "@type": "dcat:Dataset",
        "dct:identifier": indicator.code,
        "dct:title": _both(indicator.name_ja, indicator.name_en),
        "dct:description": _both(indicator.description or indicator.name_ja, indicator.name_en),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": _both(division.name, division.name_en)},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": division.name,
            **({"vcard:hasEmail": f"mailto:{division.email}"} if division.email else {}),
        },
        "dcat:keyword": _both("KPI", "KPI") + _both(indicator.get_unit_display(), "") + [
            {"@value": "デジタル化", "@language": "ja"}, {"@value": "digital transformation", "@language": "en"},
        ],
        "dct:issued": indicator.created_at.isoformat(),
        "dct:modified": modified.isoformat(),
        "dct:accrualPeriodicity": FREQUENCY + ("MONTHLY" if indicator.monthly else "ANNUAL"),
        "dcat:landingPage": url(reverse("kpis:indicator-detail", args=[indicator.code])),
        **_licence(indicator.licence),
        "dcat:distribution": [
            {
                "@id": f"{observations}?format=csv",
                "@type": "dcat:Distribution",
                "dct:title": _both(f"{indicator.name_ja}（CSV）", f"{indicator.name_en} (CSV)"),
                "dcat:accessURL": f"{observations}?format=csv",
                "dcat:downloadURL": f"{observations}?format=csv",
                "dcat:mediaType": "text/csv",
                "dct:format": "CSV",
                "dct:conformsTo": url(reverse("kpis_api:observation-schema")),
                **_licence(indicator.licence),
            },
            {
                "@id": observations,
                "@type": "dcat:Distribution",
                "dct:title": _both(f"{indicator.name_ja}（JSON）", f"{indicator.name_en} (JSON)"),
                "dcat:accessURL": observations,
                "dcat:mediaType": "application/json",
                "dct:format": "JSON",
                **_licence(indicator.licence),
            },
        ],
    }
    if indicator.first_year is not None:
        # Japanese fiscal years: April to March.
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": datetime.date(indicator.first_year, 4, 1).isoformat(),
            "dcat:endDate": datetime.date(indicator.last_year + 1, 3, 31).isoformat(),
        }
    return node


def catalog(url) -> dict:
    datasets = [dataset(indicator, url) for indicator in catalog_indicators()]
    return {
        "@context": CONTEXT,
        "@id": url(reverse("kpis_api:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": _both(settings.OPEN_DATA_CATALOG_TITLE, settings.OPEN_DATA_CATALOG_TITLE_EN),
        "dct:description": _both("デジタル戦略の KPI（重要業績評価指標）の実績値", "KPIs of the digital strategy"),
        "dct:publisher": {
            "@type": "foaf:Organization", "foaf:name": _both(settings.OPEN_DATA_PUBLISHER, settings.OPEN_DATA_PUBLISHER_EN)
        },
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/JPN"},
        "dct:license": CC_BY_4,
        "dcat:dataset": datasets,
    }


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class TurtleRenderer(renderers.BaseRenderer):
    media_type = "text/turtle"
    format = "ttl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        from rdflib import Graph

        return Graph().parse(data=json.dumps(data), format="json-ld").serialize(format="turtle").encode()


class CatalogView(APIView):
    """The DCAT catalog of the public indicators, for open-data portals to harvest. No token needed."""

    # As the public feeds: no token needed, any valid token reads it too; only public indicators either way.
    required_scopes = {"read": "kpi:read", "write": "kpi:write"}
    allow_anonymous_read = True
    renderer_classes = [JsonLdRenderer, JSONRenderer, TurtleRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=["jsonld", "json", "ttl"], description="ttl: Turtle")],
        responses={
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/turtle"): OpenApiTypes.STR,
            404: OpenApiResponse(description="format names no rendering (DRF's answer to an unknown ?format=)"),
        }
    )
    def get(self, request):
        return Response(catalog(request.build_absolute_uri))

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(response, "exception", False):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
