"""An id no database integer holds matches nothing in a list of ids, as it does alone (dx_portal.lookups)."""

import pytest

from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

TOO_LARGE = 2**70


def test_a_list_of_ids_with_one_too_large_finds_the_others():
    project = ProjectFactory()
    assert list(Project.objects.filter(pk__in=[project.pk, TOO_LARGE, -TOO_LARGE])) == [project]
    assert list(Project.objects.filter(pk__in=[str(TOO_LARGE)])) == []
    assert list(Project.objects.exclude(pk__in=[TOO_LARGE])) == [project]
