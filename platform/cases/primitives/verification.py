"""Verifying an establishment's outstanding violations at a visit (inside the caller's transaction): the
one place that checks the per-violation answers and applies them, whoever sends them (the staff screen
and the API through the transition, run by the ``verify_violations`` action).

An answer is {"violation": id, "outcome": corrected | not_corrected | not_verifiable, "note": text,
"files": [uploads]}: corrected marks the violation verified at this visit; not corrected marks it so (once);
not verifiable leaves it as it is, noted on the timeline. Violations not answered are left as they are."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.errors import CaseInvalid
from cases.models import Case, CaseEvent, Violation
from cases.primitives.files import files_store_plain
from cases.primitives.violation_life import violation_change, violation_record
from cases.selectors import violations_to_verify
from forms_builder.fieldtypes.base import FieldError
from forms_builder.fieldtypes.files import clean_uploads

OUTCOMES = {
    "corrected": gettext_lazy("Corrected"),
    "not_corrected": gettext_lazy("Not corrected"),
    "not_verifiable": gettext_lazy("Could not be verified"),
}
EVIDENCE = {"max_files": 10, "max_size_mb": 10, "allowed_types": ["jpg", "png", "webp", "heic", "pdf"]}
NOTE_LENGTH = 2000


@dataclass
class Verification:
    violation: Violation
    outcome: str
    note: str = ""
    files: list = field(default_factory=list)


def _error(errors: list, index: int, name: str, code: str, message: str) -> None:
    errors.append({"field": f"verifications.{index}.{name}", "code": code, "message": message})


def _violation_of(item: dict, index: int, allowed: dict, seen: set, errors: list):
    raw = item.get("violation")
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        pk = None
    if pk is None or pk not in allowed:
        message = _("%(id)s is not an outstanding violation of this establishment.") % {"id": raw}
        _error(errors, index, "violation", "unknown_violation", message)
        return None
    if pk in seen:
        _error(errors, index, "violation", "duplicate", _("This violation is answered twice."))
        return None
    seen.add(pk)
    return allowed[pk]


def _answer(item, index: int, allowed: dict, seen: set, errors: list) -> Verification | None:
    if not isinstance(item, dict):
        errors.append({"field": f"verifications.{index}", "code": "invalid", "message": _("Not an answer.")})
        return None
    count = len(errors)
    violation = _violation_of(item, index, allowed, seen, errors)
    outcome = item.get("outcome")
    if outcome not in OUTCOMES:
        message = _("Choose: corrected, not corrected or could not be verified.")
        _error(errors, index, "outcome", "invalid_choice", message)
    note = item.get("note") or ""
    if not isinstance(note, str) or len(note) > NOTE_LENGTH:
        message = _("Write a note of at most %(n)d characters.") % {"n": NOTE_LENGTH}
        _error(errors, index, "note", "invalid", message)
    files = list(item.get("files") or [])
    try:
        clean_uploads(EVIDENCE, files, SimpleNamespace(cleaned_files={}), "files")
    except FieldError as error:
        _error(errors, index, "files", error.code, error.message)
    if len(errors) > count:
        return None
    return Verification(violation=violation, outcome=outcome, note=note.strip(), files=files)


def verifications_clean(*, case: Case, actor, answers) -> list[Verification]:
    """The answers checked against the violations the visit verifies; CaseInvalid with every field error."""
    if not answers:
        return []
    if not isinstance(answers, list):
        message = _("Give a list of answers, one per violation.")
        raise CaseInvalid.for_field("verifications", "invalid", message)
    allowed = {v.pk: v for v in violations_to_verify(case=case, user=actor).select_for_update(of=("self",))}
    errors, seen, cleaned = [], set(), []
    for index, item in enumerate(answers):
        answer = _answer(item, index, allowed, seen, errors)
        if answer is not None:
            cleaned.append(answer)
    if errors:
        raise CaseInvalid(_("Some answers about the violations need correcting."), errors=errors)
    return cleaned


def verification_apply(*, visit: Case, answer: Verification, actor) -> list[CaseEvent]:
    """Apply one checked answer at ``visit`` (the locked case of the visit): the violation's new status,
    its evidence (stored as the visit's files) and the events on both cases."""
    violation = answer.violation
    evidence = files_store_plain(visit, f"violations.{violation.pk}", answer.files, actor)
    changes = answer.outcome == "corrected" or (
        answer.outcome == "not_corrected" and violation.status == Violation.Status.OPEN
    )
    if changes:
        return violation_change(
            violation, answer.outcome, actor=actor, note=answer.note, visit=visit, evidence=evidence
        )
    if evidence:
        violation.evidence.add(*evidence)
    data = {"outcome": answer.outcome, "note": answer.note, "visit": visit.reference}
    if evidence:
        data["evidence"] = [attachment.pk for attachment in evidence]
    return violation_record(violation, actor=actor, data=data, visit=visit)


def verifications_apply(*, visit: Case, answers: list[Verification], actor) -> list[CaseEvent]:
    events = []
    for answer in answers:
        events += verification_apply(visit=visit, answer=answer, actor=actor)
    return events
