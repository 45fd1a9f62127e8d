"""Building what waits for each role, on the demo's frozen morning (tests/projects/helpers.FROZEN)."""

import datetime

from projects.models import Finding, Health, StatusReport
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import TOKYO, file_report

FRESH_AS_OF = datetime.date(2022, 9, 30)


def fresh_project(division, actor, **kwargs):
    """A project whose September report is filed: nothing due until November."""
    project = ProjectFactory(division=division, **kwargs)
    file_report(project, actor, FRESH_AS_OF)
    return project


def unreviewed_report(division, actor, submitted: datetime.datetime, **kwargs) -> StatusReport:
    """A fresh project whose latest report, submitted at ``submitted``, awaits PMO's review."""
    project = fresh_project(division, actor, **kwargs)
    report = project.status_reports.get()
    StatusReport.objects.filter(pk=report.pk).update(submitted_at=submitted)
    return report


def answered_finding(project, answered_on: datetime.date, **kwargs) -> Finding:
    return FindingFactory(
        project=project, status=Finding.Status.ANSWERED, response="工程表を提出します。",
        answered_at=datetime.datetime.combine(answered_on, datetime.time(10), tzinfo=TOKYO), **kwargs,
    )


RED = {"health": Health.RED, "schedule_health": Health.RED}
