"""Public: the published forms, as compiled versions (JSON Schema + UI description)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import FormSummarySerializer, FormVersionSerializer
from forms_builder.selectors import form_version_current, form_version_get, public_forms


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
        public_keys = {definition.key for definition, _version in public_forms()}
        if key not in public_keys:
            raise exceptions.NotFound(_("No public form has this key."))
        version = (
            form_version_get(key=key, number=int(requested)) if requested else form_version_current(key=key)
        )
        if version is None:
            raise exceptions.NotFound(_("This form has no such version."))
        return Response(FormVersionSerializer(version).data)
