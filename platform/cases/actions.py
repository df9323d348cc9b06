"""The catalogue of workflow actions. Code defines them; configuration chooses and parameterises them.

Each action registers under a name (the YAML ``name`` and the StreamField block type), declares its
parameters (admin blocks), checks them when configuration is loaded, and runs inside the transition's
transaction: an action that fails rolls the whole transition back.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.errors import CaseConflict
from forms_builder import conditions
from forms_builder.blocks import TranslatedTextBlock, key_validator

ONLY_IF_LABEL = gettext_lazy("only if")


class ActionError(CaseConflict):
    """An action could not run; the transition is rolled back and the message shown."""

    code = "action_failed"


@dataclass
class ActionContext:
    case: Any
    actor: Any
    params: dict
    transition: Any = None
    data: dict = field(default_factory=dict)
    form_version: Any = None
    events: list = field(default_factory=list)

    def values(self) -> dict:
        """What ``only_if`` conditions compare against: the case's answers, then the transition's."""
        values = dict(self.case.data or {})
        for key, value in (self.data or {}).items():
            values[key] = value.get("answer") if isinstance(value, dict) and "answer" in value else value
        return values


class Action:
    name: ClassVar[str]
    label: ClassVar[Any]
    icon: ClassVar[str] = "cog"

    def param_blocks(self) -> list[tuple[str, blocks.Block]]:
        return []

    def check(self, params: dict) -> list[str]:
        """Problems with the parameters (configuration load time)."""
        return []

    def run(self, ctx: ActionContext) -> None:
        raise NotImplementedError


_REGISTRY: dict[str, Action] = {}


def register(action_class: type[Action]) -> type[Action]:
    _REGISTRY[action_class.name] = action_class()
    return action_class


def get(name: str) -> Action:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(name) from None


def all_actions() -> list[Action]:
    return list(_REGISTRY.values())


def check_actions(items: list[dict]) -> list[str]:
    """Problems with configured actions [{"name": ..., "params": {...}}]: unknown names, bad parameters."""
    problems = []
    for item in items:
        name = item.get("name")
        if name not in _REGISTRY:
            problems.append(_("unknown action: %(name)s") % {"name": name})
            continue
        problems += [f"{name}: {p}" for p in _REGISTRY[name].check(item.get("params") or {})]
    return problems


def run_actions(stream, ctx_base: dict) -> list:
    """Run configured actions (a StreamValue or [{"type", "value"}]) in order; return the events written."""
    events = []
    for block in stream:
        name, value = (
            (block.block_type, dict(block.value))
            if hasattr(block, "block_type")
            else (block["type"], dict(block["value"]))
        )
        condition = _plain(value.pop("only_if", None))
        ctx = ActionContext(params=_plain(value), **ctx_base)
        if conditions.rules_of(condition) and not conditions.evaluate(condition, ctx.values()):
            continue
        get(name).run(ctx)
        events += ctx.events
    return events


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) or type(value).__name__ == "ListValue":
        return [_plain(v) for v in value]
    return value


def _updated(ctx: ActionContext, **values):
    """The timeline's record of a protected field an action changed (verify_audit replays it)."""
    from cases.audit import event_write
    from cases.models import CaseEvent

    return event_write(case=ctx.case, kind=CaseEvent.Kind.UPDATED, actor=ctx.actor, data=values)


def _role_exists(key: str) -> bool:
    from accounts.models import Role

    return Role.objects.filter(key=key).exists()


@register
class NotifyReporter(Action):
    name = "notify_reporter"
    label = gettext_lazy("Notify the reporter")
    icon = "mail"

    def param_blocks(self):
        return [
            ("subject", TranslatedTextBlock(label=gettext_lazy("subject"))),
            (
                "message",
                TranslatedTextBlock(
                    multiline=True,
                    label=gettext_lazy("message"),
                    help_text=gettext_lazy("{reference} and {state} are replaced."),
                ),
            ),
        ]

    def check(self, params):
        from core.i18n import missing_translations

        return [
            _("the message is missing in: %(languages)s") % {"languages": ", ".join(missing)}
            for missing in [missing_translations(params.get("message"))]
            if missing
        ]

    def run(self, ctx):
        from cases.notifications import notify_reporter

        notify_reporter(
            case=ctx.case, subject=ctx.params.get("subject") or {}, message=ctx.params.get("message") or {}
        )


