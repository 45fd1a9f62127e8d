"""Load data for the benchmark (bench/run.py): N projects with their reports, issues, findings and milestones,
50 indicators with ten fiscal years of figures, and the bench's users.

The rule for N: the load projects are LOAD-00001 .. LOAD-<N>. A run creates those of them that are missing,
whole (each batch of projects with everything under it in one transaction), and never changes or deletes a
row that exists: a second run with the same N changes nothing, a larger N adds the projects in between, a
smaller N keeps what is there (use a fresh database for a smaller set). Project LOAD-k is the same whatever N
brought it (its own random seed), dated relative to ``--as-of`` (default today).

Rows are bulk-inserted: no services, so no per-row queries and no history (simple_history listens to save(),
which bulk_create does not call). The denormalised fields a service would keep (latest_report, the ratings of
models.rate_reports, last_reported_on and the report_*_on dates from Project.refresh_schedule()) are set here
the same way; the milestones' columns and the open records' counts by the services themselves
(services.projects_refresh_milestones, projects_refresh_open_counts).
"""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from knox.crypto import hash_token

from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue
from kpis.models import Indicator, Observation, Target
from organisation.models import Bureau, Division
from organisation.roles import GLOBAL_GROUPS, GROUP_CIO, GROUP_PMO
from projects.models import (
    HEALTH_RANK,
    Finding,
    Health,
    Milestone,
    Project,
    ProjectIssue,
    Severity,
    StatusReport,
    rate_reports,
)
from projects.services import month_end_ratings_fill, projects_refresh_milestones, projects_refresh_open_counts

CODE = "LOAD-{:05d}"
REPORTS, ISSUES, FINDINGS, MILESTONES = 36, 10, 3, 4
INDICATORS, FISCAL_YEARS = 50, 10
INDICATOR_CODE = "load-kpi-{:02d}"
# Projects per transaction: 250 × 36 reports keeps each insert batch and the memory small.
BATCH = 250
CIO, PMO, STAFF = "bench-cio", "bench-pmo", "bench-staff"
TOKEN_SCOPES = ["kpi:read", "projects:read"]
# When no division exists yet (no load_demo): a small organisation of its own.
OWN_BUREAUS = [(f"load-bureau-{b}", f"負荷試験{b}局", [f"load-div-{b}-{d}" for d in (1, 2, 3)]) for b in (1, 2, 3)]

SYSTEMS = ["電子申請", "基幹業務システム", "文書管理", "財務会計", "人事給与", "税務", "福祉総合", "道路台帳", "施設予約"]
WORKS = ["更新", "再構築", "クラウド移行", "機能改善", "標準化対応"]
SUMMARY = {
    Health.GREEN: "計画どおり進捗している。",
    Health.YELLOW: "一部の作業に遅れが生じているが、挽回策を講じている。",
    Health.RED: "主要な作業が遅延しており、スケジュールの見直しを検討している。",
}
HEALTHS = list(HEALTH_RANK)
PHASES = list(Project.Phase.values)
PHASE_WEIGHTS = [5, 10, 30, 15, 10, 25, 5]


def _month_end(day: datetime.date) -> datetime.date:
    return day + relativedelta(day=31)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Command(BaseCommand):
    help = "Create the benchmark's load data for N projects (idempotent per N; see the module docstring for the rule)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, metavar="N", help="LOAD-00001 .. LOAD-<N>")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None, help="the 'today' of new rows")
        parser.add_argument("--token-file", type=Path, help="where the bench CIO's API token is kept (issued if not valid)")

    def handle(self, *args, projects, as_of, token_file, **options):
        if not settings.DX_DEMO_ALLOWED:
            raise CommandError("generate_load_data creates users with a known password: refused where DX_DEMO_ALLOWED is off.")
        if not 1 <= projects <= 99_999:
            raise CommandError("--projects must be between 1 and 99999")
        if not connection.features.can_return_rows_from_bulk_insert:
            raise CommandError("this database cannot return ids from a bulk insert (SQLite 3.35+ or PostgreSQL needed)")
        today = as_of or timezone.localdate()
        with transaction.atomic():
            users = self._users()
            divisions = self._divisions()
        existing = set(Project.objects.filter(code__startswith="LOAD-").values_list("code", flat=True))
        missing = [k for k in range(1, projects + 1) if CODE.format(k) not in existing]
        for start in range(0, len(missing), BATCH):
            with transaction.atomic():
                _create_projects(missing[start : start + BATCH], today=today, divisions=divisions, users=users)
        # The ratings at each month end, as the nightly task stores them; every month's for new projects, which the
        # services would have stored.
        month_end_ratings_fill(every_month=bool(missing))
        indicators = _create_indicators(today=today, divisions=divisions)
        self.stdout.write(
            f"Load projects: {len(missing)} created, {len(existing)} already there "
            f"({Project.objects.filter(code__startswith='LOAD-').count()} in all); indicators: {indicators} created."
        )
        if token_file:
            self._token(users[CIO], token_file)

    def _users(self) -> dict:
        for name in GLOBAL_GROUPS:
            Group.objects.get_or_create(name=name)
        users = {}
        for username, group in ((CIO, GROUP_CIO), (PMO, GROUP_PMO), (STAFF, None)):
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@pref.example.lg.jp", "last_name": "負荷試験"}
            )
            if created:
                user.set_password(settings.DX_DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if group:
                user.groups.add(Group.objects.get(name=group))
            users[username] = user
        return users

    def _divisions(self) -> list[Division]:
        if not Division.objects.exists():
            for order, (code, name, divisions) in enumerate(OWN_BUREAUS, start=90):
                bureau = Bureau.objects.create(code=code, name=name, sort_order=order)
                Division.objects.bulk_create(Division(bureau=bureau, code=d, name=d) for d in divisions)
        return list(Division.objects.order_by("code"))

    def _token(self, cio, path: Path) -> None:
        key = path.read_text().strip() if path.exists() else ""
        if key and ApiToken.objects.filter(user=cio, digest=hash_token(key), revoked_at__isnull=True).exists():
            self.stdout.write(f"API token in {path} is valid: kept.")
            return
        _, key = api_token_issue(user=cio, scopes=TOKEN_SCOPES, name="benchmark")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key + "\n")
        path.chmod(0o600)
        self.stdout.write(f"API token for {CIO} written to {path}.")


