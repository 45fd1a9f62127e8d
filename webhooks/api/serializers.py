from rest_framework import serializers

from ..addresses import ensure_allowed
from ..models import Delivery, Event, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=Event.choices), allow_empty=False)

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "description", "is_active", "consecutive_failures", "disabled_at", "created_at",
                  "updated_at"]
        read_only_fields = ["consecutive_failures", "disabled_at", "created_at", "updated_at"]

    def validate_url(self, value):
        ensure_allowed(value)
        return value

    def validate_events(self, value):
        return sorted(set(value))


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    """The receiver as registered, with the secret that signs its deliveries: shown this once."""

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = [*SubscriptionSerializer.Meta.read_only_fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = ["id", "event_id", "event", "payload", "status", "attempts", "response_status", "error", "created_at",
                  "attempted_at", "delivered_at"]
