"""Writes of the case engine, by concern. One entry point changes state: ``transition``.

Every write locks the case row and checks the actor's scope (``cases.access.case_for_update``) and what
they may do (``cases.permissions.CasePermissions``), writes timeline events and commits — or changes
nothing. The workflow actions share the primitives (``cases.primitives``) and never call these back.
"""

from cases.confidential import confidential_values
from cases.primitives.opening import OpenedCase
from cases.primitives.opening import child_open as case_open_child
from cases.primitives.violations import violations_record as violations_from_checklist
from cases.selectors import assignee_by_rule
from cases.services.assignment import case_assign
from cases.services.confidential import attachment_open, confidential_read
from cases.services.enforcement import enforcement_allowed_next, enforcement_issue, enforcement_needs_reason
from cases.services.enforcement_outcomes import (
    OUTCOME_ROLE_KEYS,
    OUTCOMES,
    enforcement_may_record,
    enforcement_outcomes_next,
    enforcement_overdue_sweep,
    enforcement_proposal_confirm,
    enforcement_proposal_decisions,
    enforcement_proposal_reject,
    enforcement_record_outcome,
)
from cases.services.establishments import case_set_establishment, establishment_register_from_case
from cases.services.feedback import satisfaction_record
from cases.services.opening import (
    STAFF_INTAKE_MESSAGE,
    STAFF_INTAKE_SUBJECT,
    case_open,
    case_open_by_staff,
    case_open_from_parent,
    case_parent_check,
)
from cases.services.public import public_step
from cases.services.sla import sla_sweep
from cases.services.transitions import TransitionResult, case_comment, transition
from cases.services.violations import violation_set_status

__all__ = [
    "OUTCOMES",
    "OUTCOME_ROLE_KEYS",
    "satisfaction_record",
    "STAFF_INTAKE_MESSAGE",
    "STAFF_INTAKE_SUBJECT",
    "OpenedCase",
    "TransitionResult",
    "assignee_by_rule",
    "attachment_open",
    "case_assign",
    "case_comment",
    "case_open",
    "case_open_by_staff",
    "case_open_child",
    "case_open_from_parent",
    "case_parent_check",
    "case_set_establishment",
    "confidential_read",
    "confidential_values",
    "enforcement_allowed_next",
    "enforcement_issue",
    "public_step",
    "enforcement_may_record",
    "enforcement_needs_reason",
    "enforcement_outcomes_next",
    "enforcement_overdue_sweep",
    "enforcement_proposal_confirm",
    "enforcement_proposal_decisions",
    "enforcement_proposal_reject",
    "enforcement_record_outcome",
    "establishment_register_from_case",
    "sla_sweep",
    "transition",
    "violation_set_status",
    "violations_from_checklist",
]
