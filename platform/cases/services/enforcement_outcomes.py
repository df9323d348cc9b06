"""What becomes of an enforcement action: its outcomes (complied, paid, contested, cancelled, referred to
court, ...) along one status graph, the supervisor's decision on a proposal, and the sweep of missed
deadlines. Who may record which outcome is the case type's ``enforcement_outcome_roles``."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.selectors import user_role_keys
from cases.access import case_for_update, case_locked
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import Case, EnforcementAction
from cases.permissions import CasePermissions
from cases.primitives.enforcement import notice_number_allocate, outcome_write, propose_next_rung
from cases.services.enforcement import enforcement_checked, enforcement_issued_event

Kind, Status = EnforcementAction.Kind, EnforcementAction.Status

_AFTER_DECISION = {
    Status.COMPLIED,
    Status.PARTLY_COMPLIED,
    Status.NOT_COMPLIED,
    Status.PAID,
    Status.CONTESTED,
    Status.CANCELLED,
    Status.REFERRED,
}
# The allowed status graph: from a status, the outcomes that may be recorded next.
OUTCOME_GRAPH: dict[str, set[str]] = {
    Status.ISSUED: _AFTER_DECISION | {Status.COURT_DECIDED},
    Status.PARTLY_COMPLIED: _AFTER_DECISION - {Status.PARTLY_COMPLIED},
    Status.NOT_COMPLIED: {Status.PAID, Status.CONTESTED, Status.CANCELLED, Status.REFERRED, Status.COMPLIED},
    Status.CONTESTED: {Status.UPHELD, Status.QUASHED},
    Status.UPHELD: _AFTER_DECISION - {Status.CONTESTED},
    Status.REFERRED: {Status.COURT_DECIDED},
}
OUTCOMES = sorted({status for following in OUTCOME_GRAPH.values() for status in following})
# Configurable in ``enforcement_outcome_roles``: the outcomes, and the supervisor's decision on a proposal.
OUTCOME_ROLE_KEYS = [*OUTCOMES, Status.ISSUED, Status.REJECTED]
NEEDS_NOTE = {Status.CANCELLED, Status.COURT_DECIDED, Status.REJECTED}


def enforcement_may_record(user, case: Case, status: str) -> bool:
    """Whether ``user`` may record ``status`` on the case's actions: the roles the case type names for it,
    or (when it names none) those who may issue enforcement actions."""
    if not user.is_active:
        return False
    roles = (case.case_type.enforcement_outcome_roles or {}).get(status)
    if roles:
        return user.is_superuser or bool(user_role_keys(user=user) & set(roles))
    return CasePermissions(user, case).may_enforce


def enforcement_outcomes_next(action: EnforcementAction, user=None) -> list[str]:
    """The outcomes that may be recorded on ``action`` now (by ``user``, when given)."""
    allowed = [s for s in Status.values if s in OUTCOME_GRAPH.get(action.status, set())]
    if action.kind != Kind.FINE:
        allowed = [s for s in allowed if s != Status.PAID]
    if action.kind != Kind.COURT_REFERRAL and action.status == Status.ISSUED:
        allowed = [s for s in allowed if s != Status.COURT_DECIDED]
    if user is not None:
        allowed = [s for s in allowed if enforcement_may_record(user, action.case, s)]
    return allowed


def enforcement_proposal_decisions(action: EnforcementAction, user) -> list[str]:
    """What ``user`` may decide on ``action`` while it is a proposal: ``confirm`` (who may issue enforcement
    actions and is named for ``issued``) and ``reject`` (who is named for ``rejected``)."""
    if action.status != Status.PROPOSED:
        return []
    decisions, case = [], action.case
    if CasePermissions(user, case).may_enforce and enforcement_may_record(user, case, Status.ISSUED):
        decisions.append("confirm")
    if enforcement_may_record(user, case, Status.REJECTED):
        decisions.append("reject")
    return decisions


def _action_locked(case: Case, action_id: int, actor) -> EnforcementAction:
    case = case_for_update(case=case, actor=actor)
    action = case.enforcement_actions.select_related("case__case_type").filter(pk=action_id).first()
    if action is None:
        raise CaseNotFound(_("No such enforcement action."))
    action.case = case
    return action


def _payment_checked(amount_iqd, paid_on, receipt_number) -> None:
    if amount_iqd is None or amount_iqd <= 0:
        raise CaseInvalid.for_field("amount_iqd", "required", _("Enter the amount paid in IQD."))
    if not (receipt_number or "").strip():
        raise CaseInvalid.for_field("receipt_number", "required", _("Enter the receipt number."))
    if paid_on and paid_on > timezone.localdate():
        raise CaseInvalid.for_field("paid_on", "future", _("The payment date cannot be in the future."))


def _outcome_checked(action, status, actor, *, note, amount_iqd, paid_on, receipt_number) -> None:
    if status not in OUTCOMES:
        raise CaseInvalid.for_field("status", "invalid_choice", _("Unknown outcome."))
    if not enforcement_may_record(actor, action.case, status):
        raise CaseForbidden(_("You may not record this outcome."))
    if status not in enforcement_outcomes_next(action):
        raise CaseConflict(
            _("This outcome cannot be recorded on an action that is “%(status)s”.")
            % {"status": action.get_status_display()},
            code="outcome",
        )
    if status == Status.PAID:
        _payment_checked(amount_iqd, paid_on, receipt_number)
    if status in NEEDS_NOTE and not (note or "").strip():
        raise CaseInvalid.for_field("note", "required", _("Give the reason."))


def enforcement_record_outcome(
    *,
    case: Case,
    action_id: int,
    status: str,
    actor,
    note: str = "",
    amount_iqd=None,
    paid_on: date | None = None,
    receipt_number: str = "",
) -> EnforcementAction:
    """Record what became of an enforcement action, along the status graph; refused with the state
    unchanged. Not complied with: the ladder's next rung is proposed to the supervisor."""
    with transaction.atomic():
        action = _action_locked(case, action_id, actor)
        particulars = {
            "note": note,
            "amount_iqd": amount_iqd,
            "paid_on": paid_on,
            "receipt_number": receipt_number,
        }
        _outcome_checked(action, status, actor, **particulars)
        if status == Status.PAID:
            particulars["paid_on"] = paid_on or timezone.localdate()
            particulars["receipt_number"] = receipt_number.strip()
        else:
            particulars.update(amount_iqd=None, paid_on=None, receipt_number="")
        particulars["note"] = (note or "").strip()
        outcome_write(action=action, status=status, actor=actor, **particulars)
        if status == Status.NOT_COMPLIED:
            reason = _("Not complied with: %(note)s") % {"note": particulars["note"] or "—"}
            propose_next_rung(action=action, actor=actor, reason=reason)
        return action


