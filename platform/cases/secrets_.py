"""Tracking codes (shown once, stored as a keyed hash); the encryption and audit hashes are in core.crypto
and re-exported here for the engine."""

import hashlib
import hmac
import secrets

from django.conf import settings

from core.crypto import decrypt_json, derive_key, encrypt_json, event_hash

__all__ = [
    "decrypt_json",
    "encrypt_json",
    "event_hash",
    "tracking_code_new",
    "tracking_code_normalise",
    "tracking_hash",
    "tracking_matches",
]

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 16  # 16 × 5 bits = 80 bits
_NORMALISE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def tracking_code_new() -> str:
    """A new tracking code of 80 random bits, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_LENGTH, 4))


def tracking_code_normalise(code: str) -> str:
    cleaned = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return cleaned.translate(_NORMALISE)


def tracking_hash(code: str) -> str:
    """Keyed hash (HMAC-SHA256) of a tracking code; the code itself is never stored."""
    key = derive_key("tracking", getattr(settings, "ECMS_TRACKING_KEY", None))
    return hmac.new(key, tracking_code_normalise(code).encode(), hashlib.sha256).hexdigest()


def tracking_matches(code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(tracking_hash(code), stored_hash)
