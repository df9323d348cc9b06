"""The case page, the logged reveal of confidential data, and case files."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.selectors import user_governorate_ids
from cases import services
from cases.admin.common import QUEUE_TITLES, StaffMixin
from cases.admin.enforcement_forms import enforcement_rows
from cases.admin.forms import (
    AssignForm,
    CommentForm,
    EnforcementForm,
    EstablishmentLinkForm,
    ViolationStatusForm,
)
from cases.admin.presenters import CHANNELS, employer_label, establishment_name, sla_status, timeline_items
from cases.errors import CaseNotFound
from cases.permissions import CasePermissions
from cases.selectors import (
    assignee_candidates,
    case_detail,
    transitions_available,
)
from core.i18n import localize


class CaseDetailView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/staff/detail.html"
    header_icon = "folder-open-inverse"

    def get_page_title(self):
        return self.case.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("ecms_cases:queue", args=["all"]), "label": QUEUE_TITLES["all"]},
            {"url": "", "label": self.case.reference},
        ]

    def dispatch_allowed(self, request, *args, **kwargs):
        self.case = self.get_case()
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_context_data(self, revealed=None, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user, language = self.case, self.request.user, translation.get_language()
        detail = case_detail(case=case, user=user, language=language)
        context.update(
            vars(detail),
            sla=sla_status(case),
            enforcement_rows=enforcement_rows(case, user, detail.enforcement_actions),
            establishment_label=establishment_name(case.establishment),
            timeline=timeline_items(case, language),
            transitions=[
                {"transition": t, "label": localize(t.label, language)}
                for t in transitions_available(case=case, user=user)
            ],
            revealed=revealed,
            employer=employer_label(case),
            channel_label=CHANNELS.get(case.channel, case.channel),
            **self.permissions(case, user),
            **self.forms(case, user, forms or {}),
        )
        return context

    @staticmethod
    def permissions(case, user) -> dict:
        """Which of the page's buttons and forms the user is shown (the services refuse the same)."""
        may = CasePermissions(user, case)
        return {
            "may_reveal": may.may_reveal,
            "may_enforce": may.may_enforce and bool(services.enforcement_allowed_next(case)),
            "may_assign": may.may_assign,
            "may_take": may.may_take,
            "may_change_violations": may.may_change_violations,
            "may_register_establishment": not case.establishment_id
            and bool(case.employer_name)
            and may.may_register_establishment,
        }

    @staticmethod
    def forms(case, user, bound: dict) -> dict:
        """The page's forms, or the ones given back with their errors."""
        return {
            "enforcement_form": bound.get("enforcement")
            or EnforcementForm(case=case, allowed=services.enforcement_allowed_next(case)),
            "assign_form": bound.get("assign")
            or AssignForm(candidates=assignee_candidates(case=case), initial={"assignee": case.assignee_id}),
            "comment_form": bound.get("comment") or CommentForm(),
            "violation_status_form": ViolationStatusForm(),
            "establishment_form": bound.get("establishment")
            or EstablishmentLinkForm(governorate_ids=user_governorate_ids(user=user)),
        }


class AttachmentDownloadView(StaffMixin, View):
    """A case file. Ordinary files by a link (GET); confidential ones only by a POST from the revealed
    section (CSRF-checked), because opening one is recorded: no other site can make a browser record it."""

    def get(self, request, reference: str, attachment_id: int):
        return self._serve(request, attachment_id, confidential=False)

    def post(self, request, reference: str, attachment_id: int):
        return self._serve(request, attachment_id, confidential=True)

    def _serve(self, request, attachment_id: int, *, confidential: bool):
        case = self.get_case()
        if not confidential and case.attachments.filter(pk=attachment_id, confidential=True).exists():
            raise Http404(_("No such file."))
        try:
            attachment = services.attachment_open(case=case, attachment_id=attachment_id, actor=request.user)
        except CaseNotFound:
            raise Http404(_("No such file.")) from None
        response = FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
        )
        response["Cache-Control"] = "no-store"
        return response
