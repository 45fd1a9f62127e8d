"""``?updated_since=`` on the list endpoints: only what changed at or after the time, withdrawn and
superseded records included with their state; a bad value is a 400 at the parameter."""

import datetime
import zoneinfo

import pytest
import time_machine

from governance.services import decision_supersede
from projects.services import status_report_withdraw
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import file_report, token_client

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
LAST_WEEK = datetime.datetime(2022, 9, 27, 9, 0, tzinfo=TOKYO)
YESTERDAY = datetime.datetime(2022, 10, 3, 9, 0, tzinfo=TOKYO)
NOW = datetime.datetime(2022, 10, 4, 9, 30, tzinfo=TOKYO)


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def observations(db):
    indicator = IndicatorFactory(code="e-approval-rate", percentage=True)
    with at(LAST_WEEK):
        ObservationFactory(indicator=indicator, fiscal_year=2020)
        revised = ObservationFactory(indicator=indicator, fiscal_year=2021)
    with at(NOW):
        revised.note = "確定値に更新"
        revised.save()
        ObservationFactory(indicator=indicator, fiscal_year=2022)
    return indicator


# A "+" a client forgot to encode arrives as a space.
SINCE = ["2022-10-03T09:00:00+09:00", "2022-10-03T00:00:00Z", "2022-10-03", "2022-10-03T09:00:00 09:00"]


@pytest.mark.parametrize("since", SINCE)
def test_the_observations_feed_returns_only_what_changed_since(api, observations, since):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/", {"updated_since": since})
    assert response.status_code == 200
    assert [row["fiscal_year"] for row in response.json()["results"]] == [2021, 2022]


def test_without_updated_since_the_feed_is_whole(api, observations):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/")
    assert [row["fiscal_year"] for row in response.json()["results"]] == [2020, 2021, 2022]


def test_the_csv_feed_takes_updated_since_too(api, observations):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/", {"format": "csv", "updated_since": "2022-10-03"})
    assert response.status_code == 200
    assert len(response.content.decode().strip().splitlines()) == 3  # the header and two rows


@pytest.mark.parametrize("since", ["yesterday", "2022-13-01", "2022-10-03T25:00:00"])
def test_a_value_that_is_not_iso_8601_is_a_400_at_the_parameter(api, observations, since):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/", {"updated_since": since})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["updated_since"]


def test_a_withdrawn_report_comes_with_its_state(alice, division):
    project = ProjectFactory(code="EAPP", division=division)
    with at(LAST_WEEK):
        kept = file_report(project, alice, datetime.date(2022, 9, 20))
        withdrawn = file_report(project, alice, datetime.date(2022, 9, 27))
    with at(NOW):
        status_report_withdraw(report=withdrawn, actor=alice, expected_version=1, reason="別案件の報告を誤って提出")
    client = token_client(alice, "projects:read")
    response = client.get("/api/v1/projects/EAPP/status-reports/", {"updated_since": YESTERDAY.isoformat()})
    assert [(row["id"], row["status"]) for row in response.json()["results"]] == [(withdrawn.pk, "withdrawn")]
    assert kept.pk not in [row["id"] for row in response.json()["results"]]


def test_projects_changed_since(alice, division):
    with at(LAST_WEEK):
        ProjectFactory(code="OLD", division=division)
    with at(NOW):
        ProjectFactory(code="NEW", division=division)
    client = token_client(alice, "projects:read")
    response = client.get("/api/v1/projects/", {"updated_since": YESTERDAY.isoformat()})
    assert [row["code"] for row in response.json()["results"]] == ["NEW"]


def test_a_superseded_decision_comes_with_its_state(petra):
    with at(LAST_WEEK):
        decision = DecisionFactory()
    with at(NOW):
        later = CommitteeMeetingFactory(number=decision.meeting.number + 1, held_on=datetime.date(2022, 10, 4))
        newer = decision_supersede(decision=decision, meeting=later, actor=petra, title="電子契約の全庁導入",
                                   decision_text="全庁で電子契約を導入する。")
    client = token_client(petra, "governance:read")
    response = client.get("/api/v1/decisions/", {"updated_since": YESTERDAY.isoformat()})
    states = {row["reference"]: row["status"] for row in response.json()["results"]}
    assert states == {decision.reference: "superseded", newer.reference: "agreed"}



# ISO 8601 allows offsets PostgreSQL cannot store (beyond ±15:59): the same moment is asked in UTC.
def test_an_offset_the_database_cannot_store_is_the_same_moment(api, observations):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/", {"updated_since": "2022-10-02T10:00:00-23:00"})
    assert response.status_code == 200
    assert [row["fiscal_year"] for row in response.json()["results"]] == [2021, 2022]


def test_a_moment_before_the_calendar_begins_is_400(api, observations):
    response = api.get("/api/v1/kpis/e-approval-rate/observations/", {"updated_since": "0001-01-01T00:00:00+09:00"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["updated_since"]
