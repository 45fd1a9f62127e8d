"""The security audit log: logins, failed logins, lockouts, logouts and API token use, read by PMO in the
admin and changed by nobody."""

from collections import Counter

import pytest
from rest_framework.test import APIClient

from dx_portal.models import AuditEvent
from dx_portal.tokens import api_token_issue

Kind = AuditEvent.Kind


def kinds():
    return list(AuditEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_a_login_is_recorded_with_the_address_and_browser(client, alice):
    client.post("/accounts/login/", {"username": "alice", "password": "pw"}, REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Edge")
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.username) == (Kind.LOGIN, alice, "alice")
    assert (event.ip_address, event.user_agent, event.path) == ("192.0.2.10", "Edge", "/accounts/login/")


def test_a_failed_login_keeps_the_username_as_typed_even_when_nobody_has_it(client, db):
    client.post("/accounts/login/", {"username": "eve", "password": "guess"}, REMOTE_ADDR="192.0.2.66")
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.username, event.ip_address) == (Kind.LOGIN_FAILED, None, "eve", "192.0.2.66")


def test_the_password_tried_is_never_kept(client, alice):
    client.post("/accounts/login/", {"username": "alice", "password": "Secret-123"})
    assert "Secret-123" not in str(list(AuditEvent.objects.values()))


def test_a_lockout_is_recorded_at_the_attempt_that_causes_it_and_at_each_it_refuses(client, alice, axes_on):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert Counter(kinds()) == {Kind.LOGIN_FAILED: 4}
    for _ in range(2):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert Counter(kinds()) == {Kind.LOGIN_FAILED: 6, Kind.LOCKED_OUT: 2}
    assert set(AuditEvent.objects.filter(kind=Kind.LOCKED_OUT).values_list("username", flat=True)) == {"alice"}


def test_a_logout_is_recorded(client, alice):
    client.force_login(alice)
    client.post("/accounts/logout/")
    assert kinds() == [Kind.LOGIN, Kind.LOGOUT]
    assert AuditEvent.objects.get(kind=Kind.LOGOUT).user == alice


def test_a_write_with_a_token_is_recorded_with_the_token_and_the_answer(fiona):
    token, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    APIClient().post("/api/v1/kpis/", {}, HTTP_AUTHORIZATION=f"Token {key}", REMOTE_ADDR="203.0.113.5")
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.token_key) == (Kind.TOKEN_USED, fiona, token.token_key)
    assert (event.method, event.path, event.status_code, event.ip_address) == ("POST", "/api/v1/kpis/", 405, "203.0.113.5")


def test_a_refused_token_is_recorded_with_the_start_of_the_key_only(db):
    key = "f" * 64
    APIClient().get("/api/schema/", HTTP_AUTHORIZATION=f"Token {key}")
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.status_code) == (Kind.TOKEN_REFUSED, None, 401)
    assert event.token_key == "f" * 15


def test_requests_without_a_token_are_not_recorded(client, db):
    client.get("/api/schema/")
    client.get("/healthz")
    assert not AuditEvent.objects.exists()


def test_the_address_is_the_one_our_proxy_saw_not_one_the_client_claims(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/accounts/login/",
        {"username": "alice", "password": "pw"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.10",
    )
    assert AuditEvent.objects.get().ip_address == "192.0.2.10"


@pytest.fixture
def events(alice):
    return AuditEvent.objects.create(kind=Kind.LOGIN, user=alice, username="alice", ip_address="192.0.2.10")


def test_pmo_reads_the_log_in_the_admin(client, petra, events):
    client.force_login(petra)
    response = client.get("/admin/dx_portal/auditevent/")
    assert response.status_code == 200
    assert "192.0.2.10" in response.content.decode()
    assert client.get(f"/admin/dx_portal/auditevent/{events.pk}/change/").status_code == 200


@pytest.mark.parametrize("path", ["add/", "{pk}/delete/"])
def test_nobody_adds_or_deletes_events_not_even_a_superuser(client, django_user_model, events, path):
    client.force_login(django_user_model.objects.create_superuser("root", "root@pref.example.lg.jp", "pw"))
    assert client.get(f"/admin/dx_portal/auditevent/{path.format(pk=events.pk)}").status_code == 403


def test_an_event_cannot_be_changed_in_the_admin(client, petra, events):
    client.force_login(petra)
    response = client.post(f"/admin/dx_portal/auditevent/{events.pk}/change/", {"username": "mallory"})
    assert response.status_code == 403
    events.refresh_from_db()
    assert events.username == "alice"
