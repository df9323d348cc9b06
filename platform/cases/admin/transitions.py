"""Taking a workflow step: a confirmation with a comment, or the step's form as a wizard."""

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases import services
from cases.admin.common import StaffMixin
from cases.admin.forms import TransitionForm
from cases.admin.verification import VERIFY_STEP, VerificationForm
from cases.errors import CaseError
from cases.permissions import user_may_assign
from cases.selectors import (
    assignee_candidates,
    step_verifies,
    transitions_available,
    violations_to_verify,
)
from core.i18n import localize
from forms_builder.selectors import form_version_current
from forms_builder.wizard import REVIEW_STEP, FormWizardView, ReviewForm


def _available_transition(case, user, key):
    for transition_ in transitions_available(case=case, user=user):
        if transition_.key == key:
            return transition_
    return None


class TransitionView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    """A step without a form: confirm, with a comment (required when the workflow says so)."""

    template_name = "cases/staff/transition.html"
    header_icon = "resubmit"

    def dispatch_allowed(self, request, *args, **kwargs):
        self.case = self.get_case()
        self.transition = _available_transition(self.case, request.user, kwargs["key"])
        if self.transition is None:
            # Not a step this user may take now: no button was shown, and posting anyway is refused.
            raise PermissionDenied
        if self.transition.form_id:
            return TransitionWizard.as_view(case=self.case, transition=self.transition)(
                request, *args, **kwargs
            )
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_page_title(self):
        return localize(self.transition.label)

    def get_page_subtitle(self):
        return self.case.reference

    def transition_form(self, data=None) -> TransitionForm:
        target = self.case.case_type.workflow.state(self.transition.to_state)
        chooses = bool(target and target.requires_assignee and user_may_assign(self.request.user))
        return TransitionForm(
            data,
            comment_required=self.transition.comment_required,
            candidates=assignee_candidates(case=self.case) if chooses else None,
            initial={"assignee": self.case.assignee_id},
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, transition=self.transition, form=form or self.transition_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.transition_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.transition(
                self.case,
                self.transition.key,
                request.user,
                comment=form.cleaned_data["comment"],
                language=translation.get_language(),
                assignee=form.cleaned_data.get("assignee"),
            )
        except CaseError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Done: %(step)s.") % {"step": localize(self.transition.label)})
        return HttpResponseRedirect(self.case_url(self.case))


class TransitionReviewForm(ReviewForm):
    comment = TransitionForm.base_fields["comment"]


class TransitionWizard(FormWizardView):
    """A step with a form (e.g. a checklist): the form's sections one by one, then a review
    with a comment; the case moves only when the whole form is valid."""

    template_name = "cases/staff/transition_wizard.html"
    case = None
    transition = None

    def dispatch(self, request, *args, **kwargs):
        verifies = step_verifies(self.transition)
        self.violations = list(violations_to_verify(case=self.case, user=request.user)) if verifies else []
        return super().dispatch(request, *args, **kwargs)

    def get_version(self):
        return form_version_current(key=self.transition.form.key)

    def get_form_list(self):
        """The form's sections, after a first one verifying the establishment's outstanding violations
        when the step does that and there are some."""
        steps = super().get_form_list()
        if self.violations:
            steps = OrderedDict([(VERIFY_STEP, VerificationForm), *steps.items()])
            self._resolved_form_list = steps.copy()
        return steps

    def get_prefix(self, request, *args, **kwargs):
        return f"case_{self.case.pk}_{self.transition.key}_v{self.version.number}"

    def get_form(self, step=None, data=None, files=None, rows=None):
        step = step or self.steps.current
        if step == REVIEW_STEP:
            form = TransitionReviewForm(data=data, prefix=self.get_form_prefix(step))
            form.fields["comment"].required = self.transition.comment_required
            return form
        if step == VERIFY_STEP:
            prefix = self.get_form_prefix(step)
            form = VerificationForm(data=data, files=files, prefix=prefix, violations=self.violations)
            form.kept_files = {
                name.removeprefix(f"{prefix}-"): entries for name, entries in self.storage.kept(step).items()
            }
            return form
        return super().get_form(step, data=data, files=files, rows=rows)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            case=self.case,
            transition=self.transition,
            transition_label=localize(self.transition.label),
            page_title=localize(self.transition.label),
        )
        if self.violations:
            title = _("Outstanding violations of the establishment")
            context["step_list"] = [{"key": VERIFY_STEP, "title": title}, *context["step_list"]]
            if self.steps.current == VERIFY_STEP:
                context.update(current_step_title=title, verifying=True)
        return context

    def verifications(self):
        """The answers of the first section (None when the step verifies nothing)."""
        if not self.violations:
            return None
        form = self.get_form(
            VERIFY_STEP,
            data=self.storage.get_step_data(VERIFY_STEP),
            files=self.storage.get_step_files(VERIFY_STEP),
        )
        return form.verifications() if form.is_valid() else None

    def submit(self, result, answers, files):
        review = self.get_form(REVIEW_STEP, data=self.storage.get_step_data(REVIEW_STEP))
        comment = review.cleaned_data.get("comment", "") if review.is_valid() else ""
        try:
            services.transition(
                self.case,
                self.transition.key,
                self.request.user,
                answers,
                files,
                comment=comment,
                language=translation.get_language(),
                verifications=self.verifications(),
            )
        except CaseError as error:
            details = [item["message"] for item in error.errors or [] if item.get("message") != error.message]
            return self.review_again(" ".join([error.message, *details]))
        messages.success(self.request, _("Done: %(step)s.") % {"step": localize(self.transition.label)})
        return HttpResponseRedirect(reverse("ecms_cases:detail", args=[self.case.reference]))
