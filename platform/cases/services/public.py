"""Steps the person who reported takes without an account (the portal's tracking page, the public API):
one service for both. The reference and tracking code are checked like tracking (same failure counters),
attempts are counted per client address, and only a step the workflow opens to the reporter
(``by_reporter``) from the case's current state is taken — otherwise a clear refusal, nothing changed."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_locked
from cases.errors import CaseConflict, CaseInvalid, CaseNotFound, CaseThrottled
from cases.models import Case, WorkflowTransition
from cases.notifications import notify_user
from cases.selectors import case_track
from cases.services.transitions import step_actions_run, step_apply
from core.ratelimit import public_step_blocked

TEXT_MAX = 5000

PUBLIC_STEP_SUBJECT = {
    "ar": "إجراء من مقدّم الطلب على القضية {reference}",
    "en": "The reporter acted on {reference}",
}
PUBLIC_STEP_MESSAGE = {
    "ar": "اتخذ مقدّم الطلب خطوة على القضية {reference} من صفحة المتابعة، وحالتها الآن «{state}». راجع سجلها.",
    "en": "The person who reported took a step on case {reference} from the tracking page; it is now "
    "“{state}”. See its timeline.",
}


def _reporter_step(case: Case, key: str) -> WorkflowTransition:
    step = WorkflowTransition.objects.filter(
        workflow_id=case.case_type.workflow_id, key=key, by_reporter=True
    ).first()
    if step is None:
        raise CaseInvalid.for_field("step", "unknown_step", _("There is no such step."))
    if case.state not in step.from_state_keys:
        raise CaseConflict(_("This step is not possible from the case's current state."), code="wrong_state")
    return step


def _tracked(*, reference: str, code: str, address: str) -> Case:
    if public_step_blocked(address):
        raise CaseThrottled(_("Too many attempts. Try again later."))
    case, blocked = case_track(reference=reference, code=code, address=address)
    if blocked:
        raise CaseThrottled(_("Too many attempts. Try again later."))
    if case is None:
        raise CaseNotFound(_("No case matches this reference and tracking code."))
    return case


def public_step(*, reference: str, code: str, address: str, key: str, text: str = "") -> Case:
    """Take the reporter's step ``key`` on the case of ``reference`` and ``code``, with their ``text`` (an
    answer, a reason) kept on the timeline as theirs; whoever is assigned is told. Returns the case."""
    case = _tracked(reference=reference, code=code, address=address)
    text = (text or "").strip()[:TEXT_MAX]
    with transaction.atomic():
        case = case_locked(case)
        step = _reporter_step(case, key)
        if step.comment_required and not text:
            raise CaseInvalid.for_field("text", "required", _("Write your answer or reason."))
        step_apply(case, step, actor=None, comment=text, by="reporter")
        step_actions_run(case, step, actor=None)
        case.refresh_from_db()
        if case.assignee is not None:
            notify_user(
                case=case, user=case.assignee, subject=PUBLIC_STEP_SUBJECT, message=PUBLIC_STEP_MESSAGE
            )
    return case
