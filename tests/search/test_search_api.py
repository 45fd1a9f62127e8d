"""/api/v1/search/?q=: the search as JSON, paged, within what the caller may see and their token may read."""

import pytest

pytestmark = pytest.mark.django_db


def _get(api, query):
    return api.get(f"/api/v1/search/{query}")


def test_it_lists_hits_with_kind_title_urls_and_snippet(api, petra, contract_world):
    api.force_authenticate(petra)
    body = _get(api, "?q=導入方針").json()
    assert body["count"] == 1
    (hit,) = body["results"]
    assert hit["kind"] == "decision"
    assert hit["title"] == "4-1 電子契約の導入方針"
    assert hit["url"] == "http://testserver/governance/decisions/4-1/"
    assert hit["api_url"] == "http://testserver/api/v1/decisions/4-1/"
    assert hit["date"] == "2022-09-13"
    assert "電子契約を導入する" in hit["snippet"]


def test_another_division_finds_the_decision_and_nothing_of_the_project(api, charlie, contract_world):
    api.force_authenticate(charlie)
    kinds = {hit["kind"] for hit in _get(api, "?q=契約&page_size=100").json()["results"]}
    assert "decision" in kinds
    assert not kinds & {"project", "status_report", "issue", "finding"}


def test_the_kind_filter_narrows_the_hits(api, petra, contract_world):
    api.force_authenticate(petra)
    body = _get(api, "?q=契約&kind=project&kind=issue").json()
    assert sorted(hit["kind"] for hit in body["results"]) == ["issue", "project"]


def test_an_unknown_kind_is_a_400_at_the_field(api, petra):
    api.force_authenticate(petra)
    response = _get(api, "?q=契約&kind=everything")
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


@pytest.mark.parametrize("query", ["", "?q=", "?q=%20", "?q=" + "x" * 101])
def test_an_empty_missing_or_too_long_query_is_a_400_at_q(api, petra, query):
    api.force_authenticate(petra)
    response = _get(api, query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["q"]


def test_it_pages(api, petra, contract_world):
    api.force_authenticate(petra)
    body = _get(api, "?q=契約&page_size=2").json()
    assert len(body["results"]) == 2 and body["count"] > 2 and "page=2" in body["next"]


def test_its_pages_cut_the_one_ranked_list(api, petra, contract_world):
    api.force_authenticate(petra)
    whole = [hit["url"] for hit in _get(api, "?q=契約&page_size=100").json()["results"]]
    pages = [_get(api, f"?q=契約&page_size=3&page={page}").json() for page in (1, 2, 3, "last")]
    assert [hit["url"] for page in pages[:3] for hit in page["results"]] == whole[:9]
    assert pages[3]["results"] == _get(api, f"?q=契約&page_size=3&page={-(-len(whole) // 3)}").json()["results"]
    assert _get(api, "?q=契約&page_size=3&page=99").status_code == 404
    # A page number no database integer holds is past the last page too (schemathesis found a 500).
    assert _get(api, "?q=契約&page_size=3&page=89524977682531057842257920").status_code == 404


def test_anonymous_callers_get_401(api, contract_world):
    assert _get(api, "?q=契約").status_code == 401


def test_a_token_finds_only_the_kinds_its_scopes_read(api, fiona, token_for, contract_world):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'governance:read')}")
    kinds = {hit["kind"] for hit in _get(api, "?q=契約&page_size=100").json()["results"]}
    assert kinds == {"decision", "council_meeting", "action_item", "municipality"}
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'kpi:read')}")
    kinds = {hit["kind"] for hit in _get(api, "?q=契約&page_size=100").json()["results"]}
    assert kinds == {"indicator"}


def test_a_token_with_no_scope_that_reads_a_kind_is_refused(api, fiona, token_for):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'webhooks:write')}")
    assert _get(api, "?q=契約").status_code == 403
