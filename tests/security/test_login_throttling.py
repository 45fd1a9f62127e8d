"""Login throttling (django-axes): five wrong passwords for one username from one address lock that pair
out for 15 minutes, with a clear page in Japanese; a successful login clears the count."""

import datetime

import pytest
import time_machine

pytestmark = pytest.mark.usefixtures("axes_on")

NINE_AM = datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC)


def log_in(client, username, password, address="192.0.2.10", path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, **kwargs):
    return [log_in(client, username, "wrong", **kwargs).status_code for _ in range(times)]


def test_four_wrong_passwords_still_let_the_right_one_in(client, alice):
    assert fail(client, "alice", 4) == [200] * 4
    assert log_in(client, "alice", "pw").status_code == 302


def test_the_fifth_wrong_password_locks_the_username_out_with_a_page_that_says_why(client, alice):
    assert fail(client, "alice", 4) == [200] * 4
    response = log_in(client, "alice", "wrong")
    html = response.content.decode()
    assert response.status_code == 429
    assert "ログインを一時停止しています" in html
    assert "パスワードを 5 回続けて間違えたため" in html
    assert "15 分たってから" in html


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, alice):
    fail(client, "alice", 5)
    response = log_in(client, "alice", "pw")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_15_minutes(client, alice):
    with time_machine.travel(NINE_AM, tick=False):
        fail(client, "alice", 5)
    with time_machine.travel(NINE_AM + datetime.timedelta(minutes=14), tick=False):
        assert log_in(client, "alice", "pw").status_code == 429
    with time_machine.travel(NINE_AM + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert log_in(client, "alice", "pw").status_code == 302


def test_trying_again_during_the_lockout_does_not_extend_it(client, alice):
    with time_machine.travel(NINE_AM, tick=False):
        fail(client, "alice", 5)
    with time_machine.travel(NINE_AM + datetime.timedelta(minutes=10), tick=False):
        fail(client, "alice", 3)
    with time_machine.travel(NINE_AM + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert log_in(client, "alice", "pw").status_code == 302


def test_a_successful_login_starts_the_count_again(client, alice):
    fail(client, "alice", 4)
    log_in(client, "alice", "pw")
    client.logout()
    assert fail(client, "alice", 4) == [200] * 4


def test_the_lockout_is_for_that_username_from_that_address_only(client, alice, bob):
    fail(client, "alice", 5)
    assert log_in(client, "bob", "pw").status_code == 302
    client.logout()
    assert log_in(client, "alice", "pw", address="192.0.2.99").status_code == 302


def test_the_admin_login_counts_and_locks_too(client, petra):
    assert fail(client, "petra", 5, path="/admin/login/")[-1] == 429
    assert log_in(client, "petra", "pw").status_code == 429


def test_the_lockout_page_is_in_english_when_the_user_reads_english(client, alice):
    fail(client, "alice", 4)
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "wrong"}, REMOTE_ADDR="192.0.2.10", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "After 5 wrong passwords in a row" in html
    assert "try again in 15 minutes" in html


def test_the_test_clients_force_login_still_works_with_throttling_on(client, alice):
    client.force_login(alice)
    assert client.get("/accounts/login/").status_code == 302
