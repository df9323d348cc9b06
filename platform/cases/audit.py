"""The tamper-evident timeline: writing events in a hash chain per case, and verifying the chains — and,
from them, the case's protected fields (state, restricted, assignee, establishment, outcome, the answers,
the confidential record, fines): a raw change of any of them shows."""

import hashlib
import json

from django.utils import timezone

from cases.models import Case, CaseConfidential, CaseEvent, EnforcementAction
from cases.secrets_ import event_hash


def _payload(
    *, reference: str, sequence: int, kind: str, actor_id, created_at, data, public: bool, previous_hash: str
) -> dict:
    return {
        "case": reference,
        "sequence": sequence,
        "kind": kind,
        "actor": actor_id,
        "created_at": created_at.isoformat(),
        "data": data,
        "public": public,
        "previous": previous_hash,
    }


def event_write(
    *, case: Case, kind: str, actor=None, data: dict | None = None, public: bool = False
) -> CaseEvent:
    """Append an event to a case's timeline. The caller holds the case's row lock (select_for_update)."""
    event = event_prepare(case=case, kind=kind, actor=actor, data=data, public=public)
    event.save()
    Case.objects.filter(pk=case.pk).update(event_count=event.sequence, last_event_hash=event.hash)
    return event


def event_prepare(
    *, case: Case, kind: str, actor=None, data: dict | None = None, public: bool = False
) -> CaseEvent:
    """The next event of ``case`` with its hash, not yet saved; ``case.event_count`` and
    ``case.last_event_hash`` are moved on in memory (the caller saves both, in one transaction)."""
    data = data or {}
    sequence = case.event_count + 1
    created_at = timezone.now()
    actor_id = getattr(actor, "pk", None)
    digest = event_hash(
        _payload(
            reference=case.reference,
            sequence=sequence,
            kind=kind,
            actor_id=actor_id,
            created_at=created_at,
            data=data,
            public=public,
            previous_hash=case.last_event_hash,
        )
    )
    event = CaseEvent(
        case=case,
        sequence=sequence,
        kind=kind,
        actor_id=actor_id,
        created_at=created_at,
        data=data,
        public=public,
        previous_hash=case.last_event_hash,
        hash=digest,
    )
    case.event_count, case.last_event_hash = sequence, digest
    return event


def verify_case(case: Case) -> list[str]:
    """Problems in one case's chain: a changed, removed, inserted or reordered event."""
    problems = []
    previous = ""
    expected_sequence = 1
    for event in case.events.order_by("sequence"):
        if event.sequence != expected_sequence:
            problems.append(
                f"{case.reference}: event {expected_sequence} is missing (found {event.sequence})"
            )
            expected_sequence = event.sequence
        if event.previous_hash != previous:
            problems.append(f"{case.reference}: event {event.sequence} does not follow the previous event")
        recomputed = event_hash(
            _payload(
                reference=case.reference,
                sequence=event.sequence,
                kind=event.kind,
                actor_id=event.actor_id,
                created_at=event.created_at,
                data=event.data,
                public=event.public,
                previous_hash=event.previous_hash,
            )
        )
        if recomputed != event.hash:
            problems.append(f"{case.reference}: event {event.sequence} was changed")
        previous = event.hash
        expected_sequence += 1
    if expected_sequence - 1 != case.event_count or previous != case.last_event_hash:
        problems.append(f"{case.reference}: the last events were removed (expected {case.event_count})")
    return problems


def verify_all(*, batch_size: int = 500) -> tuple[int, list[str]]:
    """Verify every case's chain. Returns (cases checked, problems)."""
    problems: list[str] = []
    checked = 0
    for case in Case.objects.select_related("assignee").order_by("pk").iterator(chunk_size=batch_size):
        problems += verify_case(case) + verify_case_fields(case)
        checked += 1
    return checked, problems


