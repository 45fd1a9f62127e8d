"""/audit/: the auditor (and PMO) read every security event and record change, filter them, and take a CSV."""

import csv
import io

import pytest

from dx_portal.formatting import person_name
from dx_portal.models import AuditEvent
from organisation import services
from tests.projects.factories import ProjectFactory


@pytest.fixture
def events(petra, fiona, alice, division):
    services.api_token_issue(actor=petra, user=fiona, scopes=["kpi:read"], name="open data feed")
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN_FAILED, username="eve", ip_address="192.0.2.66")
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, user=alice, username="alice")
    return ProjectFactory(division=division, name="電子申請基盤")


@pytest.mark.django_db
@pytest.mark.parametrize("who, status", [
    ("audrey", 200), ("petra", 200), ("alice", 403), ("mallory", 403), ("dana", 403), ("carl", 403), ("fiona", 403),
])
def test_who_reads_the_audit_log(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/audit/").status_code == status
    assert client.get("/audit/export.csv").status_code == status


@pytest.mark.django_db
def test_the_auditor_sees_who_issued_a_token_and_every_kind_of_event(client, audrey, petra, events):
    client.force_login(audrey)
    page = client.get("/audit/").content.decode()
    assert "ログイン失敗" in page and "192.0.2.66" in page
    assert "記録の変更（作成）" in page and events.code in page
    issued = client.get("/audit/", {"kind": "token_issued"}).context["page_obj"].object_list
    assert [(e.kind, e.who) for e in issued] == [("トークン発行", person_name(petra))]
    assert "(fiona)" in issued[0].subject and "open data feed" in issued[0].subject


@pytest.mark.django_db
def test_filters_by_person_kind_and_date(client, audrey, petra, events):
    client.force_login(audrey)
    rows = client.get("/audit/", {"person": "alice"}).context["page_obj"].object_list
    assert [e.kind for e in rows] == ["ログイン"]
    rows = client.get("/audit/", {"kind": "record_change"}).context["page_obj"].object_list
    assert rows and all(e.kind.startswith("記録の変更") for e in rows)
    assert client.get("/audit/", {"since": "2000-01-01", "until": "2000-12-31"}).context["page_obj"].paginator.count == 0


@pytest.mark.django_db
def test_the_csv_holds_the_filtered_lines(client, audrey, events):
    client.force_login(audrey)
    response = client.get("/audit/export.csv", {"kind": "login_failed"})
    assert response["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["日時", "種別", "利用者", "対象", "詳細", "IPアドレス"]
    assert [(r[1], r[2], r[5]) for r in rows[1:]] == [("ログイン失敗", "eve", "192.0.2.66")]


@pytest.mark.django_db
def test_the_audit_log_is_read_only(client, audrey, petra):
    for user in (audrey, petra):
        client.force_login(user)
        assert client.post("/audit/").status_code == 405


# Session, user and roles, the header's counts; the events' count; the keys of the two sources with rows; the
# page's events; the page's project rows, and the versions before them: 10, and a count per history table.
QUERIES = 10


@pytest.mark.django_db
def test_without_a_start_date_it_shows_the_last_30_days(client, audrey):
    import datetime

    from django.utils import timezone

    old = AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="old-login",
                                    at=timezone.now() - datetime.timedelta(days=31))
    recent = AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="recent-login")
    client.force_login(audrey)
    shown = {e.who for e in client.get("/audit/", {"kind": "login"}).context["page_obj"].object_list}
    assert recent.username in shown and old.username not in shown
    since = (timezone.localdate() - datetime.timedelta(days=40)).isoformat()
    shown = {e.who for e in client.get("/audit/", {"kind": "login", "since": since}).context["page_obj"].object_list}
    assert old.username in shown


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 150])
def test_pages_are_read_from_the_database_in_a_fixed_number_of_queries(
    client, audrey, petra, division, django_assert_num_queries, size
):
    from django.utils import timezone

    from organisation.selectors import _historical_models
    from projects.services import project_update

    project = ProjectFactory(division=division, name="電子申請基盤")
    AuditEvent.objects.bulk_create(
        [AuditEvent(kind=AuditEvent.Kind.LOGIN, username=f"user{n}", at=timezone.now()) for n in range(size)]
    )
    project_update(project=project, actor=petra, expected_version=project.version, name="電子申請基盤（改）")
    client.force_login(audrey)
    client.get("/audit/")
    with django_assert_num_queries(QUERIES + len(_historical_models())):
        response = client.get("/audit/")
    page = response.context["page_obj"]
    assert page.paginator.count == size + 3  # and the auditor's own login, and the project's creation
    # Newest first across the sources: the auditor's login, then the change (told against the version before).
    login, change = page.object_list[:2]
    assert (login.kind, change.kind) == ("ログイン", "記録の変更（変更）")
    assert "電子申請基盤 → 電子申請基盤（改）" in change.detail
    last = client.get("/audit/", {"page": page.paginator.num_pages}).context["page_obj"].object_list
    assert len(last) == (size + 3) % 100 and last[-1].kind == "記録の変更（作成）"
