from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..registry import KINDS
from ..selectors import MAX_QUERY_LENGTH


class SearchQuerySerializer(serializers.Serializer):
    """The query string of /api/v1/search/."""

    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH, help_text=_("探す語（スペース区切りの語をすべて含むもの）。1〜100文字。")
    )
    kind = serializers.MultipleChoiceField(
        choices=[(kind.key, kind.label) for kind in KINDS], required=False,
        help_text=_("種類で絞る（繰り返し指定可）。指定しなければすべての種類。"),
    )


class SearchHitSerializer(serializers.Serializer):
    """One record found."""

    kind = serializers.ChoiceField(choices=[kind.key for kind in KINDS], source="kind.key")
    kind_label = serializers.CharField(source="kind.label")
    title = serializers.CharField()
    context = serializers.CharField()
    snippet = serializers.CharField()
    date = serializers.DateField(source="when", allow_null=True)
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.url)

    def get_api_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.api_url)
