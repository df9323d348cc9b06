"""The engine's models, by aggregate: workflows, case types, cases, their timeline, what they keep apart,
violations and enforcement, notifications."""

from cases.models.calendars import CalendarHoliday, WorkCalendar
from cases.models.case_types import CaseType
from cases.models.cases import STAFF_INTAKE_CHANNELS, Case, CaseSequence
from cases.models.confidential import Attachment, CaseConfidential, attachment_path
from cases.models.enforcement import EnforcementAction, EnforcementOutcome, NoticeSequence, Violation
from cases.models.events import AppendOnlyQuerySet, CaseEvent
from cases.models.notifications import Notification
from cases.models.workflows import Workflow, WorkflowEscalation, WorkflowState, WorkflowTransition

__all__ = [
    "STAFF_INTAKE_CHANNELS",
    "AppendOnlyQuerySet",
    "Attachment",
    "CalendarHoliday",
    "Case",
    "CaseConfidential",
    "CaseEvent",
    "CaseSequence",
    "CaseType",
    "EnforcementAction",
    "EnforcementOutcome",
    "NoticeSequence",
    "Notification",
    "Violation",
    "WorkCalendar",
    "Workflow",
    "WorkflowEscalation",
    "WorkflowState",
    "WorkflowTransition",
    "attachment_path",
]
