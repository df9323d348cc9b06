"""YAML documents of case types and workflows → plain, normalised data (no database reads).

A document that has not even the shape of one (no key) is refused here, naming the file; whether what it
names exists is for ``checks``.
"""

from pathlib import Path
from typing import Any

from cases.catalogue import plain
from core.configs import ConfigError


def stream_actions(stream) -> list[dict]:
    """The actions of a StreamField (blocks, or their raw dicts) as ``[{name, params}]``."""
    items = []
    for block in stream or []:
        if hasattr(block, "block_type"):
            items.append({"name": block.block_type, "params": plain(dict(block.value))})
        else:
            items.append(
                {
                    "name": block.get("type") or block.get("name"),
                    "params": block.get("value") or block.get("params") or {},
                }
            )
    return items


def action_items(items: list[dict] | None) -> list[dict]:
    """YAML actions (``name``, ``params``, ``only_if``) as ``[{name, params}]``, ``only_if`` in the params."""
    return [
        {
            "name": i.get("name"),
            "params": {**(i.get("params") or {}), **({"only_if": i["only_if"]} if i.get("only_if") else {})},
        }
        for i in items or []
    ]


def actions_stream(items: list[dict] | None) -> list[dict]:
    """YAML actions as the raw value of an actions StreamField."""
    stream = []
    for item in items or []:
        value = dict(item.get("params") or {})
        if item.get("only_if"):
            value["only_if"] = item["only_if"]
        stream.append({"type": item.get("name"), "value": value})
    return stream


def _state(entry: dict) -> dict:
    return {
        "key": entry["key"],
        "label": entry.get("label") or {},
        "public_label": entry.get("public_label") or {},
        "is_initial": bool(entry.get("initial")),
        "is_terminal": bool(entry.get("terminal")),
        "sla_hours": entry.get("sla_hours"),
        "requires_assignee": bool(entry.get("requires_assignee")),
        "calendar": entry.get("calendar") or "",
    }


def _transition(entry: dict) -> dict:
    return {
        "key": entry["key"],
        "label": entry.get("label") or {},
        "from": entry.get("from") or [],
        "to": entry.get("to"),
        "roles": entry.get("roles") or [],
        "form": entry.get("form"),
        "comment_required": bool(entry.get("comment_required")),
        "public": entry.get("public", True),
        "comment_public": bool(entry.get("comment_public")),
        "by_reporter": bool(entry.get("by_reporter")),
        "reopens": bool(entry.get("reopens")),
        "actions": action_items(entry.get("actions")),
    }


def _level(entry: dict) -> dict:
    return {
        "level": entry.get("level"),
        "after_hours": entry.get("after_hours") or 0,
        "roles": role_list(entry.get("roles") or entry.get("role")),
        "scope": entry.get("scope") or "governorate",
        "reassign": bool(entry.get("reassign")),
    }


def escalation_groups(items: list[dict] | None) -> list[dict]:
    """YAML ``escalations`` as ``[{states: [...] (empty: all), levels: [{level, after_hours, roles, scope,
    reassign}]}]``; a level may name one ``role`` or several ``roles``."""
    return [
        {
            "states": [str(key) for key in group.get("states") or []],
            "levels": [_level(level) for level in group.get("levels") or []],
        }
        for group in items or []
    ]


def workflow_parse(document: Any, path: Path) -> dict:
    """A workflow document as {key, name, description, states, transitions, on_open_actions, escalations},
    where states are {key, label, public_label, is_initial, is_terminal, sla_hours, requires_assignee,
    calendar}, transitions {key, label, from, to, roles, form, comment_required, public, comment_public,
    by_reporter, reopens, actions: [{name, params}]} and escalations as ``escalation_groups`` gives them."""
    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a workflow with a key")
    return {
        "key": document["key"],
        "name": document.get("name"),
        "description": document.get("description") or {},
        "states": [_state(s) for s in document.get("states") or []],
        "transitions": [_transition(t) for t in document.get("transitions") or []],
        "on_open_actions": action_items(document.get("on_open_actions")),
        "escalations": escalation_groups(document.get("escalations")),
    }


def case_type_parse(document: Any, path: Path) -> dict:
    """A case type document, refused unless it has the shape of one."""
    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a case type with a key")
    return document


def role_list(value) -> list[str]:
    """A role key or a list of them (the YAML may give either) as a list."""
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def case_type_fields(document: dict) -> dict[str, Any]:
    """The case type's own field values (not the forms, workflow or parents it names) from its document."""
    return {
        "name": document["name"],
        "description": document.get("description") or {},
        "prefix": document["prefix"],
        "public_intake": bool(document.get("public_intake")),
        "allow_anonymous": bool(document.get("allow_anonymous")),
        "staff_roles": ",".join(document.get("staff_roles") or []),
        "intake_roles": ",".join(document.get("intake_roles") or []),
        "intake_channels": ",".join(document.get("intake_channels") or []),
        "restricted_role": ",".join(role_list(document.get("restricted_role"))),
        "escalation_role": document.get("escalation_role") or "",
        "governorate_field": document.get("governorate_field") or "",
        "establishment_field": document.get("establishment_field") or "",
        "contact_fields": ",".join(document.get("contact_fields") or []),
        "parent_window_days": document.get("parent_window_days"),
        "parent_reference_field": document.get("parent_reference_field") or "",
        "satisfaction_list": document.get("satisfaction_list") or "",
        "enforcement_ladder": document.get("enforcement_ladder") or {},
        "enforcement_outcome_roles": {
            status: role_list(roles)
            for status, roles in (document.get("enforcement_outcome_roles") or {}).items()
        },
        "notice_texts": document.get("notice_texts") or {},
    }
