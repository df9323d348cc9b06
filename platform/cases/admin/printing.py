"""Printable documents: the case report and an enforcement notice."""

from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cases.admin.common import StaffMixin
from cases.admin.forms import person_label
from cases.admin.presenters import timeline_items
from cases.selectors import case_detail


class CaseReportView(StaffMixin, TemplateView):
    """The case report (data, visits with their answers, violations, enforcement), for printing or PDF."""

    template_name = "cases/staff/print_report.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        language = translation.get_language()
        detail = case_detail(case=case, user=self.request.user, language=language)
        return {
            **vars(detail),
            "visits": [item for item in timeline_items(case, language) if item["answers"]],
            "printed_at": timezone.now(),
            "printed_by": person_label(self.request.user),
        }


class EnforcementNoticeView(StaffMixin, TemplateView):
    template_name = "cases/staff/print_notice.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        action = (
            case.enforcement_actions.select_related("issued_by").filter(pk=self.kwargs["action_id"]).first()
        )
        if action is None:
            raise Http404(_("No such enforcement action."))
        return {
            "case": case,
            "action": action,
            "violations": action.violations.select_related("provision__instrument"),
            "printed_at": timezone.now(),
        }
