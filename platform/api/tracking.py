"""What the track endpoints return beyond the state and timeline: the decision, the cases that may still
be opened from it (an appeal, with its deadline), the satisfaction question; and the answer's input."""

from rest_framework import serializers

from api.serializers import (
    TimelineItemSerializer,
    TrackInputSerializer,
    TrackOutputSerializer,
)


class TrackedStepSerializer(TimelineItemSerializer):
    reopened_by = serializers.CharField(required=False, help_text="The case whose decision reopened it.")


class LabelledValueSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    reasons = LabelledValueSerializer(many=True)
    closed_at = serializers.DateTimeField()


class ParentReopenedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    state_label = serializers.CharField()
    at = serializers.DateTimeField()


class NextStepSerializer(serializers.Serializer):
    case_type = serializers.CharField(help_text="Key of the case type that may be opened from this case.")
    name = serializers.CharField()
    deadline = serializers.DateTimeField(allow_null=True)


class OptionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class SatisfactionSerializer(serializers.Serializer):
    options = OptionSerializer(many=True)
    answer = serializers.CharField(allow_blank=True)
    answer_label = serializers.CharField(allow_blank=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    open = serializers.BooleanField(help_text="Whether the reporter may still answer (once).")


class TrackResultSerializer(TrackOutputSerializer):
    case_type = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    timeline = TrackedStepSerializer(many=True)
    decision = DecisionSerializer(allow_null=True)
    parent_reopened = ParentReopenedSerializer(allow_null=True)
    next_steps = NextStepSerializer(many=True)
    satisfaction = SatisfactionSerializer(allow_null=True)


class SatisfactionInputSerializer(TrackInputSerializer):
    answer = serializers.CharField(max_length=64, help_text="A code of the satisfaction question's options.")
