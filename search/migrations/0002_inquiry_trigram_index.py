"""The trigram GIN index for inquiries (照会), searched since the inquiries app joined the search: the same index as
0001's, built by its helpers, on the columns listed here (not read from search/registry.py, so that this migration
stays as it was written). On SQLite it does nothing."""

import importlib

from django.db import migrations

first = importlib.import_module("search.migrations.0001_trigram_indexes")

TABLES = {
    ("inquiries", "Inquiry"): ["title", "body"],
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for (app, name), fields in TABLES.items():
        model = apps.get_model(app, name)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(first._name(model))} ON {quote(model._meta.db_table)} "
            f"USING gin (({first._document_sql(model, fields, schema_editor)}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, name in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(first._name(apps.get_model(app, name)))}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_trigram_indexes"),
        ("inquiries", "0002_chasers"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
