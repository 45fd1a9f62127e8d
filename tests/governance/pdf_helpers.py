"""What the PDF tests need beyond Python: WeasyPrint with the system's Pango, and poppler's pdftotext and pdffonts to
read the result. Missing, those tests are named in the NOT RUN block (tests/missing_dependencies.py)."""

import shutil
import subprocess

import pytest

from dx_portal import pdf
from tests.missing_dependencies import PDF

PDF_TOOLS_MISSING = not (pdf.available() and shutil.which("pdftotext") and shutil.which("pdffonts"))
needs_pdf = pytest.mark.skipif(PDF_TOOLS_MISSING, reason=PDF.reason)


def pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
