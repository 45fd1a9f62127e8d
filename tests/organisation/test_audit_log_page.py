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
