"""On PostgreSQL every searchable table has a pg_trgm GIN index on UPPER of its searched columns joined
(search/migrations/0001), and the search's own query for a word of three characters or more uses it; on SQLite the
migration does nothing and the search scans.

Run with DATABASE_URL=postgres://… to exercise the trigram path (skipped on SQLite).
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection

from dx_portal.keywords import keyword_document_filter
from projects.models import Project
from search.registry import KINDS
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# The suite builds its tables without migrations (pyproject's --no-migrations): run these ones' forward steps.
MIGRATIONS = [
    importlib.import_module(f"search.migrations.{name}")
    for name in ("0001_trigram_indexes", "0002_inquiry_trigram_index", "0003_lean_document_indexes")
]
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")


@pytest.fixture(autouse=True)
def trigram_indexes(db):
    if connection.vendor == "postgresql":  # SQLite's schema editor refuses to open inside the test's transaction
        with connection.schema_editor() as editor:
            for migration in MIGRATIONS:
                migration.create(django_apps, editor)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few test rows: the planner would rather scan them
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_migration_indexes_exactly_the_searched_columns():
    assert {
        (kind.rows(None).model._meta.app_label, kind.rows(None).model.__name__): list(kind.fields) for kind in KINDS
    } == {table: fields for migration in MIGRATIONS for table, fields in migration.TABLES.items()}


@pytest.mark.parametrize("kind", KINDS, ids=[kind.key for kind in KINDS])
def test_every_searched_column_is_not_null(kind):
    # A NULL in one column would make the whole document NULL, and the record would never be found.
    model = kind.rows(None).model
    assert [field for field in kind.fields if model._meta.get_field(field).null] == []


@on_postgresql
@pytest.mark.parametrize("kind", KINDS, ids=[kind.key for kind in KINDS])
def test_the_search_of_each_kind_goes_through_its_trigram_index(kind, petra):
    queryset = keyword_document_filter(kind.rows(petra), kind.fields, "電子化")
    table = queryset.model._meta.db_table
    assert f"Bitmap Index Scan on search_{table}_trgm" in _plan(queryset)


@on_postgresql
@pytest.mark.parametrize("word", ["電子化", "電子契約", "契約"])
def test_a_word_is_found_in_any_field_and_not_across_two(division, word):
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", description="契約事務を電子化する。", division=division)
    ProjectFactory(code="SPLIT", name="申請の電子", description="化学", division=division)  # 電子 | 化 in two fields
    ProjectFactory.create_batch(5, division=division)
    fields = ("code", "name", "name_en", "description")
    assert [p.code for p in keyword_document_filter(Project.objects.all(), fields, word)] == ["E-CONTRACT"]


@pytest.mark.parametrize(("word", "found"), [("契約", ["E-CONTRACT"]), ("db", ["DB"]), ("Db", ["DB"]), ("7", ["DB"])])
def test_a_short_word_is_found_in_any_case(division, word, found):
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入", division=division)
    ProjectFactory(code="DB", name="DB基盤の更新", description="令和7年度", division=division)
    queryset = keyword_document_filter(Project.objects.order_by("code"), ("code", "name", "description"), word)
    assert [p.code for p in queryset] == found


@on_postgresql
@pytest.mark.parametrize(("word", "upper"), [("契約", False), ("7", False), ("db", True), ("電子化", True)])
def test_only_a_short_word_without_case_is_compared_without_upper(word, upper):
    # UPPER over every row's text is most of what a scan costs; a word of three characters needs it for the index.
    queryset = keyword_document_filter(Project.objects.all(), ("code", "name"), word)
    assert ("UPPER(" in str(queryset.query)) == upper


@on_postgresql
def test_a_two_character_word_has_no_trigram_to_narrow_the_index_by():
    # So PostgreSQL scans the table for it (the right plan; RECIPES.md section 3); the word is found all the same.
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
    assert keyword_document_filter(Project.objects.all(), ("name",), "契約").count() == 1
