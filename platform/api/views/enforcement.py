"""Staff endpoints of a case's enforcement: list and issue actions, read one with its history, record what
became of it, and confirm or reject a proposal. The same services as the staff screens decide everything
(who may, which outcome may follow which, what a payment needs); a refusal changes nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.serializers import (
    EnforcementActionSerializer,
    EnforcementConfirmInputSerializer,
    EnforcementInputSerializer,
    EnforcementOutcomeInputSerializer,
    EnforcementRejectInputSerializer,
)
from api.views.cases import CaseScopedView
from cases.services import (
    enforcement_issue,
    enforcement_proposal_confirm,
    enforcement_proposal_reject,
    enforcement_record_outcome,
)


def _actions(case):
    return case.enforcement_actions.select_related(
        "issued_by", "proposed_by", "penalty_provision"
    ).prefetch_related("violations", "outcomes__actor", "followed_by")


class EnforcementView(CaseScopedView):
    def validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def answer(self, case, action_id: int, code=status.HTTP_200_OK) -> Response:
        """The action as it stands now, for the caller."""
        action = _actions(case).filter(pk=action_id).first()
        if action is None:
            raise exceptions.NotFound()
        return Response(EnforcementActionSerializer(action, context={"user": self.request.user}).data, code)


class CaseEnforcementView(EnforcementView):
    @extend_schema(
        responses=EnforcementActionSerializer(many=True),
        summary="Enforcement actions of the case, with their history and what you may do next",
    )
    def get(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        return Response(
            EnforcementActionSerializer(_actions(case), many=True, context={"user": request.user}).data
        )

    @extend_schema(
        request=EnforcementInputSerializer,
        responses={201: EnforcementActionSerializer},
        summary="Issue an enforcement action (the case type's ladder decides what may follow what)",
    )
    def post(self, request, reference: str, *args, **kwargs):
        case = self.get_case(reference)
        data = self.validated(EnforcementInputSerializer)
        violations = list(case.violations.filter(pk__in=data.get("violations") or []))
        action = enforcement_issue(
            case=case,
            kind=data["kind"],
            actor=request.user,
            violations=violations,
            amount_iqd=data.get("amount_iqd"),
            due_date=data.get("due_date"),
            notes=data["notes"],
            reason=data["reason"],
            penalty_provision=data.get("penalty_provision"),
        )
        return self.answer(case, action.pk, status.HTTP_201_CREATED)


class EnforcementActionView(EnforcementView):
    @extend_schema(responses=EnforcementActionSerializer, summary="One enforcement action with its history")
    def get(self, request, reference: str, action_id: int, *args, **kwargs):
        return self.answer(self.get_case(reference), action_id)


class EnforcementOutcomeView(EnforcementView):
    @extend_schema(
        request=EnforcementOutcomeInputSerializer,
        responses=EnforcementActionSerializer,
        summary="Record what became of an action (one of its next_outcomes; not complied with proposes the "
        "ladder's next step to the supervisor)",
    )
    def post(self, request, reference: str, action_id: int, *args, **kwargs):
        case = self.get_case(reference)
        data = self.validated(EnforcementOutcomeInputSerializer)
        enforcement_record_outcome(
            case=case,
            action_id=action_id,
            status=data["status"],
            actor=request.user,
            note=data["note"],
            amount_iqd=data.get("amount_iqd"),
            paid_on=data.get("paid_on"),
            receipt_number=data["receipt_number"],
        )
        return self.answer(case, action_id)


class EnforcementConfirmView(EnforcementView):
    @extend_schema(
        request=EnforcementConfirmInputSerializer,
        responses=EnforcementActionSerializer,
        summary="Confirm a proposal: it is issued now, by you, with its notice number",
    )
    def post(self, request, reference: str, action_id: int, *args, **kwargs):
        case = self.get_case(reference)
        data = self.validated(EnforcementConfirmInputSerializer)
        enforcement_proposal_confirm(
            case=case,
            action_id=action_id,
            actor=request.user,
            amount_iqd=data.get("amount_iqd"),
            due_date=data.get("due_date"),
            notes=data["notes"],
            penalty_provision=data.get("penalty_provision"),
        )
        return self.answer(case, action_id)


class EnforcementRejectView(EnforcementView):
    @extend_schema(
        request=EnforcementRejectInputSerializer,
        responses=EnforcementActionSerializer,
        summary="Reject a proposal, with the reason",
    )
    def post(self, request, reference: str, action_id: int, *args, **kwargs):
        case = self.get_case(reference)
        data = self.validated(EnforcementRejectInputSerializer)
        enforcement_proposal_reject(case=case, action_id=action_id, actor=request.user, reason=data["reason"])
        return self.answer(case, action_id)