# --- protected fields: recorded in the chain, recomputed by verify_audit ---------------------------------


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _without_attachment_ids(value):
    """The answers as submitted: the attachment ids added to file descriptors after storing are left out."""
    if isinstance(value, dict):
        return {k: _without_attachment_ids(v) for k, v in value.items() if k != "attachment"}
    if isinstance(value, list):
        return [_without_attachment_ids(v) for v in value]
    return value


def data_digest(data) -> str:
    return hashlib.sha256(_canonical(_without_attachment_ids(data or {})).encode("utf-8")).hexdigest()


def ciphertext_digest(ciphertext) -> str | None:
    return hashlib.sha256(bytes(ciphertext)).hexdigest() if ciphertext is not None else None


def protected_snapshot(case: Case, *, ciphertext=None) -> dict:
    """What the opening event records of a new case (its hash then covers it)."""
    return {
        "data_digest": data_digest(case.data),
        "confidential_digest": ciphertext_digest(ciphertext),
        "restricted": case.restricted,
        "establishment": case.establishment_id,
        "assignee": getattr(case.assignee, "username", None),
        "outcome": case.outcome or None,
    }


#: Events that set one protected field to one of their values: kind -> (field, key in the event's data).
_SETS_FIELD = {
    CaseEvent.Kind.ASSIGNMENT: ("assignee", "to"),
    CaseEvent.Kind.ESTABLISHMENT: ("establishment", "to"),
    CaseEvent.Kind.SATISFACTION: ("satisfaction", "answer"),
}


def _replay(events) -> dict:
    """The protected fields as the chain says they should be (only those it recorded)."""
    expected: dict = {}
    for event in events:
        data = event.data or {}
        if event.kind in _SETS_FIELD:
            name, key = _SETS_FIELD[event.kind]
            expected[name] = data.get(key)
        elif event.kind == CaseEvent.Kind.CREATED:
            expected["state"] = data.get("state")
            expected.update({k: v for k, v in (data.get("protected") or {}).items()})
        elif event.kind == CaseEvent.Kind.TRANSITION:
            expected["state"] = data.get("to")
            form = data.get("form") or {}
            if "confidential_digest" in form:
                expected["confidential_digest"] = form["confidential_digest"]
        elif event.kind == CaseEvent.Kind.REOPENED:
            expected.update(state=data.get("to"), outcome=None)
        elif event.kind == CaseEvent.Kind.FORM_MIGRATED:
            expected["data_digest"] = data.get("data_digest")
        elif event.kind == CaseEvent.Kind.UPDATED:
            expected.update({k: v for k, v in data.items() if k in ("restricted", "outcome")})
        elif event.kind == CaseEvent.Kind.ENFORCEMENT and data.get("enforcement"):
            expected.setdefault("amounts", {})[str(data["enforcement"])] = data.get("amount_iqd")
    return expected


def verify_case_fields(case: Case) -> list[str]:
    """Problems between a case's row (and its confidential record and fines) and what its chain recorded."""
    expected = _replay(case.events.order_by("sequence"))
    actual = {
        "state": case.state,
        "restricted": case.restricted,
        "establishment": case.establishment_id,
        "assignee": getattr(case.assignee, "username", None),
        "outcome": case.outcome or None,
        "data_digest": data_digest(case.data),
        "satisfaction": case.satisfaction or None,
    }
    if "confidential_digest" in expected:
        record = CaseConfidential.objects.filter(case=case).first()
        actual["confidential_digest"] = ciphertext_digest(record.ciphertext if record else None)
    problems = [
        f"{case.reference}: {name} is not what its timeline recorded"
        for name, value in actual.items()
        if name in expected and (expected[name] or None) != (value or None)
    ]
    for action_id, amount in (expected.get("amounts") or {}).items():
        action = EnforcementAction.objects.filter(pk=action_id, case=case).first()
        recorded = str(action.amount_iqd) if action and action.amount_iqd is not None else None
        if action is None or recorded != amount:
            problems.append(f"{case.reference}: enforcement action {action_id} is not what was issued")
    return problems
