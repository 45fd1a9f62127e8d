from rest_framework import renderers

from dx_portal.exports import Table, csv_bytes

from ..csv_format import COLUMN_NAMES
from ..handout import handout_table_export


class ObservationCsvRenderer(renderers.BaseRenderer):
    """The observations feed as UTF-8 CSV in the columns of kpis.csv_format; a BOM when the view asks (Excel)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = ([row[name] for name in COLUMN_NAMES] for row in data)
        view = (renderer_context or {}).get("view")
        return csv_bytes(Table(title="observations", header=COLUMN_NAMES, rows=rows), bom=getattr(view, "bom", False))


class HandoutCsvRenderer(renderers.BaseRenderer):
    """The handout tables as UTF-8 CSV, the columns of /kpis/table.csv; a BOM when the view asks (Excel)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        return csv_bytes(handout_table_export(data), bom=getattr(view, "bom", False))
