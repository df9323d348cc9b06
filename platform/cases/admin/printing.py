"""Printable documents: the case report and an enforcement notice."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cases.admin.common import StaffMixin
from cases.admin.forms import person_label
from cases.admin.presenters import timeline_items
from cases.selectors import case_detail
from registry.models import LegalProvision


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
    """An issued action's notice, in the language asked for (``?lang=ar`` or ``?lang=en``; default: the
    reader's), with the case type's wording for its kind."""

    template_name = "cases/staff/print_notice.html"

    def get(self, request, *args, **kwargs):
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            return super().get(request, *args, **kwargs).render()

    def get_context_data(self, **kwargs):
        case = self.get_case()
        action = (
            case.enforcement_actions.select_related("issued_by", "penalty_provision__instrument")
            .filter(pk=self.kwargs["action_id"])
            .exclude(status__in=["proposed", "rejected"])
            .first()
        )
        if action is None:
            raise Http404(_("No such enforcement action."))
        texts = (case.case_type.notice_texts or {}).get(action.kind) or {}
        language = translation.get_language()  # the notice's language (get() overrides it)
        issuer = action.issued_by
        days = texts.get("objection_days")
        return {
            "case": case,
            "action": action,
            "texts": texts,
            "penalty_provision": action.penalty_provision
            or LegalProvision.objects.filter(key=texts.get("penalty_provision") or "").first(),
            "object_by": timezone.localtime(action.issued_at).date() + timedelta(days=days) if days else None,
            "violations": action.violations.select_related("provision__instrument"),
            "issuer": person_label(issuer, language) if issuer else "",
            "issuer_position": issuer.position_in(language) if issuer else "",
            "printed_at": timezone.now(),
        }
