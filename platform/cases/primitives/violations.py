"""Recording violations from the non-compliant answers of a checklist (inside the caller's transaction)."""

from datetime import timedelta

from django.utils import timezone

from cases.audit import event_write
from cases.models import Case, CaseEvent, Violation
from registry.models import LegalProvision


def violations_record(*, case: Case, version, data: dict, actor) -> list[CaseEvent]:
    """A violation for each non-compliant checklist answer, with its provision, severity and deadline."""
    if version is None:
        return []
    events = []
    today = timezone.localdate()
    for key in version.ui["order"]:
        spec = version.ui["fields"][key]
        answer = data.get(key)
        if spec["type"] != "checklist_item" or not isinstance(answer, dict):
            continue
        if answer.get("answer") != "non_compliant":
            continue
        provision_key = (spec.get("provision") or {}).get("key")
        provision = LegalProvision.objects.filter(key=provision_key).first() if provision_key else None
        days = spec.get("corrective_days")
        violation = Violation.objects.create(
            case=case,
            provision=provision,
            item_key=key,
            description=spec["label"],
            note=answer.get("note", ""),
            severity=spec.get("severity") or "medium",
            corrective_action=spec.get("corrective_action") or {},
            deadline=today + timedelta(days=days) if days is not None else None,
        )
        events.append(
            event_write(
                case=case,
                kind=CaseEvent.Kind.VIOLATION,
                actor=actor,
                data={
                    "violation": violation.pk,
                    "item": key,
                    "provision": provision_key,
                    "severity": violation.severity,
                },
            )
        )
    return events
