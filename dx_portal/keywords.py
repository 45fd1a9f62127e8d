"""Keyword search, written once: the list pages' keyword filters and the portal-wide search (search/) use it.

Japanese has no spaces between words, so a keyword matches anywhere inside a field (``icontains``); several
keywords, separated by spaces (full-width too), must all match, each in any of the fields. On PostgreSQL each
searchable table carries a pg_trgm GIN index on ``UPPER(document)`` (search/migrations), the expression
``icontains`` compares, so a keyword of three characters or more is found through the index. A shorter one makes
no trigram and is found by a scan, kept cheap: without case (契約) it is compared without UPPER.
"""

import re
from collections.abc import Iterable, Sequence

from django.db.models import F, Func, Q, QuerySet, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Python's str.split() splits on the ideographic space (U+3000) too.
MAX_KEYWORDS = 8
# pg_trgm's trigrams: a shorter word gives the index nothing to narrow by.
TRIGRAM = 3


def keywords(q: str | None) -> list[str]:
    """The distinct words of a query, in order, at most MAX_KEYWORDS."""
    words = []
    for word in (q or "").split():
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:MAX_KEYWORDS]


def keyword_match(fields: Sequence[str], q: str | None) -> Q:
    """Every word of ``q`` in one of ``fields`` (AND across words, OR across fields); Q() when there is none."""
    match = Q()
    for word in keywords(q):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        match &= any_field
    return match


class Document(Func):
    """Text columns joined by spaces, written ``"a" || ' ' || "b"``: immutable on PostgreSQL, so an index can be built
    on it, and compiled as one expression (Django's ``Concat`` nests a pair per part and wraps and copies each in
    ``COALESCE`` at every compile: half the search page's compile on PostgreSQL). The columns are NOT NULL, as Django's
    text columns are (a NULL would blank the whole document): tests/search/test_trigram_indexes.py checks them."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


def document(fields: Sequence[str]) -> Document:
    """The fields joined by spaces, as one text: a word (which never holds a space) matches inside one field, and
    one trigram index on UPPER(document) serves them all (PostgreSQL plans a single index scan where an OR of one
    index per field made it scan the table)."""
    return Document(*(F(field) for field in fields))


def _document_lookup(word: str) -> str:
    """``icontains``, the comparison the trigram index serves; for a word too short to make a trigram (so the table is
    scanned anyway) that has no case (Japanese, digits), ``contains``: the same rows, without UPPER over every row."""
    if len(word) < TRIGRAM and word.upper() == word == word.lower():
        return "contains"
    return "icontains"


def keyword_document_filter(queryset: QuerySet, fields: Sequence[str], q: str | None) -> QuerySet:
    """As ``keyword_filter`` for the local columns ``fields`` of one table, through their ``document``."""
    words = keywords(q)
    if not words:
        return queryset
    return queryset.alias(keyword_document=document(fields)).filter(
        *[Q(**{f"keyword_document__{_document_lookup(word)}": word}) for word in words]
    )


def keyword_filter(queryset: QuerySet, fields: Sequence[str], q: str | None) -> QuerySet:
    """``queryset`` narrowed to the rows whose ``fields`` hold every word of ``q``; unchanged for a blank ``q``."""
    return queryset.filter(keyword_match(fields, q)) if keywords(q) else queryset


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """``text`` escaped, with each occurrence of a word (any case) in ``<mark>``."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    text = str(text or "")
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[last:found.start()]), "<mark>", escape(found.group(0)), "</mark>"]
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text went through escape()


def snippet(text: str, words: Iterable[str], width: int = 120) -> str:
    """About ``width`` characters of ``text`` around the first word found in it (plain text, one line)."""
    text = " ".join(str(text or "").split())
    lowered = text.casefold()
    positions = [lowered.find(w.casefold()) for w in words if w and w.casefold() in lowered]
    if len(text) <= width:
        return text
    at = min(positions) if positions else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
