"""Cells that a spreadsheet would run as a formula (CSV or formula injection, OWASP), made inert.

Every CSV and Excel export passes its cells through ``neutralise``: the portfolio, the municipal DX matrix
and the text columns of the KPI observations feed.
"""

# Excel, LibreOffice and Google Sheets start a formula at any of these; a tab or carriage return lets one
# hide behind leading white space.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text starting like a formula, with a leading apostrophe so that it is read as text. Only text changes:
    numbers (a negative one included), dates and empty cells stay what they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
