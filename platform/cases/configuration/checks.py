"""Consistency of case types and workflows: states, transitions, actions, roles, forms, channels.

Each check returns its problems (translated sentences) and writes nothing; the admin's workflow form and the
YAML loaders share them, so a workflow is refused for the same reasons wherever it is edited.
"""

from collections import deque

from django.utils.translation import gettext as _

from accounts.models import Role
from cases.catalogue import check_actions
from cases.configuration.parse import role_list, stream_actions
from cases.models import STAFF_INTAKE_CHANNELS, Case, CaseType, EnforcementAction, Workflow
from core.i18n import missing_translations
from forms_builder.models import FormDefinition, OptionList


def _roles() -> set[str]:
    return set(Role.objects.values_list("key", flat=True))


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


def workflow_data_problems(data: dict, *, workflow: Workflow | None) -> list[str]:
    """Reasons a parsed workflow document (``parse.workflow_parse``) cannot be loaded over ``workflow``."""
    problems = workflow_problems(
        states=data["states"],
        transitions=data["transitions"],
        on_open_actions=data["on_open_actions"],
        workflow=workflow,
    )
    missing_forms = [
        t["form"]
        for t in data["transitions"]
        if t["form"] and not FormDefinition.objects.filter(key=t["form"]).exists()
    ]
    problems += [_("unknown form: %(key)s") % {"key": key} for key in missing_forms]
    if missing_translations(data["name"]):
        problems.append(
            _("the workflow's name is missing in: %(languages)s")
            % {"languages": ", ".join(missing_translations(data["name"]))}
        )
    return problems


def _ladder_problems(ladder: dict) -> list[str]:
    kinds = {kind for step, following in ladder.items() for kind in [step, *following]} - {"start"}
    return [
        _("unknown enforcement action in the ladder: %(kind)s") % {"kind": kind}
        for kind in sorted(kinds - set(EnforcementAction.Kind.values))
    ]


def _intake_problems(document: dict, roles: set[str]) -> list[str]:
    """Staff intake: existing roles, known channels, and both or neither."""
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


def case_type_problems(document: dict) -> list[str]:
    """Reasons a case type document cannot be loaded: its name, the form, workflow and roles it names, its
    staff intake and its enforcement ladder (parent types are settled once every file is loaded)."""
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
    named_roles = role_list(document.get("restricted_role")) + role_list(document.get("escalation_role"))
    problems += [_("unknown role: %(key)s") % {"key": role} for role in named_roles if role not in roles]
    unknown = [r for r in document.get("staff_roles") or [] if r not in roles]
    if unknown or not document.get("staff_roles"):
        problems.append(
            _("staff roles must name existing roles: %(roles)s") % {"roles": ", ".join(unknown) or "—"}
        )
    problems += _intake_problems(document, roles)
    satisfaction = document.get("satisfaction_list")
    if satisfaction and not OptionList.objects.filter(key=satisfaction).exists():
        problems.append(
            _("unknown option list for the satisfaction question: %(key)s") % {"key": satisfaction}
        )
    return problems + _ladder_problems(document.get("enforcement_ladder") or {})


def case_type_references() -> list[str]:
    """After loading every file: every 'open a related case' action names an existing case type."""
    known = set(CaseType.objects.values_list("key", flat=True))
    problems = []
    for workflow in Workflow.objects.prefetch_related("transitions"):
        streams = [("on_open", workflow.on_open_actions)] + [
            (t.key, t.actions) for t in workflow.transitions.all()
        ]
        for where, stream in streams:
            for item in stream_actions(stream):
                if item["name"] == "open_child_case" and item["params"].get("case_type") not in known:
                    problems.append(
                        _("workflow %(workflow)s, %(where)s: unknown case type %(key)s")
                        % {"workflow": workflow.key, "where": where, "key": item["params"].get("case_type")}
                    )
    return problems
