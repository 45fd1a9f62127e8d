"""Inquiries (照会) in the portal-wide search: found by a word of their title or text, listed by the kind filter,
read through the API with governance:read."""

import datetime

import pytest

from tests.governance.inquiry_factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(petra):
    return InquiryFactory(
        title="電子契約の導入状況調査", body="各団体の契約事務の電子化について照会します。",
        sent_on=datetime.date(2022, 9, 1), deadline=datetime.date(2022, 9, 30), created_by=petra, recipients=[],
    )


def test_a_word_of_its_title_finds_the_inquiry_on_the_page(client, charlie, inquiry):
    client.force_login(charlie)
    response = client.get("/search/?q=導入状況")
    assert [hit.kind.key for hit in response.context["page_obj"]] == ["inquiry"]
    html = response.content.decode()
    assert f"/governance/inquiries/{inquiry.pk}/" in html
    assert "令和4年9月30日" in html  # its deadline, under its title


def test_the_kind_filter_lists_inquiries_and_narrows_to_them(client, petra, inquiry, contract_world):
    client.force_login(petra)
    response = client.get("/search/?q=契約&kind=inquiry")
    counts = {kind.key: count for kind, count, _checked in response.context["kind_counts"]}
    assert counts["inquiry"] == 1 and counts["decision"] == 1
    assert [hit.record for hit in response.context["page_obj"]] == [inquiry]


def test_a_governance_token_finds_it_through_the_api(api, fiona, token_for, inquiry):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'governance:read')}")
    (hit,) = api.get("/api/v1/search/?q=電子化&kind=inquiry").json()["results"]
    assert hit["title"] == "電子契約の導入状況調査"
    assert hit["url"] == f"http://testserver/governance/inquiries/{inquiry.pk}/"
    assert hit["api_url"] == f"http://testserver/api/v1/inquiries/{inquiry.pk}/"
    assert hit["date"] == "2022-09-01"


def test_a_token_without_governance_read_does_not_find_it(api, fiona, token_for, inquiry):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'projects:read')}")
    assert api.get("/api/v1/search/?q=導入状況").json()["count"] == 0
