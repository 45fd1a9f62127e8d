"""/notifications/: the inbox with its unread count in the header, opening and marking read, and the settings."""

import pytest

from organisation.models import Notification, NotificationPreference
from tests.organisation.factories import UserFactory
from tests.projects.helpers import FROZEN, text

pytestmark = FROZEN
URL = "/notifications/"
Kind = Notification.Kind


def notice(person, title="移行計画の具体化", **kwargs) -> Notification:
    return Notification.objects.create(
        recipient=person, kind=Kind.FINDING_WRITTEN, url="/projects/EAPP/findings/1/answer/",
        params={"project": "EAPP", "project_name": "電子申請システム", "title": title}, **kwargs,
    )


def test_an_empty_inbox_says_what_will_arrive(client, alice):
    client.force_login(alice)
    page = text(client.get(URL))
    assert "通知はまだありません。" in page
    assert "すべて既読にする" not in page


def test_the_inbox_lists_my_notices_newest_first_with_the_unread_count_in_the_header(client, alice, bob):
    notice(alice, title="古い指摘")
    notice(alice, title="新しい指摘")
    notice(bob, title="ボブへの指摘")
    client.force_login(alice)
    response = client.get(URL)
    assert [n.params["title"] for n in response.context["page_obj"]] == ["新しい指摘", "古い指摘"]
    html = response.content.decode()
    badge = '<span class="count-badge">2<span class="visually-hidden">件の未読</span></span>'
    assert f'href="/notifications/" aria-current="page">通知 {badge}' in html
    assert "ボブへの指摘" not in html


def test_opening_a_notice_marks_it_read_and_goes_where_it_points(client, alice):
    unread = notice(alice)
    client.force_login(alice)
    response = client.get(f"{URL}{unread.pk}/")
    assert response.status_code == 302 and response["Location"] == "/projects/EAPP/findings/1/answer/"
    unread.refresh_from_db()
    assert unread.read_at is not None
    assert client.get(URL).context["workbench_counts"]["unread"] == 0


def test_a_notice_marked_read_stays_on_its_page(client, alice):
    first = notice(alice)
    notice(alice)
    client.force_login(alice)
    response = client.post(f"{URL}{first.pk}/read/", {"page": "1"})
    assert response["Location"] == f"{URL}?page=1"
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 1


def test_mark_all_read_is_mine_only(client, alice, bob):
    notice(alice)
    notice(alice)
    notice(bob)
    client.force_login(alice)
    response = client.post(f"{URL}read-all/")
    assert response["Location"] == URL
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 1
    assert "すべての通知を既読にしました。" in text(client.get(URL))


def test_another_persons_notice_is_not_there(client, alice, bob):
    theirs = notice(bob)
    client.force_login(alice)
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_notice_pointing_off_site_opens_the_inbox_instead(client, alice):
    stray = notice(alice)
    Notification.objects.filter(pk=stray.pk).update(url="https://evil.example/")
    client.force_login(alice)
    assert client.get(f"{URL}{stray.pk}/")["Location"] == URL


def test_the_inbox_pages_25_at_a_time(client, alice):
    for n in range(30):
        notice(alice, title=f"指摘{n}")
    client.force_login(alice)
    response = client.get(URL, {"page": 2})
    assert len(response.context["page_obj"]) == 5
    assert "2 / 2 ページ" in text(response)


def test_the_settings_choose_email_per_kind(client, alice):
    client.force_login(alice)
    page = text(client.get(f"{URL}settings/"))
    assert "案件への助言・指摘" in page and "画面とメール" in page
    choices = {kind: "app" for kind in Kind.values} | {Kind.FINDING_WRITTEN: "email"}
    response = client.post(f"{URL}settings/", choices)
    assert response.status_code == 302
    assert set(NotificationPreference.objects.filter(user=alice, email=True).values_list("kind", flat=True)) == {
        Kind.FINDING_WRITTEN
    }
    form = client.get(f"{URL}settings/").context["form"]
    assert form[Kind.FINDING_WRITTEN].value() == "email" and form[Kind.REPORT_RETURNED].value() == "app"


def test_the_settings_refuse_an_unknown_choice_at_the_field(client, alice):
    client.force_login(alice)
    response = client.post(f"{URL}settings/", {kind: "fax" for kind in Kind.values})
    assert response.status_code == 200
    assert response.context["form"].errors[Kind.FINDING_WRITTEN]
    assert not NotificationPreference.objects.exists()


# Session, user, roles; the header's counts; the page's count and its rows.
@pytest.mark.parametrize("size", [2, 20])
def test_the_inbox_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    person = UserFactory(username="reader")
    for n in range(size):
        notice(person, title=f"指摘{n}")
    client.force_login(person)
    client.get(URL)
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert len(response.context["page_obj"]) == size
