"""Public endpoints (no login): submit a form, track a case, the legal library, option lists, tokens."""

import functools

from django.contrib.auth import authenticate
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import token_for
from api.exceptions import FieldErrors
from api.opening import IDEMPOTENCY_KEY, open_once, opening_input
from api.serializers import (
    EstablishmentLookupSerializer,
    LegalInstrumentSerializer,
    LegalProvisionSerializer,
    OptionListSerializer,
    SubmissionInputSerializer,
    SubmissionOutputSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
    TrackInputSerializer,
    TrackStepInputSerializer,
)
from api.throttles import (
    AuthThrottle,
    LookupThrottle,
    PublicReadThrottle,
    SubmissionDayThrottle,
    SubmissionMinuteThrottle,
    TrackingThrottle,
)
from api.tracking import TrackResultSerializer
from cases.models import Case
from cases.selectors import case_track, case_type_for_public_form
from cases.services import case_open, public_step
from cases.tracking import tracking_result
from core.ratelimit import client_address
from forms_builder.models import OptionList
from registry.selectors import establishment_lookup_public, legal_instruments_in_force, legal_library_search


class PublicView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [PublicReadThrottle]


class SubmissionView(PublicView):
    throttle_classes = [SubmissionMinuteThrottle, SubmissionDayThrottle]

    @extend_schema(
        request=SubmissionInputSerializer,
        responses={201: SubmissionOutputSerializer},
        parameters=[IDEMPOTENCY_KEY],
        summary="Submit a public form: opens a case and returns its reference and tracking code",
    )
    def post(self, request, key: str, *args, **kwargs):
        case_type = case_type_for_public_form(form_key=key)
        if case_type is None:
            raise exceptions.NotFound(_("No public form has this key."))
        body, files = opening_input(request)
        serializer = SubmissionInputSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        if not isinstance(serializer.validated_data["data"], dict):
            raise exceptions.ValidationError({"data": [_("This must be a JSON object.")]})
        language = serializer.validated_data.get("language") or translation.get_language() or "ar"
        return open_once(
            request,
            endpoint=key,
            validated=serializer.validated_data,
            files=files,
            case_type=case_type,
            language=language,
            open_case=functools.partial(
                case_open,
                case_type=case_type,
                data=serializer.validated_data["data"],
                files=files,
                language=language,
                channel=Case.Channel.API,
            ),
        )


class TrackView(PublicView):
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        request=TrackInputSerializer,
        responses={200: TrackResultSerializer},
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
        result = tracking_result(case=case, language=translation.get_language() or "ar")
        return Response(TrackResultSerializer(result).data)


class TrackStepView(PublicView):
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        request=TrackStepInputSerializer,
        responses={200: TrackResultSerializer},
        summary="Take a step open to the reporter (answer a question, withdraw) with the reference and "
        "tracking code; returns the tracking result",
    )
    def post(self, request, *args, **kwargs):
        serializer = TrackStepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = public_step(
            reference=serializer.validated_data["reference"].strip().upper(),
            code=serializer.validated_data["tracking_code"],
            address=client_address(request),
            key=serializer.validated_data["step"],
            text=serializer.validated_data.get("text") or "",
        )
        result = tracking_result(case=case, language=translation.get_language() or "ar")
        return Response(TrackResultSerializer(result).data)


class LegalInstrumentListView(PublicView):
    @extend_schema(responses=LegalInstrumentSerializer(many=True), summary="Legal instruments in the library")
    def get(self, request, *args, **kwargs):
        return Response(LegalInstrumentSerializer(legal_instruments_in_force(), many=True).data)


class LegalProvisionListView(PublicView):
    @extend_schema(
        responses=LegalProvisionSerializer(many=True),
        summary="Search the legal library",
        parameters=[
            OpenApiParameter("instrument", str),
            OpenApiParameter(
                "q",
                str,
                description="Text to find in the article, title, text or instrument (any language)",
            ),
        ],
    )
    def get(self, request, *args, **kwargs):
        provisions = legal_library_search(
            query=str(request.query_params.get("q") or "").strip()[:100],
            instrument=str(request.query_params.get("instrument") or ""),
        )
        return Response(LegalProvisionSerializer(provisions, many=True).data)


class OptionListView(PublicView):
    @extend_schema(responses=OptionListSerializer, summary="An option list (current options)")
    def get(self, request, key: str, *args, **kwargs):
        option_list = OptionList.objects.prefetch_related("options").filter(key=key).first()
        if option_list is None:
            raise exceptions.NotFound(_("No option list has this key."))
        return Response(OptionListSerializer(option_list).data)


class EstablishmentLookupView(PublicView):
    throttle_classes = [LookupThrottle]

    @extend_schema(
        responses={200: EstablishmentLookupSerializer(many=True)},
        summary="Find an establishment by name (at most 10; only what the public may see)",
        parameters=[
            OpenApiParameter(
                "q", str, description="Part of the name (2 characters or more), or the registration number"
            ),
            OpenApiParameter("governorate", str, description="A governorate code, e.g. IQ-BG"),
        ],
    )
    def get(self, request, *args, **kwargs):
        query = str(request.query_params.get("q") or "")[:100]
        governorate = str(request.query_params.get("governorate") or "")[:8]
        matches = establishment_lookup_public(query=query, governorate=governorate)
        response = Response(EstablishmentLookupSerializer(matches, many=True).data)
        response["Cache-Control"] = "no-store"
        return response


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
        return Response({"token": token_for(user).key})
