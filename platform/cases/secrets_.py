"""Keys derived from settings, and the tracking codes, encryption and audit hashes that use them."""

import base64
import functools
import hashlib
import hmac
import json
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 16  # 16 × 5 bits = 80 bits
_NORMALISE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _derive(purpose: str, configured: str | None = None) -> bytes:
    return _derived(purpose, configured or settings.SECRET_KEY)


@functools.lru_cache(maxsize=32)
def _derived(purpose: str, material: str) -> bytes:
    # Keyed by the secret itself, so a changed setting derives a new key.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ecms", info=purpose.encode()).derive(
        material.encode("utf-8")
    )


def tracking_code_new() -> str:
    """A new tracking code of 80 random bits, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_LENGTH, 4))


def tracking_code_normalise(code: str) -> str:
    cleaned = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return cleaned.translate(_NORMALISE)


def tracking_hash(code: str) -> str:
    """Keyed hash (HMAC-SHA256) of a tracking code; the code itself is never stored."""
    key = _derive("tracking", getattr(settings, "ECMS_TRACKING_KEY", None))
    return hmac.new(key, tracking_code_normalise(code).encode(), hashlib.sha256).hexdigest()


def tracking_matches(code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(tracking_hash(code), stored_hash)


def _fernet() -> Fernet:
    return _fernet_for(_derive("confidential-fields", getattr(settings, "ECMS_FIELD_ENCRYPTION_KEY", None)))


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
    key = _derive("audit-chain", getattr(settings, "ECMS_AUDIT_KEY", None))
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()
