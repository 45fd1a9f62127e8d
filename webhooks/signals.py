"""The events, from the saves that make them: a figure recorded or revised, a project's health changing,
PMO reviewing a status report, a decision recorded. Whatever service or page saves them, they are told."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from governance.models import Decision
from kpis.models import Observation
from projects.models import Project, StatusReport

from .models import Event
from .services import emit


@receiver(post_save, sender=Observation)
def observation_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from kpis.api.serializers import ObservationSerializer

    emit(Event.OBSERVATION_RECORDED if created else Event.OBSERVATION_CHANGED, ObservationSerializer(instance).data)


def _remember(instance, field: str) -> None:
    before = type(instance).objects.filter(pk=instance.pk).values_list(field, flat=True).first() if instance.pk else None
    setattr(instance, f"_webhooks_previous_{field}", before)


@receiver(pre_save, sender=Project)
def project_saving(sender, instance, raw=False, **kwargs):
    if not raw:
        _remember(instance, "health")


@receiver(post_save, sender=Project)
def project_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_webhooks_previous_health", None)
    if not raw and not created and before != instance.health:
        emit(Event.PROJECT_HEALTH_CHANGED, {"project": instance.code, "health": instance.health, "previous_health": before})


@receiver(pre_save, sender=StatusReport)
def report_saving(sender, instance, raw=False, **kwargs):
    if not raw:
        _remember(instance, "reviewed_at")


@receiver(post_save, sender=StatusReport)
def report_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.reviewed_at and getattr(instance, "_webhooks_previous_reviewed_at", None) != instance.reviewed_at:
        emit(Event.STATUS_REPORT_REVIEWED, {
            "project": instance.project.code, "id": instance.pk, "as_of": instance.as_of,
            "health": instance.health, "pmo_health": instance.pmo_health, "reviewed_at": instance.reviewed_at,
        })


@receiver(post_save, sender=Decision)
def decision_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and created:
        emit(Event.DECISION_RECORDED, {
            "reference": instance.reference, "title": instance.title, "status": instance.status,
            "supersedes": instance.supersedes.reference if instance.supersedes_id else None,
        })
