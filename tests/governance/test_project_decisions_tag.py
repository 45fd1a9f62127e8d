"""{% project_decisions project %}: the project page's list of the decisions that concern it."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load governance %}{% project_decisions project %}")


def render(user, project):
    request = RequestFactory().get("/")
    request.user = user
    return TEMPLATE.render(Context({"request": request, "project": project}))


def test_it_lists_the_decisions_on_the_project_with_status_and_meeting_date(alice):
    project = ProjectFactory(code="E-CONTRACT")
    meeting = CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13))
    decision = DecisionFactory(title="電子契約の導入", meeting=meeting)
    decision.related_projects.add(project)
    DecisionFactory(title="関係のない決定")
    html = render(alice, project)
    assert "電子契約の導入" in html
    assert f'href="/governance/decisions/{decision.reference}/"' in html
    assert "合意" in html and "令和4年9月13日" in html
    assert "関係のない決定" not in html


def test_it_says_so_when_no_decision_concerns_the_project(alice):
    assert "関係する合意事項はありません" in render(alice, ProjectFactory())


def test_it_runs_one_query_however_many_decisions(alice, django_assert_num_queries):
    project = ProjectFactory()
    render(alice, project)  # the user's roles are read once per request, before any page content
    for size in (1, 5):
        for decision in DecisionFactory.create_batch(size):
            decision.related_projects.add(project)
        with django_assert_num_queries(1):
            render(alice, project)
