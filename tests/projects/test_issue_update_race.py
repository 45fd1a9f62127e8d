"""Two people save the same issue at the same moment, both from version 1: the second is refused, not lost."""

import threading
import time

import pytest
from django.db import connection, transaction

from dx_portal.errors import StaleVersionError
from projects.models import ProjectIssue
from projects.services import issue_update
from tests.projects.factories import ProjectFactory, ProjectIssueFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_a_save_that_started_while_another_was_in_flight_is_refused(alice, bob, division):
    issue = ProjectIssueFactory(project=ProjectFactory(division=division), owner="担当 横浜")
    outcome = []

    def bobs_save():
        try:
            issue_update(issue=ProjectIssue.objects.select_related("project").get(pk=issue.pk), actor=bob, expected_version=1,
                         owner="担当 鎌倉")
            outcome.append("saved")
        except StaleVersionError as conflict:
            outcome.append(f"refused at version {conflict.current_version}")
        finally:
            connection.close()

    bob_thread = threading.Thread(target=bobs_save)
    with transaction.atomic():
        # Alice's save is written but not yet committed when Bob's begins, from the same version.
        issue_update(issue=issue, actor=alice, expected_version=1, owner="担当 大和")
        bob_thread.start()
        time.sleep(0.5)
    bob_thread.join(timeout=30)
    assert outcome == ["refused at version 2"]
    issue.refresh_from_db()
    assert (issue.owner, issue.version) == ("担当 大和", 2)
