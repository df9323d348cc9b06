"""Public: the published forms, as compiled versions (JSON Schema + UI description)."""

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.renderers import SafeJSONRenderer
from api.serializers import FormSummarySerializer, FormVersionSerializer
from forms_builder.selectors import form_version_document, form_version_get, public_form_current, public_forms

# The current version may change on publish: clients may keep it but must ask again (a 304 is cheap).
# A numbered version never changes.
CURRENT_CACHE_CONTROL = "public, no-cache"
NUMBERED_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _render(version) -> bytes:
    return SafeJSONRenderer().render(dict(FormVersionSerializer(version).data))


class FormListView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(responses=FormSummarySerializer(many=True), summary="List the public forms")
    def get(self, request, *args, **kwargs):
        versions = [version for _definition, version in public_forms()]
        return Response(FormSummarySerializer(versions, many=True).data)


class FormDetailView(APIView):
    """Served from bytes rendered once per process and version (a version never changes), with an ETag."""

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
        version_id, cache_control = current["id"], CURRENT_CACHE_CONTROL
        if requested:
            cache_control = NUMBERED_CACHE_CONTROL
            if int(requested) != current["number"]:
                version = form_version_get(key=key, number=int(requested))
                if version is None:
                    raise exceptions.NotFound(_("This form has no such version."))
                version_id = version.pk
        document = form_version_document(version_id=version_id, variant="api", render=_render)
        if document is None:
            raise exceptions.NotFound(_("This form has no such version."))
        body, etag = document
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        response["Cache-Control"] = cache_control
        return response
