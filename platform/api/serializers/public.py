"""Serializers of the public API: forms, submissions, tracking, tokens, the legal library, option lists."""

from rest_framework import serializers

from core.i18n import localize


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


class StrictInputSerializer(serializers.Serializer):
    """Input serializers refuse fields they do not declare (no silent mass assignment)."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                from django.utils.translation import gettext as _

                raise serializers.ValidationError(
                    {name: [_("This field is not accepted here.")] for name in unknown}
                )
        return super().to_internal_value(data)


class SubmissionInputSerializer(StrictInputSerializer):
    data = serializers.JSONField(help_text="The answers, keyed by field key (see the form's schema).")
    language = serializers.ChoiceField(choices=["ar", "en"], required=False)


class SubmissionOutputSerializer(serializers.Serializer):
    reference = serializers.CharField()
    tracking_code = serializers.CharField(allow_null=True)
    state = serializers.CharField()
    state_label = serializers.CharField()


class TrackInputSerializer(StrictInputSerializer):
    reference = serializers.CharField(max_length=32)
    tracking_code = serializers.CharField(max_length=40)


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    state = serializers.CharField()
    state_label = serializers.CharField()


class ReporterStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    text_required = serializers.BooleanField()


class ReporterMessageSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    from_reporter = serializers.BooleanField()
    text = serializers.CharField()


class ReporterViewSerializer(serializers.Serializer):
    """What the reporter may do now (``steps``), the exchange with the staff, and a question waiting."""

    steps = ReporterStepSerializer(many=True)
    messages = ReporterMessageSerializer(many=True)
    question = serializers.CharField(allow_blank=True)


class TrackOutputSerializer(serializers.Serializer):
    reference = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    opened_at = serializers.DateTimeField()
    closed = serializers.BooleanField()
    timeline = TimelineItemSerializer(many=True)
    reporter = ReporterViewSerializer()


class TrackStepInputSerializer(TrackInputSerializer):
    step = serializers.CharField(max_length=64)
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class TokenInputSerializer(StrictInputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, style={"input_type": "password"}, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


class LegalProvisionSerializer(serializers.Serializer):
    key = serializers.CharField()
    instrument = serializers.CharField(source="instrument.key")
    article = serializers.CharField(help_text="The article as the source gives it (—: not yet confirmed).")
    article_confirmed = serializers.BooleanField(help_text="Whether the article number is confirmed.")
    article_label = serializers.CharField(
        help_text="How a notice cites it, in the reader's language: Art. 7(2), or article to be confirmed."
    )
    title = serializers.SerializerMethodField()
    title_i18n = serializers.JSONField(source="title")
    text = serializers.SerializerMethodField()
    validation_status = serializers.CharField()

    def get_title(self, provision) -> str:
        return localize(provision.title)

    def get_text(self, provision) -> str:
        return localize(provision.text)


class LegalInstrumentSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.SerializerMethodField()
    title_i18n = serializers.JSONField(source="title")
    year = serializers.IntegerField(allow_null=True)
    summary = serializers.SerializerMethodField()

    def get_title(self, instrument) -> str:
        return localize(instrument.title)

    def get_summary(self, instrument) -> str:
        return localize(instrument.summary)


class OptionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.SerializerMethodField()
    label_i18n = serializers.JSONField(source="label")
    parent = serializers.CharField(source="parent_code", allow_blank=True)

    def get_label(self, option) -> str:
        return localize(option.label)


class OptionListSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.SerializerMethodField()
    options = serializers.SerializerMethodField()

    def get_name(self, option_list) -> str:
        return localize(option_list.name)

    def get_options(self, option_list) -> list[dict]:
        return OptionSerializer([o for o in option_list.options.all() if not o.retired], many=True).data
