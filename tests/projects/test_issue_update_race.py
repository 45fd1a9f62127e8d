"""Two people save the same issue at the same moment, both from version 1: the second is refused, not lost."""

import pytest
from django.db import connection

from dx_portal.errors import StaleVersionError
from projects.models import ProjectIssue
from projects.services import issue_update
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import while_uncommitted


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_a_save_that_started_while_another_was_in_flight_is_refused(alice, bob, division):
    issue = ProjectIssueFactory(project=ProjectFactory(division=division), owner="担当 横浜")
    # Alice's save is written but not yet committed when Bob's begins, from the same version.
    bobs_save = while_uncommitted(
        lambda: issue_update(issue=issue, actor=alice, expected_version=1, owner="担当 大和"),
        lambda: issue_update(issue=ProjectIssue.objects.select_related("project").get(pk=issue.pk), actor=bob,
                             expected_version=1, owner="担当 鎌倉"),
    )
    assert isinstance(bobs_save, StaleVersionError) and bobs_save.current_version == 2
    issue.refresh_from_db()
    assert (issue.owner, issue.version) == ("担当 大和", 2)
