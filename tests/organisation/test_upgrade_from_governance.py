"""A database from before the organisation left governance migrates forward without losing a row.

The probe runs in its own process on a database of its own (SQLite file, or a PostgreSQL database next to
the test database), because the suite itself runs without migrations."""

from pathlib import Path

import pytest

from tests.upgrade import run_probe

PROBE = Path(__file__).with_name("upgrade_probe.py")
pytestmark = pytest.mark.django_db


def test_bureaus_divisions_memberships_projects_and_tokens_survive_the_move(empty_database_url):
    seen = run_probe(PROBE, empty_database_url)

    assert seen["bureaus"] == ["policy", "public-enterprise"]
    assert sorted(seen["divisions"]) == [["dx-office", "policy"], ["water", "public-enterprise"]]
    assert seen["manager_of"] is True
    assert seen["director"] == [["dana", "policy"]]
    assert seen["project"] == ["dx-office", "policy", ["KSC-NEXT"]]
    assert seen["indicator"] == "dx-office"
    assert seen["token"] == ["abcdefgh", ["kpi:read", "projects:read"]]
    # Permissions and admin log entries hang on the content types, which followed their models.
    assert seen["content_types"] == [["dx_portal", "apitoken"], ["organisation", "bureau"], ["organisation", "division"]]
    assert seen["unapplied"] == []
