"""GET /api/v1/portfolio/summary/: the portfolio at a glance, with the page's filters and visibility."""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView

from dx_portal.api.schema import PortalAutoSchema
from organisation.api.caching import VersionCachedGetMixin
from projects.caching import PROJECT_DATA
from projects.filtersets import ProjectFilterSet
from projects.models import Project

from .selectors import HEALTH_LABELS, portfolio_summary


def _counts_serializer(name: str, doc: str, labels: dict) -> type[serializers.Serializer]:
    """A serializer with one count per key (every key present, zero included), documented by its label."""
    fields = {key: serializers.IntegerField(help_text=label) for key, label in labels.items()}
    return type(name, (serializers.Serializer,), {"__doc__": doc, "__module__": __name__, **fields})


HealthCountsSerializer = _counts_serializer(
    "HealthCountsSerializer", "Projects by current health; unreported ones have filed no report yet.", HEALTH_LABELS
)
PhaseCountsSerializer = _counts_serializer("PhaseCountsSerializer", "Projects by phase.", dict(Project.Phase.choices))


class BureauSummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    total = serializers.IntegerField()
    by_health = HealthCountsSerializer()


class PortfolioSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="The day the stale count refers to (Asia/Tokyo).")
    total = serializers.IntegerField()
    by_health = HealthCountsSerializer()
    by_phase = PhaseCountsSerializer()
    by_bureau = BureauSummarySerializer(many=True, help_text="Bureaus with at least one matching project.")
    stale = serializers.IntegerField(help_text="Projects whose report is overdue (past the grace period).")
    budget_yen = serializers.IntegerField(help_text="Total budget, whole yen.")
    actual_cost_yen = serializers.IntegerField(help_text="Total actual cost, whole yen.")


class FilteredObjectSchema(PortalAutoSchema):
    """drf-spectacular documents filters on list views only; this one-object view takes the FilterSet's too
    (and with them, the 400 that PortalAutoSchema adds for query parameters)."""

    def get_filter_backends(self):
        return getattr(self.view, "filter_backends", [])


@extend_schema_view(get=extend_schema(summary="Portfolio summary", responses={200: PortfolioSummarySerializer}))
class PortfolioSummaryView(VersionCachedGetMixin, RetrieveAPIView):
    """Counts by health, phase and bureau, the stale count and budget totals of the projects the caller may see."""

    data_version = PROJECT_DATA
    required_scopes = {"read": "projects:read", "write": None}
    serializer_class = PortfolioSummarySerializer
    filterset_class = ProjectFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    schema = FilteredObjectSchema()

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user)

    def get_object(self):
        return portfolio_summary(self.filter_queryset(self.get_queryset()), today=timezone.localdate())