@register
class AssignByRule(Action):
    name = "assign_by_rule"
    label = gettext_lazy("Assign by rule")
    icon = "user"

    def param_blocks(self):
        return [
            ("role", blocks.CharBlock(label=gettext_lazy("role key"), validators=[key_validator])),
            (
                "same_governorate",
                blocks.BooleanBlock(
                    required=False, default=True, label=gettext_lazy("in the case's governorate")
                ),
            ),
        ]

    def check(self, params):
        return (
            []
            if _role_exists(params.get("role") or "")
            else [_("the role %(role)s does not exist") % {"role": params.get("role")}]
        )

    def run(self, ctx):
        from cases.notifications import notify_user
        from cases.selectors import case_visible
        from cases.services import assignee_by_rule, case_assign

        if ctx.case.assignee_id and case_visible(case=ctx.case, user=ctx.case.assignee):
            return  # someone was chosen by hand (or took the case): the rule does not overrule them
        user = assignee_by_rule(
            case=ctx.case,
            role_key=ctx.params["role"],
            same_governorate=ctx.params.get("same_governorate", True),
        )
        if user is not None:
            ctx.events.append(
                case_assign(case=ctx.case, assignee=user, actor=ctx.actor, by_rule=True, lock=False)
            )
            return
        # Nobody: the case stays in the unassigned queue and the people who assign by hand are told.
        for person in _assigners(ctx.case):
            notify_user(case=ctx.case, user=person, subject=NOBODY_SUBJECT, message=NOBODY_MESSAGE)


NOBODY_SUBJECT = {"ar": "لا أحد متاح لإسناد القضية {reference}", "en": "Nobody to assign case {reference} to"}
NOBODY_MESSAGE = {
    "ar": "لم تجد قاعدة الإسناد موظفاً متاحاً للقضية {reference}. ما زالت في قائمة غير المسندة: أسندها يدوياً.",
    "en": "The assignment rule found nobody available for case {reference}. It is still in the unassigned "
    "queue: assign it by hand.",
}


def _assigners(case):
    """Active people who may assign this case and can see it (supervisors of its governorate)."""
    from accounts.models import User
    from cases.selectors import case_visible

    role = case.case_type.escalation_role
    if not role:
        return []
    people = User.objects.filter(is_active=True, groups__role__key=role).distinct()
    return [person for person in people if case_visible(case=case, user=person)]


@register
class SetDueDate(Action):
    name = "set_due_date"
    label = gettext_lazy("Set the due date")
    icon = "date"

    def param_blocks(self):
        return [("days", blocks.IntegerBlock(min_value=0, label=gettext_lazy("days from now")))]

    def run(self, ctx):
        ctx.case.due_at = timezone.now() + timedelta(days=int(ctx.params.get("days") or 0))
        ctx.case.save(update_fields=["due_at", "updated_at"])


@register
class CreateViolations(Action):
    name = "create_violations"
    label = gettext_lazy("Record violations from non-compliant checklist answers")
    icon = "warning"

    def run(self, ctx):
        from cases.services import violations_from_checklist

        ctx.events += violations_from_checklist(
            case=ctx.case, version=ctx.form_version, data=ctx.data, actor=ctx.actor
        )


