"""Assigning a case by hand: a supervisor to anyone who can work on it, or someone taking it themselves."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.errors import CaseForbidden
from cases.models import Case, CaseEvent
from cases.permissions import CasePermissions
from cases.primitives.assignment import assignment_write


def assignment_checked(*, case: Case, assignee, actor) -> CaseEvent:
    """Assign the locked, visible ``case`` if ``actor`` may give it to ``assignee`` (inside a transaction)."""
    if not CasePermissions(actor, case).may_assign_to(assignee):
        raise CaseForbidden(_("You may not assign cases."))
    return assignment_write(case=case, assignee=assignee, actor=actor)


def case_assign(*, case: Case, assignee, actor) -> CaseEvent:
    """Assign a case to a staff member who can work on it: by a supervisor, or by someone who can work on it
    taking it ("assign to me"). A case in a state that needs an assignee cannot be left with nobody."""
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        return assignment_checked(case=case, assignee=assignee, actor=actor)
