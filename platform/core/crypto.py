"""Keys derived from the settings, and the encryption and keyed hashes that use them (confidential fields,
sealed values, tamper-evident chains). Used by every app; depends on none."""

import base64
import functools
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def derive_key(purpose: str, configured: str | None = None) -> bytes:
    return _derived(purpose, configured or settings.SECRET_KEY)


@functools.lru_cache(maxsize=32)
def _derived(purpose: str, material: str) -> bytes:
    # Keyed by the secret itself, so a changed setting derives a new key.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ecms", info=purpose.encode()).derive(
        material.encode("utf-8")
    )


def _fernet() -> Fernet:
    key = derive_key("confidential-fields", getattr(settings, "ECMS_FIELD_ENCRYPTION_KEY", None))
    return _fernet_for(key)


@functools.lru_cache(maxsize=8)
def _fernet_for(key: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_json(value: dict) -> bytes:
    return _fernet().encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def decrypt_json(token: bytes) -> dict:
    try:
        return json.loads(_fernet().decrypt(bytes(token)).decode("utf-8"))
    except InvalidToken as exc:
        raise ValueError("Confidential data cannot be decrypted with the configured key.") from exc


def event_hash(payload: dict) -> str:
    """HMAC-SHA256 over an event's canonical content (which includes the previous event's hash)."""
    key = derive_key("audit-chain", getattr(settings, "ECMS_AUDIT_KEY", None))
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()
