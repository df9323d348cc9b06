"""Enforcement steps the services and the workflow actions share: the ladder, a notice's number, a step of
an action's history, and a proposal to the supervisor. No check of who acts: the services make those."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cases.audit import event_write
from cases.models import Case, CaseEvent, EnforcementAction, EnforcementOutcome, NoticeSequence
from cases.notifications import notify_user
from cases.selectors import escalation_people

Kind, Status = EnforcementAction.Kind, EnforcementAction.Status

# Actions that no longer stand: the ladder follows the latest action that does.
NOT_STANDING = (
    Status.PROPOSED,
    Status.REJECTED,
    Status.CANCELLED,
    Status.WITHDRAWN,
    Status.QUASHED,
)

NOTICE_CODES = {
    Kind.ADVICE: "ADV",
    Kind.WARNING: "WRN",
    Kind.IMPROVEMENT_NOTICE: "IMP",
    Kind.FINE: "FIN",
    Kind.SUSPENSION: "SUS",
    Kind.CLOSURE_ORDER: "CLO",
    Kind.COURT_REFERRAL: "CRT",
    Kind.STOP_ORDER: "STP",
}

PROPOSAL_SUBJECT = {
    "ar": "مقترح إجراء إنفاذ بانتظار قرارك: {reference}",
    "en": "An enforcement proposal awaits your decision: {reference}",
}
PROPOSAL_MESSAGE = {
    "ar": "اقتُرح إجراء إنفاذ على القضية {reference}. افتح القضية لتأكيده أو رفضه مع ذكر السبب.",
    "en": "An enforcement action is proposed on case {reference}. Open the case to confirm it or reject it "
    "with a reason.",
}

_NEXT_NOTICE_SQL = (
    "UPDATE cases_noticesequence SET last_number = last_number + 1 "
    "WHERE kind = %s AND year = %s RETURNING last_number"
)


def ladder_any(case: Case) -> list[str]:
    """The kinds the case type's ladder allows at any rung (each needs its reason)."""
    return list((case.case_type.enforcement_ladder or {}).get("any") or [])


def ladder_next(case: Case, step: str) -> list[str]:
    """The kinds the ladder allows after ``step`` (an action's kind, or ``start``), the ``any`` ones last."""
    ladder = case.case_type.enforcement_ladder or {}
    if not ladder:
        return list(Kind.values)
    following = list(ladder.get(step) or [])
    return following + [kind for kind in ladder_any(case) if kind not in following]


def ladder_off(case: Case) -> list[str]:
    """The kinds allowed at any rung that are no rung themselves (e.g. a stop order for imminent danger):
    taking one does not move the case along the ladder."""
    ladder = case.case_type.enforcement_ladder or {}
    rungs = {kind for step, following in ladder.items() if step != "any" for kind in following or []}
    return [kind for kind in ladder_any(case) if kind not in rungs]


def latest_standing(case: Case) -> EnforcementAction | None:
    """The latest action that still stands and is a rung of the ladder (what the next step follows)."""
    standing = case.enforcement_actions.exclude(status__in=NOT_STANDING).exclude(kind__in=ladder_off(case))
    return standing.order_by("-issued_at", "-pk").first()


def notice_number_allocate(kind: str, year: int) -> str:
    """The next notice number for (kind, year), e.g. ``FIN-2026-000012``: gap-free and unique under
    concurrency (an UPDATE ... RETURNING whose row lock holds until the transaction ends)."""
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_NOTICE_SQL, [kind, year])
            row = cursor.fetchone()
        if row is not None:
            return f"{NOTICE_CODES.get(kind, kind[:3].upper())}-{year}-{row[0]:06d}"
        try:
            with transaction.atomic():
                NoticeSequence.objects.get_or_create(kind=kind, year=year)
        except IntegrityError:
            pass  # created by a concurrent transaction meanwhile
    raise RuntimeError("the notice number counter could not be created")


def outcome_write(*, action: EnforcementAction, status: str, actor, **particulars) -> EnforcementOutcome:
    """Set the action's status, add the step to its history and the case's timeline (case row locked)."""
    action.status = status
    action.save(update_fields=["status"])
    outcome = EnforcementOutcome.objects.create(action=action, status=status, actor=actor, **particulars)
    event_write(
        case=action.case,
        kind=CaseEvent.Kind.ENFORCEMENT_OUTCOME,
        actor=actor,
        data={
            "enforcement": action.pk,
            "kind": action.kind,
            "status": status,
            "notice_number": action.notice_number or None,
            "amount_iqd": str(outcome.amount_iqd) if outcome.amount_iqd is not None else None,
            "paid_on": outcome.paid_on.isoformat() if outcome.paid_on else None,
            "receipt_number": outcome.receipt_number or None,
            "note": outcome.note or None,
        },
    )
    return outcome


def enforcement_propose(
    *, case: Case, kind: str, reason: str, actor=None, follows: EnforcementAction | None = None
) -> EnforcementAction:
    """A proposed action for the supervisor to confirm or reject (the case row locked by the caller), and
    the case type's escalation role holders who can see the case are told."""
    proposal = EnforcementAction.objects.create(
        case=case,
        kind=kind,
        status=Status.PROPOSED,
        reason=reason,
        follows=follows,
        proposed_by=actor,
        issued_at=timezone.now(),
    )
    if follows is not None:
        proposal.violations.set(follows.violations.all())
    outcome_write(action=proposal, status=Status.PROPOSED, actor=actor, note=reason)
    for person in escalation_people(case):
        notify_user(case=case, user=person, subject=PROPOSAL_SUBJECT, message=PROPOSAL_MESSAGE)
    return proposal


def next_rung(case: Case, action: EnforcementAction) -> str | None:
    """The ladder's next step after ``action`` (its first listed follower), not one of the ``any`` kinds."""
    ladder = case.case_type.enforcement_ladder or {}
    following = [kind for kind in ladder.get(action.kind) or [] if kind != "any"]
    return following[0] if following else None


def propose_next_rung(*, action: EnforcementAction, actor, reason: str) -> EnforcementAction | None:
    """After a deadline missed: propose the next rung, once per action (a rejected proposal is not
    proposed again). None when the ladder has no next step or a proposal already follows."""
    kind = next_rung(action.case, action)
    if kind is None or action.followed_by.exists():
        return None
    return enforcement_propose(case=action.case, kind=kind, reason=reason, actor=actor, follows=action)
