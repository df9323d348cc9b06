"""Case types and workflows as data (configs/): ``parse`` (YAML → plain data), ``checks`` (consistency),
``load`` (writes, revisions, the second phase for parent types) and ``export`` (models → YAML)."""

from cases.configuration.calendars import calendar_load_document, calendars_export
from cases.configuration.checks import case_type_references, enforcement_problems, workflow_problems
from cases.configuration.export import case_types_export, workflows_export
from cases.configuration.load import (
    case_type_load_document,
    case_type_parents_resolve,
    workflow_load_document,
)
from cases.configuration.parse import stream_actions

__all__ = [
    "calendar_load_document",
    "calendars_export",
    "case_type_load_document",
    "case_type_parents_resolve",
    "case_type_references",
    "case_types_export",
    "enforcement_problems",
    "stream_actions",
    "workflow_load_document",
    "workflow_problems",
    "workflows_export",
]
