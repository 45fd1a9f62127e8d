"""Chasers (督促): the municipalities that have not answered hear before the deadline and after it, once each,
on business days only."""

import datetime
import smtplib
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from governance.models import Municipality
from inquiries.chasers import chaser_sweep
from inquiries.models import Chaser
from tests.governance.factories import MunicipalityFactory
from tests.governance.inquiry_factories import AnswerFactory, InquiryFactory, QuestionFactory
from tests.projects.test_reminders_exactly_once import script_mail

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
# Deadline Friday 30 September 2022. Two business days before: Wednesday 28th; the day after: Monday 3 October.
DEADLINE = datetime.date(2022, 9, 30)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)


@pytest.fixture
def inquiry(petra):
    yokohama = MunicipalityFactory(code="141003", name="横浜市", contact_email="dx@city.yokohama.example.jp")
    hayama = MunicipalityFactory(
        code="143014", name="葉山町", kind=Municipality.Kind.TOWN, contact_email="joho@town.hayama.example.jp"
    )
    kiyokawa = MunicipalityFactory(
        code="144029", name="清川村", kind=Municipality.Kind.VILLAGE, contact_email="soumu@vill.kiyokawa.example.jp"
    )
    inquiry = InquiryFactory(deadline=DEADLINE, created_by=petra, recipients=[yokohama, hayama, kiyokawa])
    QuestionFactory(inquiry=inquiry, order=1)
    AnswerFactory(inquiry=inquiry, municipality=yokohama)
    return inquiry


def sweep(day, **kwargs):
    return chaser_sweep(now=at(day), **kwargs)


def test_nothing_is_sent_three_business_days_before_the_deadline(inquiry):
    assert sweep(datetime.date(2022, 9, 27)).chasers == []
    assert mail.outbox == []


def test_two_business_days_before_the_deadline_those_who_have_not_answered_hear_once(inquiry):
    sent = sweep(datetime.date(2022, 9, 28))
    assert sorted(c.municipality.name for c in sent.chasers) == ["清川村", "葉山町"]
    assert sorted(m.to[0] for m in mail.outbox) == ["joho@town.hayama.example.jp", "soumu@vill.kiyokawa.example.jp"]
    assert "回答期限が近づいています" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].startswith(f"inquiry-{inquiry.pk}-")
    assert sweep(datetime.date(2022, 9, 29)).chasers == []
    assert len(mail.outbox) == 2


def test_on_the_business_day_after_the_deadline_each_late_one_gets_one_chaser_and_a_second_run_none(inquiry):
    out = StringIO()
    call_command("send_chasers", "--now", "2022-10-03T09:00", stdout=out)
    assert "Sent 2 chasers." in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["joho@town.hayama.example.jp", "soumu@vill.kiyokawa.example.jp"]
    assert "督促" in mail.outbox[0].subject
    out = StringIO()
    call_command("send_chasers", "--now", "2022-10-03T10:00", stdout=out)
    assert "Nothing to send." in out.getvalue()
    assert len(mail.outbox) == 2
    assert set(Chaser.objects.values_list("kind", flat=True)) == {Chaser.Kind.AFTER}


def test_on_a_weekend_nothing_is_sent_and_the_next_business_day_catches_up(inquiry):
    assert not sweep(datetime.date(2022, 10, 1)).business_day
    assert mail.outbox == []
    assert len(sweep(datetime.date(2022, 10, 3)).chasers) == 2


def test_an_answer_stops_the_chasing(inquiry):
    AnswerFactory(inquiry=inquiry, municipality=Municipality.objects.get(code="143014"))
    assert [c.municipality.name for c in sweep(datetime.date(2022, 10, 3)).chasers] == ["清川村"]


def test_a_dry_run_lists_the_chasers_and_sends_and_records_nothing(inquiry):
    out = StringIO()
    call_command("send_chasers", "--dry-run", "--now", "2022-10-03T09:00", stdout=out)
    assert "Would send 2 chasers." in out.getvalue()
    assert mail.outbox == [] and not Chaser.objects.exists()


def test_a_municipality_with_no_contact_address_is_reported_not_claimed(inquiry):
    Municipality.objects.filter(code="144029").update(contact_email="")
    result = sweep(datetime.date(2022, 10, 3))
    assert [c.municipality.name for c in result.unaddressed] == ["清川村"]
    assert list(Chaser.objects.values_list("municipality__name", flat=True)) == ["葉山町"]


def test_a_failed_send_is_released_and_the_retry_sends_only_the_rest(settings, inquiry):
    script_mail(settings, None, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    with pytest.raises(smtplib.SMTPServerDisconnected):
        sweep(datetime.date(2022, 10, 3))
    assert Chaser.objects.count() == 1
    assert len(sweep(datetime.date(2022, 10, 3)).chasers) == 1
    assert Chaser.objects.filter(sent_at__isnull=False).count() == 2


def test_the_inquiry_page_shows_what_was_sent(client, alice, inquiry):
    sweep(datetime.date(2022, 10, 3))
    client.force_login(alice)
    with time_machine.travel(at(datetime.date(2022, 10, 3), 12)):
        response = client.get(f"/governance/inquiries/{inquiry.pk}/")
    assert [(c.municipality.name, c.kind) for c in response.context["chasers"]] == [("葉山町", "after"), ("清川村", "after")]
    assert "joho@town.hayama.example.jp" in response.content.decode()


def test_the_beat_schedule_runs_the_chaser_sweep_on_weekday_mornings():
    from dx_portal.celery import app

    entry = app.conf.beat_schedule["send-inquiry-chasers"]
    assert entry["task"] == "inquiries.tasks.send_chasers"
    assert entry["schedule"].day_of_week == {1, 2, 3, 4, 5}
