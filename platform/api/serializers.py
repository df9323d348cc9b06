"""Output serializers of the API (input is validated by the forms validator or by input serializers)."""

from rest_framework import serializers

from ecms.i18n import localize


class FormSummarySerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.SerializerMethodField()
    title_i18n = serializers.JSONField(source="title")
    version = serializers.IntegerField(source="number")

    def get_title(self, version) -> str:
        return localize(version.title)


class FormVersionSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    version = serializers.IntegerField(source="number")
    checksum = serializers.CharField()
    published_at = serializers.DateTimeField(source="created_at")
    schema = serializers.JSONField()
    ui = serializers.JSONField()
