"""Serializers of the staff API: cases and their records (violations, enforcement, files, events)."""

from rest_framework import serializers

from api.serializers.enforcement import EnforcementActionSerializer
from api.serializers.public import StrictInputSerializer
from cases.selectors import case_visible
from core.i18n import localize


class EstablishmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    registration_number = serializers.CharField()
    governorate = serializers.CharField(source="governorate.code")
    activity = serializers.CharField(source="activity.code", allow_null=True, default=None)
    address = serializers.CharField()
    workers_total = serializers.IntegerField(allow_null=True)


class CaseListSerializer(serializers.Serializer):
    reference = serializers.CharField()
    case_type = serializers.CharField(source="case_type.key")
    state = serializers.CharField()
    state_label = serializers.CharField()  # set by cases.selectors.cases_labelled
    governorate = serializers.CharField(source="governorate.code", allow_null=True, default=None)
    establishment = serializers.SerializerMethodField()
    assignee = serializers.CharField(source="assignee.username", allow_null=True, default=None)
    priority = serializers.CharField()
    channel = serializers.CharField()
    restricted = serializers.BooleanField()
    opened_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")

    def get_establishment(self, case) -> dict | None:
        if case.establishment_id is None:
            return None
        return {"id": case.establishment_id, "name": case.establishment.name}


class ViolationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item_key = serializers.CharField()
    provision = serializers.CharField(source="provision.key", allow_null=True, default=None)
    description = serializers.SerializerMethodField()
    note = serializers.CharField()
    severity = serializers.CharField()
    corrective_action = serializers.SerializerMethodField()
    deadline = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    overdue = serializers.BooleanField(source="is_overdue")
    case = serializers.CharField(source="case.reference")
    verified_by = serializers.CharField(source="verified_by.username", allow_null=True, default=None)
    verified_at = serializers.DateTimeField(allow_null=True)
    verified_in = serializers.CharField(source="verified_in.reference", allow_null=True, default=None)
    verification_note = serializers.CharField()
    withdrawal_reason = serializers.CharField()

    def get_description(self, violation) -> str:
        return localize(violation.description)

    def get_corrective_action(self, violation) -> str:
        return localize(violation.corrective_action)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    field = serializers.CharField()
    name = serializers.CharField(source="original_name")
    type = serializers.CharField(source="content_type")
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.CharField(source="case.reference")
    sequence = serializers.IntegerField()
    kind = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    data = serializers.SerializerMethodField()
    hash = serializers.CharField()

    def get_data(self, event) -> dict:
        """The event's details; an earlier case's reference (events written before it was left out) only
        for a reader who may see that case — an inspection's complaint origin stays confidential."""
        data = dict(event.data or {})
        if "parent" in data:
            user = self.context.get("user")
            parent = event.case.parent if event.case.parent_id else None
            if user is None or parent is None or not case_visible(case=parent, user=user):
                data.pop("parent")
        return data


class TransitionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.SerializerMethodField()
    to_state = serializers.CharField()
    comment_required = serializers.BooleanField()
    form = serializers.SerializerMethodField()

    def get_label(self, transition) -> str:
        return localize(transition.label)

    def get_form(self, transition) -> str | None:
        return transition.form.key if transition.form_id else None


class TransitionInputSerializer(StrictInputSerializer):
    transition = serializers.CharField(max_length=64)
    data = serializers.JSONField(required=False, default=dict)
    verifications = serializers.JSONField(
        required=False,
        default=list,
        help_text=(
            "For a step that verifies the establishment's outstanding violations (see "
            "violations/to-verify/): [{violation: id, outcome: corrected|not_corrected|not_verifiable, "
            "note}]; photos as multipart files named violations.<id>."
        ),
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    assignee = serializers.CharField(
        required=False,
        max_length=150,
        help_text="Username of the person to assign with the step (supervisors); default: the rule.",
    )


class StaffCaseInputSerializer(StrictInputSerializer):
    case_type = serializers.SlugField(max_length=64, help_text="The case type's key (see its intake roles).")
    channel = serializers.ChoiceField(
        choices=["staff", "phone", "walk_in", "paper", "email"],
        help_text="How the case reached the ministry: among the case type's intake channels.",
    )
    data = serializers.JSONField(help_text="The intake form's answers, keyed by field key.")
    language = serializers.ChoiceField(choices=["ar", "en"], required=False)


class EstablishmentLinkInputSerializer(StrictInputSerializer):
    establishment = serializers.IntegerField(
        allow_null=True, min_value=1, help_text="The registry entry's id; null unlinks the case."
    )


class EstablishmentRegisterInputSerializer(StrictInputSerializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
    address = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class PersonSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="name_in")


class EstablishmentLookupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    governorate = serializers.CharField()
    governorate_name = serializers.DictField(child=serializers.CharField())
    district = serializers.CharField()


class CommentInputSerializer(StrictInputSerializer):
    text = serializers.CharField(max_length=5000)


class AssignInputSerializer(StrictInputSerializer):
    assignee = serializers.CharField(max_length=150, allow_null=True)


class RenderedRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class RenderedSectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    rows = RenderedRowSerializer(many=True)


class CaseDetailSerializer(CaseListSerializer):
    """A case as ``cases.selectors.case_detail`` gives it (a CaseDetail): the list's fields, then the answers
    rendered by the case's own form version, its relations, violations, enforcement and files."""

    form = serializers.DictField()
    data = serializers.JSONField()
    rendered = RenderedSectionSerializer(many=True)
    parent = serializers.CharField(allow_null=True)
    children = serializers.ListField(child=serializers.CharField())
    outcome = serializers.CharField()
    violations = ViolationSerializer(many=True)
    enforcement_actions = EnforcementActionSerializer(many=True)
    attachments = AttachmentSerializer(many=True)

    def to_representation(self, detail):
        case = detail.case
        case.state_label = detail.state_label
        body = CaseListSerializer(case).data
        body.update(
            form={"key": case.form_version.key, "version": case.form_version.number},
            data=case.data,
            rendered=RenderedSectionSerializer(detail.sections, many=True).data,
            parent=detail.parent.reference if detail.parent else None,
            children=[child.reference for child in detail.children],
            outcome=case.outcome,
            violations=ViolationSerializer(detail.violations, many=True).data,
            enforcement_actions=EnforcementActionSerializer(
                detail.enforcement_actions, many=True, context=self.context
            ).data,
            attachments=AttachmentSerializer(detail.attachments, many=True).data,
        )
        return body


class AssignOutputSerializer(serializers.Serializer):
    reference = serializers.CharField()
    assignee = serializers.CharField(allow_null=True)


class CasePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseListSerializer(many=True)


class EventFeedSerializer(serializers.Serializer):
    events = EventSerializer(many=True)
    next_after = serializers.IntegerField()
