"""The tracking page's part for the reporter's own steps (answer a question, withdraw): posted with the
tracking form's reference and code, taken by the one public-step service the API also uses."""

from django.utils import translation

from cases.errors import CaseError, CaseNotFound, CaseThrottled
from cases.selectors import case_track
from cases.services import public_step
from cases.tracking import tracking_result
from core.ratelimit import client_address

STEP_FIELD = "step"


def tracking_step(request, reference: str, code: str) -> tuple[dict, int]:
    """Take the posted step: (what the page shows, its status). A refusal keeps the case as it was and
    says why; the reporter still sees their case when the code was right."""
    key = (request.POST.get(STEP_FIELD) or "").strip()[:64]
    address = client_address(request)
    language = translation.get_language()
    try:
        case = public_step(
            reference=reference, code=code, address=address, key=key, text=request.POST.get("text") or ""
        )
    except CaseThrottled:
        return {"blocked": True}, 429
    except CaseNotFound:
        return {"not_found": True}, 404
    except CaseError as error:
        case, _blocked = case_track(reference=reference, code=code, address=address)
        shown = {"result": tracking_result(case=case, language=language)} if case is not None else {}
        return {**shown, "step_error": error.message, "failed_step": key, "tracking_code": code}, error.status
    return {
        "result": tracking_result(case=case, language=language),
        "step_done": key,
        "tracking_code": code,
    }, 200
