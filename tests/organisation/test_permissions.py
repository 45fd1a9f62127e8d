"""organisation.permissions: who may see and change a division's records, for every role."""

import pytest

from organisation.permissions import (
    may_change_division_record,
    may_record_governance,
    may_view_division_record,
    may_write_findings,
)
from projects.models import Project
from tests.organisation.factories import UserFactory
from tests.projects.factories import ProjectFactory

# person fixture -> (sees the owning division's record, changes it, writes findings, records governance)
EXPECTED = {
    "alice": (True, True, False, False),
    "mallory": (True, True, False, False),
    "charlie": (False, False, False, False),
    "dana": (True, False, False, False),
    "petra": (True, True, True, True),
    "carl": (True, False, False, True),
    "audrey": (True, False, False, False),
    "fiona": (True, False, False, False),
    "nobody": (False, False, False, False),
}


@pytest.mark.parametrize("person", EXPECTED)
def test_each_role_sees_and_changes_exactly_what_it_may(request, person, division):
    user = request.getfixturevalue(person)
    sees, changes, writes_findings, records_governance = EXPECTED[person]
    assert may_view_division_record(user, division_id=division.pk, bureau_id=division.bureau_id) is sees
    assert may_change_division_record(user, division_id=division.pk) is changes
    assert may_write_findings(user) is writes_findings
    assert may_record_governance(user) is records_governance


@pytest.mark.parametrize("person", EXPECTED)
def test_the_queryset_filter_agrees_with_the_object_check(request, person, division, other_division):
    user = request.getfixturevalue(person)
    ours, theirs = ProjectFactory(division=division), ProjectFactory(division=other_division)
    visible = set(Project.objects.visible_to(user))
    for project in (ours, theirs):
        d = project.division
        assert (project in visible) is may_view_division_record(user, division_id=d.pk, bureau_id=d.bureau_id)


def test_an_anonymous_visitor_sees_no_division_record(division):
    from django.contrib.auth.models import AnonymousUser

    assert not may_view_division_record(AnonymousUser(), division_id=division.pk, bureau_id=division.bureau_id)
    ProjectFactory(division=division)
    assert not Project.objects.visible_to(AnonymousUser()).exists()


def test_a_superuser_acts_as_pmo(division):
    root = UserFactory(username="root", is_superuser=True)
    assert may_change_division_record(root, division_id=division.pk)
    assert may_write_findings(root)


def test_an_inactive_user_gets_nothing_in_the_admin(petra):
    petra.is_active = False
    assert not petra.has_perm("projects.change_project")


def test_pmo_may_change_but_not_delete_portal_records_in_the_admin(petra, alice):
    assert petra.has_perm("projects.change_project")
    assert not petra.has_perm("projects.delete_project")
    assert not alice.has_perm("projects.view_project")
