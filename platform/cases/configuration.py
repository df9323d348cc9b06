"""Case types and workflows as data: consistency checks, YAML load and export (configs/)."""

from collections import deque
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cases.catalogue import check_actions, plain
from cases.models import Case, CaseType, Workflow, WorkflowState, WorkflowTransition
from core.configs import ConfigError
from core.i18n import missing_translations


def _roles() -> set[str]:
    from accounts.models import Role

    return set(Role.objects.values_list("key", flat=True))


def _stream_actions(stream) -> list[dict]:
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


def _duplicates(keys: list[str], message: str) -> list[str]:
    return [message % {"key": key} for key in sorted({k for k in keys if keys.count(k) > 1})]


def _state_problems(states: list[dict]) -> list[str]:
    problems = _duplicates([s["key"] for s in states], _("state %(key)s is defined more than once"))
    initial = [s["key"] for s in states if s.get("is_initial")]
    if not initial:
        problems.append(_("there is no initial state"))
    elif len(initial) > 1:
        problems.append(_("there is more than one initial state: %(keys)s") % {"keys": ", ".join(initial)})
    for state in states:
        for name, what in (("label", _("label")), ("public_label", _("public label"))):
            missing = missing_translations(state.get(name))
            if missing:
                problems.append(
                    _("state %(key)s: the %(what)s is missing in: %(languages)s")
                    % {"key": state["key"], "what": what, "languages": ", ".join(missing)}
                )
    return problems


def _transition_problems(t: dict, known: set[str], terminal: set[str], roles: set[str]) -> list[str]:
    name, problems = t["key"], []
    if missing_translations(t.get("label")):
        problems.append(
            _("transition %(key)s: the label is missing in: %(languages)s")
            % {"key": name, "languages": ", ".join(missing_translations(t.get("label")))}
        )
    if t.get("to") not in known:
        problems.append(
            _("transition %(key)s goes to a state that does not exist: %(state)s")
            % {"key": name, "state": t.get("to")}
        )
    if not t.get("from"):
        problems.append(_("transition %(key)s starts from no state") % {"key": name})
    for source in t.get("from") or []:
        if source not in known:
            problems.append(
                _("transition %(key)s starts from a state that does not exist: %(state)s")
                % {"key": name, "state": source}
            )
        elif source in terminal:
            problems.append(
                _("terminal state %(state)s has an outgoing transition: %(key)s")
                % {"state": source, "key": name}
            )
    unknown_roles = [r for r in t.get("roles") or [] if r not in roles]
    if unknown_roles:
        problems.append(
            _("transition %(key)s names roles that do not exist: %(roles)s")
            % {"key": name, "roles": ", ".join(unknown_roles)}
        )
    if not t.get("roles"):
        problems.append(_("transition %(key)s has no role allowed to take it") % {"key": name})
    return problems + [f"{name}: {p}" for p in check_actions(t.get("actions") or [])]


def _unreachable(states: list[dict], transitions: list[dict]) -> list[str]:
    initial = [s["key"] for s in states if s.get("is_initial")]
    if len(initial) != 1:
        return []
    terminal = {s["key"] for s in states if s.get("is_terminal")}
    graph: dict[str, set[str]] = {}
    for t in transitions:
        for source in t.get("from") or []:
            if source not in terminal:
                graph.setdefault(source, set()).add(t.get("to"))
    reached, queue = {initial[0]}, deque([initial[0]])
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    return [
        _("state %(key)s cannot be reached from the initial state") % {"key": s["key"]}
        for s in states
        if s["key"] not in reached
    ]


def workflow_problems(
    *, states: list[dict], transitions: list[dict], on_open_actions=None, workflow: Workflow | None = None
) -> list[str]:
    """Reasons a workflow is inconsistent. States: {key, label, public_label, is_initial, is_terminal};
    transitions: {key, label, from: [...], to, roles: [...], actions: [{name, params}]}."""
    known = {s["key"] for s in states}
    terminal = {s["key"] for s in states if s.get("is_terminal")}
    roles = _roles()
    problems = _state_problems(states)
    problems += _duplicates(
        [t["key"] for t in transitions], _("transition %(key)s is defined more than once")
    )
    for t in transitions:
        problems += _transition_problems(t, known, terminal, roles)
    problems += check_actions(on_open_actions or [])
    problems += _unreachable(states, transitions)
    if workflow is not None and workflow.pk:
        in_use = set(
            Case.objects.filter(case_type__workflow=workflow).values_list("state", flat=True).distinct()
        )
        problems += [
            _("state %(key)s is removed but cases are in it") % {"key": key} for key in sorted(in_use - known)
        ]
    return problems


