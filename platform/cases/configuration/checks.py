"""Consistency of case types and workflows: states, transitions, actions, roles, forms, channels.

Each check returns its problems (translated sentences) and writes nothing; the admin's workflow form and the
YAML loaders share them, so a workflow is refused for the same reasons wherever it is edited.
"""

from collections import deque

from django.utils.translation import gettext as _

from accounts.models import Role
from cases.catalogue import check_actions
from cases.configuration.escalation_checks import escalation_problems
from cases.configuration.parse import role_list, stream_actions
from cases.models import STAFF_INTAKE_CHANNELS, Case, CaseType, EnforcementAction, WorkCalendar, Workflow
from cases.services.enforcement_outcomes import OUTCOME_ROLE_KEYS
from core.i18n import missing_translations
from forms_builder.models import FormDefinition, OptionList
from registry.models import LegalProvision


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
    problems += _source_problems(t, known, terminal)
    unknown_roles = [r for r in t.get("roles") or [] if r not in roles]
    if unknown_roles:
        problems.append(
            _("transition %(key)s names roles that do not exist: %(roles)s")
            % {"key": name, "roles": ", ".join(unknown_roles)}
        )
    problems += _taker_problems(t)
    return problems + [f"{name}: {p}" for p in check_actions(t.get("actions") or [])]


def _source_problems(t: dict, known: set[str], terminal: set[str]) -> list[str]:
    """The states a transition starts from exist; only a reopening step starts from a terminal one."""
    name, sources = t["key"], t.get("from") or []
    if not sources:
        return [_("transition %(key)s starts from no state") % {"key": name}]
    problems = [
        _("transition %(key)s starts from a state that does not exist: %(state)s")
        % {"key": name, "state": source}
        for source in sources
        if source not in known
    ]
    if t.get("reopens"):
        if not set(sources) & terminal:
            problems.append(_("transition %(key)s reopens but starts from no terminal state") % {"key": name})
        return problems
    return problems + [
        _("terminal state %(state)s has an outgoing transition: %(key)s") % {"state": source, "key": name}
        for source in sources
        if source in terminal
    ]


def _taker_problems(t: dict) -> list[str]:
    """Someone may take the step: a role, or the reporter (who fills in no form, only a text)."""
    name = t["key"]
    if t.get("by_reporter"):
        if t.get("form"):
            return [_("transition %(key)s is taken by the reporter and cannot have a form") % {"key": name}]
        return []
    if not t.get("roles"):
        return [_("transition %(key)s has no role allowed to take it") % {"key": name}]
    return []


def _dead_ends(states: list[dict], transitions: list[dict]) -> list[str]:
    """Every state that is not final has a way onward: a case never has to be forced through a wrong one."""
    leaving = {source for t in transitions for source in t.get("from") or [] if t.get("to") != source}
    return [
        _("state %(key)s is not terminal but no transition leaves it") % {"key": s["key"]}
        for s in states
        if not s.get("is_terminal") and s["key"] not in leaving
    ]


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
    *,
    states: list[dict],
    transitions: list[dict],
    on_open_actions=None,
    workflow: Workflow | None = None,
    escalations: list[dict] | None = None,
) -> list[str]:
    """Reasons a workflow is inconsistent. States: {key, label, public_label, is_initial, is_terminal};
    transitions: {key, label, from: [...], to, roles: [...], actions: [{name, params}]}; escalations:
    [{states, levels: [{level, after_hours, roles, scope}]}] (``parse.escalation_groups``)."""
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
    problems += _dead_ends(states, transitions)
    problems += escalation_problems(escalations or [], known, roles)
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
        escalations=data["escalations"],
    )
    calendars = set(WorkCalendar.objects.values_list("key", flat=True))
    problems += [
        _("state %(key)s: unknown calendar %(calendar)s") % {"key": s["key"], "calendar": s["calendar"]}
        for s in data["states"]
        if s["calendar"] and s["calendar"] not in calendars
    ]
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


