"""Assigning a case (inside the caller's transaction, the case locked): who may be the assignee, not who
may assign (``services.assignment`` and ``permissions`` decide that)."""

from django.utils.translation import gettext as _

from cases.audit import event_write
from cases.errors import CaseConflict, CaseInvalid
from cases.models import Case, CaseEvent
from cases.selectors import case_visible


def assignee_required(case: Case) -> bool:
    """Whether the case's state needs someone assigned (it cannot be left with nobody)."""
    state = case.case_type.workflow.state(case.state)
    return bool(state and state.requires_assignee)


def assignment_write(*, case: Case, assignee, actor, by_rule: bool = False) -> CaseEvent:
    """Give ``case`` to ``assignee`` (None: nobody), who must be able to work on it; an event."""
    if assignee is not None and not case_visible(case=case, user=assignee):
        raise CaseInvalid.for_field(
            "assignee", "invalid_assignee", _("This person cannot work on this case (role or governorate).")
        )
    if assignee is None and assignee_required(case):
        raise CaseConflict(
            _("A case in this state must have someone assigned: choose another person instead."),
            code="assignee_required",
        )
    previous = case.assignee
    if previous is not None and assignee is not None and previous.pk == assignee.pk:
        raise CaseConflict(_("The case is already assigned to this person."), code="unchanged")
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    return event_write(
        case=case,
        kind=CaseEvent.Kind.ASSIGNMENT,
        actor=actor if not by_rule else None,
        data={
            "from": getattr(previous, "username", None),
            "to": getattr(assignee, "username", None),
            "by_rule": by_rule,
        },
    )