def _state_dict(entry: dict) -> dict:
    return {
        "key": entry["key"],
        "label": entry.get("label") or {},
        "public_label": entry.get("public_label") or {},
        "is_initial": bool(entry.get("initial")),
        "is_terminal": bool(entry.get("terminal")),
        "sla_hours": entry.get("sla_hours"),
        "requires_assignee": bool(entry.get("requires_assignee")),
    }


def _actions_stream(items: list[dict]) -> list[dict]:
    stream = []
    for item in items or []:
        value = dict(item.get("params") or {})
        if item.get("only_if"):
            value["only_if"] = item["only_if"]
        stream.append({"type": item.get("name"), "value": value})
    return stream


def _action_items(items: list[dict]) -> list[dict]:
    return [
        {
            "name": i.get("name"),
            "params": {**(i.get("params") or {}), **({"only_if": i["only_if"]} if i.get("only_if") else {})},
        }
        for i in items or []
    ]


@transaction.atomic
def workflow_load_document(document: dict, path: Path) -> dict[str, int]:
    """Create or update a workflow from YAML; refused with reasons when inconsistent."""
    from forms_builder.models import FormDefinition

    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a workflow with a key")
    states = [_state_dict(s) for s in document.get("states") or []]
    transitions = []
    for entry in document.get("transitions") or []:
        transitions.append(
            {
                "key": entry["key"],
                "label": entry.get("label") or {},
                "from": entry.get("from") or [],
                "to": entry.get("to"),
                "roles": entry.get("roles") or [],
                "form": entry.get("form"),
                "comment_required": bool(entry.get("comment_required")),
                "public": entry.get("public", True),
                "actions": _action_items(entry.get("actions")),
            }
        )
    workflow = Workflow.objects.filter(key=document["key"]).first()
    problems = workflow_problems(
        states=states,
        transitions=transitions,
        on_open_actions=_action_items(document.get("on_open_actions")),
        workflow=workflow,
    )
    missing_forms = [
        t["form"]
        for t in transitions
        if t["form"] and not FormDefinition.objects.filter(key=t["form"]).exists()
    ]
    problems += [_("unknown form: %(key)s") % {"key": key} for key in missing_forms]
    if missing_translations(document.get("name")):
        problems.append(
            _("the workflow's name is missing in: %(languages)s")
            % {"languages": ", ".join(missing_translations(document.get("name")))}
        )
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    workflow = workflow or Workflow(key=document["key"])
    workflow.name = document["name"]
    workflow.description = document.get("description") or {}
    workflow.on_open_actions = _actions_stream(document.get("on_open_actions"))
    workflow.save()
    keep_states = []
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
                "sort_order": order,
            },
        )
        keep_states.append(obj.pk)
    workflow.states.exclude(pk__in=keep_states).delete()
    keep = []
    for order, t in enumerate(transitions):
        form = FormDefinition.objects.get(key=t["form"]) if t["form"] else None
        obj, _created = WorkflowTransition.objects.update_or_create(
            workflow=workflow,
            key=t["key"],
            defaults={
                "label": t["label"],
                "from_states": ",".join(t["from"]),
                "to_state": t["to"],
                "allowed_roles": ",".join(t["roles"]),
                "form": form,
                "comment_required": t["comment_required"],
                "public": t["public"],
                "sort_order": order,
                "actions": _actions_stream(
                    [{"name": a["name"], "params": a["params"]} for a in t["actions"]]
                ),
            },
        )
        keep.append(obj.pk)
    workflow.transitions.exclude(pk__in=keep).delete()
    workflow.save_revision(log_action=True)
    return {"states": len(states), "transitions": len(transitions)}