def _ladder_problems(ladder) -> list[str]:
    """Each step names a list of known kinds; ``any`` lists the kinds allowed at any rung (with a reason)."""
    if not isinstance(ladder, dict):
        return [_("the enforcement ladder must map each step to the actions that may follow it")]
    problems = [
        _("enforcement ladder, %(step)s: expected a list of actions") % {"step": step}
        for step, following in ladder.items()
        if not isinstance(following, list)
    ]
    if problems:
        return problems
    kinds = {kind for step, following in ladder.items() for kind in [step, *following]} - {"start", "any"}
    problems = [
        _("unknown enforcement action in the ladder: %(kind)s") % {"kind": kind}
        for kind in sorted(kinds - set(EnforcementAction.Kind.values))
    ]
    if ladder and "start" not in ladder:
        problems.append(_("the enforcement ladder has no start step"))
    return problems


def _outcome_roles_problems(value, roles: set[str]) -> list[str]:
    if not isinstance(value, dict):
        return [_("who records enforcement outcomes must map each outcome to roles")]
    problems = [
        _("unknown enforcement outcome: %(key)s (use %(known)s)")
        % {"key": key, "known": ", ".join(OUTCOME_ROLE_KEYS)}
        for key in value
        if key not in OUTCOME_ROLE_KEYS
    ]
    named = [role for listed in value.values() for role in role_list(listed)]
    return problems + [_("unknown role: %(key)s") % {"key": role} for role in named if role not in roles]


NOTICE_TEXT_KEYS = ("title", "body", "payment", "objection")


def _notice_texts_problems(value) -> list[str]:
    """Per known kind: bilingual title/body/payment/objection texts and a whole number of days to object."""
    if not isinstance(value, dict):
        return [_("the notice wording must map each kind of action to its texts")]
    problems = []
    for kind, texts in value.items():
        if kind not in EnforcementAction.Kind.values:
            problems.append(_("notice wording for an unknown enforcement action: %(kind)s") % {"kind": kind})
            continue
        if not isinstance(texts, dict):
            problems.append(_("notice wording, %(kind)s: expected its texts") % {"kind": kind})
            continue
        for key in NOTICE_TEXT_KEYS:
            missing = missing_translations(texts.get(key)) if texts.get(key) else []
            if missing:
                problems.append(
                    _("notice wording, %(kind)s, %(key)s: missing in: %(languages)s")
                    % {"kind": kind, "key": key, "languages": ", ".join(missing)}
                )
        provision = texts.get("penalty_provision")
        if provision and not LegalProvision.objects.filter(key=provision).exists():
            problems.append(
                _("notice wording, %(kind)s: unknown legal provision %(key)s")
                % {"kind": kind, "key": provision}
            )
        days = texts.get("objection_days")
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
            problems.append(
                _("notice wording, %(kind)s: objection_days must be a whole number of days") % {"kind": kind}
            )
    return problems


def enforcement_problems(document: dict, roles: set[str] | None = None) -> list[str]:
    """The case type's enforcement keys: the ladder, who records outcomes, the notice wording."""
    roles = _roles() if roles is None else roles
    return (
        _ladder_problems(document.get("enforcement_ladder") or {})
        + _outcome_roles_problems(document.get("enforcement_outcome_roles") or {}, roles)
        + _notice_texts_problems(document.get("notice_texts") or {})
    )


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
    calendar = document.get("calendar")
    if calendar and not WorkCalendar.objects.filter(key=calendar).exists():
        problems.append(_("unknown calendar: %(key)s") % {"key": calendar})
    satisfaction = document.get("satisfaction_list")
    if satisfaction and not OptionList.objects.filter(key=satisfaction).exists():
        problems.append(
            _("unknown option list for the satisfaction question: %(key)s") % {"key": satisfaction}
        )
    return problems + enforcement_problems(document, roles)


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
