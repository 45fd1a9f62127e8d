"""``Idempotency-Key`` on API POSTs: the same key and body within 24 hours gives the same answer and makes no
second record; the same key with another body is refused (422); a retry while the first is still running
is told so (409).

The key and the answer are kept in the database (``IdempotentRequest``), not only in a cache: a retry
after Redis lost its data must still not file twice. Only successful answers are kept; after a refusal
the client may correct the request and retry under the same key.
"""

import hashlib
from datetime import timedelta

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from dx_portal.models import IdempotentRequest

from .exceptions import error_json, too_large

HEADER = "HTTP_IDEMPOTENCY_KEY"
KEPT = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def _owner(request) -> str | None:
    credentials = request.META.get("HTTP_AUTHORIZATION", "")
    if credentials:
        return "auth:" + hashlib.sha256(credentials.encode(errors="replace")).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


class IdempotencyKeyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        owner = _owner(request)
        if owner is None:  # nobody to hold the key for: the view answers 401
            return self.get_response(request)
        if not (0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()):
            return error_json(400, "invalid_idempotency_key")
        try:
            body = request.body
        except RequestDataTooBig:
            return too_large()
        fingerprint = hashlib.sha256(b"\n".join([request.get_full_path().encode(), body])).hexdigest()

        # Keys older than a day are forgotten, everyone's (created_at is indexed): the table stays a day long.
        IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
        try:
            with transaction.atomic():
                held = IdempotentRequest.objects.create(owner=owner, key=key, fingerprint=fingerprint)
        except IntegrityError:
            earlier = IdempotentRequest.objects.filter(owner=owner, key=key).first()
            if earlier is None:  # it was refused and released meanwhile: run it again
                return self(request)
            if earlier.fingerprint != fingerprint:
                return error_json(422, "idempotency_key_reused")
            if earlier.status_code is None:
                return error_json(409, "request_in_progress")
            response = HttpResponse(bytes(earlier.body), status=earlier.status_code, content_type=earlier.content_type)
            response["Idempotent-Replayed"] = "true"
            return response

        try:
            response = self.get_response(request)
        except BaseException:
            held.delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            held.status_code, held.content_type, held.body = (
                response.status_code,
                response.get("Content-Type", ""),
                response.content,
            )
            held.save(update_fields=["status_code", "content_type", "body"])
        else:
            held.delete()
        return response
