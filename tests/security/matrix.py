"""The machinery of the authorization matrices (tests/api/test_authorization_matrix.py,
tests/security/test_page_matrix.py): a table written as text, one row per method and path, one column
per person or token, each cell the exact status code.

A code marked ``!`` (``404!``) is what the rules call for but the code does not answer yet: a known
fault, reported and awaiting its fix. The cell runs as a strict xfail, so it fails the day the fault
is fixed, as a reminder to drop the mark.
"""

import re
from typing import NamedTuple

import pytest
from django.urls import URLPattern, URLResolver, get_resolver


class Cell(NamedTuple):
    method: str
    path: str
    column: str
    status: int
    fault: bool


def parse(table: str, *, base: str = "/") -> tuple[list[str], list[Cell]]:
    """Rows of ``METHOD PATH CODE CODE ...`` under a header ``method path COLUMN COLUMN ...``.

    Returns the columns and one cell per code. A path without a leading / is under ``base``. Lines starting
    with # are comments.
    """
    lines = [line.split() for line in table.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    (_, _, *columns), *rows = lines
    cells = []
    for method, written, *codes in rows:
        path = written if written.startswith("/") else base + written
        assert len(codes) == len(columns), f"{method} {path}: {len(codes)} codes for {len(columns)} columns"
        cells += [
            Cell(method, path, column, int(code.rstrip("!")), code.endswith("!"))
            for column, code in zip(columns, codes, strict=True)
        ]
    return columns, cells


def params(cells: list[Cell]) -> list:
    """The cells as pytest parameters (method, path, column, status), a known fault as a strict xfail."""
    fault = pytest.mark.xfail(strict=True, reason="a known fault: the rules call for this code (see the table)")
    return [
        pytest.param(*cell[:4], id=f"{cell.method} {cell.path} as {cell.column}", marks=[fault] if cell.fault else [])
        for cell in cells
    ]


def rows(cells: list[Cell]) -> set[tuple[str, str]]:
    return {(cell.method, cell.path) for cell in cells}


def shape(path: str) -> str:
    """A path with its placeholders blanked, so /projects/{project}/ matches /projects/{code}/."""
    return re.sub(r"\{[^}]+\}", "{}", path)


def page_url_names(exclude_prefixes: tuple[str, ...]) -> set[str]:
    """Every named URL pattern of the site (``namespace:name``) outside the given path prefixes."""
    names = set()

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(exclude_prefixes):
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return names
