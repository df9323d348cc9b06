"""Opening a case through the API, for the public (a form's submissions) and for staff (POST /cases/): the
body as JSON or multipart, the Idempotency-Key honoured in the case's own transaction, one answer."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.response import Response

from api import idempotency
from api.parsers import loads_checked
from api.serializers import SubmissionOutputSerializer
from cases.selectors import state_labels
from core.i18n import localize

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, description="Send the same key again to retry safely"
)


def opening_input(request) -> tuple[dict, dict]:
    """The body (``data`` decoded from JSON in multipart) and the uploaded files by field path."""
    files = {name: request.FILES.getlist(name) for name in request.FILES}
    if request.content_type and request.content_type.startswith("multipart/"):
        body = {key: request.data.get(key) for key in request.data if key not in request.FILES}
        if isinstance(body.get("data"), str):
            try:
                body["data"] = loads_checked(body["data"])
            except exceptions.ParseError as error:
                raise exceptions.ValidationError({"data": [error.detail]}) from None
        return body, files
    return request.data, files


def _replay(idem_key: str, fingerprint: str) -> Response | None:
    """The first response to this Idempotency-Key, if any; 400 if the key was used for another body."""
    if not idem_key:
        return None
    try:
        earlier = idempotency.replay(idem_key, fingerprint)
    except ValueError:
        raise exceptions.ValidationError(
            {"Idempotency-Key": [_("This key was already used for a different request.")]}
        ) from None
    return Response(earlier[1], status=earlier[0]) if earlier else None


def opening_answer(opened, case_type, language: str) -> dict:
    """{reference, tracking_code (shown once, or null), state, state_label} of a case just opened."""
    state = opened.initial_state
    if state is not None and state.key == opened.case.state:
        label = localize(state.public_label, language)
    else:  # an opening action moved the case on
        labels = state_labels(workflow_ids=[case_type.workflow_id], language=language, public=True)
        label = labels.get((case_type.workflow_id, opened.case.state), opened.case.state)
    return dict(
        SubmissionOutputSerializer(
            {
                "reference": opened.case.reference,
                "tracking_code": opened.tracking_code,
                "state": opened.case.state,
                "state_label": label,
            }
        ).data
    )


def open_once(request, *, endpoint: str, validated: dict, files: dict, case_type, language: str, open_case):
    """Run ``open_case(within=...)`` at most once per Idempotency-Key and answer 201 with the case, or
    replay the first answer to the same key and body."""
    idem_key = request.headers.get("Idempotency-Key", "").strip()[:200]
    fingerprint = idempotency.fingerprint(endpoint, validated, files) if idem_key else ""
    earlier = _replay(idem_key, fingerprint)
    if earlier is not None:
        return earlier
    answer = {}

    def claim_key(opened):
        answer.update(opening_answer(opened, case_type, language))
        if idem_key:  # in the case's transaction: a concurrent twin rolls back and replays ours
            idempotency.remember(idem_key, fingerprint, status.HTTP_201_CREATED, answer)

    try:
        open_case(within=claim_key)
    except idempotency.KeyTaken:
        # A concurrent request with this key committed first: ours was rolled back; answer as it did.
        return _replay(idem_key, fingerprint)
    return Response(answer, status=status.HTTP_201_CREATED)
