"""The tamper-evident timeline: writing events in a hash chain per case, and verifying the chains."""

from django.utils import timezone

from cases.models import Case, CaseEvent
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
    for case in Case.objects.order_by("pk").iterator(chunk_size=batch_size):
        problems += verify_case(case)
        checked += 1
    return checked, problems
