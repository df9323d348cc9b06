"""Acting on the case this one was opened from: reopening it when this case's decision says so."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.audit import event_write
from cases.catalogue import Action, ActionError, register
from cases.models import Case, CaseEvent
from cases.notifications import notify_user
from cases.primitives.states import STATE_FIELDS, state_enter
from cases.selectors import escalation_people
from core.i18n import missing_translations
from forms_builder.blocks import TranslatedTextBlock, key_validator


def _parent_locked(case: Case) -> Case:
    if not case.parent_id:
        raise ActionError(_("This case was not opened from an earlier case, so there is nothing to reopen."))
    return (
        Case.objects.select_for_update(of=("self",))  # the assignee is an outer join: lock the case row only
        .select_related("case_type__workflow", "assignee")
        .get(pk=case.parent_id)
    )


def _target_state(parent: Case, key: str):
    target = parent.case_type.workflow.state(key)
    if target is None or target.is_terminal:
        raise ActionError(
            _("The earlier case's workflow has no working state %(key)s to reopen it in.") % {"key": key}
        )
    return target


def _staff_told(parent: Case, by: str, params: dict) -> None:
    """The earlier case's assignee and its supervisors (those of the escalation role who may see it)."""
    people = {person.pk: person for person in escalation_people(parent)}
    if parent.assignee_id and parent.assignee.is_active:
        people[parent.assignee_id] = parent.assignee
    subject, message = (
        {lang: str(text).replace("{by}", by) for lang, text in (params.get(name) or {}).items()}
        for name in ("subject", "message")
    )
    for person in people.values():
        notify_user(case=parent, user=person, subject=subject, message=message)


@register
class ReopenParent(Action):
    name = "reopen_parent"
    label = gettext_lazy("Reopen the earlier case this one was opened from")
    icon = "undo"

    def param_blocks(self):
        return [
            (
                "to_state",
                blocks.CharBlock(
                    label=gettext_lazy("state the earlier case returns to"), validators=[key_validator]
                ),
            ),
            ("subject", TranslatedTextBlock(label=gettext_lazy("subject of the staff notice"))),
            (
                "message",
                TranslatedTextBlock(
                    multiline=True,
                    label=gettext_lazy("staff notice"),
                    help_text=gettext_lazy(
                        "Sent to the earlier case's assignee and supervisors. {reference} and {state} are "
                        "the earlier case's; {by} is this case's reference."
                    ),
                ),
            ),
        ]

    def check(self, params):
        problems = [] if params.get("to_state") else [_("name the state the earlier case returns to")]
        missing = missing_translations(params.get("message"))
        if missing:
            problems.append(_("the message is missing in: %(languages)s") % {"languages": ", ".join(missing)})
        return problems

    def run(self, ctx):
        parent = _parent_locked(ctx.case)
        if parent.closed_at is None:
            raise ActionError(
                _("The earlier case %(reference)s is not closed, so it cannot be reopened.")
                % {"reference": parent.reference}
            )
        target = _target_state(parent, ctx.params.get("to_state") or "")
        previous, outcome_was, closed_was = parent.state, parent.outcome, parent.closed_at
        state_enter(parent, target)
        parent.outcome = ""
        parent.save(update_fields=[*STATE_FIELDS, "outcome", "updated_at"])
        record = {
            "from": previous,
            "to": target.key,
            "by_case": ctx.case.reference,
            "outcome_was": outcome_was,
            "closed_at_was": closed_was.isoformat(),
        }
        event_write(case=parent, kind=CaseEvent.Kind.REOPENED, actor=ctx.actor, data=record, public=True)
        ctx.events.append(
            event_write(
                case=ctx.case,
                kind=CaseEvent.Kind.UPDATED,
                actor=ctx.actor,
                data={"parent_reopened": parent.reference, "parent_state": target.key},
            )
        )
        _staff_told(parent, ctx.case.reference, ctx.params)
