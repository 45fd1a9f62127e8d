"""Run in a fresh process against DATABASE_URL (an empty database): migrate to the state before reports carried
their rating span and projects their trend, file reports through the models of then, migrate forward, and print
what the new columns hold as JSON. Used by test_upgrade_derived_ratings.py."""

import datetime
import json
import sys

import django

django.setup()

from tests.upgrade import migrate_forward_from  # noqa: E402

BEFORE = [("projects", "0009_status_report_submitted_index")]


def fill(apps) -> None:
    alice = apps.get_model("auth", "User").objects.create(username="alice")
    bureau = apps.get_model("organisation", "Bureau").objects.create(code="policy", name="政策局", sort_order=1)
    office = apps.get_model("organisation", "Division").objects.create(bureau=bureau, code="dx-office", name="デジタル戦略本部室")
    Project = apps.get_model("projects", "Project")
    project = Project.objects.create(
        code="KSC-NEXT", name="次期セキュリティクラウド", division=office, health="red", pmo_health="red",
        health_unreviewed=True, planned_start=datetime.date(2022, 4, 1), planned_end=datetime.date(2024, 3, 31),
        budget_yen=120_000_000,
    )
    Project.objects.create(code="EMPTY", name="未報告の案件", division=office, planned_start=datetime.date(2022, 4, 1),
                           planned_end=datetime.date(2024, 3, 31), budget_yen=1_000_000)
    report = apps.get_model("projects", "StatusReport").objects.create
    values = dict(schedule_health="green", cost_health="green", scope_health="green", quality_health="green",
                  planned_progress=10, actual_progress=10, summary="概況", submitted_by=alice,
                  submitted_at=datetime.datetime(2022, 10, 5, tzinfo=datetime.UTC))
    report(project=project, as_of=datetime.date(2022, 7, 31), health="green", pmo_health="", **values)
    report(project=project, as_of=datetime.date(2022, 8, 31), health="yellow", pmo_health="red", **values)
    report(project=project, as_of=datetime.date(2022, 9, 15), health="green", status="withdrawn", **values)
    report(project=project, as_of=datetime.date(2022, 9, 30), health="green", pmo_health="", **values)


def main() -> None:
    migrate_forward_from(BEFORE, fill)

    from projects.models import Project, StatusReport

    json.dump({
        "reports": [[str(as_of), rated_health, str(until) if until else None]
                    for as_of, rated_health, until in StatusReport.objects.order_by("as_of")
                    .values_list("as_of", "rated_health", "rated_until")],
        "trends": dict(Project.objects.values_list("code", "trend")),
    }, sys.stdout)


main()
