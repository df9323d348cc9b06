"""The staff case screens wired as one Wagtail ViewSet under /admin/cases/ (URL namespace ``ecms_cases``):
their URLs, the Cases menu with a count per queue, the dashboard panel and the establishment page's case
history."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from cases.admin import actions, detail, enforcement, form_moves, intake, printing, queues, transitions
from cases.admin.common import QUEUE_TITLES
from cases.admin.intake import establishment_new_case_links
from cases.permissions import user_may_assign, user_may_work_cases
from cases.selectors import (
    QUEUES,
    case_types_openable_by,
    cases_labelled,
    establishment_cases,
    establishment_open_violations,
    establishment_violations,
    queue_counts,
)


def _counts(request) -> dict:
    """The user's queue counts, computed once per request (one query)."""
    if not hasattr(request, "_ecms_queue_counts"):
        request._ecms_queue_counts = queue_counts(user=request.user)
    return request._ecms_queue_counts


class QueueMenuItem(MenuItem):
    def __init__(self, queue: str, order: int):
        super().__init__(
            QUEUE_TITLES[queue],
            reverse("ecms_cases:queue", args=[queue]),
            name=f"case-queue-{queue}",
            icon_name="folder-inverse",
            order=order,
        )
        self.queue = queue

    def is_shown(self, request):
        return user_may_work_cases(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        component.label = f"{self.label} ({_counts(request)[self.queue]})"
        return component


class WorkloadMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_assign(request.user)


class NewCaseMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_ecms_openable"):
            request._ecms_openable = bool(
                user_may_work_cases(request.user) and case_types_openable_by(user=request.user)
            )
        return request._ecms_openable


class CasesSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return user_may_work_cases(request.user)


class CaseScreens(ViewSet):
    """The staff case screens: queues, workload, new case, the case page and its actions, steps, prints."""

    name = "ecms_cases"
    url_prefix = "cases"
    icon = "folder-open-inverse"
    add_to_admin_menu = True

    def get_urlpatterns(self):
        reference = "<str:reference>/"
        return [
            path("queue/<slug:queue>/", queues.CaseQueueView.as_view(), name="queue"),
            path(
                "queue/<slug:queue>/results/",
                queues.CaseQueueView.as_view(results_only=True),
                name="queue_results",
            ),
            path("queue/<slug:queue>/assign/", queues.BulkAssignView.as_view(), name="bulk_assign"),
            path("workload/", queues.WorkloadView.as_view(), name="workload"),
            path("forms/<slug:key>/move/", form_moves.FormMoveView.as_view(), name="form_move"),
            path("new/", intake.NewCaseChooserView.as_view(), name="new_case_chooser"),
            path("new/done/", intake.NewCaseDoneView.as_view(), name="new_case_done"),
            path("new/<slug:key>/", intake.NewCaseView.as_view(), name="new_case"),
            path(reference, detail.CaseDetailView.as_view(), name="detail"),
            path(f"{reference}comment/", actions.CaseCommentView.as_view(), name="comment"),
            path(f"{reference}assign/", actions.CaseAssignView.as_view(), name="assign"),
            path(f"{reference}take/", actions.CaseTakeView.as_view(), name="take"),
            path(f"{reference}establishment/", actions.CaseEstablishmentView.as_view(), name="establishment"),
            path(
                f"{reference}establishment/register/",
                actions.CaseEstablishmentRegisterView.as_view(),
                name="establishment_register",
            ),
            path(f"{reference}reveal/", actions.CaseRevealView.as_view(), name="reveal"),
            path(f"{reference}enforcement/", actions.CaseEnforcementView.as_view(), name="enforcement"),
            *enforcement.enforcement_urls(reference),
            path(
                f"{reference}violations/<int:violation_id>/",
                actions.ViolationStatusView.as_view(),
                name="violation_status",
            ),
            path(f"{reference}steps/<slug:key>/", transitions.TransitionView.as_view(), name="transition"),
            path(
                f"{reference}files/<int:attachment_id>/",
                detail.AttachmentDownloadView.as_view(),
                name="attachment",
            ),
            path(f"{reference}print/report/", printing.CaseReportView.as_view(), name="print_report"),
            path(
                f"{reference}print/enforcement/<int:action_id>/",
                printing.EnforcementNoticeView.as_view(),
                name="print_notice",
            ),
        ]

    def get_menu_item(self, order=None):
        items = [QueueMenuItem(queue, order) for order, queue in enumerate(QUEUES)]
        items.insert(
            0,
            NewCaseMenuItem(
                _("New case"),
                reverse("ecms_cases:new_case_chooser"),
                name="case-new",
                icon_name="plus",
                order=0,
            ),
        )
        items.append(
            WorkloadMenuItem(
                _("Workload"),
                reverse("ecms_cases:workload"),
                name="case-workload",
                icon_name="group",
                order=10,
            )
        )
        return CasesSubmenu(
            _("Cases"), Menu(items=items), name="cases", icon_name="folder-open-inverse", order=50
        )


case_screens = CaseScreens()


class MyNumbersPanel(Component):
    """The dashboard's first panel: the user's own open, overdue and due-soon cases."""

    name = "ecms_my_numbers"
    order = 10
    template_name = "cases/staff/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {
            "counts": _counts(self.request),
            "links": {queue: reverse("ecms_cases:queue", args=[queue]) for queue in QUEUES},
            "titles": QUEUE_TITLES,
        }


def establishment_panel(request, establishment) -> str:
    """The establishment page's case history and open violations, as far as the user may see them."""
    if not user_may_work_cases(request.user):
        return ""
    cases = establishment_cases(user=request.user, establishment=establishment)[:50]
    return render_to_string(
        "cases/staff/establishment_panel.html",
        {
            "establishment": establishment,
            "cases": cases_labelled(cases, language=translation.get_language()),
            "violations": establishment_open_violations(user=request.user, establishment=establishment)[:100],
            "history": establishment_violations(user=request.user, establishment=establishment)[:200],
            "all_url": reverse("ecms_cases:queue", args=["all"]),
            "new_case_links": establishment_new_case_links(request, establishment),
        },
        request=request,
    )
