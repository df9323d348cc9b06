"""The case page's forms: each POST runs one service, then goes back to the case (or shows the errors)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import View

from accounts.selectors import user_governorate_ids
from cases import services
from cases.admin.common import StaffMixin
from cases.admin.detail import CaseDetailView
from cases.admin.forms import (
    AssignForm,
    CommentForm,
    EnforcementForm,
    EstablishmentLinkForm,
    EstablishmentRegisterForm,
    ViolationStatusForm,
    person_label,
)
from cases.admin.presenters import establishment_name, revealed_rows
from cases.errors import CaseError, CaseNotFound
from cases.permissions import CasePermissions
from cases.selectors import assignee_candidates


class CaseActionView(StaffMixin, View):
    """A POST on the case page: run one service, then go back to the case (or show the page with errors)."""

    form_name = ""

    def post(self, request, reference: str, **kwargs):
        self.case = self.get_case()
        try:
            response = self.act(request)
        except CaseError as error:
            messages.error(request, error.message)
            for item in error.errors or []:
                if item.get("field") and item.get("message") != error.message:
                    messages.error(request, f"{item['field']}: {item['message']}")
            return HttpResponseRedirect(self.case_url(self.case))
        return response or HttpResponseRedirect(self.case_url(self.case))

    def invalid(self, form):
        view = CaseDetailView(request=self.request, kwargs=self.kwargs, args=())
        view.case = self.case
        context = view.get_context_data(forms={self.form_name: form})
        return render(self.request, view.template_name, context, status=400)


class CaseCommentView(CaseActionView):
    form_name = "comment"

    def act(self, request):
        form = CommentForm(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        services.case_comment(case=self.case, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
        return None


class CaseAssignView(CaseActionView):
    form_name = "assign"

    def act(self, request):
        if not CasePermissions(request.user, self.case).may_assign:
            raise PermissionDenied
        form = AssignForm(request.POST, candidates=assignee_candidates(case=self.case))
        if not form.is_valid():
            return self.invalid(form)
        assignee = form.cleaned_data["assignee"]
        services.case_assign(case=self.case, assignee=assignee, actor=request.user)
        if assignee:
            messages.success(request, _("Assigned to %(person)s.") % {"person": person_label(assignee)})
        else:
            messages.success(request, _("The case is no longer assigned."))
        return None


class CaseTakeView(CaseActionView):
    """ "Assign to me": for anyone who can work on the case."""

    def act(self, request):
        services.case_assign(case=self.case, assignee=request.user, actor=request.user)
        messages.success(request, _("The case is assigned to you."))


class CaseEstablishmentView(CaseActionView):
    """Link the case to a registry entry, change the link, or unlink it."""

    form_name = "establishment"

    def act(self, request):
        if request.POST.get("unlink"):
            services.case_set_establishment(case=self.case, establishment=None, actor=request.user)
            messages.success(request, _("The case is no longer linked to an establishment."))
            return None
        form = EstablishmentLinkForm(request.POST, governorate_ids=user_governorate_ids(user=request.user))
        if not form.is_valid():
            return self.invalid(form)
        establishment = form.cleaned_data["establishment"]
        services.case_set_establishment(case=self.case, establishment=establishment, actor=request.user)
        messages.success(request, _("Linked to %(name)s.") % {"name": establishment_name(establishment)})
        return None


class CaseEstablishmentRegisterView(CaseActionView):
    """Add the employer the case names to the registry (an unregistered workplace) and link the case."""

    def act(self, request):
        form = EstablishmentRegisterForm(request.POST)
        if not form.is_valid():
            raise CaseError(_("Enter the establishment's name."))
        services.establishment_register_from_case(case=self.case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The establishment is added to the registry and the case linked to it."))


class CaseEnforcementView(CaseActionView):
    form_name = "enforcement"

    def act(self, request):
        if not CasePermissions(request.user, self.case).may_enforce:
            raise PermissionDenied
        form = EnforcementForm(
            request.POST, case=self.case, allowed=services.enforcement_allowed_next(self.case)
        )
        if not form.is_valid():
            return self.invalid(form)
        data = form.cleaned_data
        action = services.enforcement_issue(
            case=self.case,
            kind=data["kind"],
            actor=request.user,
            violations=list(data["violations"]),
            amount_iqd=data.get("amount_iqd"),
            due_date=data.get("due_date"),
            notes=data.get("notes", ""),
            reason=data.get("reason", ""),
            penalty_provision=data.get("penalty_provision"),
        )
        messages.success(request, _("%(action)s issued.") % {"action": action.get_kind_display()})
        return None


class ViolationStatusView(CaseActionView):
    def act(self, request):
        if not CasePermissions(request.user, self.case).may_change_violations:
            raise PermissionDenied
        violation = self.case.violations.filter(pk=self.kwargs["violation_id"]).first()
        if violation is None:
            raise CaseNotFound(_("No such violation."))
        form = ViolationStatusForm(request.POST)
        if not form.is_valid():
            raise CaseError(_("Choose a valid status."))
        services.violation_set_status(
            violation=violation,
            status=form.cleaned_data["status"],
            actor=request.user,
            note=form.cleaned_data["note"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Violation updated."))


class CaseRevealView(CaseActionView):
    """Show the reporter's confidential answers, once, after an explicit request that is logged."""

    def act(self, request):
        if not CasePermissions(request.user, self.case).may_reveal:
            raise PermissionDenied
        values = services.confidential_read(case=self.case, actor=request.user)
        view = CaseDetailView(request=request, kwargs=self.kwargs, args=())
        view.case = self.case
        revealed = revealed_rows(self.case, values, translation.get_language())
        response = render(request, view.template_name, view.get_context_data(revealed=revealed))
        response["Cache-Control"] = "no-store"
        return response
