import datetime

import factory
from django.utils import timezone

from projects.models import Finding, Health, Milestone, Project, ProjectIssue, StatusReport
from projects.services import projects_refresh_milestones, projects_refresh_open_counts
from tests.organisation.factories import DivisionFactory, UserFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PRJ-{n:04d}")
    name = factory.Sequence(lambda n: f"情報システム再構築 第{n}期")
    division = factory.SubFactory(DivisionFactory)
    phase = Project.Phase.DEVELOPMENT
    planned_start = datetime.date(2022, 4, 1)
    planned_end = datetime.date(2024, 3, 31)
    budget_yen = 120_000_000
    actual_cost_yen = 30_000_000


class StatusReportFactory(factory.django.DjangoModelFactory):
    """A report row only; services.status_report_submit also updates the project's latest report."""

    class Meta:
        model = StatusReport

    project = factory.SubFactory(ProjectFactory)
    as_of = datetime.date(2022, 9, 30)
    health = Health.GREEN
    schedule_health = Health.GREEN
    cost_health = Health.GREEN
    scope_health = Health.GREEN
    quality_health = Health.GREEN
    planned_progress = 40
    actual_progress = 40
    summary = "計画どおり進捗している。"
    next_steps = "結合テストに着手する。"
    submitted_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)


class ProjectIssueFactory(factory.django.DjangoModelFactory):
    """An issue with its project's open counts kept, as services.issue_raise leaves them."""

    class Meta:
        model = ProjectIssue
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"課題{n}: 要件の確定遅れ")
    description = "関係課との調整が長引いている。"
    raised_on = datetime.date(2022, 9, 1)

    class Params:
        risk = factory.Trait(kind=ProjectIssue.Kind.RISK, likelihood=3, impact=4)

    @factory.post_generation
    def project_counts(self, create, extracted, **kwargs):
        if create:
            projects_refresh_open_counts(project_ids=[self.project_id])


class FindingFactory(factory.django.DjangoModelFactory):
    """A finding with its project's open counts kept, as services.finding_write leaves them."""

    class Meta:
        model = Finding
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    category = Finding.Category.SCHEDULE
    title = factory.Sequence(lambda n: f"指摘{n}: 移行計画の具体化")
    body = "移行リハーサルの回数と判定基準を明確にすること。"
    response_due_on = datetime.date(2022, 10, 31)
    written_by = factory.SubFactory(UserFactory, groups=["pmo"])
    written_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def project_counts(self, create, extracted, **kwargs):
        if create:
            projects_refresh_open_counts(project_ids=[self.project_id])


class MilestoneFactory(factory.django.DjangoModelFactory):
    """A milestone with its project's milestone columns kept, as services.milestone_create leaves them."""

    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"マイルストーン{n}")
    planned_on = datetime.date(2022, 12, 1)

    @factory.post_generation
    def project_columns(self, create, extracted, **kwargs):
        if create:
            projects_refresh_milestones(project_ids=[self.project_id])


class ReminderFactory(factory.django.DjangoModelFactory):
    """A reminder sent for the project's current due date; ``unsent=True``: claimed by a sweep, not sent."""

    class Meta:
        model = "projects.Reminder"

    project = factory.SubFactory(ProjectFactory)
    due_on = factory.LazyAttribute(lambda reminder: reminder.project.report_due_on)
    level = "due"
    recipients = "alice@pref.example.lg.jp"
    claimed_at = factory.LazyFunction(timezone.now)
    sent_at = factory.LazyAttribute(lambda reminder: reminder.claimed_at)

    class Params:
        unsent = factory.Trait(sent_at=None)
