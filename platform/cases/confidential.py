"""What a case keeps apart: its confidential answers, encrypted in one record (never in the case's data or
its timeline). Reading them for a person is a service (``services.confidential``) that logs the reading."""

from cases.models import Case, CaseConfidential
from cases.secrets_ import decrypt_json, encrypt_json


def confidential_values(case: Case) -> dict:
    """The decrypted confidential answers, for internal use (notifications). Never shown without a check."""
    record = CaseConfidential.objects.filter(case=case).first()
    return decrypt_json(record.ciphertext) if record else {}


def confidential_keep(case: Case, secret: dict) -> bytes | None:
    """Merge confidential answers into the case's encrypted record; the new ciphertext (None: unchanged)."""
    if not secret:
        return None
    record = CaseConfidential.objects.filter(case=case).first()
    if record is None:
        record = CaseConfidential.objects.create(case=case, ciphertext=encrypt_json(secret))
        return record.ciphertext
    record.ciphertext = encrypt_json({**decrypt_json(record.ciphertext), **secret})
    record.save(update_fields=["ciphertext"])
    return record.ciphertext


def split_confidential(version, cleaned: dict) -> tuple[dict, dict]:
    """(public answers, confidential answers), by the form's own marks (also in repeat-group rows)."""
    return version.spec.split_confidential(cleaned)


def confidential_paths(version, files: dict) -> set[str]:
    """The uploaded-file paths that belong to confidential fields (top level or in group rows)."""
    return version.spec.confidential_paths(files)
