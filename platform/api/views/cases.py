"""Staff endpoints: cases in the caller's scope, their timeline, transitions, comments, assignment, files,
violations and enforcement. Every read goes through the scoped selectors; every write through services."""

import functools

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from api.opening import IDEMPOTENCY_KEY, open_once, opening_input
from api.parsers import loads_checked
from api.serializers import (
    AssignInputSerializer,
    AssignOutputSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    CasePageSerializer,
    CommentInputSerializer,
    EstablishmentLinkInputSerializer,
    EstablishmentRegisterInputSerializer,
    EventSerializer,
    PersonSerializer,
    StaffCaseInputSerializer,
    SubmissionOutputSerializer,
    TransitionInputSerializer,
    TransitionSerializer,
)
from cases.models import CaseType
from cases.selectors import (
    assignee_candidates,
    case_detail,
    case_filter,
    case_get_by_reference,
    case_list_visible_to,
    case_timeline,
    cases_labelled,
    transitions_available,
)
from cases.services import (
    case_assign,
    case_comment,
    case_open_by_staff,
    case_set_establishment,
    establishment_register_from_case,
    transition,
)
from registry.models import Establishment

ORDERINGS = {
    "opened_at",
    "-opened_at",
    "due_at",
    "-due_at",
    "priority",
    "-priority",
    "reference",
    "-reference",
}


class CasePagination(CursorPagination):
    page_size = 25
    max_page_size = 100
    page_size_query_param = "page_size"
    ordering = "-opened_at"

    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get("ordering")
        ordering = requested if requested in ORDERINGS else self.ordering
        return (ordering, "-pk" if ordering.startswith("-") else "pk")

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except (OverflowError, ValueError):
            raise exceptions.NotFound(self.invalid_cursor_message) from None

    def paginate_queryset(self, queryset, request, view=None):
        """A forged cursor (a position that is no date, an offset past any number) is "invalid cursor",
        a 404 as DRF answers for one it cannot decode, never a 500."""
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, OverflowError, ValueError, TypeError):
            raise exceptions.NotFound(self.invalid_cursor_message) from None


class CaseScopedView(APIView):
    def get_case(self, reference):
        case = case_get_by_reference(user=self.request.user, reference=reference)
        if case is None:
            raise exceptions.NotFound(_("No such case."))
        return case


