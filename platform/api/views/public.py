"""Public endpoints (no login): submit a form, track a case, the legal library, option lists, tokens."""

import json

from django.contrib.auth import authenticate
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from api import idempotency
from api.exceptions import FieldErrors
from api.serializers import (
    LegalInstrumentSerializer,
    LegalProvisionSerializer,
    OptionListSerializer,
    SubmissionInputSerializer,
    SubmissionOutputSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
    TrackInputSerializer,
    TrackOutputSerializer,
)
from api.throttles import (
    AuthThrottle,
    PublicReadThrottle,
    SubmissionDayThrottle,
    SubmissionMinuteThrottle,
    TrackingThrottle,
)
from cases.models import Case
from cases.selectors import case_track, case_type_for_public_form, public_timeline, state_labels
from cases.services import case_open
from ecms.i18n import localize
from ecms.ratelimit import client_address
from forms_builder.models import OptionList
from registry.models import LegalInstrument, LegalProvision


class PublicView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [PublicReadThrottle]


def _submission_input(request) -> tuple[dict, dict]:
    """The body as {data, language} and the uploaded files by field path (JSON or multipart)."""
    files = {name: request.FILES.getlist(name) for name in request.FILES}
    if request.content_type and request.content_type.startswith("multipart/"):
        body = {key: request.data.get(key) for key in request.data if key not in request.FILES}
        if isinstance(body.get("data"), str):
            try:
                body["data"] = json.loads(body["data"])
            except ValueError:
                raise exceptions.ValidationError({"data": [_("This must be a JSON object.")]}) from None
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


def _submission_answer(opened, case_type, language: str) -> dict:
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


class SubmissionView(PublicView):
    throttle_classes = [SubmissionMinuteThrottle, SubmissionDayThrottle]

    @extend_schema(
        request=SubmissionInputSerializer,
        responses={201: SubmissionOutputSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Send the same key again to retry safely",
            )
        ],
        summary="Submit a public form: opens a case and returns its reference and tracking code",
    )
    def post(self, request, key: str, *args, **kwargs):
        case_type = case_type_for_public_form(form_key=key)
        if case_type is None:
            raise exceptions.NotFound(_("No public form has this key."))
        body, files = _submission_input(request)
        serializer = SubmissionInputSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        if not isinstance(serializer.validated_data["data"], dict):
            raise exceptions.ValidationError({"data": [_("This must be a JSON object.")]})
        language = serializer.validated_data.get("language") or translation.get_language() or "ar"
        idem_key = request.headers.get("Idempotency-Key", "").strip()[:200]
        fingerprint = idempotency.fingerprint(key, serializer.validated_data, files) if idem_key else ""
        earlier = _replay(idem_key, fingerprint)
        if earlier is not None:
            return earlier
        answer = {}

        def claim_key(opened):
            answer.update(_submission_answer(opened, case_type, language))
            if idem_key:  # in the case's transaction: a concurrent twin rolls back and replays ours
                idempotency.remember(idem_key, fingerprint, status.HTTP_201_CREATED, answer)

        try:
            case_open(
                case_type=case_type,
                data=serializer.validated_data["data"],
                files=files,
                language=language,
                channel=Case.Channel.API,
                within=claim_key,
            )
        except idempotency.KeyTaken:
            # A concurrent request with this key committed first: ours was rolled back; answer as it did.
            return _replay(idem_key, fingerprint)
        return Response(answer, status=status.HTTP_201_CREATED)


class TrackView(PublicView):
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        request=TrackInputSerializer,
        responses={200: TrackOutputSerializer},
        summary="Track a case with its reference and tracking code (sent in the body, never the URL)",
    )
    def post(self, request, *args, **kwargs):
        serializer = TrackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reference = serializer.validated_data["reference"].strip().upper()
        case, blocked = case_track(
            reference=reference,
            code=serializer.validated_data["tracking_code"],
            address=client_address(request),
        )
        if blocked:
            raise exceptions.Throttled(detail=_("Too many attempts. Try again later."))
        if case is None:
            raise exceptions.NotFound(_("No case matches this reference and tracking code."))
        language = translation.get_language() or "ar"
        workflow_id = case.case_type.workflow_id
        labels = state_labels(workflow_ids=[workflow_id], language=language, public=True)
        return Response(
            TrackOutputSerializer(
                {
                    "reference": case.reference,
                    "state": case.state,
                    "state_label": labels.get((workflow_id, case.state), ""),
                    "opened_at": case.opened_at,
                    "closed": case.closed_at is not None,
                    "timeline": public_timeline(case, language),
                }
            ).data
        )


class LegalInstrumentListView(PublicView):
    @extend_schema(responses=LegalInstrumentSerializer(many=True), summary="Legal instruments in the library")
    def get(self, request, *args, **kwargs):
        instruments = LegalInstrument.objects.filter(is_active=True).order_by("kind", "key")
        return Response(LegalInstrumentSerializer(instruments, many=True).data)


class LegalProvisionListView(PublicView):
    @extend_schema(
        responses=LegalProvisionSerializer(many=True),
        summary="Search the legal library",
        parameters=[
            OpenApiParameter("instrument", str),
            OpenApiParameter("q", str, description="Text to find"),
        ],
    )
    def get(self, request, *args, **kwargs):
        provisions = LegalProvision.objects.filter(is_active=True).select_related("instrument")
        if request.query_params.get("instrument"):
            provisions = provisions.filter(instrument__key=request.query_params["instrument"])
        query = (request.query_params.get("q") or "").strip()[:100]
        if query:
            provisions = provisions.filter(
                Q(title__icontains=query)
                | Q(text__icontains=query)
                | Q(article__icontains=query)
                | Q(key__icontains=query)
            )
        return Response(LegalProvisionSerializer(provisions[:200], many=True).data)


class OptionListView(PublicView):
    @extend_schema(responses=OptionListSerializer, summary="An option list (current options)")
    def get(self, request, key: str, *args, **kwargs):
        option_list = OptionList.objects.prefetch_related("options").filter(key=key).first()
        if option_list is None:
            raise exceptions.NotFound(_("No option list has this key."))
        return Response(OptionListSerializer(option_list).data)


class TokenView(PublicView):
    throttle_classes = [AuthThrottle]

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: TokenOutputSerializer},
        summary="Exchange a username and password for an API token",
    )
    def post(self, request, *args, **kwargs):
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise FieldErrors(
                [
                    {
                        "field": None,
                        "code": "invalid_credentials",
                        "message": _("The username or password is not correct."),
                    }
                ]
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
