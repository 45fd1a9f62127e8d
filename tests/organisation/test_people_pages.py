"""The PMO's people pages: a person created, placed, deactivated and given tokens, all through the pages, and
every step in the audit log with who did it."""

import pytest
from django.contrib.auth import get_user_model

from dx_portal.models import ApiToken, AuditEvent
from organisation.models import BureauMembership, DivisionMembership, Person
from tests.organisation.factories import DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory

User = get_user_model()
NEW_PERSON = {
    "username": "hanako",
    "last_name": "山田",
    "first_name": "花子",
    "email": "hanako@pref.example.lg.jp",
    "staff_number": "A12345",
    "password": "Kaigan-dori-2023",
}


def log_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="192.0.2.1")


@pytest.mark.django_db
def test_pmo_creates_places_and_deactivates_a_person_who_logs_in_between(client, petra, division, other_division):
    project = ProjectFactory(division=division, name="電子申請基盤")
    elsewhere = ProjectFactory(division=other_division, name="別の課の案件")
    client.force_login(petra)

    response = client.post("/people/new/", NEW_PERSON, follow=True)
    assert "職員を登録しました。" in response.content.decode()
    hanako = User.objects.get(username="hanako")
    assert Person.objects.get(user=hanako).staff_number == "A12345"

    client.post("/people/hanako/division-memberships/new/", {"division": division.pk, "role": "staff"})
    assert DivisionMembership.objects.filter(user=hanako, division=division, role="staff").exists()

    client.logout()
    assert log_in(client, "hanako", NEW_PERSON["password"]).status_code == 302
    page = client.get("/projects/mine/").content.decode()
    assert project.name in page and elsewhere.name not in page
    assert client.get(f"/projects/{project.code}/").status_code == 200
    assert client.get(f"/projects/{elsewhere.code}/").status_code == 404

    client.force_login(petra)
    client.post("/people/hanako/deactivate/")
    client.logout()
    assert log_in(client, "hanako", NEW_PERSON["password"]).status_code == 200  # the login form again
    assert client.get("/projects/mine/").status_code == 302

    # The account stays: its name in the list (as inactive) and in the audit log, its login included.
    client.force_login(petra)
    assert "山田 花子" in client.get("/people/?is_active=false").content.decode()
    log = client.get("/audit/?person=hanako").content.decode()
    assert "山田 花子" in log and "ログイン" in log
    kinds = list(AuditEvent.objects.filter(user=petra, subject__contains="hanako").values_list("kind", flat=True).order_by("pk"))
    assert kinds == ["person_created", "membership_added", "person_deactivated"]


@pytest.mark.django_db
def test_a_taken_staff_number_or_username_is_refused_next_to_its_field(client, petra):
    taken = UserFactory(username="taro")
    Person.objects.create(user=taken, staff_number="A12345")
    client.force_login(petra)
    response = client.post("/people/new/", NEW_PERSON)
    assert response.status_code == 200
    assert "この職員番号は既に使われています。" in response.content.decode()
    response = client.post("/people/new/", {**NEW_PERSON, "username": "taro", "staff_number": "B1"})
    assert "username" in response.context["form"].errors
    assert not User.objects.filter(username="hanako").exists()


@pytest.mark.django_db
def test_pmo_edits_a_person_and_places_them_as_director(client, petra, bureau):
    hanako = UserFactory(username="hanako", last_name="山田", first_name="花子")
    client.force_login(petra)
    response = client.post("/people/hanako/edit/", {**NEW_PERSON, "last_name": "佐藤"}, follow=True)
    assert response.status_code == 200
    hanako.refresh_from_db()
    assert hanako.last_name == "佐藤" and hanako.person.staff_number == "A12345"
    assert AuditEvent.objects.get(kind="person_changed").subject == "山田 花子 (hanako) → 佐藤 花子 (hanako)"

    client.post("/people/hanako/bureau-memberships/new/", {"bureau": bureau.pk, "role": "director"})
    membership = BureauMembership.objects.get(user=hanako)
    client.post(f"/people/hanako/bureau-memberships/{membership.pk}/remove/")
    assert not BureauMembership.objects.filter(user=hanako).exists()
    assert AuditEvent.objects.filter(kind="membership_removed", user=petra).count() == 1


@pytest.mark.django_db
def test_the_list_searches_and_filters_by_division(client, petra, alice, charlie, division):
    Person.objects.create(user=alice, staff_number="K-777")
    client.force_login(petra)
    page = client.get("/people/", {"search": "K-777"}).content.decode()
    assert "/people/alice/" in page and "/people/charlie/" not in page
    page = client.get("/people/", {"division": division.code}).content.decode()
    assert "/people/alice/" in page and "/people/charlie/" not in page


@pytest.mark.django_db
def test_tokens_issued_and_revoked_on_the_page_are_audited_and_the_key_shown_once(client, petra, fiona):
    client.force_login(petra)
    response = client.post("/people/fiona/tokens/new/", {"name": "open data feed", "scopes": ["kpi:read"]})
    key = response.context["key"]
    assert key in response.content.decode() and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=fiona)
    issued = AuditEvent.objects.get(kind="token_issued")
    assert (issued.user, issued.token_key) == (petra, token.token_key)
    assert key not in client.get("/people/fiona/").content.decode()

    client.post(f"/people/fiona/tokens/{token.token_key}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    revoked = AuditEvent.objects.get(kind="token_revoked")
    assert (revoked.user, revoked.token_key) == (petra, token.token_key)
    client.post(f"/people/fiona/tokens/{token.token_key}/revoke/")
    assert AuditEvent.objects.filter(kind="token_revoked").count() == 1  # revoking twice records once


@pytest.mark.django_db
def test_deactivating_revokes_the_persons_tokens(client, petra, fiona):
    client.force_login(petra)
    client.post("/people/fiona/tokens/new/", {"scopes": ["kpi:read"]})
    client.post("/people/fiona/deactivate/")
    assert ApiToken.objects.get(user=fiona).revoked_at is not None


@pytest.mark.django_db
def test_pmo_cannot_deactivate_themselves(client, petra):
    client.force_login(petra)
    response = client.post("/people/petra/deactivate/", follow=True)
    assert "自分自身を無効にすることはできません。" in response.content.decode()
    petra.refresh_from_db()
    assert petra.is_active


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "mallory", "dana", "carl", "audrey", "fiona"])
def test_only_pmo_manages_people(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for path in ("/people/", "/people/new/", "/people/import/", f"/people/{who}/", f"/people/{who}/tokens/new/"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/people/{who}/deactivate/").status_code == 403


@pytest.mark.django_db
def test_a_person_who_is_not_there_is_404(client, petra):
    client.force_login(petra)
    assert client.get("/people/nobody-here/").status_code == 404
    assert client.post("/people/nobody-here/deactivate/").status_code == 404


@pytest.mark.django_db
def test_a_membership_of_someone_else_is_not_removed_through_this_person(client, petra, alice, bob):
    membership = DivisionMembershipFactory(user=bob)
    client.force_login(petra)
    assert client.post(f"/people/alice/division-memberships/{membership.pk}/remove/").status_code == 404
    assert DivisionMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_pmo_may_pick_a_user_in_the_admins_membership_autocomplete(client, petra, alice):
    client.force_login(petra)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "organisation", "model_name": "divisionmembership", "field_name": "user", "term": "alice"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == [str(alice)]
