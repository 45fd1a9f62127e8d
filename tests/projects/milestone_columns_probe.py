"""Run in a fresh process against DATABASE_URL (an empty database): migrate to the state before projects kept their
next milestone and the day one is late, add milestones through the models of then, migrate forward, and print what the
new columns hold as JSON. Used by test_upgrade_milestone_columns.py."""

import datetime
import json
import sys

import django

django.setup()

from tests.upgrade import migrate_forward_from  # noqa: E402

BEFORE = [("projects", "0011_month_end_ratings")]


def fill(apps) -> None:
    bureau = apps.get_model("organisation", "Bureau").objects.create(code="policy", name="政策局", sort_order=1)
    office = apps.get_model("organisation", "Division").objects.create(bureau=bureau, code="dx-office", name="デジタル戦略本部室")
    Project, Milestone = apps.get_model("projects", "Project"), apps.get_model("projects", "Milestone")
    dates = {"planned_start": datetime.date(2022, 4, 1), "planned_end": datetime.date(2099, 3, 31)}
    late, slipping, reached, empty = (
        Project.objects.create(code=code, name=code, division=office, budget_yen=1_000_000, **dates)
        for code in ("LATE", "SLIPPING", "REACHED", "EMPTY")
    )
    Milestone.objects.create(project=late, name="要件定義", planned_on=datetime.date(2022, 6, 1),
                             actual_on=datetime.date(2022, 6, 10))
    Milestone.objects.create(project=late, name="本番稼働", planned_on=datetime.date(2098, 1, 4))
    Milestone.objects.create(project=late, name="設計完了", planned_on=datetime.date(2022, 9, 1))
    Milestone.objects.create(project=slipping, name="移行", planned_on=datetime.date(2098, 1, 1),
                             forecast_on=datetime.date(2098, 2, 1))
    Milestone.objects.create(project=reached, name="稼働", planned_on=datetime.date(2022, 6, 1),
                             actual_on=datetime.date(2022, 6, 1))


def main() -> None:
    migrate_forward_from(BEFORE, fill)

    from django.utils import timezone

    from projects.models import Project

    columns = Project.objects.order_by("code").values_list("code", "next_milestone_name", "milestone_late_on")
    json.dump({
        "today": str(timezone.localdate()),
        "columns": {code: [name, str(late_on) if late_on else None] for code, name, late_on in columns},
    }, sys.stdout)


main()
