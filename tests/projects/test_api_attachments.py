"""Status reports and findings list their attachments in the API, read and write alike: the file's facts, its
classification and the download URL, which serves it only to those who may see the project."""

import datetime

import pytest

from tests.attachments import attach, listed
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, file_report, session_client, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/EAPP/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.fixture
def report(project, alice):
    return file_report(project, alice, datetime.date(2022, 9, 30))


@pytest.fixture
def finding(project, petra):
    return FindingFactory(project=project, written_by=petra)


def reader(user):
    return token_client(user, "projects:read")


def writer(user):
    return token_client(user, "projects:read", "projects:write")


def test_a_report_lists_its_attachment_with_its_facts_and_download_url(alice, report):
    attachment = attach(report, alice)
    body = reader(alice).get(f"{URL}status-reports/{report.pk}/").json()
    assert body["attachments"] == [listed(attachment, uploaded_at=body["attachments"][0]["uploaded_at"])]
    assert attachment.file.name not in str(body)  # the stored path stays private


@pytest.mark.parametrize("kind", ["status-reports", "findings"])
def test_each_record_lists_its_own_in_the_list_and_alone(alice, petra, project, report, finding, kind):
    record = report if kind == "status-reports" else finding
    bare = file_report(project, alice, datetime.date(2022, 10, 3)) if kind == "status-reports" else FindingFactory(
        project=project, written_by=petra)
    attach(record, alice, "議事次第.pdf")
    client = reader(alice)
    assert [a["name"] for a in client.get(f"{URL}{kind}/{record.pk}/").json()["attachments"]] == ["議事次第.pdf"]
    assert client.get(f"{URL}{kind}/{bare.pk}/").json()["attachments"] == []
    listed = {row["id"]: [a["name"] for a in row["attachments"]] for row in client.get(f"{URL}{kind}/").json()["results"]}
    assert listed == {record.pk: ["議事次第.pdf"], bare.pk: []}


def test_a_new_report_answers_with_no_attachment(alice, project):
    response = writer(alice).post(f"{URL}status-reports/", {
        "as_of": "2022-10-04", "health": "green", "schedule_health": "green", "cost_health": "green",
        "scope_health": "green", "quality_health": "green", "planned_progress": 10, "actual_progress": 10,
        "summary": "順調", "next_steps": "継続",
    }, format="json")
    assert response.status_code == 201 and response.json()["attachments"] == []


def test_an_action_answers_with_the_records_attachments(alice, petra, report, finding):
    attach(report, alice, "報告.pdf")
    attach(finding, alice, "回答.pdf")
    reviewed = writer(petra).post(f"{URL}status-reports/{report.pk}/review/", {"pmo_health": "red", "version": 1},
                                  format="json")
    assert [a["name"] for a in reviewed.json()["attachments"]] == ["報告.pdf"]
    answered = writer(alice).post(f"{URL}findings/{finding.pk}/answer/", {"response": "対応します。", "version": 1},
                                  format="json")
    assert [a["name"] for a in answered.json()["attachments"]] == ["回答.pdf"]


def test_the_findings_register_lists_them_only_for_those_who_see_the_project(alice, charlie, petra, finding):
    attachment = attach(finding, petra)
    rows = session_client(alice).get("/api/v1/registers/findings/").json()["results"]
    assert [a["id"] for row in rows for a in row["attachments"]] == [attachment.pk]
    assert session_client(charlie).get("/api/v1/registers/findings/").json()["results"] == []
    assert session_client(charlie).get(f"/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_a_list_with_attachments_costs_the_same_for_two_reports_and_for_twelve(
    alice, project, django_assert_num_queries, size
):
    for n in range(size):
        attach(file_report(project, alice, datetime.date(2022, 9, 1) + datetime.timedelta(days=n)), alice)
    client = reader(alice)
    client.get(f"{URL}status-reports/")  # the token's lookup, cached from then on
    # the project; count; page; the page's attachments in one query
    with django_assert_num_queries(4):
        rows = client.get(f"{URL}status-reports/").json()["results"]
    assert [len(row["attachments"]) for row in rows] == [1] * size
