"""An id no database integer holds matches nothing in a list of ids, as it does alone (dx_portal.lookups)."""

import pytest
from django.db import connection
from django.db.models import F

from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

TOO_LARGE = 2**70


def test_a_list_of_ids_with_one_too_large_finds_the_others():
    project = ProjectFactory()
    assert list(Project.objects.filter(pk__in=[project.pk, TOO_LARGE, -TOO_LARGE])) == [project]
    assert list(Project.objects.filter(pk__in=[str(TOO_LARGE)])) == []
    assert list(Project.objects.exclude(pk__in=[TOO_LARGE])) == [project]


def test_a_list_of_ids_finds_each_once_whatever_its_nones_duplicates_or_length():
    first, second, third = ProjectFactory.create_batch(3)
    assert set(Project.objects.filter(pk__in=[second.pk, None, first.pk, second.pk])) == {first, second}
    assert list(Project.objects.filter(pk__in=[])) == []
    assert set(Project.objects.filter(division__in=[first.division_id])) == {first}
    assert set(Project.objects.exclude(pk__in=[first.pk, None])) == {second, third}
    assert set(Project.objects.filter(pk__in=[F("pk") + 0, second.pk])) == {first, second, third}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array is PostgreSQL's")
def test_on_postgresql_a_list_of_any_length_is_one_statement_so_a_prepared_plan_serves_every_page():
    def statement(ids):
        return Project.objects.filter(pk__in=ids).query.sql_with_params()[0]

    assert statement([1, 2, 3]) == statement(list(range(1, 101)))
