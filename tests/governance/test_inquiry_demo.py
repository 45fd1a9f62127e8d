"""The demo inquiry: 自治体システム標準化, sent to all 33, 30 answers, 3 late and chased, on the load day and as of the
source's morning alike."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

import governance.demo_bodies
import inquiries.demo
import organisation.demo
from dx_portal.demo import SOURCE_DATE, Story
from inquiries.models import Answer, Chaser, Inquiry

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
LOAD_DAY = datetime.date(2026, 12, 8)  # a Tuesday


def on(day: datetime.date, hour: int = 9):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=TOKYO), tick=False)


def load(as_of: datetime.date) -> Inquiry:
    for module in (organisation.demo, governance.demo_bodies, inquiries.demo):
        module.load(io.StringIO(), Story(as_of))
    return Inquiry.objects.get(title=inquiries.demo.TITLE)


@pytest.mark.parametrize("as_of", [SOURCE_DATE, LOAD_DAY])
def test_on_the_day_it_is_loaded_30_have_answered_and_3_are_late(client, as_of):
    with on(as_of):
        inquiry = load(as_of)
        assert inquiry.recipients.count() == 33 and inquiry.answers.count() == 30
        client.force_login(inquiry.created_by)
        response = client.get(f"/governance/inquiries/{inquiry.pk}/")
    assert [state.municipality.name for state in response.context["late"]] == ["山北町", "真鶴町", "湯河原町"]
    # Chased before the deadline, with those who answered only then.
    assert {c.municipality.code for c in response.context["chasers"]} >= inquiries.demo.LATE
    assert all(answer.answered_at.date() <= inquiry.deadline for answer in Answer.objects.all())


def test_the_chaser_sweep_on_the_day_after_the_deadline_chases_the_3_once():
    inquiry = load(SOURCE_DATE)
    after = datetime.date(2022, 10, 3)  # the deadline is Friday 30 September
    out = io.StringIO()
    call_command("send_chasers", "--now", f"{after.isoformat()}T09:00", stdout=out)
    assert "Sent 3 chasers." in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["dx-143642@example.jp", "dx-143839@example.jp", "dx-143847@example.jp"]
    call_command("send_chasers", "--now", f"{after.isoformat()}T10:00", stdout=io.StringIO())
    assert len(mail.outbox) == 3
    assert inquiry.chasers.filter(kind=Chaser.Kind.AFTER).count() == 3


def test_loading_it_twice_changes_nothing():
    load(SOURCE_DATE)
    counts = (Inquiry.history.count(), Answer.history.count(), Chaser.objects.count())
    load(SOURCE_DATE)
    assert (Inquiry.history.count(), Answer.history.count(), Chaser.objects.count()) == counts
