import codecs
import csv
import io

from rest_framework import renderers

from ..csv_format import COLUMN_NAMES, csv_cell


class ObservationCsvRenderer(renderers.BaseRenderer):
    """The observations feed as UTF-8 CSV in the columns of kpis.csv_format; a BOM when the view asks (Excel)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMN_NAMES)
        for row in data:
            writer.writerow([csv_cell(row[name]) for name in COLUMN_NAMES])
        body = out.getvalue().encode("utf-8")
        view = (renderer_context or {}).get("view")
        return codecs.BOM_UTF8 + body if getattr(view, "bom", False) else body
