"""Notices: made by the services, in the inbox of whom they concern, and by e-mail when the person chose it."""

import datetime

import pytest
from django.core import mail

from governance.services import action_item_create
from organisation.models import Notification
from organisation.notification_mail import notification_email_send
from organisation.notifications import notification_preferences_set
from organisation.tasks import send_pending_notification_emails
from projects.services import finding_write, project_unwatch, project_watch, status_report_return, status_report_review
from tests.governance.factories import DecisionFactory
from tests.organisation.factories import DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, file_report
from tests.workbench.helpers import RED

pytestmark = FROZEN
Kind = Notification.Kind


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", name="電子申請システム", division=division)


def write_finding(project, petra, title="移行計画の具体化"):
    return finding_write(
        project=project, actor=petra, category="schedule", title=title, body="移行判定基準を明確にすること。",
        response_due_on=datetime.date(2022, 10, 31),
    )


def inbox(person) -> list[tuple[str, str]]:
    return [(n.kind, n.message) for n in Notification.objects.filter(recipient=person)]


def test_a_finding_written_by_pmo_reaches_the_owning_divisions_inboxes(
    project, alice, bob, mallory, charlie, petra, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finding = write_finding(project, petra)
    expected = [(Kind.FINDING_WRITTEN, "「電子申請システム」にPMOから助言・指摘「移行計画の具体化」が届きました。")]
    assert inbox(alice) == inbox(bob) == inbox(mallory) == expected
    assert inbox(charlie) == inbox(petra) == []
    assert Notification.objects.get(recipient=alice).url == f"/projects/EAPP/findings/{finding.pk}/answer/"
    assert mail.outbox == []  # nobody chose e-mail


def test_it_comes_by_email_to_whoever_chose_it_and_only_to_them(project, alice, bob, petra, django_capture_on_commit_callbacks):
    notification_preferences_set(user=alice, email=[Kind.FINDING_WRITTEN])
    notification_preferences_set(user=bob, email=[Kind.REPORT_RETURNED])
    with django_capture_on_commit_callbacks(execute=True):
        write_finding(project, petra)
    assert [message.to for message in mail.outbox] == [["alice@pref.example.lg.jp"]]
    message = mail.outbox[0]
    assert message.subject == "[DXポータル] 案件への助言・指摘 / Findings on a project"
    assert "「電子申請システム」にPMOから助言・指摘「移行計画の具体化」が届きました。" in message.body
    assert "PMO sent a finding" in message.body
    assert "http://127.0.0.1:8000/projects/EAPP/findings/" in message.body
    assert inbox(bob)  # in the inbox all the same


def test_the_email_goes_out_once_however_many_runs_reach_it(project, alice, petra, django_capture_on_commit_callbacks):
    notification_preferences_set(user=alice, email=[Kind.FINDING_WRITTEN])
    with django_capture_on_commit_callbacks(execute=True):
        write_finding(project, petra)
    notice = Notification.objects.get(recipient=alice)
    assert notification_email_send(notice.pk) is False
    assert send_pending_notification_emails() == 0
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_a_lost_task_message_is_sent_by_the_sweep(project, alice, petra, django_capture_on_commit_callbacks):
    """The broker down at the commit: the notice is in the inbox, the sweep sends its e-mail later, once."""
    notification_preferences_set(user=alice, email=[Kind.FINDING_WRITTEN])
    with django_capture_on_commit_callbacks(execute=False):
        write_finding(project, petra)
    assert inbox(alice) and mail.outbox == []
    assert send_pending_notification_emails() == 1
    assert send_pending_notification_emails() == 0
    assert len(mail.outbox) == 1


def test_a_failed_send_is_released_for_the_retry(project, alice, petra, settings, django_capture_on_commit_callbacks):
    notification_preferences_set(user=alice, email=[Kind.FINDING_WRITTEN])
    with django_capture_on_commit_callbacks(execute=False):
        write_finding(project, petra)
    notice = Notification.objects.get(recipient=alice)
    settings.EMAIL_BACKEND = "tests.workbench.failing_mail.EmailBackend"
    with pytest.raises(OSError):
        notification_email_send(notice.pk)
    notice.refresh_from_db()
    assert notice.email_claimed_at is None and notice.emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_email_send(notice.pk) is True
    assert len(mail.outbox) == 1


def test_no_email_for_a_person_without_an_address(project, petra, division, django_capture_on_commit_callbacks):
    person = DivisionMembershipFactory(user=UserFactory(username="noaddress", email=""), division=division).user
    notification_preferences_set(user=person, email=[Kind.FINDING_WRITTEN])
    with django_capture_on_commit_callbacks(execute=True):
        write_finding(project, petra)
    assert inbox(person) and mail.outbox == []


def test_a_returned_and_a_reviewed_report_tell_its_author(project, alice, bob, mallory, petra, division):
    division.requires_report_approval = True
    division.save()
    report = file_report(project, alice, datetime.date(2022, 9, 30))
    status_report_return(report=report, actor=mallory, expected_version=report.version, comment="数値を確認してください。")
    assert inbox(alice) == [
        (Kind.REPORT_RETURNED, "「電子申請システム」の進捗報告（基準日 令和4年9月30日）が所属長から差し戻されました。")
    ]
    assert Notification.objects.get(recipient=alice).url == f"/projects/EAPP/reports/{report.pk}/amend/"
    assert inbox(bob) == []

    division.requires_report_approval = False
    division.save()
    other = file_report(ProjectFactory(code="OTHER", name="別案件", division=division), bob, datetime.date(2022, 9, 30))
    status_report_review(report=other, actor=petra, expected_version=other.version, pmo_health="red")
    assert inbox(bob) == [
        (Kind.REPORT_REVIEWED, "「別案件」の進捗報告（基準日 令和4年9月30日）をPMOが確認しました（PMO評価: 遅延）。")
    ]


def test_an_action_item_tells_the_owning_division(alice, charlie, petra, division):
    decision = DecisionFactory()
    item = action_item_create(
        decision=decision, actor=petra, title="説明資料の作成", owner_division=division, due_on=datetime.date(2022, 11, 30)
    )
    assert inbox(alice) == [
        (Kind.ACTION_ITEM_ASSIGNED, "所属に対応事項「説明資料の作成」が割り当てられました（期限 令和4年11月30日）。")
    ]
    assert Notification.objects.get(recipient=alice).url == f"/governance/action-items/{item.pk}/"
    assert inbox(charlie) == []


def test_a_watched_projects_health_change_tells_its_watchers(project, alice, carl, audrey, charlie, petra):
    project_watch(project=project, actor=carl)
    project_watch(project=project, actor=audrey)
    project_watch(project=project, actor=charlie)  # moved away since: may no longer see it
    project_unwatch(project=project, actor=audrey)
    file_report(project, alice, datetime.date(2022, 9, 30), **RED)
    assert inbox(carl) == [(Kind.WATCHED_HEALTH_CHANGED, "ウォッチ中の「電子申請システム」の健全度が—から遅延に変わりました。")]
    assert inbox(audrey) == inbox(charlie) == []
    # The same health again is no change.
    file_report(project, alice, datetime.date(2022, 10, 3), **RED)
    assert len(inbox(carl)) == 1


def test_nobody_is_told_of_their_own_act(project, alice, petra):
    project_watch(project=project, actor=alice)
    file_report(project, alice, datetime.date(2022, 9, 30), **RED)
    assert inbox(alice) == []


def test_the_inbox_shows_notices_in_english_too(client, project, alice, petra):
    write_finding(project, petra)
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    page = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "PMO sent a finding" in page


@pytest.fixture
def broker_down():
    """Celery as in production (not eager) with a broker nobody answers on."""
    from dx_portal.celery import app

    saved = {name: app.conf[name] for name in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    yield
    app.conf.update(**saved)


def test_with_the_broker_down_the_write_succeeds_and_the_sweep_sends_the_email_later(
    project, alice, petra, broker_down, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=alice, email=[Kind.FINDING_WRITTEN])
    with django_capture_on_commit_callbacks(execute=True):
        finding = write_finding(project, petra)
    assert finding.pk and inbox(alice) and mail.outbox == []
    assert send_pending_notification_emails() == 1
    assert len(mail.outbox) == 1
