"""/api/v1/search/?q=: the search page's hits as JSON, within what the caller may see and their token may read."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from dx_portal.models import ApiToken
from organisation.api.permissions import TokenScopePermission

from .. import selectors
from ..registry import BY_KEY, KINDS
from .serializers import SearchHitSerializer, SearchQuerySerializer

SEARCH_SCOPES = {kind.scope for kind in KINDS}


def _granted(token: ApiToken) -> set[str]:
    # A write scope reads what it writes, as TokenScopePermission has it.
    return token.scope_set | {s.removesuffix(":write") + ":read" for s in token.scope_set if s.endswith(":write")}


class SearchScopePermission(TokenScopePermission):
    """A token reads the search with any scope that reads one of its kinds (and then finds those kinds only)."""

    @staticmethod
    def _token_may(request, view, token, is_read) -> bool:
        return is_read and bool(_granted(token) & SEARCH_SCOPES)


class SearchView(generics.ListAPIView):
    serializer_class = SearchHitSerializer
    permission_classes = [SearchScopePermission]
    filter_backends = []

    @extend_schema(
        operation_id="list_search",
        parameters=[SearchQuerySerializer],
        description=_("案件、進捗報告、課題・リスク、助言・指摘、合意事項、会議、対応事項、指標、構成団体を横断して探す。"
        "よく一致するもの（件名に語を含むもの）、新しいものから。トークンはスコープ（projects:read、"
        "governance:read、kpi:read）が読める種類だけを探す。"),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data["q"]
        kinds = [BY_KEY[key] for key in query.validated_data.get("kind", ())] or list(KINDS)
        if isinstance(request.auth, ApiToken):
            kinds = [kind for kind in kinds if kind.scope in _granted(request.auth)]
        _found, rows = selectors.search(
            user=request.user, q=q, kinds=kinds, page=request.query_params.get(self.paginator.page_query_param),
            per_page=self.paginator.get_page_size(request),
        )
        page = self.paginate_queryset(rows)
        hits = selectors.hits(user=request.user, q=q, rows=page)
        return self.get_paginated_response(self.get_serializer(hits, many=True).data)
