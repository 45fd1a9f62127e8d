"""The demo's transfer list (issue 19's "Done when"): run on 2023-04-01, it moves `staff` to 水道施設課, lists
staff's open items for `manager`, and the next reminders go to the divisions' new members."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from organisation.models import DivisionMembership, Transfer
from projects.models import ProjectIssue

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def places(username: str) -> set[str]:
    memberships = DivisionMembership.objects.in_effect(timezone.localdate()).filter(user__username=username)
    return set(memberships.values_list("division__code", flat=True))


def test_on_a_plain_load_the_transfer_is_still_ahead_and_staff_stays_where_they_are():
    run("load_demo")
    transfer = Transfer.objects.get(user__username="staff")
    assert transfer.effective_on > timezone.localdate() and transfer.entered_by.username == "pmo"
    assert run("apply_transfers") .endswith("Applied 0 transfer(s).\n")
    assert places("staff") == {"dx-office"}


def test_the_demo_transfer_moves_staff_hands_over_and_redirects_the_reminders(client):
    run("load_demo", "--as-of", "2022-10-04")
    assert Transfer.objects.get(user__username="staff").effective_on == datetime.date(2023, 4, 1)
    before = run("send_reminders", "--dry-run", "--now", "2023-03-31T09:00+09:00")

    assert "Applied 1 transfer(s)." in run("apply_transfers", "--now", "2023-04-01T08:00+09:00")
    assert places("staff") == {"water"}
    ended = DivisionMembership.objects.get(user__username="staff", division__code="dx-office")
    assert ended.end_on == datetime.date(2023, 3, 31)
    assert mail.outbox[0].to == ["manager@pref.example.lg.jp"]

    manager = User.objects.get(username="manager")
    client.force_login(manager)
    [transfer] = client.get("/people/handover/").context["page_obj"].object_list
    page = client.get(f"/people/handover/{transfer.pk}/")
    items = page.context["sections"][0].items
    assert {item.title for item in items} == {
        "リスク: 共同利用ルール（個人情報の扱い）の策定遅れ", "課題: 防災分野実証のデータ項目の確定"
    }
    response = client.post(f"/people/handover/{transfer.pk}/", {
        "successor": manager.pk, "item": [f"issue:{i.pk}:{i.version}" for i in items],
    })
    assert response.status_code == 302
    assert not ProjectIssue.objects.filter(owner="横浜 花子").exists()

    after = run("send_reminders", "--dry-run", "--now", "2023-04-03T09:00+09:00")
    dx_office = [line for line in after.splitlines() if "dx-office@" in line]
    water = [line for line in after.splitlines() if "water@" in line]
    assert "staff@pref.example.lg.jp" in before and dx_office and water
    assert not any("staff@pref.example.lg.jp" in line for line in dx_office)
    assert all("staff@pref.example.lg.jp" in line for line in water)

    # Loaded again, the demo does not undo the transfer.
    run("load_demo")
    assert places("staff") == {"water"}
