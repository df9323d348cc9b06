"""What the public reads: a case found by reference and tracking code, its public timeline, the case type
behind a public form."""

from django.db.models import QuerySet

from cases.models import Case, CaseEvent, CaseType
from cases.secrets_ import tracking_matches
from core.i18n import localize
from core.localcache import remembered
from core.ratelimit import tracking_address_blocked, tracking_failed, tracking_reference_blocked
from forms_builder.models import Option


def case_timeline(*, case: Case, public_only: bool = False) -> QuerySet:
    events = case.events.select_related("actor").order_by("sequence")
    return events.filter(public=True) if public_only else events


def case_for_tracking(*, reference: str, code: str) -> Case | None:
    """The case for a reference and tracking code, or None for any mismatch (one answer for both)."""
    case = (
        Case.objects.select_related("case_type__workflow")
        .filter(reference=str(reference or "").strip().upper())
        .first()
    )
    if case is None:
        tracking_matches(code or "", "0" * 64)  # same work whether or not the reference exists
        return None
    return case if tracking_matches(code or "", case.tracking_hash) else None


def public_timeline(case: Case, language: str) -> list[dict]:
    """What a reporter sees: the public events, with the states' public labels; nothing confidential."""
    workflow = case.case_type.workflow
    labels = {state.key: localize(state.public_label, language) for state in workflow.states.all()}
    items = []
    for event in case_timeline(case=case, public_only=True):
        state = event.data.get("to") or event.data.get("state")
        if event.kind not in (CaseEvent.Kind.CREATED, CaseEvent.Kind.TRANSITION, CaseEvent.Kind.REOPENED):
            continue
        item = {"at": event.created_at, "state": state, "state_label": labels.get(state, "")}
        if event.kind == CaseEvent.Kind.REOPENED:
            item["reopened_by"] = event.data.get("by_case") or ""
        items.append(item)
    return items


def satisfaction_options(*, case_type: CaseType, language: str) -> list[tuple[str, str]]:
    """The answers a reporter may give to the case type's satisfaction question, as (code, label) in
    ``language``; empty when the case type does not ask it."""
    if not case_type.satisfaction_list:
        return []
    options = Option.objects.filter(
        option_list__key=case_type.satisfaction_list, retired=False, parent_code=""
    ).order_by("sort_order")
    return [(option.code, localize(option.label, language) or option.code) for option in options]


def case_type_for_public_form(*, form_key: str) -> CaseType | None:
    """The case type whose public intake uses this form."""

    def read():
        return (
            CaseType.objects.select_related("intake_form", "workflow")
            .defer("intake_form__fields")  # the compiled FormVersion is what submissions use
            .prefetch_related("workflow__states")
            .filter(intake_form__key=form_key, public_intake=True)
            .first()
        )

    # Read on every public submission: remembered for a second (configuration changes rarely).
    return remembered("public_case_type", form_key, read)


def case_track(*, reference: str, code: str, address: str) -> tuple[Case | None, bool]:
    """Tracking for the public (portal and API): (the case or None, refused because of too many failures).

    An address with too many failures is refused; the right code gets through even on a reference that
    strangers have tried too often (so nobody can lock a reporter out); wrong codes count against both.
    """
    if tracking_address_blocked(address):
        return None, True
    case = case_for_tracking(reference=reference, code=code)
    if case is not None:
        return case, False
    tracking_failed(address, reference)
    return None, tracking_reference_blocked(reference)
