"""Loading case types and workflows from YAML: parse, check, write the models, save a revision.

Registered with ``core.configs`` by the app (``apps.py``). A case type may name parent types declared in
files loaded after its own: its load defers them, and ``case_type_parents_resolve`` (the loader's second
phase) sets them once every file is loaded, or refuses the whole load naming the file.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cases.configuration.checks import case_type_problems, workflow_data_problems
from cases.configuration.parse import actions_stream, case_type_fields, case_type_parse, workflow_parse
from cases.models import (
    CaseType,
    WorkCalendar,
    Workflow,
    WorkflowEscalation,
    WorkflowState,
    WorkflowTransition,
)
from core.configs import ConfigError, Deferred, Loaded
from forms_builder.models import FormDefinition


def _save_states(workflow: Workflow, states: list[dict]) -> None:
    keep = []
    for order, state in enumerate(states):
        obj, _created = WorkflowState.objects.update_or_create(
            workflow=workflow,
            key=state["key"],
            defaults={
                "label": state["label"],
                "public_label": state["public_label"],
                "is_initial": state["is_initial"],
                "is_terminal": state["is_terminal"],
                "sla_hours": state["sla_hours"],
                "requires_assignee": state["requires_assignee"],
                "calendar": WorkCalendar.objects.get(key=state["calendar"]) if state["calendar"] else None,
                "sort_order": order,
            },
        )
        keep.append(obj.pk)
    workflow.states.exclude(pk__in=keep).delete()


def _save_transitions(workflow: Workflow, transitions: list[dict]) -> None:
    keep = []
    for order, t in enumerate(transitions):
        obj, _created = WorkflowTransition.objects.update_or_create(
            workflow=workflow,
            key=t["key"],
            defaults={
                "label": t["label"],
                "from_states": ",".join(t["from"]),
                "to_state": t["to"],
                "allowed_roles": ",".join(t["roles"]),
                "form": FormDefinition.objects.get(key=t["form"]) if t["form"] else None,
                "comment_required": t["comment_required"],
                "public": t["public"],
                "comment_public": t["comment_public"],
                "by_reporter": t["by_reporter"],
                "reopens": t["reopens"],
                "sort_order": order,
                "actions": actions_stream(t["actions"]),
            },
        )
        keep.append(obj.pk)
    workflow.transitions.exclude(pk__in=keep).delete()


def _save_escalations(workflow: Workflow, groups: list[dict]) -> None:
    """One row per level, carrying its group's states (rows have no key of their own: replaced)."""
    workflow.escalations.all().delete()
    rows = [
        WorkflowEscalation(
            workflow=workflow,
            states=",".join(group["states"]),
            level=level["level"],
            after_hours=level["after_hours"],
            roles=",".join(level["roles"]),
            scope=level["scope"],
            reassign=level["reassign"],
        )
        for group in groups
        for level in group["levels"]
    ]
    for order, row in enumerate(rows):
        row.sort_order = order
    WorkflowEscalation.objects.bulk_create(rows)


@transaction.atomic
def workflow_load_document(document: dict, path: Path) -> dict[str, int]:
    """Create or update a workflow from YAML; refused with reasons when inconsistent."""
    data = workflow_parse(document, path)
    workflow = Workflow.objects.filter(key=data["key"]).first()
    problems = workflow_data_problems(data, workflow=workflow)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    workflow = workflow or Workflow(key=data["key"])
    workflow.name = data["name"]
    workflow.description = data["description"]
    workflow.on_open_actions = actions_stream(data["on_open_actions"])
    workflow.save()
    _save_states(workflow, data["states"])
    _save_transitions(workflow, data["transitions"])
    _save_escalations(workflow, data["escalations"])
    workflow.save_revision(log_action=True)
    return {"states": len(data["states"]), "transitions": len(data["transitions"])}


@transaction.atomic
def case_type_load_document(document: dict, path: Path) -> Loaded:
    """Create or update a case type from YAML; refused with reasons when it names what does not exist.
    Its parent types are deferred: ``case_type_parents_resolve`` sets them once every file is loaded."""
    document = case_type_parse(document, path)
    problems = case_type_problems(document)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    case_type = CaseType.objects.filter(key=document["key"]).first() or CaseType(key=document["key"])
    for field, value in case_type_fields(document).items():
        setattr(case_type, field, value)
    case_type.intake_form = FormDefinition.objects.get(key=document["intake_form"])
    case_type.workflow = Workflow.objects.get(key=document["workflow"])
    case_type.calendar = WorkCalendar.objects.filter(key=document.get("calendar") or "").first()
    case_type.full_clean(exclude=["intake_form", "workflow", "calendar"])
    case_type.save()
    parents = list(document.get("parent_types") or [])
    case_type.parent_types.set(CaseType.objects.filter(key__in=parents))  # those known so far
    case_type.save_revision(log_action=True)
    return Loaded({"case_types": 1}, deferred=(case_type.key, parents))


def case_type_parents_resolve(deferred: list[Deferred]) -> list[str]:
    """Second phase of the case type loader: set each loaded case type's parent types, now that every file is
    loaded; a parent type that no file declared is a problem naming the file that wanted it."""
    known = set(CaseType.objects.values_list("key", flat=True))
    problems = []
    for item in deferred:
        key, parents = item.value
        missing = sorted(set(parents) - known)
        if missing:
            problems.append(
                f"{item.path}: " + _("unknown parent case types: %(keys)s") % {"keys": ", ".join(missing)}
            )
        else:
            CaseType.objects.get(key=key).parent_types.set(CaseType.objects.filter(key__in=parents))
    return problems
