"""GET /api/v1/municipalities/: the 33 municipalities with their codes, kinds and DX status per focus area."""

import pytest

from governance.models import MunicipalDxStatus, Municipality, validate_local_government_code
from tests.governance.factories import MunicipalDxStatusFactory, MunicipalityFactory
from tests.governance.helpers import load_governance_demo, reference_rows, token_client

pytestmark = pytest.mark.django_db


def test_the_demo_lists_the_33_municipalities_with_valid_codes_as_in_the_reference_list(fiona):
    load_governance_demo()
    body = token_client(fiona).get("/api/v1/municipalities/").json()
    assert body["count"] == 33
    for row in body["results"]:
        validate_local_government_code(row["code"])
        assert len(row["dx_status"]) == 6
    listed = {(r["code"], r["name"], r["kana"], r["kind"]) for r in body["results"]}
    assert listed == {(r["code"], r["name_ja"], r["name_kana"], r["kind"]) for r in reference_rows()}
    kinds = [r["kind"] for r in body["results"]]
    assert (kinds.count("designated_city"), kinds.count("city"), kinds.count("town"), kinds.count("village")) == (3, 16, 13, 1)


def test_a_municipality_by_its_code_with_its_status_per_area(fiona):
    city = MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)
    MunicipalDxStatusFactory(municipality=city, focus_area="security", status="done", note="次期KSCへ移行予定")
    body = token_client(fiona).get("/api/v1/municipalities/141003/").json()
    assert body == {
        "code": "141003", "name": "横浜市", "kana": body["kana"], "kind": "designated_city",
        "dx_status": [
            {"focus_area": "security", "status": "done", "note": "次期KSCへ移行予定", "as_of": "2022-09-30", "version": 1}
        ],
    }


def test_the_prefecture_is_a_council_member_but_not_listed_among_the_municipalities(fiona):
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    client = token_client(fiona)
    assert client.get("/api/v1/municipalities/").json()["count"] == 0
    assert client.get("/api/v1/municipalities/140007/").status_code == 404


def test_the_kind_filter_and_its_errors(fiona):
    MunicipalityFactory(kind=Municipality.Kind.TOWN)
    MunicipalityFactory(kind=Municipality.Kind.CITY)
    client = token_client(fiona)
    assert client.get("/api/v1/municipalities/", {"kind": "town"}).json()["count"] == 1
    bad = client.get("/api/v1/municipalities/", {"kind": "metropolis"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"kind"}


def test_a_token_without_the_governance_scope_is_forbidden_and_no_token_is_unauthorised(fiona, client):
    assert token_client(fiona, ["kpi:read"]).get("/api/v1/municipalities/").status_code == 403
    assert client.get("/api/v1/municipalities/").status_code == 401


def test_writes_are_not_exposed(fiona, petra):
    client = token_client(petra)
    assert client.post("/api/v1/municipalities/", {"code": "141003"}).status_code in (403, 405)
    client.force_authenticate(petra)
    assert client.post("/api/v1/municipalities/", {"code": "141003"}).status_code == 405


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(fiona, size, django_assert_num_queries):
    client = token_client(fiona)
    for city in MunicipalityFactory.create_batch(size):
        for area in MunicipalDxStatus.FocusArea.values:
            MunicipalDxStatusFactory(municipality=city, focus_area=area)
    with django_assert_num_queries(5):  # a read writes no audit row nor the token's last use
        assert client.get("/api/v1/municipalities/").status_code == 200
