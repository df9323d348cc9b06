"""Case types and workflows → YAML documents in configs/, which load back unchanged."""

from pathlib import Path

from cases.models import CaseType, Workflow
from core.configs import write_yaml
from forms_builder.services import stream_values


def _action_list(stream) -> list[dict]:
    items = []
    for item in stream_values(list(stream.raw_data)):
        params = dict(item["value"])
        only_if = params.pop("only_if", None)
        entry = {
            "name": item["type"],
            "params": {k: v for k, v in params.items() if v not in (None, "", {})},
        }
        if only_if and only_if.get("rules"):
            entry["only_if"] = only_if
        items.append(entry)
    return items


def _state_document(state) -> dict:
    return {
        "key": state.key,
        "label": dict(state.label),
        "public_label": dict(state.public_label),
        **({"initial": True} if state.is_initial else {}),
        **({"terminal": True} if state.is_terminal else {}),
        **({"sla_hours": state.sla_hours} if state.sla_hours else {}),
        **({"requires_assignee": True} if state.requires_assignee else {}),
        **({"calendar": state.calendar.key} if state.calendar_id else {}),
    }


def _transition_document(transition) -> dict:
    return {
        "key": transition.key,
        "label": dict(transition.label),
        "from": transition.from_state_keys,
        "to": transition.to_state,
        "roles": transition.role_keys,
        **({"form": transition.form.key} if transition.form_id else {}),
        **({"comment_required": True} if transition.comment_required else {}),
        **({"public": False} if not transition.public else {}),
        **({"comment_public": True} if transition.comment_public else {}),
        **({"by_reporter": True} if transition.by_reporter else {}),
        **({"reopens": True} if transition.reopens else {}),
        **({"actions": _action_list(transition.actions)} if transition.actions else {}),
    }


def _escalation_documents(workflow: Workflow) -> list[dict]:
    """The workflow's escalation rows, grouped back by the states they share (as the YAML gives them)."""
    groups: list[dict] = []
    for row in workflow.escalations.all():
        if not groups or groups[-1]["states"] != row.state_keys:
            groups.append({"states": row.state_keys, "levels": []})
        groups[-1]["levels"].append(
            {
                "level": row.level,
                "after_hours": row.after_hours,
                "roles": row.role_keys,
                "scope": row.scope,
                **({"reassign": True} if row.reassign else {}),
            }
        )
    return [{k: v for k, v in group.items() if v} for group in groups]


def workflow_document(workflow: Workflow) -> dict:
    """The YAML document of a workflow (what ``workflow_load_document`` reads)."""
    document = {"key": workflow.key, "name": dict(workflow.name)}
    if workflow.description and any(workflow.description.values()):
        document["description"] = dict(workflow.description)
    document["states"] = [_state_document(s) for s in workflow.states.all()]
    document["transitions"] = [_transition_document(t) for t in workflow.transitions.select_related("form")]
    if workflow.on_open_actions:
        document["on_open_actions"] = _action_list(workflow.on_open_actions)
    escalations = _escalation_documents(workflow)
    if escalations:
        document["escalations"] = escalations
    return document


def case_type_document(case_type: CaseType) -> dict:
    """The YAML document of a case type (what ``case_type_load_document`` reads)."""
    document = {
        "key": case_type.key,
        "name": dict(case_type.name),
        "prefix": case_type.prefix,
        "intake_form": case_type.intake_form.key,
        "workflow": case_type.workflow.key,
        "public_intake": case_type.public_intake,
        "allow_anonymous": case_type.allow_anonymous,
        "staff_roles": case_type.staff_role_keys,
    }
    optional = {
        "description": dict(case_type.description) if any((case_type.description or {}).values()) else None,
        "intake_roles": case_type.intake_role_keys,
        "intake_channels": case_type.intake_channel_keys,
        "restricted_role": case_type.restricted_role_keys,
        "escalation_role": case_type.escalation_role,
        "calendar": case_type.calendar.key if case_type.calendar_id else None,
        "governorate_field": case_type.governorate_field,
        "establishment_field": case_type.establishment_field,
        "contact_fields": case_type.contact_field_keys,
        "parent_reference_field": case_type.parent_reference_field,
        "parent_types": [p.key for p in case_type.parent_types.all()],
        "parent_window_days": case_type.parent_window_days,
        "satisfaction_list": case_type.satisfaction_list,
        "enforcement_ladder": case_type.enforcement_ladder,
        "enforcement_outcome_roles": case_type.enforcement_outcome_roles,
        "notice_texts": case_type.notice_texts,
    }
    document.update({k: v for k, v in optional.items() if v not in (None, "", [], {})})
    return document


def workflows_export(config_dir: Path) -> list[Path]:
    return [
        write_yaml(config_dir / "workflows" / f"{w.key}.yaml", workflow_document(w))
        for w in Workflow.objects.prefetch_related("states__calendar", "escalations")
    ]


def case_types_export(config_dir: Path) -> list[Path]:
    return [
        write_yaml(config_dir / "case_types" / f"{c.key}.yaml", case_type_document(c))
        for c in CaseType.objects.select_related("intake_form", "workflow", "calendar")
    ]
