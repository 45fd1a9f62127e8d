"""A municipality's contact address (where its inquiries and chasers go): the council's secretariat edits it on
/governance/municipalities/<code>/contact/ through municipality_contact_update, with history and no lost update;
everyone else may see the address on the list but not change it (403)."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import Municipality
from governance.services import municipality_contact_update
from tests.governance.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
URL = "/governance/municipalities/144029/contact/"


@pytest.fixture
def kiyokawa(db):
    return MunicipalityFactory(code="144029", name="清川村", kind=Municipality.Kind.VILLAGE,
                               contact_email="joho@vill.kiyokawa.example.jp")


def test_the_secretariat_changes_the_address_with_its_history(petra, kiyokawa):
    saved = municipality_contact_update(municipality=kiyokawa, actor=petra, expected_version=1,
                                        contact_email=" dx@vill.kiyokawa.example.jp ")
    assert (saved.contact_email, saved.version) == ("dx@vill.kiyokawa.example.jp", 2)
    latest = kiyokawa.history.first()
    assert (latest.history_user, latest.contact_email) == (petra, "dx@vill.kiyokawa.example.jp")


def test_a_blank_address_is_allowed_and_a_bad_one_refused_at_its_field(petra, kiyokawa):
    with pytest.raises(ValidationError) as refused:
        municipality_contact_update(municipality=kiyokawa, actor=petra, expected_version=1, contact_email="清川村役場")
    assert list(refused.value.message_dict) == ["contact_email"]
    cleared = municipality_contact_update(municipality=kiyokawa, actor=petra, expected_version=1, contact_email="")
    assert cleared.contact_email == ""


def test_only_the_secretariat_may_change_it(alice, carl, kiyokawa):
    for person in (alice, carl):
        with pytest.raises(PermissionDenied):
            municipality_contact_update(municipality=kiyokawa, actor=person, expected_version=1, contact_email="a@example.jp")


def test_an_edit_from_an_old_version_is_refused(petra, paul, kiyokawa):
    municipality_contact_update(municipality=kiyokawa, actor=paul, expected_version=1, contact_email="paul@example.jp")
    with pytest.raises(StaleVersionError):
        municipality_contact_update(municipality=kiyokawa, actor=petra, expected_version=1, contact_email="petra@example.jp")
    kiyokawa.refresh_from_db()
    assert kiyokawa.contact_email == "paul@example.jp"


def test_the_page_saves_and_goes_back_to_the_list_showing_the_new_address(client, petra, kiyokawa):
    client.force_login(petra)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="version" value="1"' in page.text and "joho@vill.kiyokawa.example.jp" in page.text
    response = client.post(URL, {"contact_email": "dx@vill.kiyokawa.example.jp", "version": "1"})
    assert response.status_code == 302 and response["Location"] == "/governance/municipalities/#m-144029"
    assert "dx@vill.kiyokawa.example.jp" in client.get("/governance/municipalities/").text
    history = client.get(URL).text
    assert "joho@vill.kiyokawa.example.jp → dx@vill.kiyokawa.example.jp" in history
    assert f"{petra.last_name} {petra.first_name}" in history


def test_a_bad_address_is_shown_at_its_field_with_what_was_typed(client, petra, kiyokawa):
    client.force_login(petra)
    response = client.post(URL, {"contact_email": "kiyokawa-at-example", "version": "1"})
    assert response.status_code == 200
    assert 'id="id_contact_email_error"' in response.text and 'value="kiyokawa-at-example"' in response.text
    kiyokawa.refresh_from_db()
    assert kiyokawa.contact_email == "joho@vill.kiyokawa.example.jp"


def test_an_address_changed_meanwhile_is_not_overwritten(client, petra, paul, kiyokawa):
    client.force_login(petra)
    municipality_contact_update(municipality=kiyokawa, actor=paul, expected_version=1, contact_email="paul@example.jp")
    response = client.post(URL, {"contact_email": "petra@example.jp", "version": "1"})
    assert response.status_code == 200
    assert "paul@example.jp" in response.text and 'value="petra@example.jp"' in response.text
    assert 'name="version" value="2"' in response.text
    kiyokawa.refresh_from_db()
    assert kiyokawa.contact_email == "paul@example.jp"


@pytest.mark.parametrize("method", ["get", "post"])
def test_those_who_may_only_see_it_get_403(client, alice, carl, kiyokawa, method):
    for person in (alice, carl):
        client.force_login(person)
        assert getattr(client, method)(URL, {"contact_email": "a@example.jp", "version": "1"}).status_code == 403
    kiyokawa.refresh_from_db()
    assert kiyokawa.contact_email == "joho@vill.kiyokawa.example.jp"


def test_the_prefecture_and_an_unknown_code_have_no_such_page(client, petra):
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    client.force_login(petra)
    assert client.get("/governance/municipalities/140007/contact/").status_code == 404
    assert client.get("/governance/municipalities/141003/contact/").status_code == 404


def test_the_list_links_each_municipality_to_its_page_for_the_secretariat_only(client, petra, alice, kiyokawa):
    client.force_login(petra)
    assert f'href="{URL}"' in client.get("/governance/municipalities/").text
    client.force_login(alice)
    listed = client.get("/governance/municipalities/").text
    assert "joho@vill.kiyokawa.example.jp" in listed and URL not in listed


def test_the_page_speaks_english_too(client, petra, kiyokawa):
    client.force_login(petra)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(URL).text
    assert "Contact e-mail address" in text and "Change the contact e-mail address" in text
