"""The ratings stored at each closed month's end (MonthEndRating): the nightly task stores a month once it closes,
each report's change rewrites its project's months, and the health history reads the same figures from them as from
the reports' spans."""

import datetime
import random
import threading
import time

import pytest
import time_machine
from django.db import connection, transaction

from dx_portal.celery import app
from projects.models import Health, MonthEndRating, Project, RatedMonth, StatusReport, rate_reports
from projects.portfolio.selectors import _health_history, portfolio_summary
from projects.services import month_end_ratings_fill, status_report_amend, status_report_review, status_report_withdraw
from projects.tasks import fill_month_end_ratings
from tests.projects.factories import ProjectFactory
from tests.projects.test_portfolio_page import report

TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def at(day: datetime.date):
    """09:00 Tokyo time on ``day``."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=TOKYO), tick=False)


def stored(project) -> dict[str, str]:
    return {f"{row.month:%Y-%m}": row.health for row in MonthEndRating.objects.filter(project=project).order_by("month")}


@pytest.fixture
def project(division):
    return ProjectFactory(code="DX-1", division=division, planned_start=datetime.date(2022, 4, 1))


def test_the_nightly_fill_stores_each_closed_month_once_with_the_rating_at_its_end(project, petra):
    with at(datetime.date(2022, 10, 4)):
        assert month_end_ratings_fill() == 0  # before any report: no month to mark
        report(project, datetime.date(2022, 6, 30), Health.RED, actor=petra)
        report(project, datetime.date(2022, 8, 15), Health.YELLOW, actor=petra)
        report(project, datetime.date(2022, 10, 3), Health.GREEN, actor=petra)
        MonthEndRating.objects.all().delete()

        assert month_end_ratings_fill() == 4  # June to September: October has not ended
        assert stored(project) == {"2022-06": "red", "2022-07": "red", "2022-08": "yellow", "2022-09": "yellow"}
        assert month_end_ratings_fill() == 0
    with at(datetime.date(2022, 11, 1)):
        assert fill_month_end_ratings.delay().get() == 1
        assert stored(project)["2022-10"] == "green"
    assert list(RatedMonth.objects.values_list("month", flat=True).order_by("month")) == [
        datetime.date(2022, month, 1) for month in (6, 7, 8, 9, 10)
    ]


def test_a_report_filed_late_for_a_stored_month_rewrites_it(project, petra):
    with at(datetime.date(2022, 10, 4)):
        report(project, datetime.date(2022, 6, 30), Health.RED, actor=petra)
        month_end_ratings_fill()
        report(project, datetime.date(2022, 8, 31), Health.GREEN, actor=petra)
        assert stored(project) == {"2022-06": "red", "2022-07": "red", "2022-08": "green", "2022-09": "green"}


def test_withdrawing_a_projects_first_report_takes_its_months_out_of_the_stored_history(project, petra):
    with at(datetime.date(2022, 10, 4)):
        june = report(project, datetime.date(2022, 6, 30), Health.RED, actor=petra)
        report(project, datetime.date(2022, 8, 31), Health.GREEN, actor=petra)
        month_end_ratings_fill()
        status_report_withdraw(report=june, actor=petra, expected_version=june.version, reason="誤登録")
        assert stored(project) == {"2022-08": "green", "2022-09": "green"}


def test_a_bulk_loaded_project_is_stored_for_the_months_already_filled_only_when_every_month_is_asked(project, petra,
                                                                                                      division):
    """generate_load_data inserts projects and reports without the services, after months may have been stored."""
    with at(datetime.date(2022, 10, 4)):
        report(project, datetime.date(2022, 6, 30), Health.RED, actor=petra)
        month_end_ratings_fill()
        loaded = ProjectFactory(code="LOAD-1", division=division)
        reports = [
            StatusReport.objects.create(project=loaded, as_of=day, health=Health.YELLOW, schedule_health=Health.YELLOW,
                                        cost_health=Health.YELLOW, scope_health=Health.YELLOW,
                                        quality_health=Health.YELLOW, planned_progress=10, actual_progress=10,
                                        summary="負荷試験", submitted_by=petra, submitted_at=datetime.datetime.now(TOKYO))
            for day in (datetime.date(2022, 5, 31), datetime.date(2022, 7, 31))
        ]
        rate_reports(reports)
        StatusReport.objects.bulk_update(reports, ["rated_health", "rated_until"])

        month_end_ratings_fill()
        assert stored(loaded) == {"2022-05": "yellow"}  # the one month not stored before it came
        month_end_ratings_fill(every_month=True)
        assert stored(loaded) == {"2022-05": "yellow", "2022-06": "yellow", "2022-07": "yellow", "2022-08": "yellow",
                                  "2022-09": "yellow"}
        assert stored(project) == {"2022-06": "red", "2022-07": "red", "2022-08": "red", "2022-09": "red"}


def test_the_stored_months_give_the_history_the_reports_give_through_every_kind_of_change(division, petra):
    """Forty projects' reports at random days, reviewed, amended and withdrawn at random: the history read from the
    stored months is the history counted from the reports, before and after the changes, on every filter."""
    today = datetime.date(2022, 10, 4)
    chance = random.Random(20221004)
    healths = list(Health.values)
    with at(today):
        projects = [ProjectFactory(code=f"R-{n}", division=division, planned_start=datetime.date(2021, 4, 1))
                    for n in range(40)]
        filed = []
        for project in projects:
            days = sorted(chance.sample(range(0, 540), chance.randint(0, 6)))
            for days_before in reversed(days):
                as_of = today - datetime.timedelta(days=days_before)
                filed.append(report(project, as_of, chance.choice(healths), actor=petra,
                                    pmo_health=chance.choice(["", *healths])))

        def history(projects):
            return _health_history(projects, today, 18, portfolio_summary(projects, today=today).by_health)

        def histories():
            everyone = Project.objects.all()
            reds = Project.objects.filter(health=Health.RED)
            counted = [history(qs) for qs in (everyone, reds)]
            RatedMonth.objects.all().delete()  # each month counted from the reports again
            assert month_end_ratings_fill() > 0
            return counted, [history(qs) for qs in (everyone, reds)]

        counted, read = histories()
        assert read == counted
        assert sum(read[0][0].by_health.values()) < sum(read[0][-2].by_health.values())  # the history moves

        for filed_report in chance.sample(filed, 25):
            current = StatusReport.objects.get(pk=filed_report.pk)
            if current.status != StatusReport.Status.SUBMITTED:
                continue
            change = chance.choice(["review", "amend", "withdraw"])
            if change == "review":
                status_report_review(report=current, actor=petra, expected_version=current.version,
                                     pmo_health=chance.choice(healths))
            elif change == "amend" and current.reviewed_at is None:
                earlier = current.as_of - datetime.timedelta(days=chance.randint(1, 40))
                if not StatusReport.objects.filter(project=current.project, as_of=earlier).exists():
                    status_report_amend(report=current, actor=petra, expected_version=current.version,
                                        reason="基準日の誤り", as_of=earlier)
            elif change == "withdraw":
                status_report_withdraw(report=current, actor=petra, expected_version=current.version, reason="誤登録")
        counted, read = histories()
        assert read == counted


def test_beat_fills_the_months_every_night_after_midnight_tokyo_time():
    entry = app.conf.beat_schedule["fill-month-end-ratings"]
    assert entry["task"] == fill_month_end_ratings.name
    last_run = datetime.datetime(2022, 10, 31, 0, 15, tzinfo=TOKYO)
    with time_machine.travel(last_run + datetime.timedelta(hours=1), tick=False):
        assert last_run + datetime.timedelta(hours=1) + entry["schedule"].remaining_estimate(last_run) == (
            datetime.datetime(2022, 11, 1, 0, 15, tzinfo=TOKYO)
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_the_nightly_fill_waits_for_a_change_in_flight_and_stores_what_it_left(project, petra):
    """Without the fill's locks it would read the spans from before the withdrawal and store June and July again."""
    outcome = []

    def nightly_fill():
        try:
            outcome.append(month_end_ratings_fill())
        finally:
            connection.close()

    with at(datetime.date(2022, 10, 4)):
        june = report(project, datetime.date(2022, 6, 30), Health.RED, actor=petra)
        report(project, datetime.date(2022, 8, 31), Health.GREEN, actor=petra)
        fill = threading.Thread(target=nightly_fill)
        with transaction.atomic():
            status_report_withdraw(report=june, actor=petra, expected_version=june.version, reason="誤登録")
            fill.start()
            time.sleep(0.5)
        fill.join(timeout=30)
    assert outcome == [4]  # June to September, marked: June and July with no rating, as the project has none then
    assert stored(project) == {"2022-08": "green", "2022-09": "green"}
