"""/search/?q=: one query across the portal, within what the person may see."""

import datetime

import pytest
from django.conf import settings

from tests.projects.factories import ProjectFactory
from tests.security.pages import XSS_PAYLOAD, assert_shows_escaped, blocked_by_csp

pytestmark = pytest.mark.django_db


def _search(client, user, query=""):
    client.force_login(user)
    return client.get(f"/search/{query}")


def test_it_finds_the_electronic_contract_decision_but_not_the_project_charlie_may_not_see(client, charlie, contract_world):
    response = _search(client, charlie, "?q=契約")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/governance/decisions/4-1/" in html
    assert "/governance/action-items/" in html
    assert "E-CONTRACT" not in html
    assert "/projects/" not in html.split('id="results-heading"')[1]
    assert "契約約款の改定" not in html  # the project's issue
    assert "契約事務フローの見直し" not in html  # its finding


def test_as_pmo_it_finds_the_project_too(client, petra, contract_world):
    html = _search(client, petra, "?q=契約").content.decode()
    assert "/projects/E-CONTRACT/" in html
    assert "契約約款の改定" in "".join(html.replace("<mark>", "").replace("</mark>", "").split())


def test_the_owning_division_finds_its_project_and_everything_logged_on_it(client, alice, contract_world):
    response = _search(client, alice, "?q=契約")
    kinds = {hit.kind.key for hit in response.context["page_obj"]}
    assert kinds == {"project", "status_report", "issue", "finding", "decision", "council_meeting", "action_item",
                     "indicator", "municipality"}


def test_it_counts_each_kind_and_a_kind_filter_narrows_the_list(client, petra, contract_world):
    response = _search(client, petra, "?q=契約&kind=decision&kind=action_item")
    counts = {kind.key: count for kind, count, _checked in response.context["kind_counts"]}
    assert counts["project"] == 1 and counts["decision"] == 1 and counts["action_item"] == 1
    assert counts["committee_meeting"] == 0
    assert {hit.kind.key for hit in response.context["page_obj"]} == {"decision", "action_item"}
    assert response.context["total"] == 2


def test_every_word_must_match(client, petra, contract_world):
    response = _search(client, petra, "?q=電子契約　導入方針")  # a full-width space between the words
    assert [hit.title for hit in response.context["page_obj"]] == ["4-1 電子契約の導入方針"]


def test_a_title_match_ranks_above_a_newer_match_in_the_text(client, petra, division):
    ProjectFactory(code="NAMED", name="契約管理システム", division=division)
    ProjectFactory(code="DESCRIBED", name="財務会計システム", description="契約管理の機能を含む。", division=division)
    hits = list(_search(client, petra, "?q=契約管理").context["page_obj"])
    assert [hit.record.code for hit in hits] == ["NAMED", "DESCRIBED"]
    hits = list(_search(client, petra, "?q=システム").context["page_obj"])
    assert [hit.record.code for hit in hits] == ["DESCRIBED", "NAMED"]  # both in the name: the newer first


def test_it_marks_the_words_found(client, petra, contract_world):
    html = _search(client, petra, "?q=導入方針").content.decode()
    assert "電子契約の<mark>導入方針</mark>" in html


def test_what_a_user_typed_comes_back_escaped_in_the_title_snippet_and_query(client, petra, division):
    ProjectFactory(code="XSS", name=f"電子{XSS_PAYLOAD}", description=f"説明 {XSS_PAYLOAD}", division=division)
    response = _search(client, petra, "?q=電子")
    html = response.content.decode()
    assert "<mark>電子</mark>&lt;script&gt;" in html
    assert "<script>alert" not in html
    assert blocked_by_csp(response) == []
    assert_shows_escaped(_search(client, petra, "?q=" + XSS_PAYLOAD.replace("&", "%26").replace("#", "%23")))


def test_a_non_public_indicator_is_found_by_staff_who_are_logged_in(client, charlie, contract_world):
    # Non-public indicators are for logged-in staff (kpis' visible_to); tests/search/test_search_api.py has the
    # token that may not read them.
    html = _search(client, charlie, "?q=内部指標").content.decode()
    assert "/kpis/contract-secret/" in html


def test_nothing_found_says_so(client, petra, contract_world):
    response = _search(client, petra, "?q=存在しない語")
    assert response.context["total"] == 0
    assert "該当するものはありません" in response.content.decode()


def test_without_a_query_it_asks_for_one(client, petra):
    html = _search(client, petra).content.decode()
    assert "キーワードを入力して検索してください" in html


@pytest.mark.parametrize("query", ["?q=", "?q=%20%20", "?q=" + "あ" * 101])
def test_an_empty_or_too_long_query_is_an_error_at_the_field_with_a_summary(client, petra, query):
    response = _search(client, petra, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert '<a href="#id_q">' in html


def test_it_pages_through_many_hits(client, petra, division):
    for n in range(25):
        ProjectFactory(code=f"P{n:02d}", name=f"契約管理{n}", division=division)
    first = _search(client, petra, "?q=契約管理")
    assert len(first.context["page_obj"]) == 20
    second = client.get("/search/?q=契約管理&page=2")
    assert len(second.context["page_obj"]) == 5
    assert 'rel="prev"' in second.content.decode()


def test_a_page_past_the_last_shows_the_last_and_a_bad_page_number_the_first(client, petra, division):
    for n in range(25):
        ProjectFactory(code=f"P{n:02d}", name=f"契約管理{n}", division=division)
    first = _search(client, petra, "?q=契約管理")
    last = client.get("/search/?q=契約管理&page=2")
    assert all(isinstance(hit.when, datetime.date) for hit in last.context["page_obj"])
    for page, expected in (("9", last), ("x", first), ("89524977682531057842257920", last)):
        response = client.get(f"/search/?q=契約管理&page={page}")
        assert [hit.record.pk for hit in response.context["page_obj"]] == [
            hit.record.pk for hit in expected.context["page_obj"]
        ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/search/?q=契約")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_header_has_a_search_box_on_every_page(client, petra):
    client.force_login(petra)
    html = client.get("/governance/decisions/").content.decode()
    assert 'action="/search/"' in html and 'id="header-search-q"' in html


def test_in_english_a_project_shows_its_english_name(client, petra, contract_world):
    client.force_login(petra)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/search/?q=契約&kind=project").content.decode()
    assert "E-CONTRACT Electronic contracts" in html
