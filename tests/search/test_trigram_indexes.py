"""On PostgreSQL every searched column has a pg_trgm GIN index on UPPER(column) (search/migrations/0001), and a
search for a word of three characters or more uses it; on SQLite the migration does nothing and the search scans.

Run with DATABASE_URL=postgres://… to exercise the trigram path (skipped on SQLite).
"""

import importlib
import re

import pytest
from django.db import connection

from dx_portal.keywords import keyword_filter
from projects.models import Project
from search.registry import KINDS
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# The suite builds its tables without migrations (pyproject's --no-migrations): run this one's forward step.
migration = importlib.import_module("search.migrations.0001_trigram_indexes")


@pytest.fixture(autouse=True)
def trigram_indexes(db):
    if connection.vendor == "postgresql":  # SQLite's schema editor refuses to open inside the test's transaction
        with connection.schema_editor() as editor:
            migration.create(None, editor)

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")


def _indexed_columns() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexname LIKE 'search\\_%\\_trgm'")
        rows = cursor.fetchall()
    found = set()
    for table, definition in rows:
        assert "gin_trgm_ops" in definition and "upper(" in definition.lower()
        found.add((table, re.search(r'upper\(\(?"?([a-z_]+)', definition.lower()).group(1)))
    return found


def _searched_columns() -> set[tuple[str, str]]:
    columns = set()
    for kind in KINDS:
        model = kind.rows.__self__.model if hasattr(kind.rows, "__self__") else None
        model = model or kind.rows(None).model
        columns |= {(model._meta.db_table, model._meta.get_field(field).column) for field in kind.fields}
    return columns


@on_postgresql
def test_every_searched_column_has_a_trigram_index():
    assert _searched_columns() <= _indexed_columns()


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few test rows: the planner would rather scan them
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
@pytest.mark.parametrize("word", ["電子化", "電子契約"])
def test_a_word_of_three_characters_or_more_is_found_through_the_index(division, word):
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", description="契約事務を電子化する。", division=division)
    ProjectFactory.create_batch(20, division=division)
    queryset = keyword_filter(Project.objects.all(), ("name", "description"), word)
    assert [p.code for p in queryset] == ["E-CONTRACT"]
    plan = _plan(queryset)
    assert "Bitmap Index Scan on search_projects_project_name_trgm" in plan
    assert "Bitmap Index Scan on search_projects_project_description_trgm" in plan


@on_postgresql
def test_a_two_character_word_is_found_too_though_no_trigram_can_narrow_it(division):
    # A pattern of two characters has no trigram: the GIN index can only return every row for a recheck, so
    # PostgreSQL scans the table (the right plan; RECIPES.md section 3). The word is found all the same.
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", division=division)
    ProjectFactory.create_batch(20, division=division)
    queryset = keyword_filter(Project.objects.all(), ("name",), "契約")
    assert [p.code for p in queryset] == ["E-CONTRACT"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s), show_trgm(%s)", ["契約", "電子化"])
        short, three = cursor.fetchone()
    assert len(three) > len(short)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
def test_on_sqlite_the_migration_adds_no_index_and_the_search_scans(division):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'search_%'")
        assert cursor.fetchall() == []
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", division=division)
    assert keyword_filter(Project.objects.all(), ("name",), "契約").count() == 1
