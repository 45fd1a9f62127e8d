"""The search page and the search API run the same number of queries for 3 and 30 records of each kind."""

import datetime

import pytest
from django.utils import timezone

from governance.models import CommitteeMeeting
from kpis.models import Indicator
from projects.models import Project
from tests.governance.factories import (
    ActionItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalityFactory,
)
from tests.governance.inquiry_factories import InquiryFactory
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory

pytestmark = pytest.mark.django_db

# Session, user, the user's roles; the header's counts; the counts per kind and the page together (one UNION of
# every kind's hits, read once); the records of each kind on the page: ten, as every kind with a date has its newest
# records on the first page (municipalities, with no date, come last).
PAGE_QUERIES = 3 + 1 + 1 + 10
# The token (with its user; its use is no longer written per request), the roles; the counts and the page together,
# and the records of the one kind asked for.
API_QUERIES = 1 + 1 + 1 + 1


def build(size: int, division, submitter, pmo) -> None:
    """``size`` records of every kind, all about 契約, the i-th of each kind dated ``i`` days back."""
    day = datetime.date(2022, 9, 30)
    for i in range(size):
        on = day - datetime.timedelta(days=i)
        noon = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
        project = ProjectFactory(code=f"Q{i:03d}", name=f"契約システム{i}", division=division)
        Project.objects.filter(pk=project.pk).update(updated_at=noon)
        StatusReportFactory(project=project, as_of=on, summary="契約の手続を進めている。", submitted_by=submitter)
        ProjectIssueFactory(project=project, title=f"契約の課題{i}", raised_on=on)
        FindingFactory(project=project, title=f"契約の指摘{i}", written_by=pmo, written_at=noon)
        meeting = CommitteeMeetingFactory(number=100 + i, held_on=on, title=f"契約を議題とする第{i}回会議")
        decision = DecisionFactory(meeting=meeting, sequence=1, title=f"契約の方針{i}")
        ActionItemFactory(decision=decision, title=f"契約の準備{i}", due_on=on, owner_division=division)
        CouncilMeetingFactory(number=i + 1, held_on=on, title=f"契約の共同化{i}")
        indicator = IndicatorFactory(code=f"contract-{i}", name_ja=f"契約指標{i}", division=division)
        Indicator.objects.filter(pk=indicator.pk).update(updated_at=noon)
        MunicipalityFactory(name=f"契約{i}町")
        InquiryFactory(title=f"契約事務の照会{i}", sent_on=on, created_by=pmo, recipients=[])
    assert CommitteeMeeting.objects.count() == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, petra, alice, division, size):
    build(size, division, alice, petra)
    client.force_login(petra)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get("/search/?q=契約")
    assert response.context["total"] == 11 * size
    assert len({hit.kind.key for hit in response.context["page_obj"]}) == 10


@pytest.mark.parametrize("size", [3, 30])
def test_the_search_api_runs_a_fixed_number_of_queries(
    api, token_for, django_assert_num_queries, fiona, petra, alice, division, size
):
    build(size, division, alice, petra)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(fiona, 'projects:read')}")
    with django_assert_num_queries(API_QUERIES):
        response = api.get("/api/v1/search/?q=契約&kind=finding")
    assert response.json()["count"] == size
