"""/api/v1/catalog/: a DCAT catalog that parses as RDF (JSON-LD and Turtle) and lists each public indicator,
never a non-public one, with titles in both languages, licence, coverage and its CSV distribution."""

import datetime

import pytest
from rdflib import Graph, Literal, Namespace, URIRef, namespace

from tests.kpis.factories import IndicatorFactory, ObservationFactory

BASE = "http://testserver/api/v1/"
DATASET = URIRef(f"{BASE}kpis/e-approval-rate/")
CSV = URIRef(f"{BASE}kpis/e-approval-rate/observations/?format=csv")
FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
DCAT, DCTERMS, RDF = namespace.DCAT, namespace.DCTERMS, namespace.RDF


@pytest.fixture
def indicators(db):
    rate = IndicatorFactory(code="e-approval-rate", name_ja="電子決裁率", name_en="E-approval rate", percentage=True)
    for year in (2019, 2020, 2021):
        ObservationFactory(indicator=rate, fiscal_year=year)
    ObservationFactory(indicator=IndicatorFactory(code="internal", private=True))


def graph(api, fmt):
    response = api.get("/api/v1/catalog/", {"format": fmt})
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format={"jsonld": "json-ld", "ttl": "turtle"}[fmt])


@pytest.mark.parametrize("fmt", ["jsonld", "ttl"])
def test_the_catalog_lists_the_public_indicator_with_its_csv(api, indicators, fmt):
    g = graph(api, fmt)
    assert (None, RDF.type, DCAT.Catalog) in g
    assert set(g.subjects(RDF.type, DCAT.Dataset)) == {DATASET}
    assert (DATASET, DCTERMS.title, Literal("電子決裁率", lang="ja")) in g
    assert (DATASET, DCTERMS.title, Literal("E-approval rate", lang="en")) in g
    assert (DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert (DATASET, DCTERMS.accrualPeriodicity, FREQUENCY.ANNUAL) in g
    assert (DATASET, DCAT.distribution, CSV) in g
    assert (CSV, DCAT.mediaType, Literal("text/csv")) in g
    assert (CSV, DCTERMS.conformsTo, URIRef(f"{BASE}kpis/observations.schema.json")) in g
    period = g.value(DATASET, DCTERMS.temporal)
    assert g.value(period, DCAT.startDate).toPython() == datetime.date(2019, 4, 1)
    assert g.value(period, DCAT.endDate).toPython() == datetime.date(2022, 3, 31)


def test_a_non_public_indicator_never_appears_even_for_pmo(api, indicators, petra):
    api.force_login(petra)
    assert "internal" not in api.get("/api/v1/catalog/").content.decode()


def test_the_catalog_is_json_ld_by_default(api, indicators):
    response = api.get("/api/v1/catalog/")
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json()["@type"] == "dcat:Catalog"
