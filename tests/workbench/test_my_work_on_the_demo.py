"""/my/ on the demo's morning (令和4年10月4日): the issue's "done when" as pmo and staff would check it.

One test, as loading the demo takes most of its time."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Finding, Project, StatusReport
from tests.projects.helpers import TOKYO

pytestmark = pytest.mark.django_db


def my_work(client, username: str) -> dict:
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get("/my/")
    assert response.status_code == 200
    return {listing.section.key: [row for row, _ in rows] for listing, rows in response.context["listings"]}


def code(row) -> str:
    return row.project.split()[0]


def test_pmo_and_staff_find_what_waits_for_them_in_the_demo(client):
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, tzinfo=TOKYO), tick=False):
        call_command("load_demo", "--as-of", "2022-10-04", stdout=io.StringIO())

        # PMO: the reports awaiting review, oldest first, and the answered findings awaiting closure.
        work = my_work(client, "pmo")
        unreviewed = Project.objects.filter(health_unreviewed=True).values_list("code", flat=True)
        assert sorted(code(row) for row in work["reports_awaiting_review"]) == sorted(unreviewed)
        since = [row.since for row in work["reports_awaiting_review"]]
        assert len(since) > 1 and since == sorted(since)
        assert all(row.url.endswith("/review/") for row in work["reports_awaiting_review"])
        answered = Finding.objects.filter(status=Finding.Status.ANSWERED).order_by("answered_at")
        assert [row.title for row in work["findings_awaiting_closure"]] == [finding.title for finding in answered]
        assert len(answered) >= 1
        assert [code(row) for row in work["escalations"]] == ["E-CONTRACT"]

        # Staff: the overdue report and the finding to answer.
        work = my_work(client, "staff")
        assert [(code(row), row.note, row.late) for row in work["reports_due"]] == [("COMMON-PC", "報告遅延", True)]
        to_answer = Finding.objects.filter(status=Finding.Status.OPEN, project__division__code="dx-office")
        assert [row.title for row in work["findings_to_answer"]] == [finding.title for finding in to_answer]
        assert len(to_answer) >= 1

        # Staff of another division: nothing of the projects they may not see.
        work = my_work(client, "staff2")
        theirs = set(Project.objects.filter(division__code="water").values_list("code", flat=True))
        project_rows = [row for key in ("reports_due", "findings_to_answer", "reports_returned") for row in work[key]]
        assert {code(row) for row in project_rows} <= theirs
        assert {row.project for row in work["action_items_due"]} <= {"水道施設課"}
        assert StatusReport.objects.exists()
