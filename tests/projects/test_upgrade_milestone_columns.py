"""Projects with milestones from before projects kept their next milestone get it, and the day one of their
milestones is late, when the database is migrated: the portfolio of an upgraded portal shows what it holds."""

from pathlib import Path

import pytest

from tests.upgrade import run_probe

PROBE = Path(__file__).with_name("milestone_columns_probe.py")
pytestmark = pytest.mark.django_db


def test_the_migration_fills_each_projects_next_milestone_and_late_day(empty_database_url):
    seen = run_probe(PROBE, empty_database_url)

    assert seen["columns"] == {
        "EMPTY": ["", None],
        # The first not reached by plan; late the day after its plan.
        "LATE": ["設計完了", "2022-09-02"],
        "REACHED": ["", None],
        # Forecast after its plan: late already, from the day of the upgrade.
        "SLIPPING": ["移行", seen["today"]],
    }