def enforcement_proposal_confirm(
    *,
    case: Case,
    action_id: int,
    actor,
    amount_iqd=None,
    due_date=None,
    notes: str = "",
    penalty_provision=None,
) -> EnforcementAction:
    """The supervisor confirms a proposal: it is issued now, by them, with its notice number."""
    with transaction.atomic():
        action = _action_locked(case, action_id, actor)
        if action.status != Status.PROPOSED:
            raise CaseConflict(_("Only a proposal can be confirmed."), code="outcome")
        if not enforcement_may_record(actor, action.case, Status.ISSUED):
            raise CaseForbidden(_("You may not confirm enforcement proposals."))
        amount_iqd = amount_iqd if amount_iqd is not None else action.amount_iqd
        enforcement_checked(action.case, action.kind, actor, amount_iqd, action.reason)
        now = timezone.now()
        action.amount_iqd, action.due_date = amount_iqd, due_date or action.due_date
        action.notes = notes or action.notes
        action.penalty_provision = penalty_provision or action.penalty_provision
        action.issued_by, action.issued_at = actor, now
        action.notice_number = notice_number_allocate(action.kind, timezone.localtime(now).year)
        action.save()
        outcome_write(action=action, status=Status.ISSUED, actor=actor, note=notes)
        enforcement_issued_event(action, actor)
        return action


def enforcement_proposal_reject(*, case: Case, action_id: int, actor, reason: str) -> EnforcementAction:
    """The supervisor rejects a proposal, with the reason."""
    with transaction.atomic():
        action = _action_locked(case, action_id, actor)
        if action.status != Status.PROPOSED:
            raise CaseConflict(_("Only a proposal can be rejected."), code="outcome")
        if not enforcement_may_record(actor, action.case, Status.REJECTED):
            raise CaseForbidden(_("You may not reject enforcement proposals."))
        if not (reason or "").strip():
            raise CaseInvalid.for_field("reason", "required", _("Give the reason."))
        outcome_write(action=action, status=Status.REJECTED, actor=actor, note=reason.strip())
        return action


def _overdue_propose(action_id: int) -> bool:
    with transaction.atomic():
        action = EnforcementAction.objects.select_related("case").get(pk=action_id)
        action.case = case_locked(action.case)
        action.refresh_from_db(fields=["status"])
        if action.status != Status.ISSUED or action.followed_by.exists():
            return False
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("The deadline (%(date)s) passed with no outcome recorded.") % {
                "date": action.due_date.isoformat()
            }
        return propose_next_rung(action=action, actor=None, reason=reason) is not None


def enforcement_overdue_sweep(*, today: date | None = None) -> int:
    """Periodic: issued actions whose deadline passed with no outcome recorded get the ladder's next rung
    proposed to the supervisor (once). Returns how many proposals were made."""
    today = today or timezone.localdate()
    due = EnforcementAction.objects.filter(
        status=Status.ISSUED, due_date__lt=today, followed_by__isnull=True
    ).values_list("pk", flat=True)
    return sum(_overdue_propose(action_id) for action_id in list(due[:1000]))
