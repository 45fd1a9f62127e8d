"""One query across the kinds of the registry: counts per kind, then one ranked page of hits.

A page costs a fixed number of queries whatever the data size: one for the counts per kind (a UNION of
per-kind counts), one for the page (a UNION of each kind's (kind, id, rank, date), ordered and sliced), and
one per kind that appears on the page to load its records.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.query import EmptyQuerySet

from dx_portal.keywords import highlight, keyword_document_filter, keyword_match, keywords, snippet

from .registry import KINDS, Kind

MAX_QUERY_LENGTH = 100


@dataclass
class Hit:
    """One record found, as the page and the API show it."""

    kind: Kind
    record: object
    words: list[str]
    when: datetime.date | None

    @property
    def title(self) -> str:
        return self.kind.title(self.record)

    @property
    def title_html(self):
        return highlight(self.title, self.words)

    @property
    def context(self) -> str:
        return self.kind.context(self.record)

    @property
    def snippet(self) -> str:
        """The first searched field (after the title) that holds a word, around that word; else the first non-empty."""
        texts = [str(getattr(self.record, field) or "") for field in self.kind.fields if field not in self.kind.title_fields]
        folded = [w.casefold() for w in self.words]
        hit = next((t for t in texts if any(w in t.casefold() for w in folded)), None)
        return snippet(hit if hit is not None else next((t for t in texts if t), ""), self.words)

    @property
    def snippet_html(self):
        return highlight(self.snippet, self.words)

    @property
    def url(self) -> str:
        return self.kind.url(self.record)

    @property
    def api_url(self) -> str:
        return self.kind.api_url(self.record)


def _matching(kind: Kind, user, words: list[str]) -> QuerySet | None:
    rows = kind.rows(user)
    if isinstance(rows, EmptyQuerySet):
        return None
    return keyword_document_filter(rows, kind.fields, " ".join(words)).order_by()


def _parts(user, words: list[str], kinds: Sequence[Kind]) -> list[tuple[Kind, QuerySet]]:
    parts = [(kind, _matching(kind, user, words)) for kind in kinds]
    return [(kind, rows) for kind, rows in parts if rows is not None]


def _union(querysets: list[QuerySet]):
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first


def counts(*, user, q: str, kinds: Sequence[Kind] = KINDS) -> dict[str, int]:
    """How many records of each kind match ``q`` (every kind of ``kinds`` present, 0 where none): one query."""
    words = keywords(q)
    found = dict.fromkeys((kind.key for kind in kinds), 0)
    parts = _parts(user, words, kinds)
    if not words or not parts:
        return found
    per_kind = [
        rows.annotate(search_kind=Value(kind.key, output_field=CharField())).values("search_kind")
        .annotate(n=Count("pk")).values_list("search_kind", "n")
        for kind, rows in parts
    ]
    found.update(dict(_union(per_kind)))
    return found


class _Ranked:
    """The ranked (kind, id, date) rows of every matching kind, for a Paginator that already knows the total."""

    def __init__(self, union, total: int):
        self.union, self.total = union, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return list(self.union[index])


def _title_rank(kind: Kind, phrase: str):
    """0 for a record whose title holds every word, 1 for one where they appear only in its text."""
    if not kind.title_fields:
        return Value(1, output_field=IntegerField())
    return Case(When(keyword_match(kind.title_fields, phrase), then=Value(0)), default=Value(1),
                output_field=IntegerField())


def _ranked(user, words: list[str], kinds: Sequence[Kind]):
    phrase = " ".join(words)
    order = {kind.key: n for n, kind in enumerate(KINDS)}
    rows = [
        rows.annotate(
            search_kind=Value(kind.key, output_field=CharField()),
            search_order=Value(order[kind.key], output_field=IntegerField()),
            search_rank=_title_rank(kind, phrase),
            search_when=kind.dated(),
        ).values_list("search_kind", "pk", "search_rank", "search_when", "search_order")
        for kind, rows in _parts(user, words, kinds)
    ]
    return _union(rows).order_by("search_rank", F("search_when").desc(nulls_last=True), "search_order", "-pk")


def ranked(*, user, q: str, found: dict[str, int]):
    """Every hit for ``q`` of the kinds counted in ``found`` (from ``counts``) as (kind, id, …) rows, best first,
    for a paginator: the kinds with none are left out of the query, and paging asks no COUNT of its own. Turn a
    page of them into records with ``hits``."""
    words, total = keywords(q), sum(found.values())
    if not words or not total:
        return []
    return _Ranked(_ranked(user, words, [kind for kind in KINDS if found.get(kind.key)]), total)


def search_page(*, user, q: str, found: dict[str, int], page: str | int | None, per_page: int) -> Page:
    """The page ``page`` of hits for ``q`` of the kinds counted in ``found``."""
    page_obj = Paginator(ranked(user=user, q=q, found=found), per_page).get_page(page)
    page_obj.object_list = hits(user=user, q=q, rows=page_obj.object_list)
    return page_obj


def hits(*, user, q: str, rows: Iterable[tuple]) -> list[Hit]:
    """The records of a page of ``ranked`` rows, in their order: one query per kind on the page."""
    words = keywords(q)
    rows = list(rows)
    by_kind: dict[str, list[int]] = {}
    for key, pk, *_rest in rows:
        by_kind.setdefault(key, []).append(pk)
    kinds = {kind.key: kind for kind in KINDS}
    records = {
        key: kinds[key].rows(user).select_related(*kinds[key].related).in_bulk(pks) for key, pks in by_kind.items()
    }
    hits = []
    for key, pk, _rank, when, _order in rows:
        record = records[key].get(pk)
        if record is not None:  # deleted between the two queries
            hits.append(Hit(kinds[key], record, words, when))
    return hits
