"""The machinery of the authorization matrices (tests/api/test_authorization_matrix.py,
tests/security/test_page_matrix.py): a table written as text, one row per method and path, one column
per person or token, each cell the exact status code."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def parse(table: str) -> tuple[list[str], list[tuple[str, str, str, int]]]:
    """Rows of ``METHOD PATH CODE CODE ...`` under a header ``method path COLUMN COLUMN ...``.

    Returns the columns and one (method, path, column, status) per cell. Lines starting with # are comments.
    """
    lines = [line.split() for line in table.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    (_, _, *columns), *rows = lines
    cells = []
    for method, path, *codes in rows:
        assert len(codes) == len(columns), f"{method} {path}: {len(codes)} codes for {len(columns)} columns"
        cells += [(method, path, column, int(code)) for column, code in zip(columns, codes, strict=True)]
    return columns, cells


def rows(cells) -> set[tuple[str, str]]:
    return {(method, path) for method, path, _, _ in cells}


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