class CaseListView(APIView):
    @extend_schema(
        request=StaffCaseInputSerializer,
        responses={201: SubmissionOutputSerializer},
        parameters=[IDEMPOTENCY_KEY],
        summary="Open a case as staff (a planned inspection, a report taken by phone or on paper)",
    )
    def post(self, request, *args, **kwargs):
        body, files = opening_input(request)
        serializer = StaffCaseInputSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        validated = serializer.validated_data
        if not isinstance(validated["data"], dict):
            raise exceptions.ValidationError({"data": [_("This must be a JSON object.")]})
        case_type = (
            CaseType.objects.select_related("intake_form", "workflow")
            .filter(key=validated["case_type"])
            .first()
        )
        if case_type is None:
            raise exceptions.ValidationError({"case_type": [_("There is no case type with this key.")]})
        language = validated.get("language") or translation.get_language() or "ar"
        return open_once(
            request,
            endpoint=f"staff:{case_type.key}",
            validated=validated,
            files=files,
            case_type=case_type,
            language=language,
            open_case=functools.partial(
                case_open_by_staff,
                case_type=case_type,
                actor=request.user,
                channel=validated["channel"],
                data=validated["data"],
                files=files,
                language=language,
            ),
        )

    @extend_schema(
        responses=CasePageSerializer,
        summary="Cases in your scope",
        parameters=[
            OpenApiParameter(name, str)
            for name in (
                "type",
                "state",
                "governorate",
                "establishment",
                "assignee",
                "priority",
                "overdue",
                "open",
                "opened_after",
                "opened_before",
                "q",
                "ordering",
                "cursor",
                "page_size",
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        queryset = case_filter(
            case_list_visible_to(user=request.user).defer("data"),  # the list shows no answers
            params=request.query_params,
            user=request.user,
        )
        paginator = CasePagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        page = cases_labelled(page, language=translation.get_language())
        return paginator.get_paginated_response(CaseListSerializer(page, many=True).data)


class CaseDetailView(CaseScopedView):
    @extend_schema(
        responses=CaseDetailSerializer,
        summary="A case: its data rendered with its own form version, violations, enforcement",
    )
    def get(self, request, reference: str, *args, **kwargs):
        detail = case_detail(
            case=self.get_case(reference), user=request.user, language=translation.get_language()
        )
        return Response(CaseDetailSerializer(detail, context={"user": request.user}).data)


class CaseTimelineView(CaseScopedView):
    @extend_schema(responses=EventSerializer(many=True), summary="The case's full timeline")
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        events = case_timeline(case=case).select_related("case__parent")
        return Response(EventSerializer(events, many=True, context={"user": request.user}).data)


def _multipart_payload(request, field: str = "payload") -> tuple[dict, dict]:
    files = {name: request.FILES.getlist(name) for name in request.FILES}
    if request.content_type and request.content_type.startswith("multipart/"):
        try:
            return loads_checked(request.data.get(field) or "{}"), files
        except exceptions.ParseError as error:
            raise exceptions.ValidationError({field: [error.detail]}) from None
    return request.data, files


def _verifications_with_files(verifications, files: dict):
    """The answers about violations, each with its photos (multipart files named ``violations.<id>``, taken
    out of ``files``); checked by the transition (cases.primitives.verification)."""
    photos = {name: files.pop(name) for name in list(files) if name.startswith("violations.")}
    if not isinstance(verifications, list):
        return verifications or None
    answers = []
    for item in verifications:
        if isinstance(item, dict):
            item = {**item, "files": photos.pop(f"violations.{item.get('violation')}", [])}
        answers.append(item)
    if photos:
        raise exceptions.ValidationError({name: [_("No answer is about this violation.")] for name in photos})
    return answers or None


class CaseTransitionsView(CaseScopedView):
    @extend_schema(responses=TransitionSerializer(many=True), summary="The steps you may take on this case")
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        return Response(
            TransitionSerializer(transitions_available(case=case, user=request.user), many=True).data
        )

    @extend_schema(
        request=TransitionInputSerializer,
        responses=CaseListSerializer,
        summary="Take a step (with its form's answers and files)",
    )
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        body, files = _multipart_payload(request)
        serializer = TransitionInputSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        verifications = _verifications_with_files(serializer.validated_data.get("verifications"), files)
        result = transition(
            case,
            serializer.validated_data["transition"],
            request.user,
            serializer.validated_data.get("data") or None,
            files,
            verifications=verifications,
            comment=serializer.validated_data.get("comment", ""),
            language=translation.get_language(),
            assignee=_active_user(serializer.validated_data.get("assignee")),
        )
        return _case_answer(result.case, refresh=False)


class CaseCommentView(CaseScopedView):
    @extend_schema(request=CommentInputSerializer, responses={201: EventSerializer}, summary="Add a comment")
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        serializer = CommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = case_comment(case=case, actor=request.user, text=serializer.validated_data["text"])
        return Response(
            EventSerializer(event, context={"user": request.user}).data, status=status.HTTP_201_CREATED
        )


class CaseAssignView(CaseScopedView):
    @extend_schema(
        request=AssignInputSerializer,
        responses=AssignOutputSerializer,
        summary="Assign the case (supervisors)",
    )
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        serializer = AssignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["assignee"]
        case_assign(case=case, assignee=_active_user(username), actor=request.user)
        return Response({"reference": case.reference, "assignee": username})


def _active_user(username):
    """The active user with this username (None for none given); a 400 on the field when there is none."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise exceptions.ValidationError({"assignee": [_("No such user.")]})
    return user


class CaseAssigneesView(CaseScopedView):
    @extend_schema(
        responses=PersonSerializer(many=True),
        summary="The people who can work on this case (the only valid assignees)",
    )
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        return Response(PersonSerializer(assignee_candidates(case=case), many=True).data)


class CaseEstablishmentView(CaseScopedView):
    @extend_schema(
        request=EstablishmentLinkInputSerializer,
        responses=CaseListSerializer,
        summary="Link the case to a registry entry, change the link, or unlink it (null)",
    )
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        serializer = EstablishmentLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        chosen = serializer.validated_data["establishment"]
        establishment = None
        if chosen is not None:
            establishment = Establishment.objects.filter(pk=chosen).first()
            if establishment is None:
                raise exceptions.ValidationError({"establishment": [_("No such establishment.")]})
        case_set_establishment(case=case, establishment=establishment, actor=request.user)
        return _case_answer(case)


class CaseEstablishmentRegisterView(CaseScopedView):
    @extend_schema(
        request=EstablishmentRegisterInputSerializer,
        responses={201: CaseListSerializer},
        summary="Add the employer the case names to the registry and link the case to it",
    )
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        serializer = EstablishmentRegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        establishment_register_from_case(case=case, actor=request.user, **serializer.validated_data)
        return _case_answer(case, status=status.HTTP_201_CREATED)


def _case_answer(case, status: int = 200, refresh: bool = True) -> Response:
    """The case as the list shows it (after a change)."""
    if refresh:
        case.refresh_from_db()
    (case,) = cases_labelled([case], language=translation.get_language())
    return Response(CaseListSerializer(case).data, status=status)
