"""Run in a fresh process against DATABASE_URL (an empty database): migrate to the state before projects kept their
open issues and findings counted, add issues and findings through the models of then, migrate forward, and print the
new columns as JSON. Used by test_upgrade_open_record_counts.py."""

import datetime
import json
import sys

import django

django.setup()

from tests.upgrade import migrate_forward_from  # noqa: E402

BEFORE = [("projects", "0012_milestone_columns")]


def fill(apps) -> None:
    bureau = apps.get_model("organisation", "Bureau").objects.create(code="policy", name="政策局", sort_order=1)
    office = apps.get_model("organisation", "Division").objects.create(bureau=bureau, code="dx-office", name="デジタル戦略本部室")
    pmo = apps.get_model("auth", "User").objects.create(username="petra")
    Project = apps.get_model("projects", "Project")
    ProjectIssue, Finding = apps.get_model("projects", "ProjectIssue"), apps.get_model("projects", "Finding")
    dates = {"planned_start": datetime.date(2022, 4, 1), "planned_end": datetime.date(2099, 3, 31)}
    busy, calm = (
        Project.objects.create(code=code, name=code, division=office, budget_yen=1_000_000, **dates)
        for code in ("BUSY", "CALM")
    )
    for severity, status in (("critical", "open"), ("critical", "in_progress"), ("low", "open"), ("high", "resolved")):
        ProjectIssue.objects.create(project=busy, title=f"{severity} {status}", severity=severity, status=status,
                                    raised_on=datetime.date(2022, 9, 1))
    for status in ("open", "answered", "closed"):
        Finding.objects.create(project=busy, category="schedule", title=status, body="確認すること。", status=status,
                               response_due_on=datetime.date(2022, 10, 31), written_by=pmo,
                               written_at=datetime.datetime(2022, 9, 1, tzinfo=datetime.UTC))
    ProjectIssue.objects.create(project=calm, title="解決済み", severity="medium", status="resolved",
                                raised_on=datetime.date(2022, 9, 1))


def main() -> None:
    migrate_forward_from(BEFORE, fill)

    from projects.models import NO_OPEN_RECORDS, Project

    rows = Project.objects.order_by("code").values("code", *NO_OPEN_RECORDS)
    json.dump({row.pop("code"): row for row in rows}, sys.stdout)


main()
