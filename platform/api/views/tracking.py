"""The reporter's answer to the satisfaction question of a closed case (reference and code in the body)."""

from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.throttles import TrackingThrottle
from api.tracking import SatisfactionInputSerializer, TrackResultSerializer
from api.views.public import PublicView
from cases.services import satisfaction_record
from cases.tracking import tracking_result
from core.ratelimit import client_address


class SatisfactionView(PublicView):
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        request=SatisfactionInputSerializer,
        responses={200: TrackResultSerializer},
        summary="Give your satisfaction with a closed case, once (reference and tracking code in the body)",
    )
    def post(self, request, *args, **kwargs):
        serializer = SatisfactionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = satisfaction_record(
            reference=serializer.validated_data["reference"],
            code=serializer.validated_data["tracking_code"],
            answer=serializer.validated_data["answer"],
            address=client_address(request),
        )
        result = tracking_result(case=case, language=translation.get_language() or "ar")
        return Response(TrackResultSerializer(result).data)
