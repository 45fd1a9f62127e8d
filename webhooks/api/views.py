"""/api/v1/webhooks/: PMO registers receivers, reads their delivery log, re-enables a stopped one."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from organisation.api.permissions import TokenScopePermission
from organisation.roles import roles_of

from ..models import Delivery, Subscription
from .serializers import DeliverySerializer, SubscriptionCreatedSerializer, SubscriptionSerializer


class IsPmo(permissions.BasePermission):
    message = _("Webhook の受信先を管理できるのは PMO だけです。")

    def has_permission(self, request, view):
        return roles_of(request.user).is_pmo


@extend_schema_view(create=extend_schema(responses={201: SubscriptionCreatedSerializer}))
class SubscriptionViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    mixins.DestroyModelMixin, viewsets.GenericViewSet,
):
    queryset = Subscription.objects.all()
    serializer_class = SubscriptionSerializer
    permission_classes = [TokenScopePermission, IsPmo]
    required_scopes = {"read": "webhooks:write", "write": "webhooks:write"}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    ordering_fields = ["created_at", "updated_at"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = serializer.save(created_by=request.user)
        return Response(SubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        # Turning a receiver back on starts its failure count afresh.
        extra = {"consecutive_failures": 0, "disabled_at": None} if serializer.validated_data.get("is_active") else {}
        serializer.save(**extra)

    @extend_schema(responses={200: DeliverySerializer(many=True)})
    @action(detail=True, serializer_class=DeliverySerializer, filter_backends=[])
    def deliveries(self, request, pk=None):
        """The delivery log of a receiver, newest first."""
        page = self.paginate_queryset(Delivery.objects.filter(subscription=self.get_object()))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)
