"""The web shell: health check, login, language switch, and the production settings' fail-fast."""

import os
import subprocess
import sys

import pytest
from django.db import OperationalError


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {"cache_failures": 0} == {
        "status": "ok", "database": "ok", "cache": "ok", "broker": "ok", "cache_failures": 0
    }


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("dx_portal.views.connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error" and response.json()["database"] == "down"


def test_the_login_page_is_japanese_and_accessible(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert '<label for="id_username">' in html


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_wrong_password_says_so_and_keeps_the_username(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="alice"' in html
    assert "正しいユーザー名とパスワードを入力してください" in html


def test_the_language_switch_turns_the_page_into_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html


@pytest.mark.parametrize("secret", ["", "short"])
def test_production_settings_refuse_to_start_without_a_real_secret(secret):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dx_portal.settings.production", "SECRET_KEY": secret}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("person", "start"),
    [
        ("alice", "/my/"),
        ("mallory", "/my/"),
        ("petra", "/my/"),
        ("carl", "/portfolio/"),
        ("audrey", "/portfolio/"),
        ("dana", "/portfolio/"),
        ("nobody", "/kpis/"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, request, person, start):
    client.force_login(request.getfixturevalue(person))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == start
    assert client.get(start).status_code == 200


def test_the_navigation_shows_only_what_the_role_may_use(client, alice, carl):
    client.force_login(alice)
    staff_nav = client.get("/projects/mine/").content.decode()
    assert 'href="/projects/mine/"' in staff_nav and 'href="/portfolio/"' not in staff_nav
    client.force_login(carl)
    cio_nav = client.get("/portfolio/").content.decode()
    assert 'href="/portfolio/"' in cio_nav and 'href="/projects/mine/"' not in cio_nav