def _ladder_problems(ladder: dict) -> list[str]:
    from cases.models import EnforcementAction

    kinds = {kind for step, following in ladder.items() for kind in [step, *following]} - {"start"}
    return [
        _("unknown enforcement action in the ladder: %(kind)s") % {"kind": kind}
        for kind in sorted(kinds - set(EnforcementAction.Kind.values))
    ]


def case_type_problems(document: dict) -> list[str]:
    from forms_builder.models import FormDefinition

    problems = []
    roles = _roles()
    if missing_translations(document.get("name")):
        problems.append(
            _("the %(what)s is missing in: %(languages)s")
            % {"what": _("name"), "languages": ", ".join(missing_translations(document.get("name")))}
        )
    if not FormDefinition.objects.filter(key=document.get("intake_form")).exists():
        problems.append(_("unknown form: %(key)s") % {"key": document.get("intake_form")})
    if not Workflow.objects.filter(key=document.get("workflow")).exists():
        problems.append(_("unknown workflow: %(key)s") % {"key": document.get("workflow")})
    named_roles = [document.get(f) for f in ("restricted_role", "escalation_role") if document.get(f)]
    problems += [_("unknown role: %(key)s") % {"key": role} for role in named_roles if role not in roles]
    unknown = [r for r in document.get("staff_roles") or [] if r not in roles]
    if unknown or not document.get("staff_roles"):
        problems.append(
            _("staff roles must name existing roles: %(roles)s") % {"roles": ", ".join(unknown) or "—"}
        )
    problems += _intake_problems(document, roles)
    return problems + _ladder_problems(document.get("enforcement_ladder") or {})


def _intake_problems(document: dict, roles: set[str]) -> list[str]:
    """Staff intake: existing roles, known channels, and both or neither."""
    from cases.models import STAFF_INTAKE_CHANNELS

    intake_roles = document.get("intake_roles") or []
    channels = document.get("intake_channels") or []
    problems = [
        _("unknown role among the roles that may open cases: %(key)s") % {"key": role}
        for role in intake_roles
        if role not in roles
    ]
    problems += [
        _("unknown intake channel: %(key)s (use %(known)s)")
        % {"key": channel, "known": ", ".join(STAFF_INTAKE_CHANNELS)}
        for channel in channels
        if channel not in STAFF_INTAKE_CHANNELS
    ]
    if bool(intake_roles) != bool(channels):
        problems.append(_("staff intake needs both the roles that may open cases and their channels"))
    return problems


@transaction.atomic
def case_type_load_document(document: dict, path: Path) -> dict[str, int]:
    from forms_builder.models import FormDefinition

    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a case type with a key")
    problems = case_type_problems(document)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    case_type = CaseType.objects.filter(key=document["key"]).first() or CaseType(key=document["key"])
    case_type.name = document["name"]
    case_type.description = document.get("description") or {}
    case_type.prefix = document["prefix"]
    case_type.intake_form = FormDefinition.objects.get(key=document["intake_form"])
    case_type.workflow = Workflow.objects.get(key=document["workflow"])
    case_type.public_intake = bool(document.get("public_intake"))
    case_type.allow_anonymous = bool(document.get("allow_anonymous"))
    case_type.staff_roles = ",".join(document.get("staff_roles") or [])
    case_type.intake_roles = ",".join(document.get("intake_roles") or [])
    case_type.intake_channels = ",".join(document.get("intake_channels") or [])
    case_type.restricted_role = document.get("restricted_role") or ""
    case_type.escalation_role = document.get("escalation_role") or ""
    case_type.governorate_field = document.get("governorate_field") or ""
    case_type.establishment_field = document.get("establishment_field") or ""
    case_type.contact_fields = ",".join(document.get("contact_fields") or [])
    case_type.parent_window_days = document.get("parent_window_days")
    case_type.parent_reference_field = document.get("parent_reference_field") or ""
    case_type.enforcement_ladder = document.get("enforcement_ladder") or {}
    case_type.full_clean(exclude=["intake_form", "workflow"])
    case_type.save()
    parents = document.get("parent_types") or []
    case_type.parent_types.set(CaseType.objects.filter(key__in=parents))
    _PENDING_PARENTS[case_type.key] = (str(path), list(parents))  # resolved once every file is loaded
    case_type.save_revision(log_action=True)
    return {"case_types": 1}


