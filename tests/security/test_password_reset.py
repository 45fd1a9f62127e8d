"""Local accounts reset a forgotten password by e-mail (Django's views, our Japanese pages and mail); an
account signed in through the office directory has no password here and gets no mail."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.organisation.factories import UserFactory


def request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_local_user_resets_their_password_by_the_link_in_the_mail(client, alice):
    response = request_reset(client, "alice@pref.example.lg.jp")

    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert "再設定のメールを送りました" in client.get(response.url).content.decode()
    [message] = mail.outbox
    assert message.to == ["alice@pref.example.lg.jp"]
    assert message.subject == "【DXポータル】パスワードの再設定"
    assert message.body.startswith(f"{alice.last_name} {alice.first_name} 様") and "ユーザー名: alice" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)  # Django moves the token out of the URL into the session
    assert "新しいパスワードの設定" in form.content.decode()
    done = client.post(form.request["PATH_INFO"], {"new_password1": "kawa-no-nagare-42", "new_password2": "kawa-no-nagare-42"})

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert client.login(username="alice", password="kawa-no-nagare-42")
    assert not client.login(username="alice", password="pw")


def test_the_link_works_once(client, alice):
    request_reset(client, "alice@pref.example.lg.jp")
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.request["PATH_INFO"], {"new_password1": "kawa-no-nagare-42", "new_password2": "kawa-no-nagare-42"})

    again = client.get(link, follow=True)

    assert "このリンクは使えません" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = request_reset(client, "nobody@pref.example.lg.jp")

    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_directory_account_gets_no_reset_mail(client, db):
    user = UserFactory(username="yamada", email="yamada@pref.example.lg.jp")
    user.set_unusable_password()  # as django-auth-ldap creates a directory user
    user.save()

    request_reset(client, "yamada@pref.example.lg.jp")

    assert mail.outbox == []
    assert not get_user_model().objects.get(username="yamada").has_usable_password()


def test_requests_beyond_the_rate_are_refused_and_send_nothing(client, alice, settings):
    current = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {**current, "DEFAULT_THROTTLE_RATES": {
        **current["DEFAULT_THROTTLE_RATES"], "password_reset": "2/hour"}}
    for _ in range(2):
        assert request_reset(client, "alice@pref.example.lg.jp").status_code == 302
    refused = request_reset(client, "alice@pref.example.lg.jp")
    assert refused.status_code == 429 and "再設定の依頼が多すぎます" in refused.content.decode()
    assert len(mail.outbox) == 2
    # Another address has its own allowance.
    assert client.post(reverse("password_reset"), {"email": "alice@pref.example.lg.jp"},
                       REMOTE_ADDR="192.0.2.7").status_code == 302
