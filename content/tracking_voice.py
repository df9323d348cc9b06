"""The reporter's voice on the tracking page: links to what may still be opened from the case (an appeal,
with its reference carried), and the satisfaction answer after closure (one service, shared with the
API). Kept apart from the page's own view so that other answers given on the page stay separate."""

import re

from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import urlencode

from cases.errors import CaseConflict, CaseError, CaseInvalid
from cases.selectors import case_track
from cases.services import satisfaction_record
from cases.tracking import tracking_result
from content.models import ServicePage
from core.ratelimit import client_address

SATISFACTION_FIELD = "satisfaction_answer"
REFERENCE = re.compile(r"^[A-Z0-9-]{1,32}$")


def prefilled_reference(request) -> str:
    """The earlier case's reference a link carried (``?reference=``), if it looks like one."""
    reference = str(request.GET.get("reference") or "").strip().upper()[:32]
    return reference if REFERENCE.match(reference) else ""


def with_links(result: dict, page) -> dict:
    """The result's next steps, each with the portal's service page that opens it (in the page's
    language), prefilled with the case's reference; steps without a live service page are left out."""
    steps = []
    for step in result.get("next_steps") or []:
        service = (
            ServicePage.objects.live().filter(case_type__key=step["case_type"], locale=page.locale).first()
        )
        if service is not None:
            query = urlencode({"start": 1, "restart": 1, "reference": result["reference"]})
            steps.append({**step, "url": f"{service.url}?{query}"})
    return {**result, "next_steps": steps}


def satisfaction_response(request, page):
    """The satisfaction answer posted from the tracking page: recorded, then the case shown again with a
    thank-you; or the reason it was refused (a wrong code shows nothing of the case)."""
    reference = (request.POST.get("reference") or "").strip().upper()[:32]
    code = (request.POST.get("tracking_code") or "").strip()[:40]
    context = {"page": page, "self": page, "result": None, "reference": reference, "tracking_code": code}
    status, address = 200, client_address(request)
    try:
        case = satisfaction_record(
            reference=reference, code=code, answer=request.POST.get(SATISFACTION_FIELD), address=address
        )
        context["satisfaction_thanks"] = True
    except (CaseConflict, CaseInvalid) as error:  # the right code: the case is shown with the reason
        case, _blocked = case_track(reference=reference, code=code, address=address)
        context["satisfaction_error"], status = error.message, error.status
    except CaseError as error:
        case, status = None, error.status
        context.update(not_found=status == 404, blocked=status == 429)
    if case is not None:
        result = tracking_result(case=case, language=translation.get_language())
        context["result"] = with_links(result, page)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    response["Cache-Control"] = "no-store"
    return response
