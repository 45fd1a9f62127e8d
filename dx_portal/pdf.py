"""PDF from a page's HTML with WeasyPrint, which is optional (requirements-pdf.txt): it needs the system's Pango
and, for Japanese, Debian's fonts-noto-cjk. Imported only here and only when a PDF is asked for, so the portal
runs without it and answers a PDF request with what to install (PdfUnavailable) instead of an error."""

from django.contrib.staticfiles import finders
from django.utils.translation import gettext_lazy as _

INSTALL = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
    " && pip install -r requirements-pdf.txt"
)
UNAVAILABLE = _("PDFを作成する部品（WeasyPrintとPango）がこのサーバーにありません。印刷用ページとExcelは利用できます。")


class PdfUnavailable(Exception):
    """WeasyPrint, or a system library it loads (Pango), is missing."""


def available() -> bool:
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but cannot load Pango
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def render(html: str, *, stylesheets: list[str]) -> bytes:
    """The PDF of ``html`` with our static ``stylesheets`` (paths under static/, read from disk: the PDF never
    fetches anything from the portal itself)."""
    weasyprint = _weasyprint()
    css = [weasyprint.CSS(filename=finders.find(path)) for path in stylesheets]
    return weasyprint.HTML(string=html).write_pdf(stylesheets=css)
