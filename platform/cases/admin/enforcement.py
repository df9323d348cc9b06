"""The case page's enforcement rows: record an outcome, confirm or reject a proposal (each POST runs one
service, then goes back to the case)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext as _

from cases import services
from cases.admin.actions import CaseActionView
from cases.admin.enforcement_forms import ConfirmForm, OutcomeForm, RejectForm
from cases.errors import CaseInvalid
from cases.permissions import CasePermissions


def _valid(form) -> dict:
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise CaseInvalid(
            f"{form.fields[field].label if field in form.fields else ''}: {errors[0]}".lstrip(": ")
        )
    return form.cleaned_data


class EnforcementOutcomeView(CaseActionView):
    def act(self, request):
        action_id = self.kwargs["action_id"]
        form = OutcomeForm(request.POST, outcomes=services.OUTCOMES, prefix=f"o{action_id}")
        data = _valid(form)
        action = services.enforcement_record_outcome(
            case=self.case,
            action_id=action_id,
            status=data["status"],
            actor=request.user,
            note=data["note"],
            amount_iqd=data["amount_iqd"],
            paid_on=data["paid_on"],
            receipt_number=data["receipt_number"],
        )
        messages.success(request, _("Recorded: %(status)s.") % {"status": action.get_status_display()})


class EnforcementConfirmView(CaseActionView):
    def act(self, request):
        if not CasePermissions(request.user, self.case).may_enforce:
            raise PermissionDenied
        action_id = self.kwargs["action_id"]
        data = _valid(ConfirmForm(request.POST, prefix=f"c{action_id}"))
        action = services.enforcement_proposal_confirm(
            case=self.case,
            action_id=action_id,
            actor=request.user,
            amount_iqd=data["amount_iqd"],
            due_date=data["due_date"],
            notes=data["notes"],
            penalty_provision=data["penalty_provision"],
        )
        messages.success(
            request,
            _("%(action)s issued, notice %(number)s.")
            % {"action": action.get_kind_display(), "number": action.notice_number},
        )


class EnforcementRejectView(CaseActionView):
    def act(self, request):
        action_id = self.kwargs["action_id"]
        data = _valid(RejectForm(request.POST, prefix=f"r{action_id}"))
        services.enforcement_proposal_reject(
            case=self.case, action_id=action_id, actor=request.user, reason=data["reason"]
        )
        messages.success(request, _("The proposal is rejected."))


def enforcement_urls(reference: str) -> list:
    """The case page's enforcement row URLs (``reference`` is the case part of the path)."""
    return [
        path(
            f"{reference}enforcement/<int:action_id>/outcome/",
            EnforcementOutcomeView.as_view(),
            name="enforcement_outcome",
        ),
        path(
            f"{reference}enforcement/<int:action_id>/confirm/",
            EnforcementConfirmView.as_view(),
            name="enforcement_confirm",
        ),
        path(
            f"{reference}enforcement/<int:action_id>/reject/",
            EnforcementRejectView.as_view(),
            name="enforcement_reject",
        ),
    ]
