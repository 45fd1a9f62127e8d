"""The database keeps the projects' rules even when code goes around the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Health, Milestone, Project, ProjectIssue, portfolio_rating
from tests.projects.factories import MilestoneFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory

pytestmark = pytest.mark.django_db


def refused_by_the_database(build) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_project_codes_are_unique():
    ProjectFactory(code="EAPP")
    # The factory gets an existing code instead of creating it again: create the row directly.
    duplicate = dict(name="重複", division=ProjectFactory().division, planned_start=datetime.date(2022, 4, 1),
                     planned_end=datetime.date(2023, 3, 31))
    refused_by_the_database(lambda: Project.objects.create(code="EAPP", **duplicate))


def test_a_project_has_one_report_per_day():
    report = StatusReportFactory()
    refused_by_the_database(lambda: StatusReportFactory(project=report.project, as_of=report.as_of))


@pytest.mark.parametrize("field", ["planned_progress", "actual_progress"])
def test_progress_above_100_percent_is_refused(field):
    refused_by_the_database(lambda: StatusReportFactory(**{field: 101}))


@pytest.mark.parametrize("field", ["budget_yen", "actual_cost_yen"])
def test_yen_amounts_are_never_negative(field):
    refused_by_the_database(lambda: ProjectFactory(**{field: -1}))


def test_an_issue_is_not_resolved_before_it_was_raised():
    refused_by_the_database(
        lambda: ProjectIssueFactory(raised_on=datetime.date(2022, 9, 1), resolved_on=datetime.date(2022, 8, 31))
    )


def test_a_project_does_not_end_before_it_starts():
    refused_by_the_database(
        lambda: ProjectFactory(planned_start=datetime.date(2022, 4, 1), planned_end=datetime.date(2022, 3, 31))
    )


def test_validation_puts_the_date_rules_at_their_fields():
    issue = ProjectIssueFactory.build(
        project=ProjectFactory(), raised_on=datetime.date(2022, 9, 1), resolved_on=datetime.date(2022, 8, 31)
    )
    with pytest.raises(ValidationError) as error:
        issue.full_clean()
    assert error.value.message_dict == {"resolved_on": ["解決日は発生日以降の日付を入力してください。"]}
    project = ProjectFactory.build(planned_start=datetime.date(2022, 4, 1), planned_end=datetime.date(2022, 3, 31))
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert "planned_end" in error.value.message_dict


def test_a_risk_needs_likelihood_and_impact():
    risk = ProjectIssueFactory.build(project=ProjectFactory(), kind=ProjectIssue.Kind.RISK)
    with pytest.raises(ValidationError) as error:
        risk.full_clean()
    assert set(error.value.message_dict) == {"likelihood", "impact"}


def test_slippage_counts_days_from_plan_to_actual_or_forecast():
    planned, before = datetime.date(2022, 12, 1), datetime.date(2022, 10, 4)
    assert MilestoneFactory.build(planned_on=planned).slippage_on(before) == 0
    assert MilestoneFactory.build(planned_on=planned, forecast_on=datetime.date(2022, 12, 15)).slippage_on(before) == 14
    done_early = Milestone(planned_on=planned, forecast_on=datetime.date(2022, 12, 15), actual_on=datetime.date(2022, 11, 28))
    assert done_early.slippage_on(datetime.date(2026, 12, 3)) == -3


def test_a_milestone_whose_planned_date_passed_without_an_actual_is_late_by_the_days_since():
    # COMPUTER-CENTER on 2026-12-03: planned 2022-12-20, no actual, no forecast.
    today = datetime.date(2026, 12, 3)
    milestone = MilestoneFactory.build(planned_on=datetime.date(2022, 12, 20))
    assert milestone.slippage_on(today) == (today - datetime.date(2022, 12, 20)).days == 1444
    # A forecast further out still counts; one gone by is late by today and flagged.
    later = MilestoneFactory.build(planned_on=datetime.date(2026, 11, 1), forecast_on=datetime.date(2027, 1, 31))
    assert later.slippage_on(today) == 91 and not later.forecast_passed(today)
    passed = MilestoneFactory.build(planned_on=datetime.date(2026, 11, 1), forecast_on=datetime.date(2026, 11, 20))
    assert passed.slippage_on(today) == 32 and passed.forecast_passed(today)
    reached = MilestoneFactory.build(planned_on=datetime.date(2022, 12, 20), actual_on=datetime.date(2022, 12, 20))
    assert reached.slippage_on(today) == 0 and not reached.forecast_passed(today)


@pytest.mark.parametrize(
    ("self_health", "reviewed", "last_pmo", "expected"),
    [
        # DATA-PLATFORM: PMO rated red, staff then filed amber: red shows, marked unreviewed, PMO's red beside it.
        (Health.YELLOW, "", Health.RED, (Health.RED, Health.RED, True)),
        (Health.RED, "", Health.GREEN, (Health.RED, Health.GREEN, True)),
        (Health.YELLOW, "", "", (Health.YELLOW, "", True)),
        (Health.YELLOW, Health.GREEN, Health.RED, (Health.GREEN, Health.GREEN, False)),
        ("", "", Health.RED, ("", Health.RED, False)),
    ],
)
def test_the_portfolio_rating_never_lets_an_unreviewed_self_rating_hide_a_worse_pmo_rating(
    self_health, reviewed, last_pmo, expected
):
    rating = portfolio_rating(self_health=self_health, reviewed_pmo_health=reviewed, last_pmo_health=last_pmo)
    assert (rating.health, rating.pmo_health, rating.unreviewed) == expected


def test_pmo_seeing_more_risk_is_a_stronger_flag_than_a_mere_difference():
    report = StatusReportFactory.build(health=Health.YELLOW, pmo_health=Health.RED)
    assert report.ratings_differ and report.pmo_sees_more_risk
    assert report.effective_health == Health.RED
    milder = StatusReportFactory.build(health=Health.YELLOW, pmo_health=Health.GREEN)
    assert milder.ratings_differ and not milder.pmo_sees_more_risk
