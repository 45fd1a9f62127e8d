"""A small API of our own for the platform tests, so that they do not depend on the apps' endpoints:
a list with a filter and pages, a detail, a write with validation and a stale-version check, a public
read, and a view that fails. Mount with ``pytest.mark.urls("tests.api.probe")``."""

from django.urls import include, path
from django_filters import rest_framework as filters
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dx_portal.errors import StaleVersionError
from organisation.models import Division


class DivisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Division
        fields = ["code", "name"]


class DivisionFilterSet(filters.FilterSet):
    bureau = filters.CharFilter(field_name="bureau__code")
    count_min = filters.NumberFilter(field_name="pk", lookup_expr="gte")

    class Meta:
        model = Division
        fields = ["bureau"]


class DivisionList(generics.ListAPIView):
    queryset = Division.objects.order_by("code")
    serializer_class = DivisionSerializer
    filterset_class = DivisionFilterSet
    required_scopes = {"read": "governance:read", "write": None}


class DivisionDetail(generics.RetrieveAPIView):
    queryset = Division.objects.all()
    serializer_class = DivisionSerializer
    lookup_field = "code"
    required_scopes = {"read": "governance:read", "write": None}


class NoteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=20)
    count = serializers.IntegerField(min_value=0, max_value=10)
    version = serializers.IntegerField(required=False)


class NoteCreate(generics.CreateAPIView):
    serializer_class = NoteSerializer
    required_scopes = {"read": "projects:read", "write": "projects:write"}

    def perform_create(self, serializer):
        if serializer.validated_data.get("version", 1) != 1:
            record = Division(code="x")
            record.version = 2
            raise StaleVersionError(record, serializer.validated_data["version"])


class PublicFeed(APIView):
    allow_anonymous_read = True
    required_scopes = {"read": "kpi:read", "write": None}

    def get(self, request):
        return Response({"ok": True})


class HeavyFeed(PublicFeed):
    throttle_scope = "feeds"


class OwnWords(APIView):
    required_scopes = {"read": "kpi:read", "write": None}

    def get(self, request):
        raise exceptions.PermissionDenied("PMO だけが閉じられます。", code="pmo_only")


class Broken(APIView):
    required_scopes = {"read": "kpi:read", "write": None}

    def get(self, request):
        raise RuntimeError("a bug with a secret in its message: s3cr3t")


api = [
    path("divisions/", DivisionList.as_view()),
    path("divisions/<slug:code>/", DivisionDetail.as_view()),
    path("notes/", NoteCreate.as_view()),
    path("public/", PublicFeed.as_view()),
    path("heavy/", HeavyFeed.as_view()),
    path("own-words/", OwnWords.as_view()),
    path("broken/", Broken.as_view()),
]
urlpatterns = [path("api/v1/", include(api))]