@register
class OpenChildCase(Action):
    name = "open_child_case"
    label = gettext_lazy("Open a related case of another type")
    icon = "doc-empty-inverse"

    def param_blocks(self):
        return [
            ("case_type", blocks.CharBlock(label=gettext_lazy("case type key"), validators=[key_validator])),
            (
                "copy_fields",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("answers to copy"),
                    help_text=gettext_lazy(
                        "Field keys, separated by commas; 'a:b' copies answer a into field b."
                    ),
                ),
            ),
            (
                "set_answers",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("answers to set"),
                    help_text=gettext_lazy("key=value pairs, separated by commas, e.g. origin=follow_up."),
                ),
            ),
        ]

    def run(self, ctx):
        from cases.models import CaseType
        from cases.services import case_open_child

        child_type = CaseType.objects.filter(key=ctx.params.get("case_type")).first()
        if child_type is None:
            raise ActionError(
                _("The case type %(key)s does not exist.") % {"key": ctx.params.get("case_type")}
            )
        copies = []
        for item in (ctx.params.get("copy_fields") or "").split(","):
            source, _colon, target = item.strip().partition(":")
            if source:
                copies.append((source, target or source))
        values = {}
        for item in (ctx.params.get("set_answers") or "").split(","):
            key, equals, value = item.strip().partition("=")
            if key and equals:
                values[key.strip()] = value.strip()
        ctx.events += case_open_child(
            parent=ctx.case,
            case_type=child_type,
            actor=ctx.actor,
            copies=copies,
            values=values,
            extra=ctx.data,
        )


@register
class CloseWithOutcome(Action):
    name = "close_with_outcome"
    label = gettext_lazy("Close with an outcome")
    icon = "lock"

    def param_blocks(self):
        return [
            ("outcome", blocks.CharBlock(required=False, label=gettext_lazy("outcome code"))),
            (
                "outcome_field",
                blocks.CharBlock(required=False, label=gettext_lazy("or: the form field giving it")),
            ),
        ]

    def check(self, params):
        return (
            []
            if params.get("outcome") or params.get("outcome_field")
            else [_("give an outcome code or the field that gives it")]
        )

    def run(self, ctx):
        outcome = ctx.params.get("outcome") or ""
        if ctx.params.get("outcome_field"):
            outcome = str(ctx.data.get(ctx.params["outcome_field"]) or outcome)
        ctx.case.outcome = outcome[:64]
        ctx.case.closed_at = ctx.case.closed_at or timezone.now()
        ctx.case.save(update_fields=["outcome", "closed_at", "updated_at"])
        ctx.events.append(_updated(ctx, outcome=ctx.case.outcome))


@register
class MarkRestricted(Action):
    name = "mark_restricted"
    label = gettext_lazy("Restrict to the case type's restricted role")
    icon = "lock"

    def run(self, ctx):
        if not ctx.case.restricted:
            ctx.case.restricted = True
            ctx.case.save(update_fields=["restricted", "updated_at"])
            ctx.events.append(_updated(ctx, restricted=True))


@register
class SetPriority(Action):
    name = "set_priority"
    label = gettext_lazy("Set the priority")
    icon = "pick"

    def param_blocks(self):
        return [
            (
                "priority",
                blocks.ChoiceBlock(
                    choices=[
                        ("low", gettext_lazy("Low")),
                        ("normal", gettext_lazy("Normal")),
                        ("high", gettext_lazy("High")),
                        ("urgent", gettext_lazy("Urgent")),
                    ],
                    label=gettext_lazy("priority"),
                ),
            )
        ]

    def run(self, ctx):
        ctx.case.priority = ctx.params.get("priority") or "normal"
        ctx.case.save(update_fields=["priority", "updated_at"])


@register
class SetSlaHours(Action):
    name = "set_sla_hours"
    label = gettext_lazy("Shorten or lengthen the time allowed")
    icon = "time"

    def param_blocks(self):
        return [("hours", blocks.IntegerBlock(min_value=1, label=gettext_lazy("hours from now")))]

    def run(self, ctx):
        ctx.case.due_at = timezone.now() + timedelta(hours=int(ctx.params.get("hours") or 1))
        ctx.case.save(update_fields=["due_at", "updated_at"])
