"""Run in a fresh process against DATABASE_URL (an empty database): migrate to the state before the
organisation left governance, fill it through the old models, migrate forward, and print what the new
models see as JSON. Used by test_upgrade_from_governance.py."""

import datetime
import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

from tests.upgrade import migrate_forward_from  # noqa: E402

BEFORE_THE_MOVE = [
    ("governance", "0004_division_report_approval"),
    ("projects", "0003_report_lifecycle_ratings_schedule"),
    ("kpis", "0002_bounded_dates"),
    ("dx_portal", "0003_auditevent_count_idempotentrequest"),
]


def fill(apps) -> None:
    User = apps.get_model("auth", "User")
    Bureau = apps.get_model("governance", "Bureau")
    Division = apps.get_model("governance", "Division")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("bureau", "division", "divisionmembership", "bureaumembership", "apitoken"):
        ContentType.objects.get_or_create(app_label="governance", model=model)
    alice = User.objects.create(username="alice", last_name="横浜", first_name="花子")
    dana = User.objects.create(username="dana")
    policy = Bureau.objects.create(code="policy", name="政策局", sort_order=1)
    water = Bureau.objects.create(code="public-enterprise", name="企業局", sort_order=2)
    office = Division.objects.create(bureau=policy, code="dx-office", name="デジタル戦略本部室")
    Division.objects.create(bureau=water, code="water", name="水道施設課")
    apps.get_model("governance", "DivisionMembership").objects.create(user=alice, division=office, role="manager")
    apps.get_model("governance", "BureauMembership").objects.create(user=dana, bureau=policy)
    apps.get_model("governance", "ApiToken").objects.create(
        digest="d" * 128, token_key="abcdefgh", user=alice, name="feed",
        scopes="kpi:read projects:read",
    )
    apps.get_model("projects", "Project").objects.create(
        code="KSC-NEXT", name="電子申請システム", division=office,
        planned_start=datetime.date(2022, 4, 1), planned_end=datetime.date(2024, 3, 31), budget_yen=120_000_000,
    )
    apps.get_model("kpis", "Indicator").objects.create(
        code="e-approval-rate", name_ja="電子決裁率", name_en="E-approval rate", division=office, unit="%", aggregation="ratio",
    )


def main() -> None:
    migrate_forward_from(BEFORE_THE_MOVE, fill)

    from django.contrib.contenttypes.models import ContentType

    from dx_portal.models import ApiToken
    from kpis.models import Indicator
    from organisation.models import Bureau, BureauMembership, Division, DivisionMembership
    from organisation.roles import roles_of
    from projects.models import Project

    alice = DivisionMembership.objects.get().user
    project = Project.objects.select_related("division__bureau").get(code="KSC-NEXT")
    moved_types = ContentType.objects.filter(model__in=["bureau", "division", "apitoken"])
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    json.dump({
        "bureaus": list(Bureau.objects.values_list("code", flat=True)),
        "divisions": list(Division.objects.values_list("code", "bureau__code")),
        "manager_of": sorted(roles_of(alice).managed_division_ids) == [project.division_id],
        "director": list(BureauMembership.objects.values_list("user__username", "bureau__code")),
        "project": [project.division.code, project.division.bureau.code,
                    list(project.division.projects.values_list("code", flat=True))],
        "indicator": Indicator.objects.get().division.code,
        "token": [ApiToken.objects.get().token_key, sorted(ApiToken.objects.get().scope_set)],
        "content_types": sorted(moved_types.values_list("app_label", "model")),
        "unapplied": [str(migration) for migration, _ in pending],
    }, sys.stdout, ensure_ascii=False)


main()
