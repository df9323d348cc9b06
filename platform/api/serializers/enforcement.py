"""Serializers of a case's enforcement actions: the actions with their history and what the reader may do
next, and the inputs to issue one, record an outcome, and confirm or reject a proposal. The rules (who may
record what, which outcome may follow which, what a payment needs) are the services'; these only check
the shape of the input."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from api.serializers.public import StrictInputSerializer
from cases.models import EnforcementAction
from cases.services import OUTCOMES, enforcement_outcomes_next, enforcement_proposal_decisions
from registry.models import LegalProvision

_MAX_ID = 2**31 - 1


class EnforcementOutcomeSerializer(serializers.Serializer):
    """One step of an action's history."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    at = serializers.DateTimeField()
    amount_iqd = serializers.DecimalField(max_digits=14, decimal_places=0, allow_null=True)
    paid_on = serializers.DateField(allow_null=True)
    receipt_number = serializers.CharField()
    note = serializers.CharField()


class EnforcementActionSerializer(serializers.Serializer):
    """An enforcement action; ``next_outcomes`` and ``decisions`` are for the reader (``context["user"]``)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    proposal = serializers.SerializerMethodField(help_text="Proposed to the supervisor, not yet issued.")
    notice_number = serializers.CharField(help_text="Empty while a proposal.")
    reason = serializers.CharField()
    notes = serializers.CharField()
    amount_iqd = serializers.DecimalField(max_digits=14, decimal_places=0, allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    penalty_provision = serializers.CharField(source="penalty_provision.key", allow_null=True, default=None)
    follows = serializers.IntegerField(source="follows_id", allow_null=True)
    followed_by = serializers.SerializerMethodField(help_text="The actions proposed or taken after this one.")
    proposed_by = serializers.CharField(source="proposed_by.username", allow_null=True, default=None)
    issued_by = serializers.CharField(source="issued_by.username", allow_null=True, default=None)
    issued_at = serializers.DateTimeField()
    violations = serializers.SerializerMethodField()
    history = EnforcementOutcomeSerializer(source="outcomes.all", many=True)
    next_outcomes = serializers.SerializerMethodField(
        help_text="The outcomes you may record now (POST them to outcomes/)."
    )
    decisions = serializers.SerializerMethodField(
        help_text="On a proposal, what you may decide: confirm (POST confirm/), reject (POST reject/)."
    )

    def get_proposal(self, action) -> bool:
        return action.status == EnforcementAction.Status.PROPOSED

    def get_followed_by(self, action) -> list[int]:
        return [following.pk for following in action.followed_by.all()]

    def get_violations(self, action) -> list[int]:
        return [violation.pk for violation in action.violations.all()]

    def get_next_outcomes(self, action) -> list[str]:
        user = self.context.get("user")
        return enforcement_outcomes_next(action, user) if user is not None else []

    def get_decisions(self, action) -> list[str]:
        user = self.context.get("user")
        return enforcement_proposal_decisions(action, user) if user is not None else []


def _provision(key):
    if not key:
        return None
    provision = LegalProvision.objects.filter(key=key).first()
    if provision is None:
        raise serializers.ValidationError(_("No legal provision with this key."))
    return provision


def _amount(**kwargs):
    return serializers.DecimalField(
        max_digits=14, decimal_places=0, min_value=1, required=False, allow_null=True, **kwargs
    )


def _provision_key():
    return serializers.SlugField(
        max_length=120,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="The legal basis of the penalty: a provision's key (see legal/provisions/).",
    )


class EnforcementInputSerializer(StrictInputSerializer):
    kind = serializers.ChoiceField(choices=EnforcementAction.Kind.values)
    violations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=_MAX_ID), required=False, max_length=500
    )
    amount_iqd = _amount()
    due_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=3000,
        default="",
        help_text="Required for an action the ladder allows at any step (court referral, stop order).",
    )
    penalty_provision = _provision_key()

    def validate_penalty_provision(self, value):
        return _provision(value)


class EnforcementOutcomeInputSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=OUTCOMES, help_text="One of the action's next_outcomes.")
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=3000,
        default="",
        help_text="The reason: required to cancel, and for the court's decision.",
    )
    amount_iqd = _amount(help_text="Paid: the amount paid in IQD.")
    paid_on = serializers.DateField(
        required=False, allow_null=True, help_text="Paid: the payment date (default today)."
    )
    receipt_number = serializers.CharField(
        required=False, allow_blank=True, max_length=64, default="", help_text="Paid: the receipt number."
    )


class EnforcementConfirmInputSerializer(StrictInputSerializer):
    amount_iqd = _amount(help_text="Default: the proposal's amount. A fine needs one.")
    due_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    penalty_provision = _provision_key()

    def validate_penalty_provision(self, value):
        return _provision(value)


class EnforcementRejectInputSerializer(StrictInputSerializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=3000, default="", help_text="Required: why not."
    )