_PENDING_PARENTS: dict[str, tuple[str, list[str]]] = {}


def case_type_references() -> list[str]:
    """After loading every file: parent types are set (files load in any order) and every
    'open a related case' action names an existing case type."""
    known = set(CaseType.objects.values_list("key", flat=True))
    problems = []
    for key, (path, parents) in _PENDING_PARENTS.items():
        missing = sorted(set(parents) - known)
        if missing:
            problems.append(
                f"{path}: " + _("unknown parent case types: %(keys)s") % {"keys": ", ".join(missing)}
            )
        elif (case_type := CaseType.objects.filter(key=key).first()) is not None:
            case_type.parent_types.set(CaseType.objects.filter(key__in=parents))
    _PENDING_PARENTS.clear()
    for workflow in Workflow.objects.prefetch_related("transitions"):
        streams = [("on_open", workflow.on_open_actions)] + [
            (t.key, t.actions) for t in workflow.transitions.all()
        ]
        for where, stream in streams:
            for item in _stream_actions(stream):
                if item["name"] == "open_child_case" and item["params"].get("case_type") not in known:
                    problems.append(
                        _("workflow %(workflow)s, %(where)s: unknown case type %(key)s")
                        % {"workflow": workflow.key, "where": where, "key": item["params"].get("case_type")}
                    )
    return problems


# --- export ---------------------------------------------------------------------------------------------


def workflow_document(workflow: Workflow) -> dict:
    from forms_builder.services import _unwrap

    def action_list(stream):
        items = []
        for item in _unwrap(list(stream.raw_data)):
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

    document = {"key": workflow.key, "name": dict(workflow.name)}
    if workflow.description and any(workflow.description.values()):
        document["description"] = dict(workflow.description)
    document["states"] = [
        {
            "key": s.key,
            "label": dict(s.label),
            "public_label": dict(s.public_label),
            **({"initial": True} if s.is_initial else {}),
            **({"terminal": True} if s.is_terminal else {}),
            **({"sla_hours": s.sla_hours} if s.sla_hours else {}),
            **({"requires_assignee": True} if s.requires_assignee else {}),
        }
        for s in workflow.states.all()
    ]
    document["transitions"] = [
        {
            "key": t.key,
            "label": dict(t.label),
            "from": t.from_state_keys,
            "to": t.to_state,
            "roles": t.role_keys,
            **({"form": t.form.key} if t.form_id else {}),
            **({"comment_required": True} if t.comment_required else {}),
            **({"public": False} if not t.public else {}),
            **({"actions": action_list(t.actions)} if t.actions else {}),
        }
        for t in workflow.transitions.select_related("form")
    ]
    if workflow.on_open_actions:
        document["on_open_actions"] = action_list(workflow.on_open_actions)
    return document


def case_type_document(case_type: CaseType) -> dict:
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
        "restricted_role": case_type.restricted_role,
        "escalation_role": case_type.escalation_role,
        "governorate_field": case_type.governorate_field,
        "establishment_field": case_type.establishment_field,
        "contact_fields": case_type.contact_field_keys,
        "parent_reference_field": case_type.parent_reference_field,
        "parent_types": [p.key for p in case_type.parent_types.all()],
        "parent_window_days": case_type.parent_window_days,
        "enforcement_ladder": case_type.enforcement_ladder,
    }
    document.update({k: v for k, v in optional.items() if v not in (None, "", [], {})})
    return document


def workflows_export(config_dir: Path) -> list[Path]:
    from forms_builder.services import _write_yaml

    return [
        _write_yaml(config_dir / "workflows" / f"{w.key}.yaml", workflow_document(w))
        for w in Workflow.objects.prefetch_related("states")
    ]


def case_types_export(config_dir: Path) -> list[Path]:
    from forms_builder.services import _write_yaml

    return [
        _write_yaml(config_dir / "case_types" / f"{c.key}.yaml", case_type_document(c))
        for c in CaseType.objects.select_related("intake_form", "workflow")
    ]
