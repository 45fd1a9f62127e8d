"""Projects with issues and findings from before projects kept them counted get their counts when the database is
migrated: the portfolio and the projects API of an upgraded portal show what they hold."""

from pathlib import Path

import pytest

from tests.upgrade import run_probe

PROBE = Path(__file__).with_name("open_record_counts_probe.py")
pytestmark = pytest.mark.django_db


def test_the_migration_counts_each_projects_open_issues_by_severity_and_findings_awaiting_an_answer(empty_database_url):
    assert run_probe(PROBE, empty_database_url) == {
        # Open and in progress count; the resolved high does not; an answered finding awaits no answer.
        "BUSY": {"issues_critical": 2, "issues_high": 0, "issues_medium": 0, "issues_low": 1, "findings_awaiting": 1},
        "CALM": {"issues_critical": 0, "issues_high": 0, "issues_medium": 0, "issues_low": 0, "findings_awaiting": 0},
    }
