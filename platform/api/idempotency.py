"""Idempotency-Key support for submissions: the same key and body return the first response again.

The key is claimed by inserting its record (unique) in the same transaction that opens the case: of two
concurrent requests with one key, the second waits on the first's uncommitted row, then fails and rolls
its own case back, and answers with the first's response. Never two cases for one key.
"""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone

from api.models import IdempotencyRecord
from cases.secrets_ import decrypt_json, encrypt_json

KEEP_FOR = timedelta(hours=24)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(endpoint: str, data, files: dict) -> str:
    names = sorted(
        (path, [getattr(f, "name", ""), getattr(f, "size", 0)]) for path, fs in files.items() for f in fs
    )
    return _hash(json.dumps([endpoint, data, names], sort_keys=True, default=str))


def replay(key: str, print_: str):
    """(status, body) of an earlier response to this key, or None. Raises ValueError if the body differs."""
    record = IdempotencyRecord.objects.filter(
        key_hash=_hash(key), created_at__gte=timezone.now() - KEEP_FOR
    ).first()
    if record is None:
        return None
    if record.fingerprint != print_:
        raise ValueError("different request")
    return record.status_code, decrypt_json(record.response)


class KeyTaken(Exception):
    """Another request with this key committed first (the caller's transaction must roll back)."""


def remember(key: str, print_: str, status: int, body: dict) -> None:
    """Claim ``key`` with this response, inside the caller's transaction; KeyTaken if it is taken."""
    try:
        IdempotencyRecord.objects.create(
            key_hash=_hash(key), fingerprint=print_, status_code=status, response=encrypt_json(body)
        )
    except IntegrityError:
        raise KeyTaken(key) from None


def purge() -> int:
    return IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()[0]
