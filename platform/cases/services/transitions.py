"""The one entry point that moves a case along its workflow, and comments on the timeline."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.audit import ciphertext_digest, event_write
from cases.catalogue import run_actions
from cases.confidential import confidential_keep, split_confidential
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import Case, CaseEvent, WorkflowTransition
from cases.primitives.files import files_store
from cases.primitives.states import STATE_FIELDS, state_enter
from cases.selectors import step_verifies, user_can_act
from cases.services.assignment import assignment_checked
from core.i18n import localize
from forms_builder.selectors import form_version_current
from forms_builder.validation import validate


@dataclass
class TransitionResult:
    case: Case
    event: CaseEvent


def transition_for(case: Case, key: str) -> WorkflowTransition:
    """The case workflow's transition ``key``, if it can be taken from the case's current state."""
    found = WorkflowTransition.objects.filter(workflow_id=case.case_type.workflow_id, key=key).first()
    if found is None:
        raise CaseInvalid(_("There is no such transition."), code="unknown_transition")
    if case.state not in found.from_state_keys:
        raise CaseConflict(_("This step is not possible from the case's current state."), code="wrong_state")
    return found


def _step_form(case, step, data, files, actor, language) -> tuple[dict, object]:
    """Validate the step's form (if it has one) and store its files: (cleaned answers, form version)."""
    if not step.form_id:
        if data:
            raise CaseInvalid(_("This step takes no form."), code="unexpected_data")
        return {}, None
    form_version = form_version_current(key=step.form.key)
    if form_version is None:
        raise CaseInvalid(_("The form of this step is not published."), code="form_unavailable")
    result = validate(form_version, data or {}, files or {}, language)
    if not result.is_valid:
        raise CaseInvalid(_("Some answers need correcting."), errors=result.error_list())
    files_store(case, form_version, result.files, result.cleaned_data, actor)
    return result.cleaned_data, form_version


def _form_event_data(case, form_version, cleaned: dict) -> dict:
    """What the timeline keeps of a step's form: the public answers; confidential ones are encrypted apart."""
    public_answers, secret_answers = split_confidential(form_version, cleaned)
    ciphertext = confidential_keep(case, secret_answers)
    data = {"key": form_version.key, "version": form_version.number, "data": public_answers}
    if secret_answers:
        data["confidential"] = sorted(secret_answers)
        data["confidential_digest"] = ciphertext_digest(ciphertext)
    return data


def _step_checked(case, key, actor, comment, verifications=None) -> WorkflowTransition:
    step = transition_for(case, key)
    if not user_can_act(user=actor, case=case, transition=step):
        raise CaseForbidden(_("Your role may not take this step."))
    if step.comment_required and not comment:
        raise CaseInvalid.for_field("comment", "comment_required", _("A comment is required for this step."))
    if verifications and not step_verifies(step):
        raise CaseInvalid.for_field(
            "verifications", "unexpected_data", _("This step does not verify violations.")
        )
    return step


def _assignee_kept(case: Case, target) -> None:
    """After the step's actions: a state that needs an assignee refuses a case left with nobody (the whole
    step is rolled back; the case stays in the unassigned queue and the actor is told)."""
    case.refresh_from_db()
    if target.requires_assignee and case.assignee_id is None:
        raise CaseConflict(
            _(
                "Nobody could be assigned to this case, so it cannot move to “%(state)s”. Assign "
                "someone who can work on it, then take this step again."
            )
            % {"state": localize(target.label)},
            code="assignee_required",
        )


def step_apply(
    case: Case, step: WorkflowTransition, *, actor, comment: str = "", cleaned=None, form_version=None, by=""
) -> CaseEvent:
    """Take ``step`` on a locked ``case`` already checked for it: enter the target state, write the event
    (``by`` names who took it when there is no staff actor), clear the outcome of a reopened case, run the
    step's actions, keep an assignee where the state needs one. The caller holds the transaction."""
    previous = case.case_type.workflow.state(case.state)
    target = case.case_type.workflow.state(step.to_state)
    state_enter(case, target)
    case.save(update_fields=[*STATE_FIELDS, "updated_at"])
    event_data = {"transition": step.key, "from": previous.key if previous else case.state, "to": target.key}
    if comment:
        event_data["comment"] = comment
        if step.comment_public:
            event_data["comment_public"] = True
    if by:
        event_data["by"] = by
    if form_version is not None:
        event_data["form"] = _form_event_data(case, form_version, cleaned)
    event = event_write(
        case=case, kind=CaseEvent.Kind.TRANSITION, actor=actor, data=event_data, public=step.public
    )
    if previous is not None and previous.is_terminal and not target.is_terminal:
        _outcome_cleared(case, actor)
    return event


def _outcome_cleared(case: Case, actor) -> None:
    """A reopened case has no outcome any more; the timeline keeps the one it had (verify_audit replays)."""
    if not case.outcome:
        return
    previous_outcome, case.outcome = case.outcome, ""
    case.save(update_fields=["outcome", "updated_at"])
    event_write(
        case=case,
        kind=CaseEvent.Kind.UPDATED,
        actor=actor,
        data={"outcome": "", "previous_outcome": previous_outcome},
    )


def step_actions_run(
    case: Case, step: WorkflowTransition, *, actor, cleaned=None, form_version=None, verifications=None
) -> None:
    """The step's configured actions, then the check that a state needing an assignee has one."""
    context = {
        "case": case,
        "actor": actor,
        "transition": step,
        "data": cleaned or {},
        "form_version": form_version,
        "verifications": verifications,
    }
    run_actions(step.actions, context)
    _assignee_kept(case, case.case_type.workflow.state(step.to_state))


def transition(
    case: Case,
    key: str,
    actor,
    data: dict | None = None,
    files: dict | None = None,
    *,
    comment: str = "",
    language: str | None = None,
    assignee=None,
    verifications: list | None = None,
) -> TransitionResult:
    """Move a case along its workflow: lock, check role and scope, validate the form, write the event,
    run the actions — all in one transaction, or nothing at all. ``assignee``, if given, is assigned
    with the step (before its actions, so an assignment rule keeps that choice). ``verifications`` are the
    answers about the establishment's outstanding violations, for a step that verifies them."""
    language = language or getattr(actor, "preferred_language", None) or "ar"
    comment = (comment or "").strip()
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        step = _step_checked(case, key, actor, comment, verifications)
        cleaned, form_version = _step_form(case, step, data, files, actor, language)
        event = step_apply(
            case, step, actor=actor, comment=comment, cleaned=cleaned, form_version=form_version
        )
        if assignee is not None and assignee.pk != case.assignee_id:
            assignment_checked(case=case, assignee=assignee, actor=actor)
        step_actions_run(
            case, step, actor=actor, cleaned=cleaned, form_version=form_version, verifications=verifications
        )
    return TransitionResult(case=case, event=event)


def case_comment(*, case: Case, actor, text: str) -> CaseEvent:
    """A comment on the case's (staff) timeline."""
    text = (text or "").strip()
    if not text:
        raise CaseInvalid.for_field("text", "required", _("Write a comment."))
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        return event_write(case=case, kind=CaseEvent.Kind.COMMENT, actor=actor, data={"text": text[:5000]})
