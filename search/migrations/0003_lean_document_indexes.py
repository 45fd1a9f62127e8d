"""The trigram indexes of 0001 and 0002 rebuilt on the document the search now compares: its columns joined by
``|| ' ' ||`` (dx_portal.keywords.Document), no longer Django's ``Concat`` with a ``COALESCE`` around every part,
which cost half the search page's compile on PostgreSQL. The SQL is written here, as the ORM writes it for
``UPPER(document)``, so that this migration stays as it was written; tests/search/test_trigram_indexes.py checks
that the search's query uses each index. On SQLite it does nothing."""

import importlib

from django.db import migrations

first = importlib.import_module("search.migrations.0001_trigram_indexes")
inquiry = importlib.import_module("search.migrations.0002_inquiry_trigram_index")

TABLES = {**first.TABLES, **inquiry.TABLES}


def _document_sql(model, fields: list[str], schema_editor) -> str:
    columns = " || ' ' || ".join(schema_editor.quote_name(model._meta.get_field(field).column) for field in fields)
    return f"UPPER(({columns}))"


def _rebuild(document_sql):
    def rebuild(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for (app, name), fields in TABLES.items():
            model = apps.get_model(app, name)
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(first._name(model))}")
            schema_editor.execute(
                f"CREATE INDEX {quote(first._name(model))} ON {quote(model._meta.db_table)} "
                f"USING gin (({document_sql(model, fields, schema_editor)}) gin_trgm_ops)"
            )

    return rebuild


create = _rebuild(_document_sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_inquiry_trigram_index")]

    operations = [migrations.RunPython(create, _rebuild(first._document_sql), elidable=False)]
