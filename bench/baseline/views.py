"""A bare DRF endpoint writing one row: no throttle, no authentication, a serializer and an INSERT."""

from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from bench.baseline.models import BaselineRow


class RowSerializer(serializers.ModelSerializer):
    class Meta:
        model = BaselineRow
        fields = ["id", "name", "text"]


class RowCreateView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = []

    def post(self, request, *args, **kwargs):
        serializer = RowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)
