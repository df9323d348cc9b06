"""Public: the published forms, as compiled versions (JSON Schema + UI description)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import FormSummarySerializer, FormVersionSerializer
from forms_builder.selectors import form_version_get, form_version_payload, public_form_current, public_forms


class FormListView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(responses=FormSummarySerializer(many=True), summary="List the public forms")
    def get(self, request, *args, **kwargs):
        versions = [version for _definition, version in public_forms()]
        return Response(FormSummarySerializer(versions, many=True).data)


class FormDetailView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(
        responses=FormVersionSerializer,
        parameters=[
            OpenApiParameter("version", int, description="A given version (default: the current one)")
        ],
        summary="Fetch a public form's published version",
    )
    def get(self, request, key: str, *args, **kwargs):
        requested = request.query_params.get("version")
        if requested is not None and not requested.isdigit():
            raise exceptions.ValidationError({"version": [_("Enter a whole number.")]})
        current = public_form_current(key=key)
        if current is None:
            raise exceptions.NotFound(_("No public form has this key."))
        version_id = current["id"]
        if requested and int(requested) != current["number"]:
            version = form_version_get(key=key, number=int(requested))
            if version is None:
                raise exceptions.NotFound(_("This form has no such version."))
            version_id = version.pk
        payload = form_version_payload(
            version_id=version_id, build=lambda version: dict(FormVersionSerializer(version).data)
        )
        return Response(payload)
