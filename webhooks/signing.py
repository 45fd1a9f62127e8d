"""The signature of a delivery, as a receiver checks it.

Headers: ``X-DX-Timestamp`` (Unix seconds) and ``X-DX-Signature: sha256=<hex>``, the HMAC-SHA256 with the
receiver's secret of ``<timestamp>.<body>``. A receiver recomputes it, compares in constant time, and
refuses a timestamp older than a few minutes (a replayed delivery).
"""

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, header: str, *, now: float | None = None) -> bool:
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - moment) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, moment, body), header)
