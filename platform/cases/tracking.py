"""The public tracking result of a case: what the portal's tracking page and the API's track endpoint show
a reporter who gave the right reference and tracking code. Built here once, presented by each."""

from datetime import timedelta

from cases.errors import CaseError
from cases.models import Case, CaseEvent, CaseType
from cases.selectors import public_timeline, satisfaction_options, state_labels
from cases.selectors.reporter import reporter_view
from cases.services import case_parent_check
from core.i18n import localize
from forms_builder.rendering import summary
from forms_builder.selectors import form_version_get


def tracking_result(*, case: Case, language: str) -> dict:
    """What the reporter may see of ``case``, in ``language``: its reference, case type, state with its
    public label, when it was opened and closed, the public timeline, the decision, the cases that may
    still be opened from it (with their deadlines), the satisfaction question, and what the reporter may do
    now (``reporter``: the steps open to them, the exchange with the staff, a question waiting). Nothing
    confidential."""
    case_type = case.case_type
    labels = state_labels(workflow_ids=[case_type.workflow_id], language=language, public=True)
    return {
        "reference": case.reference,
        "case_type": localize(case_type.name, language) or case_type.key,
        "state": case.state,
        "state_label": labels.get((case_type.workflow_id, case.state), ""),
        "opened_at": case.opened_at,
        "closed": case.closed_at is not None,
        "closed_at": case.closed_at,
        "timeline": public_timeline(case, language),
        "reporter": reporter_view(case, language),
        "decision": tracking_decision(case=case, language=language),
        "parent_reopened": tracking_parent_reopened(case=case, language=language),
        "next_steps": tracking_next_steps(case=case, language=language),
        "satisfaction": tracking_satisfaction(case=case, language=language),
    }


def _rows(version, answers: dict, language: str) -> list[dict]:
    return [
        {"key": key, **row}
        for key in answers
        for section in summary(version, {key: answers[key]}, language)
        for row in section["rows"]
        if not row.get("heading") and not row.get("confidential")
    ]


def tracking_decision(*, case: Case, language: str) -> dict | None:
    """The closing decision as the reporter reads it: the outcome's label (from the closing form's option
    list, in ``language``), the answers the workflow shows them (the reasons) and the closure date."""
    if case.closed_at is None:
        return None
    event = (
        case.events.filter(kind=CaseEvent.Kind.UPDATED, data__has_key="decision")
        .order_by("-sequence")
        .first()
    )
    record = (event.data.get("decision") or {}) if event and event.data.get("outcome") == case.outcome else {}
    version = form_version_get(key=record.get("form") or "", number=record.get("version") or 0)
    rows = _rows(version, record.get("answers") or {}, language) if version else []
    outcome_field = record.get("outcome_field")
    outcome = next((row["value"] for row in rows if row["key"] == outcome_field), "")
    return {
        "outcome": case.outcome,
        "outcome_label": outcome,
        "reasons": [{"label": r["label"], "value": r["value"]} for r in rows if r["key"] != outcome_field],
        "closed_at": case.closed_at,
    }


def tracking_parent_reopened(*, case: Case, language: str) -> dict | None:
    """When this case's decision reopened the case it was opened from: that case's reference and state."""
    event = (
        case.events.filter(kind=CaseEvent.Kind.UPDATED, data__has_key="parent_reopened")
        .order_by("-sequence")
        .first()
    )
    if event is None or case.parent is None:
        return None
    state = case.parent.case_type.workflow.state(event.data.get("parent_state") or "")
    return {
        "reference": event.data["parent_reopened"],
        "state_label": localize(state.public_label, language) if state else "",
        "at": event.created_at,
    }


def tracking_next_steps(*, case: Case, language: str) -> list[dict]:
    """The public case types the reporter may still open from this case (e.g. a request to review its
    decision), each with its deadline (the window counted from closure); none once the window has passed
    or where no case type may be opened from this one."""
    if case.closed_at is None:
        return []
    steps = []
    for child_type in CaseType.objects.filter(parent_types=case.case_type_id, public_intake=True):
        try:
            case_parent_check(child_type, case)
        except CaseError:
            continue
        days = child_type.parent_window_days
        steps.append(
            {
                "case_type": child_type.key,
                "name": localize(child_type.name, language) or child_type.key,
                "deadline": case.closed_at + timedelta(days=days) if days is not None else None,
            }
        )
    return steps


def tracking_satisfaction(*, case: Case, language: str) -> dict | None:
    """The satisfaction question of a closed case whose type asks it: the options in ``language``, and the
    reporter's answer once given (asked once; the answer is not changed afterwards)."""
    options = satisfaction_options(case_type=case.case_type, language=language)
    if not options or case.closed_at is None:
        return None
    labels = dict(options)
    return {
        "options": [{"code": code, "label": label} for code, label in options],
        "answer": case.satisfaction,
        "answer_label": labels.get(case.satisfaction, case.satisfaction),
        "answered_at": case.satisfaction_at,
        "open": not case.satisfaction,
    }
