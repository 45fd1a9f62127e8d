"""pg_trgm and a trigram GIN index on UPPER(column) of every searched column (search/registry.py), on
PostgreSQL only: ``icontains`` compares UPPER(column) LIKE UPPER('%word%'), so the index must be on that
expression (a plain column index is not used). A word of three characters or more is then found through the
index; one or two characters make no trigram, and PostgreSQL scans instead (correct, only slower). On SQLite
this migration does nothing: the search scans there.

The columns are listed here, not read from the registry, so that this migration stays as it was written;
tests/search/test_trigram_indexes.py checks that every searched column has its index.
"""

from django.db import migrations

COLUMNS = {
    "projects_project": ["code", "name", "name_en", "description"],
    "projects_statusreport": ["summary", "next_steps", "pmo_comment", "approval_comment"],
    "projects_projectissue": ["title", "description", "owner"],
    "projects_finding": ["title", "body", "response"],
    "governance_decision": ["reference", "title", "context", "options", "decision_text", "rationale", "consequences"],
    "governance_committeemeeting": ["title", "minutes"],
    "governance_councilmeeting": ["title", "agenda", "minutes", "follow_ups"],
    "governance_actionitem": ["title", "detail", "completion_note"],
    "kpis_indicator": ["code", "name_ja", "name_en", "description", "source"],
    "governance_municipality": ["code", "name", "kana"],
}


def index_name(table: str, column: str) -> str:
    return f"search_{table}_{column}_trgm"[:63]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in COLUMNS.items():
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(index_name(table, column))} "
                f"ON {quote(table)} USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(table, column))}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_updated_at"),
        ("governance", "0005_move_organisation"),
        ("kpis", "0003_move_organisation"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
