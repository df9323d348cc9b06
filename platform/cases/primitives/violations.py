"""Recording violations from the non-compliant answers of a checklist (inside the caller's transaction)."""

from django.utils import timezone

from cases.audit import event_write
from cases.models import Case, CaseEvent, Violation
from registry.models import LegalProvision


def violations_record(*, case: Case, version, data: dict, actor) -> list[CaseEvent]:
    """A violation for each finding of the form's assessed items (a non-compliant checklist answer), with
    its provision, severity and corrective deadline; an event each."""
    if version is None:
        return []
    events = []
    today = timezone.localdate()
    for finding in version.spec.findings(data):
        if finding.path != finding.key:
            continue  # items inside repeat-group rows are not recorded as violations (yet)
        key = finding.provision_key
        provision = LegalProvision.objects.filter(key=key).first() if key else None
        violation = Violation.objects.create(
            case=case,
            provision=provision,
            item_key=finding.key,
            description=finding.label,
            note=finding.note or "",
            severity=finding.severity or "medium",
            corrective_action=finding.corrective_action or {},
            deadline=finding.deadline(today),
        )
        events.append(
            event_write(
                case=case,
                kind=CaseEvent.Kind.VIOLATION,
                actor=actor,
                data={
                    "violation": violation.pk,
                    "item": finding.key,
                    "provision": finding.provision_key,
                    "severity": violation.severity,
                },
            )
        )
    return events