def _walk(rng: random.Random, count: int) -> list[str]:
    """A health history that mostly stays where it is, as real projects do."""
    health, out = rng.choices(HEALTHS, weights=[6, 3, 1])[0], []
    for _ in range(count):
        if rng.random() < 0.2:
            health = rng.choices(HEALTHS, weights=[5, 3, 2])[0]
        out.append(health)
    return out


def _create_projects(numbers: list[int], *, today: datetime.date, divisions: list[Division], users: dict) -> None:
    staff, pmo = users[STAFF], users[PMO]
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    plans = []
    for k in numbers:
        rng = random.Random(k)
        # Most projects report on time; some have gone quiet for a month or more (due, overdue, escalated).
        gap = rng.choices([0, 1, 2, 4], weights=[80, 10, 6, 4])[0]
        months = [_month_end(last_month_end - relativedelta(months=gap + back)) for back in range(REPORTS - 1, -1, -1)]
        start = months[0].replace(day=1) - relativedelta(months=rng.randint(0, 12))
        budget = rng.randrange(10_000_000, 3_000_000_000, 1_000)
        project = Project(
            code=CODE.format(k),
            name=f"{rng.choice(SYSTEMS)}{rng.choice(WORKS)} 第{k}号",
            name_en=f"Load project {k}",
            division=divisions[(k - 1) % len(divisions)],
            pmo_contact=pmo,
            phase=rng.choices(PHASES, weights=PHASE_WEIGHTS)[0],
            planned_start=start,
            planned_end=today + relativedelta(months=rng.randint(1, 36)),
            budget_yen=budget,
            actual_cost_yen=budget * rng.randint(10, 95) // 100,
            cadence=rng.choices([Project.Cadence.MONTHLY, Project.Cadence.QUARTERLY], weights=[9, 1])[0],
            description="負荷試験用の案件。" + SUMMARY[Health.GREEN] * 3,
        )
        reports = []
        for index, (as_of, health) in enumerate(zip(months, _walk(rng, REPORTS), strict=True)):
            reviewed = rng.random() < 0.25
            pmo_health = rng.choice([health, HEALTHS[min(HEALTH_RANK[health] + 1, 2)]]) if reviewed else ""
            planned = min(100, 3 * (index + 1))
            reports.append(
                StatusReport(
                    as_of=as_of, health=health, schedule_health=health, cost_health=rng.choice([Health.GREEN, health]),
                    scope_health=Health.GREEN, quality_health=rng.choice([Health.GREEN, health]),
                    planned_progress=planned, actual_progress=max(0, planned - 4 * HEALTH_RANK[health]),
                    summary=SUMMARY[health], next_steps="次月も工程表に沿って作業を進める。", submitted_by=staff,
                    submitted_at=_at(as_of + datetime.timedelta(days=3)), pmo_health=pmo_health,
                    pmo_comment="確認した。" if reviewed else "", reviewed_by=pmo if reviewed else None,
                    reviewed_at=_at(as_of + datetime.timedelta(days=7)) if reviewed else None,
                )
            )
        latest, (rating, project.trend) = reports[-1], rate_reports(reports)
        project.health, project.pmo_health, project.health_unreviewed = rating.health, rating.pmo_health, rating.unreviewed
        project.last_reported_on = latest.as_of
        project.refresh_schedule()
        plans.append((project, reports, rng))

    Project.objects.bulk_create([project for project, _, _ in plans])
    for project, reports, _ in plans:
        for report in reports:
            report.project = project
    StatusReport.objects.bulk_create([r for _, reports, _ in plans for r in reports], batch_size=2000)
    for project, reports, _ in plans:
        project.latest_report = reports[-1]
    Project.objects.bulk_update([project for project, _, _ in plans], ["latest_report"], batch_size=1000)

    issues, findings, milestones = [], [], []
    for project, _, rng in plans:
        issues += [_issue(project, rng, today, i) for i in range(ISSUES)]
        findings += [_finding(project, rng, today, i, pmo=pmo, staff=staff) for i in range(FINDINGS)]
        span = (project.planned_end - project.planned_start).days
        for i in range(MILESTONES):
            planned_on = project.planned_start + datetime.timedelta(days=span * (i + 1) // (MILESTONES + 1))
            slip = datetime.timedelta(days=rng.choice([0, 0, 7, 30]))
            done = planned_on + slip < today
            milestones.append(
                Milestone(
                    project=project, name=f"マイルストーン{i + 1}", planned_on=planned_on,
                    forecast_on=None if done else planned_on + slip, actual_on=planned_on + slip if done else None,
                )
            )
    ProjectIssue.objects.bulk_create(issues, batch_size=2000)
    Finding.objects.bulk_create(findings, batch_size=2000)
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    created = [project.pk for project, _, _ in plans]
    projects_refresh_milestones(project_ids=created)
    projects_refresh_open_counts(project_ids=created)


def _issue(project: Project, rng: random.Random, today: datetime.date, i: int) -> ProjectIssue:
    raised = today - datetime.timedelta(days=rng.randint(1, 700))
    status = rng.choices(ProjectIssue.Status.values, weights=[3, 3, 4])[0]
    risk = rng.random() < 0.3
    return ProjectIssue(
        project=project, kind=ProjectIssue.Kind.RISK if risk else ProjectIssue.Kind.ISSUE, title=f"課題{i + 1}",
        description="負荷試験用の課題。", severity=rng.choices(Severity.values, weights=[3, 4, 2, 1])[0], status=status,
        owner="担当", due_on=raised + datetime.timedelta(days=rng.randint(14, 120)), raised_on=raised,
        resolved_on=min(today, raised + datetime.timedelta(days=rng.randint(1, 90)))
        if status == ProjectIssue.Status.RESOLVED else None,
        likelihood=rng.randint(1, 5) if risk else None, impact=rng.randint(1, 5) if risk else None,
    )


def _finding(project: Project, rng: random.Random, today: datetime.date, i: int, *, pmo, staff) -> Finding:
    written = today - datetime.timedelta(days=rng.randint(1, 400))
    status = Finding.Status.values[i % 3]
    answered = status != Finding.Status.OPEN
    return Finding(
        project=project, category=rng.choice(Finding.Category.values), title=f"指摘{i + 1}", body="負荷試験用の指摘。",
        severity=rng.choice(Severity.values), response_due_on=written + datetime.timedelta(days=21), written_by=pmo,
        written_at=_at(written), status=status, response="対応しました。" if answered else "",
        answered_by=staff if answered else None, answered_at=_at(written + datetime.timedelta(days=10)) if answered else None,
    )


def _create_indicators(*, today: datetime.date, divisions: list[Division]) -> int:
    """The load indicators that are missing, each with its ten fiscal years; the number created."""
    codes = [INDICATOR_CODE.format(i) for i in range(1, INDICATORS + 1)]
    have = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    last_fy = (today.year if today.month >= 4 else today.year - 1) - 1
    with transaction.atomic():
        created = Indicator.objects.bulk_create(
            Indicator(
                code=code, name_ja=f"負荷試験指標{i}", name_en=f"Load indicator {i}", unit=Indicator.Unit.CASES,
                aggregation=Indicator.Aggregation.NEW_IN_PERIOD, division=divisions[i % len(divisions)], sort_order=900 + i,
            )
            for i, code in enumerate(codes, start=1)
            if code not in have
        )
        Observation.objects.bulk_create(
            Observation(
                indicator=indicator, fiscal_year=year, value=Decimal(1000 + 37 * (year % 100) + indicator.sort_order),
                as_of=datetime.date(year + 1, 3, 31),
            )
            for indicator in created
            for year in range(last_fy - FISCAL_YEARS + 1, last_fy + 1)
        )
        Target.objects.bulk_create(
            Target(indicator=indicator, fiscal_year=last_fy + 1, value=Decimal(2000)) for indicator in created
        )
    return len(created)
