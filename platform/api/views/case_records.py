"""Staff endpoints around a case: its files and violations (its enforcement: api.views.enforcement); the
establishment registry; the feed of case events for other systems. Reads through the scoped selectors;
writes through services."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import (
    AttachmentSerializer,
    EstablishmentSerializer,
    EventFeedSerializer,
    EventSerializer,
    ViolationSerializer,
)
from api.views.cases import CaseScopedView
from cases.selectors import events_visible_to, violations_to_verify
from cases.services import attachment_open
from registry.selectors import establishment_search


class CaseAttachmentsView(CaseScopedView):
    @extend_schema(responses=AttachmentSerializer(many=True), summary="The case's files")
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        return Response(AttachmentSerializer(case.attachments.filter(confidential=False), many=True).data)


class AttachmentDownloadView(CaseScopedView):
    @extend_schema(
        summary="Download a file (permission-checked)", responses={(200, "application/octet-stream"): bytes}
    )
    def get(self, request, reference: str, attachment_id: int, *args, **kwargs):
        attachment = attachment_open(
            case=self.get_case(reference), attachment_id=attachment_id, actor=request.user
        )
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


class CaseViolationsView(CaseScopedView):
    @extend_schema(responses=ViolationSerializer(many=True), summary="Violations recorded on the case")
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        found = case.violations.select_related("case", "provision", "verified_in", "verified_by")
        return Response(ViolationSerializer(found, many=True).data)


class CaseViolationsToVerifyView(CaseScopedView):
    @extend_schema(
        responses=ViolationSerializer(many=True),
        summary="The establishment's outstanding violations a visit of this case verifies",
    )
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        found = violations_to_verify(case=case, user=request.user)
        found = found.select_related("verified_in", "verified_by")
        return Response(ViolationSerializer(found, many=True).data)


class MayReadRegistry(permissions.BasePermission):
    """The establishment registry is for staff holding its view permission (then scoped by governorate)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("registry.view_establishment"))


class EstablishmentListView(APIView):
    permission_classes = [permissions.IsAuthenticated, MayReadRegistry]

    @extend_schema(
        responses=EstablishmentSerializer(many=True),
        summary="Establishments in your governorates",
        parameters=[OpenApiParameter("q", str), OpenApiParameter("governorate", str)],
    )
    def get(self, request, *args, **kwargs):
        establishments = establishment_search(
            user=request.user,
            query=request.query_params.get("q", ""),
            governorate=request.query_params.get("governorate", ""),
        )
        return Response(EstablishmentSerializer(establishments, many=True).data)


class EventFeedView(APIView):
    @extend_schema(
        responses=EventFeedSerializer,
        summary="Case events in your scope, oldest first",
        parameters=[
            OpenApiParameter("after", int, description="The last event id you have"),
            OpenApiParameter("limit", int),
        ],
    )
    def get(self, request, *args, **kwargs):
        try:
            after = int(request.query_params.get("after") or 0)
            limit = int(request.query_params.get("limit") or 100)
        except ValueError:
            raise exceptions.ValidationError({"after": [_("Enter a whole number.")]}) from None
        items = events_visible_to(user=request.user, after=after, limit=limit)
        return Response(
            {
                "events": EventSerializer(items, many=True, context={"user": request.user}).data,
                "next_after": items[-1].pk if items else after,
            }
        )
