"""Effective-dated memberships and the transfer list (人事異動): who someone is today follows the dates; a
transfer is applied once, on its date, and its leaver's open items are handed over by the former manager."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from dx_portal.models import AuditEvent
from organisation import handover
from organisation.models import DivisionMembership, Transfer
from organisation.roles import roles_of
from organisation.selectors import division_members
from organisation.tasks import apply_transfers
from organisation.transfers import transfer_create, transfers_apply
from projects.models import Project, ProjectIssue, ProjectWatch
from tests.organisation.factories import DivisionMembershipFactory, TransferFactory, UserFactory
from tests.projects.factories import ProjectFactory, ProjectIssueFactory

TODAY = timezone.localdate
ONE_DAY = datetime.timedelta(days=1)
# 2023-04-01 is a Saturday; 2023-04-03 the Monday after.
SATURDAY = datetime.datetime(2023, 4, 1, 8, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=9)
MONDAY = SATURDAY + 2 * datetime.timedelta(days=1)


def at(day: datetime.date, hour=8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- effective dates decide roles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "sees"),
    [(-30, -1, False), (1, None, False), (0, None, True), (-30, 0, True)],
    ids=["ended-yesterday", "starts-tomorrow", "starts-today", "ends-today"],
)
def test_only_a_membership_in_effect_today_shows_the_divisions_projects(client, division, start, end, sees):
    project = ProjectFactory(division=division)
    user = DivisionMembershipFactory(
        division=division, start_on=TODAY() + start * ONE_DAY, end_on=None if end is None else TODAY() + end * ONE_DAY
    ).user
    client.force_login(user)
    assert client.get(f"/projects/{project.code}/").status_code == (200 if sees else 404)
    assert (division.pk in roles_of(user).division_ids) is sees


def test_members_of_a_division_on_a_date(division):
    leaver = DivisionMembershipFactory(division=division, end_on=datetime.date(2023, 3, 31)).user
    joiner = DivisionMembershipFactory(division=division, start_on=datetime.date(2023, 4, 1)).user
    stayer = DivisionMembershipFactory(division=division).user
    assert set(division_members(division, on=datetime.date(2023, 3, 31))) == {leaver, stayer}
    assert set(division_members(division, on=datetime.date(2023, 4, 1))) == {joiner, stayer}


def test_the_people_list_answers_who_was_in_a_division_on_a_date(client, petra, division):
    DivisionMembershipFactory(user=UserFactory(username="leaver"), division=division, end_on=datetime.date(2023, 3, 31))
    DivisionMembershipFactory(user=UserFactory(username="joiner"), division=division, start_on=datetime.date(2023, 4, 1))
    client.force_login(petra)
    before = client.get("/people/", {"division": division.code, "on": "2023-03-31"})
    after = client.get("/people/", {"division": division.code, "on": "2023-04-01"})
    assert [u.username for u in before.context["page_obj"]] == ["leaver"]
    assert [u.username for u in after.context["page_obj"]] == ["joiner"]
    assert "所属・役割（令和5年4月1日）" in after.content.decode()
    assert [m.division for m in after.context["page_obj"][0].current_division_memberships] == [division]


def test_the_person_page_shows_each_membership_with_its_dates(client, petra, division, other_division):
    user = UserFactory(username="hanako")
    DivisionMembershipFactory(user=user, division=division, end_on=datetime.date(2023, 3, 31))
    DivisionMembershipFactory(user=user, division=other_division, start_on=datetime.date(2023, 4, 1))
    client.force_login(petra)
    page = client.get("/people/hanako/").content.decode()
    assert "令和5年3月31日" in page and "令和5年4月1日" in page
    assert division.name in page and other_division.name in page


def test_removing_a_placement_ends_it_yesterday_and_keeps_it_in_the_history(client, petra, alice):
    membership = alice.division_memberships.get()
    client.force_login(petra)
    client.post(f"/people/alice/division-memberships/{membership.pk}/remove/")
    membership.refresh_from_db()
    assert membership.end_on == TODAY() - ONE_DAY
    assert roles_of(type(alice).objects.get(pk=alice.pk)).division_ids == frozenset()


# --- the transfer list: entering, editing, importing -----------------------------------------------


def test_pmo_enters_a_transfer_and_edits_it_before_its_date(client, petra, alice, division, other_division):
    client.force_login(petra)
    response = client.post("/people/transfers/new/", {
        "user": alice.pk, "from_division": division.pk, "to_division": other_division.pk, "role": "staff",
        "effective_on": "2031-04-01",
    })
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.entered_by == petra and transfer.applied_at is None
    response = client.post(f"/people/transfers/{transfer.pk}/edit/", {
        "user": alice.pk, "from_division": division.pk, "to_division": other_division.pk, "role": "manager",
        "effective_on": "2031-04-01", "version": 1,
    })
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert (transfer.role, transfer.version) == ("manager", 2)
    assert [row.history_user for row in transfer.history.order_by("history_date")] == [petra, petra]


def test_a_transfer_from_a_division_the_person_is_not_in_is_refused_at_the_field(client, petra, charlie, division):
    client.force_login(petra)
    response = client.post("/people/transfers/new/", {
        "user": charlie.pk, "from_division": division.pk, "to_division": "", "role": "staff", "effective_on": "2031-04-01",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["from_division"]
    assert not Transfer.objects.exists()


def test_an_applied_transfer_cannot_be_edited(client, petra):
    transfer = TransferFactory(applied_at=timezone.now())
    client.force_login(petra)
    assert client.get(f"/people/transfers/{transfer.pk}/edit/").status_code == 403


def _csv(*rows: str) -> bytes:
    return ("\n".join(["氏名,職員番号,異動元所属コード,異動先所属コード,役割,発令日", *rows]) + "\n").encode()


def test_the_csv_import_reports_every_bad_row_and_saves_nothing(client, petra, alice, division, other_division):
    alice.last_name, alice.first_name = "横浜", "花子"
    alice.save()
    data = _csv(
        f"横浜 花子,,{division.code},{other_division.code},担当者,2031-04-01",  # fine
        f"山田 太郎,,{division.code},{other_division.code},担当者,2031-04-01",  # nobody by that name
        f"横浜 花子,,nowhere,{other_division.code},課長,4月1日",  # bad code, role and date
        f"横浜 花子,,{other_division.code},,担当者,2031-04-01",  # not in that division
    )
    client.force_login(petra)
    response = client.post("/people/transfers/import/", {"file": _upload(data)})
    errors = {(e.row, e.field) for e in response.context["result"].errors}
    assert errors == {(3, "氏名"), (4, "異動元所属コード"), (4, "役割"), (4, "発令日"), (5, "異動元所属コード")}
    assert not Transfer.objects.exists()


def test_the_csv_import_enters_the_whole_list(client, petra, alice, bob, division, other_division):
    from organisation.models import Person

    Person.objects.create(user=bob, staff_number="K0002")
    alice.last_name, alice.first_name = "横浜", "花子"
    alice.save()
    data = _csv(
        f"横浜　花子,,{division.code},{other_division.code},担当者,2031-04-01",
        f",K0002,{division.code},{division.code},所属長,2031/04/01",
    )
    client.force_login(petra)
    assert client.post("/people/transfers/import/", {"file": _upload(data)}).status_code == 302
    assert sorted(Transfer.objects.values_list("user__username", "role")) == [("alice", "staff"), ("bob", "manager")]


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("transfers.csv", data, content_type="text/csv")


# --- applying: once, on its date --------------------------------------------------------------------


@pytest.fixture
def move(petra, alice, division, other_division):
    """Alice moves from her division to the other on 2023-04-01, leaving an open issue, a risk and a resolved one."""
    project = ProjectFactory(code="DX-1", division=division)
    for kind in ("issue", "risk"):
        ProjectIssueFactory(project=project, owner="alice", kind=kind, likelihood=3, impact=3)
    ProjectIssueFactory(project=project, owner="alice", status=ProjectIssue.Status.RESOLVED,
                        resolved_on=datetime.date(2022, 9, 2))
    return transfer_create(
        actor=petra, user=alice, from_division=division, to_division=other_division, role="staff",
        effective_on=datetime.date(2023, 4, 1),
    )


def test_applying_ends_the_old_membership_the_day_before_and_starts_the_new_one(move, alice, division, other_division):
    [applied] = transfers_apply(now=SATURDAY)
    assert applied.pk == move.pk
    old = DivisionMembership.objects.get(user=alice, division=division)
    new = DivisionMembership.objects.get(user=alice, division=other_division)
    assert (old.start_on < datetime.date(2023, 3, 31), old.end_on) == (True, datetime.date(2023, 3, 31))
    assert (new.start_on, new.end_on, new.role) == (datetime.date(2023, 4, 1), None, "staff")
    assert roles_of(type(alice).objects.get(pk=alice.pk)).division_ids == {other_division.pk}


def test_a_transfer_is_applied_exactly_once(move, alice):
    transfers_apply(now=SATURDAY)
    assert transfers_apply(now=SATURDAY) == [] and transfers_apply(now=MONDAY) == []
    assert DivisionMembership.objects.filter(user=alice).count() == 2
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TRANSFER_APPLIED).count() == 1
    move.refresh_from_db()
    assert move.applied_at == SATURDAY
    assert move.history.filter(applied_at__isnull=False).count() == 1


def test_a_transfer_is_not_applied_before_its_date(move):
    assert transfers_apply(now=SATURDAY - ONE_DAY) == []


def test_the_morning_task_waits_for_a_business_day_and_keeps_the_transfers_date(move, alice, other_division):
    assert apply_transfers(now=SATURDAY.isoformat()) == 0
    assert apply_transfers(now=MONDAY.isoformat()) == 1
    assert DivisionMembership.objects.get(user=alice, division=other_division).start_on == datetime.date(2023, 4, 1)
    assert apply_transfers(now=MONDAY.isoformat()) == 0


def test_the_beat_runs_the_task_on_weekday_mornings_before_the_reminders():
    from dx_portal.celery import app

    transfers, reminders = (app.conf.beat_schedule[name]["schedule"] for name in ("apply-transfers", "send-reminders"))
    assert transfers.day_of_week == reminders.day_of_week == {1, 2, 3, 4, 5}
    assert (min(transfers.hour), min(transfers.minute)) < (min(reminders.hour), min(reminders.minute))


def test_the_command_applies_on_the_day_it_is_given(move, alice, other_division):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("apply_transfers", "--now", "2023-04-01T08:00+09:00", stdout=out)
    assert "Applied 1 transfer(s)." in out.getvalue()
    assert DivisionMembership.objects.filter(user=alice, division=other_division).exists()


# --- the hand-over ----------------------------------------------------------------------------------


def test_the_former_manager_is_told_what_to_hand_over(move, mallory):
    transfers_apply(now=SATURDAY)
    [message] = mail.outbox
    assert message.to == [mallory.email]
    assert f"/people/handover/{move.pk}/" in message.body
    assert message.body.count("（DX-1 ") == 2  # the open issue and risk, not the resolved one


def test_the_hand_over_page_lists_the_leavers_open_items_for_the_manager(client, move, mallory, bob):
    transfers_apply(now=SATURDAY)
    client.force_login(mallory)
    assert f"/people/handover/{move.pk}/" in client.get("/people/handover/").content.decode()
    response = client.get(f"/people/handover/{move.pk}/")
    issues, watches = response.context["sections"]
    assert len(issues.items) == 2  # the resolved one is not handed over
    assert watches.items == []
    assert {m.username for m in response.context["members"]} == {"bob", "mallory"}  # Alice has left


def test_the_manager_hands_everything_over_in_one_click(client, move, mallory, bob):
    transfers_apply(now=SATURDAY)
    client.force_login(mallory)
    page = client.get(f"/people/handover/{move.pk}/")
    items = [f"issue:{item.pk}:{item.version}" for item in page.context["sections"][0].items]
    response = client.post(f"/people/handover/{move.pk}/", {"successor": bob.pk, "item": items})
    assert response.status_code == 302
    assert set(ProjectIssue.objects.filter(status="open").values_list("owner", flat=True)) == {
        f"{bob.last_name} {bob.first_name}"
    }
    issue = ProjectIssue.objects.filter(status="open").first()
    assert (issue.version, issue.history.latest().history_user) == (2, mallory)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.WORK_HANDED_OVER, user=mallory).count() == 1
    assert client.get(f"/people/handover/{move.pk}/").context["item_count"] == 0


def test_one_item_at_a_time_and_a_stale_one_is_refused(client, move, mallory, bob):
    transfers_apply(now=SATURDAY)
    client.force_login(mallory)
    first, second = client.get(f"/people/handover/{move.pk}/").context["sections"][0].items
    client.post(f"/people/handover/{move.pk}/", {"successor": bob.pk, "item": f"issue:{first.pk}:{first.version}"})
    assert ProjectIssue.objects.get(pk=second.pk).owner == "alice"
    # Someone edited the second item after the page was shown: nothing is overwritten.
    ProjectIssue.objects.filter(pk=second.pk).update(version=5)
    response = client.post(f"/people/handover/{move.pk}/", {"successor": bob.pk, "item": f"issue:{second.pk}:1"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert ProjectIssue.objects.get(pk=second.pk).owner == "alice"


def test_the_successor_must_be_a_remaining_member(client, move, mallory, alice, charlie):
    transfers_apply(now=SATURDAY)
    client.force_login(mallory)
    item = client.get(f"/people/handover/{move.pk}/").context["sections"][0].items[0]
    for successor in (alice, charlie):
        response = client.post(f"/people/handover/{move.pk}/", {"successor": successor.pk, "item": f"issue:{item.pk}:1"})
        assert response.context["form"].errors["successor"]
    assert ProjectIssue.objects.get(pk=item.pk).owner == "alice"


def test_others_may_not_hand_over(client, move, bob, charlie, mallory):
    transfers_apply(now=SATURDAY)
    item = ProjectIssue.objects.filter(status="open").first()
    data = {"successor": mallory.pk, "item": f"issue:{item.pk}:1"}
    client.force_login(bob)  # a member of the division: sees it, may not reassign
    assert client.get(f"/people/handover/{move.pk}/").status_code == 200
    assert client.post(f"/people/handover/{move.pk}/", data).status_code == 403
    client.force_login(charlie)  # another division: the hand-over is not there
    assert client.post(f"/people/handover/{move.pk}/", data).status_code == 404
    assert client.get("/people/handover/").status_code == 403
    assert ProjectIssue.objects.get(pk=item.pk).owner == "alice"


def test_a_watched_project_passes_to_the_successor(client, move, alice, bob, mallory):
    watched = ProjectWatch.objects.create(project=Project.objects.get(code="DX-1"), user=alice)
    transfers_apply(now=SATURDAY)
    client.force_login(mallory)
    sections = {s.provider.name: s.items for s in client.get(f"/people/handover/{move.pk}/").context["sections"]}
    assert [item.title for item in sections["watch"]] == [f"DX-1 {watched.project.name}"]
    client.post(f"/people/handover/{move.pk}/", {"successor": bob.pk, "item": f"watch:{watched.pk}:0"})
    assert list(ProjectWatch.objects.values_list("user__username", flat=True)) == ["bob"]


def test_a_new_kind_of_owned_thing_is_one_provider(move, monkeypatch):
    class Watched:
        name, label = "watched", "ウォッチ中の案件"

        def items(self, *, user, division):
            return [handover.Item(pk=1, version=1, title="案件A", context=str(division), url="/")]

    monkeypatch.setitem(handover._providers, "watched", Watched())
    transfers_apply(now=SATURDAY)
    sections = handover.handover_sections(Transfer.objects.get())
    assert [s.provider.name for s in sections] == ["issue", "watch", "watched"]


@pytest.mark.parametrize("size", [2, 8])
def test_the_pages_run_a_fixed_number_of_queries(client, petra, mallory, division, django_assert_num_queries, size):
    project = ProjectFactory(division=division)
    for _ in range(size):
        user = DivisionMembershipFactory(division=division).user
        ProjectIssueFactory(project=project, owner=user.username)
        transfer_create(actor=petra, user=user, from_division=division, to_division=None, role="staff",
                        effective_on=datetime.date(2023, 4, 1))
    transfers_apply(now=SATURDAY)
    transfer = Transfer.objects.first()
    client.force_login(petra)
    client.get("/people/transfers/")
    with django_assert_num_queries(6):  # with the header's counts
        response = client.get("/people/transfers/")
    assert len(response.context["page_obj"]) == size
    client.force_login(mallory)
    client.get(f"/people/handover/{transfer.pk}/")
    with django_assert_num_queries(9):  # with the header's counts and one query per provider
        assert len(client.get(f"/people/handover/{transfer.pk}/").context["sections"][0].items) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_apply_each_transfer_exactly_once(division, other_division):
    petra = UserFactory(username="petra", groups=["pmo"])
    for n in range(20):
        user = DivisionMembershipFactory(user=UserFactory(username=f"mover{n}"), division=division).user
        transfer_create(actor=petra, user=user, from_division=division, to_division=other_division, role="staff",
                        effective_on=datetime.date(2023, 4, 1))
    start = threading.Barrier(2)
    runs, errors = [], []

    def run():
        try:
            start.wait()
            runs.append(transfers_apply(now=MONDAY))
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(len(applied) for applied in runs) == 20
    assert DivisionMembership.objects.filter(division=other_division).count() == 20
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TRANSFER_APPLIED).count() == 20
