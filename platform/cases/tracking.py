"""The public tracking result of a case: what the portal's tracking page and the API's track endpoint show
a reporter who gave the right reference and tracking code. Built here once, presented by each."""

from cases.models import Case
from cases.selectors import public_timeline, state_labels
from cases.selectors.reporter import reporter_view
from core.i18n import localize


def tracking_result(*, case: Case, language: str) -> dict:
    """What the reporter may see of ``case``, in ``language``: its reference, case type, state with its
    public label, when it was opened and closed, the public timeline, and what the reporter may do now
    (``reporter``: the steps open to them, the exchange with the staff, a question waiting). Nothing
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
    }
