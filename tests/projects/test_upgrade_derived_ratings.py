"""Reports filed before the health history read rating spans get theirs when the database is migrated, and projects
their trend: the chart and the exceptions of an upgraded portal are those of the reports it holds."""

from pathlib import Path

import pytest

from tests.upgrade import run_probe

PROBE = Path(__file__).with_name("derived_ratings_probe.py")
pytestmark = pytest.mark.django_db


def test_the_migration_rates_every_submitted_report_and_each_projects_trend(empty_database_url):
    seen = run_probe(PROBE, empty_database_url)

    assert seen["reports"] == [
        ["2022-07-31", "green", "2022-08-31"],
        # PMO's red, until the next submitted report (the withdrawn one in between does not count).
        ["2022-08-31", "red", "2022-09-30"],
        ["2022-09-15", "", None],
        # Unreviewed: no better than PMO's last rating, and the latest (its span has no end).
        ["2022-09-30", "red", "9999-12-31"],
    ]
    # Red after a report PMO rated red: the same, not worse; a project with no report has no trend.
    assert seen["trends"] == {"KSC-NEXT": 0, "EMPTY": None}
