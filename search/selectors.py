"""One query across the kinds of the registry: the counts per kind and one ranked page of hits.

A page costs a fixed number of queries whatever the data size: one for the counts and the page together (each
kind's (kind, id, rank, date) in a UNION, read once: counted per kind, and ordered and sliced), and one per kind
that appears on the page to load its records.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, CharField, DateField, F, IntegerField, QuerySet, Value, When
from django.db.models.query import EmptyQuerySet

from dx_portal.keywords import highlight, keyword_document_filter, keyword_match, keywords, snippet

from .registry import BY_KEY, KINDS, Kind

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


def _union(querysets: list[QuerySet]):
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first


def _title_rank(kind: Kind, phrase: str):
    """0 for a record whose title holds every word, 1 for one where they appear only in its text."""
    if not kind.title_fields:
        return Value(1, output_field=IntegerField())
    return Case(When(keyword_match(kind.title_fields, phrase), then=Value(0)), default=Value(1),
                output_field=IntegerField())


def _hit_rows(user, words: list[str], kinds: Sequence[Kind]):
    """(kind, id, rank, date, kind's place) of every record of ``kinds`` the user may see that holds the words."""
    phrase = " ".join(words)
    order = {kind.key: n for n, kind in enumerate(KINDS)}
    rows = []
    for kind in kinds:
        matching = _matching(kind, user, words)
        if matching is not None:
            rows.append(matching.annotate(
                search_kind=Value(kind.key, output_field=CharField()),
                search_order=Value(order[kind.key], output_field=IntegerField()),
                search_rank=_title_rank(kind, phrase),
                search_when=kind.dated(),
            ).values_list("search_kind", "pk", "search_rank", "search_when", "search_order"))
    return _union(rows) if rows else None


class _Ranked:
    """The ranked (kind, id, …) rows of the kinds shown, for a Paginator that already knows the total: the slice read
    with the counts costs no query, any other (a page out of range, ``last``) one."""

    def __init__(self, total: int, start: int, rows: list[tuple], others: Callable[[], QuerySet]):
        self.total, self.start, self.rows, self.others = total, start, rows, others

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice):
        if index.start == self.start and index.stop - index.start <= len(self.rows):
            return self.rows[: index.stop - index.start]
        return list(self.others()[index])


# The hits of every kind read once (a CTE, which both databases materialise as it is read twice): the page asked for
# of the kinds shown, best first, and beneath it a row per kind with its count (and no id).
_COLUMNS = "search_kind, id, search_rank, search_when, search_order"
_ORDER = "search_rank, search_when DESC NULLS LAST, search_order, id DESC"
_COUNTS = "SELECT search_kind, NULL, NULL, NULL, NULL, COUNT(*) FROM hits GROUP BY search_kind"
_DATE = DateField()


def _counts_and_page(hit_rows, shown: list[str], start: int, per_page: int) -> tuple[dict[str, int], list[tuple]]:
    sql, params = hit_rows.query.sql_with_params()
    statement = f"WITH hits ({_COLUMNS}) AS ({sql}) "
    if shown:
        statement += (
            f"SELECT * FROM (SELECT {_COLUMNS}, 0 FROM hits WHERE search_kind IN ({', '.join(['%s'] * len(shown))}) "
            f"ORDER BY {_ORDER} LIMIT %s OFFSET %s) AS page UNION ALL {_COUNTS} ORDER BY {_ORDER}"
        )
        params = (*params, *shown, per_page, start)
    else:
        statement += _COUNTS
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        found = cursor.fetchall()
    counts = {key: n for key, pk, *_rest, n in found if pk is None}
    # SQLite gives the dates as text: made dates as the ORM would.
    page = [(key, pk, rank, _DATE.to_python(when), order) for key, pk, rank, when, order, _n in found if pk is not None]
    return counts, page


LAST_PAGE_ASKED = 2**31


def _page_start(page: str | int | None, per_page: int) -> int:
    """Where the page asked for starts, as the Paginator will read it (when it reads another, _Ranked asks again)."""
    try:
        # Capped: past the last page is past the last page, and the OFFSET must fit the database's integer.
        return (min(max(int(page), 1), LAST_PAGE_ASKED) - 1) * per_page
    except (TypeError, ValueError):
        return 0


def search(
    *, user, q: str, kinds: Sequence[Kind] = KINDS, shown: Sequence[str] = (), page: str | int | None = None,
    per_page: int,
) -> tuple[dict[str, int], _Ranked | list]:
    """How many records of each kind of ``kinds`` the user may see match ``q`` (every kind present, 0 where none),
    and every hit of the kinds ``shown`` (default: all of ``kinds``) as ranked (kind, id, …) rows for a Paginator of
    ``per_page``; the counts and the page ``page`` come from one query. Turn a page of rows into records with ``hits``.
    """
    words = keywords(q)
    found = dict.fromkeys((kind.key for kind in kinds), 0)
    hit_rows = _hit_rows(user, words, kinds) if words else None
    if hit_rows is None:
        return found, []
    shown = [kind.key for kind in kinds if not shown or kind.key in shown]
    start = _page_start(page, per_page)
    counted, rows = _counts_and_page(hit_rows, shown, start, per_page)
    found.update(counted)
    total = sum(found[key] for key in shown)
    if not total:
        return found, []

    def others():
        return _hit_rows(user, words, [BY_KEY[key] for key in shown if found[key]]).order_by(
            "search_rank", F("search_when").desc(nulls_last=True), "search_order", "-pk"
        )

    return found, _Ranked(total, start, rows, others)


def search_page(*, user, q: str, shown: Sequence[str], page: str | int | None, per_page: int) -> tuple[dict[str, int], Page]:
    """The counts of every kind, and the page ``page`` of hits of the kinds ``shown`` (none: every kind)."""
    found, rows = search(user=user, q=q, shown=shown, page=page, per_page=per_page)
    page_obj = Paginator(rows, per_page).get_page(page)
    page_obj.object_list = hits(user=user, q=q, rows=page_obj.object_list)
    return found, page_obj


def hits(*, user, q: str, rows: Iterable[tuple]) -> list[Hit]:
    """The records of a page of ranked rows, in their order: one query per kind on the page."""
    words = keywords(q)
    rows = list(rows)
    by_kind: dict[str, list[int]] = {}
    for key, pk, *_rest in rows:
        by_kind.setdefault(key, []).append(pk)
    records = {
        key: BY_KEY[key].rows(user).select_related(*BY_KEY[key].related).in_bulk(pks) for key, pks in by_kind.items()
    }
    hits = []
    for key, pk, _rank, when, _order in rows:
        record = records[key].get(pk)
        if record is not None:  # deleted between the two queries
            hits.append(Hit(BY_KEY[key], record, words, when))
    return hits
