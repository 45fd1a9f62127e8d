"""Every governance page is for people who are logged in; the API answers 401 without a token."""

import pytest

from tests.governance.factories import ActionItemFactory, CouncilMeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    item = ActionItemFactory(decision__meeting__number=3, decision__sequence=1, decision__reference="3-1")
    MunicipalityFactory(code="141003", name="横浜市")
    return {"item": item.pk, "council": CouncilMeetingFactory().pk}


PAGES = [
    "/governance/committee/", "/governance/committee/3/", "/governance/committee/new/", "/governance/decisions/",
    "/governance/decisions/3-1/", "/governance/decisions/new/", "/governance/action-items/",
    "/governance/action-items/{item}/", "/governance/council/", "/governance/council/{council}/",
    "/governance/municipalities/", "/governance/dx-status/", "/governance/dx-status/export.csv",
    "/governance/dx-status/141003/security/",
]
ENDPOINTS = [
    "committee-meetings/", "decisions/", "action-items/", "council-meetings/", "municipalities/", "inquiries/",
    "forwarded-items/",
]


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, records, page):
    response = client.get(page.format(**records))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_api_needs_a_token(client, endpoint):
    response = client.get(f"/api/v1/{endpoint}")
    assert response.status_code == 401 and response.json()["status"] == 401
