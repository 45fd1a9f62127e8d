"""pg_trgm and one trigram GIN index per searchable table, on UPPER of its searched columns joined by spaces
(dx_portal.keywords.document, the expression the search's ``icontains`` compares), on PostgreSQL only. A word of
three characters or more is then found through the index; one or two characters make no trigram, and
PostgreSQL scans instead (correct, only slower). On SQLite this migration does nothing: the search scans there.

The columns are listed here, not read from search/registry.py, so that this migration stays as it was written;
tests/search/test_trigram_indexes.py checks that the search's query uses each index.
"""

from django.db import migrations
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat, Upper
from django.db.models.sql import Query

TABLES = {
    ("projects", "Project"): ["code", "name", "name_en", "description"],
    ("projects", "StatusReport"): ["summary", "next_steps", "pmo_comment", "approval_comment"],
    ("projects", "ProjectIssue"): ["title", "description", "owner"],
    ("projects", "Finding"): ["title", "body", "response"],
    ("governance", "Decision"): ["reference", "title", "context", "options", "decision_text", "rationale", "consequences"],
    ("governance", "CommitteeMeeting"): ["title", "minutes"],
    ("governance", "CouncilMeeting"): ["title", "agenda", "minutes", "follow_ups"],
    ("governance", "ActionItem"): ["title", "detail", "completion_note"],
    ("kpis", "Indicator"): ["code", "name_ja", "name_en", "description", "source"],
    ("governance", "Municipality"): ["code", "name", "kana"],
}


def _name(model) -> str:
    return f"search_{model._meta.db_table}_trgm"


def _document_sql(model, fields: list[str], schema_editor) -> str:
    """UPPER(document) in the very SQL the ORM writes for it, so that PostgreSQL matches the query to the index."""
    parts = [F(fields[0])]
    for field in fields[1:]:
        parts += [Value(" "), F(field)]
    query = Query(model, alias_cols=False)
    expression = Upper(Concat(*parts, output_field=TextField())).resolve_expression(query)
    sql, params = expression.as_sql(query.get_compiler(connection=schema_editor.connection), schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for (app, name), fields in TABLES.items():
        model = apps.get_model(app, name)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(_name(model))} ON {quote(model._meta.db_table)} "
            f"USING gin (({_document_sql(model, fields, schema_editor)}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, name in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(_name(apps.get_model(app, name)))}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_updated_at"),
        ("governance", "0005_move_organisation"),
        ("kpis", "0003_move_organisation"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
