"""``{% attachments record %}``: a record's attachments and, for a person who may attach, the link to add one."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import urlencode

from dx_portal.attachments import REGISTRY, attachments_of

register = template.Library()


@register.inclusion_tag("includes/attachments.html", takes_context=True)
def attachments(context, record):
    request = context["request"]
    owner = REGISTRY[type(record)]
    upload_url = None
    if owner.may_attach(request.user, record):
        kwargs = {"content_type": ContentType.objects.get_for_model(record).pk, "object_id": record.pk}
        upload_url = f"{reverse('attachment-create', kwargs=kwargs)}?{urlencode({'next': request.get_full_path()})}"
    return {"items": attachments_of(record), "upload_url": upload_url}
