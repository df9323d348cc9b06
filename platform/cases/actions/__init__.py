"""The workflow actions of the catalogue (``cases.catalogue``), one module per concern.

Importing this package registers them, in the order the admin lists them (and the workflow models'
StreamField records). Actions depend on the primitives (``cases.primitives``), selectors and notifications,
never on the services that run them.
"""

from cases.actions.notify import NotifyReporter  # isort: skip  (registration order, see above)
from cases.actions.assignment import AssignByRule  # isort: skip
from cases.actions.dates import SetDueDate  # isort: skip
from cases.actions.violations import CreateViolations, RequireViolationStates, VerifyViolations  # isort: skip
from cases.actions.children import OpenChildCase  # isort: skip
from cases.actions.closing import CloseWithOutcome, MarkRestricted  # isort: skip
from cases.actions.urgency import SetPriority, SetSlaHours  # isort: skip
from cases.actions.enforcement import ProposeEnforcement  # isort: skip
from cases.actions.parent import ReopenParent  # isort: skip
from cases.actions.checks import FlagLateNotification, RequireAnswersIfRelated  # isort: skip
from cases.catalogue import (
    ONLY_IF_LABEL,
    Action,
    ActionContext,
    ActionError,
    all_actions,
    check_actions,
    get,
    plain,
    register,
    run_actions,
)

__all__ = [
    "ONLY_IF_LABEL",
    "Action",
    "ActionContext",
    "ActionError",
    "AssignByRule",
    "CloseWithOutcome",
    "CreateViolations",
    "FlagLateNotification",
    "MarkRestricted",
    "NotifyReporter",
    "OpenChildCase",
    "RequireViolationStates",
    "ProposeEnforcement",
    "ReopenParent",
    "RequireAnswersIfRelated",
    "SetDueDate",
    "SetPriority",
    "SetSlaHours",
    "VerifyViolations",
    "all_actions",
    "check_actions",
    "get",
    "plain",
    "register",
    "run_actions",
]
