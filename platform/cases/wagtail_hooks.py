from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.admin_forms import WorkflowAdminForm
from cases.models import CaseType, Workflow


class WorkflowViewSet(SnippetViewSet):
    model = Workflow
    icon = "resubmit"
    menu_label = _("Workflows")
    list_display = ["__str__", "key"]
    search_fields = ["key", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("key"),
            FieldPanel("name"),
            FieldPanel("description"),
            InlinePanel(
                "states",
                heading=_("States"),
                label=_("state"),
                panels=[
                    FieldPanel("key"),
                    FieldPanel("label"),
                    FieldPanel("public_label"),
                    FieldPanel("is_initial"),
                    FieldPanel("is_terminal"),
                    FieldPanel("sla_hours"),
                    FieldPanel("requires_assignee"),
                ],
            ),
            InlinePanel(
                "transitions",
                heading=_("Transitions"),
                label=_("transition"),
                panels=[
                    FieldPanel("key"),
                    FieldPanel("label"),
                    FieldPanel("from_states"),
                    FieldPanel("to_state"),
                    FieldPanel("allowed_roles"),
                    FieldPanel("form"),
                    FieldPanel("comment_required"),
                    FieldPanel("public"),
                    FieldPanel("actions"),
                ],
            ),
            FieldPanel("on_open_actions"),
        ],
        base_form_class=WorkflowAdminForm,
    )


class CaseTypeViewSet(SnippetViewSet):
    model = CaseType
    icon = "folder-inverse"
    menu_label = _("Case types")
    list_display = ["__str__", "key", "prefix", "workflow", "public_intake"]
    search_fields = ["key", "name", "prefix"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("key"), FieldPanel("prefix"), FieldPanel("name"), FieldPanel("description")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("intake_form"),
                FieldPanel("workflow"),
                FieldPanel("public_intake"),
                FieldPanel("allow_anonymous"),
            ],
            heading=_("Intake and workflow"),
        ),
        MultiFieldPanel(
            [FieldPanel("staff_roles"), FieldPanel("restricted_role"), FieldPanel("escalation_role")],
            heading=_("Who works these cases"),
        ),
        MultiFieldPanel(
            [FieldPanel("intake_roles"), FieldPanel("intake_channels")],
            heading=_("Who opens these cases (staff intake)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("governorate_field"),
                FieldPanel("establishment_field"),
                FieldPanel("contact_fields"),
            ],
            heading=_("Fields of the intake form"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("parent_types"),
                FieldPanel("parent_window_days"),
                FieldPanel("parent_reference_field"),
            ],
            heading=_("Related cases"),
        ),
        FieldPanel("enforcement_ladder"),
    ]


class CaseConfigurationGroup(SnippetViewSetGroup):
    menu_label = _("Case configuration")
    menu_icon = "cogs"
    menu_order = 210
    items = (CaseTypeViewSet, WorkflowViewSet)


register_snippet(CaseConfigurationGroup)


# --- staff case screens ------------------------------------------------------------------

from django.urls import include, path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem  # noqa: E402
from wagtail.admin.ui.components import Component  # noqa: E402

from cases import admin_urls  # noqa: E402
from cases.admin_views import QUEUE_TITLES, may_assign, may_work_cases  # noqa: E402
from cases.selectors import QUEUES, queue_counts  # noqa: E402
from registry.admin_panels import register_establishment_panel  # noqa: E402


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
        return may_work_cases(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        component.label = f"{self.label} ({_counts(request)[self.queue]})"
        return component


class WorkloadMenuItem(MenuItem):
    def is_shown(self, request):
        return may_assign(request.user)


class NewCaseMenuItem(MenuItem):
    def is_shown(self, request):
        from cases.selectors import case_types_openable_by

        if not hasattr(request, "_ecms_openable"):
            request._ecms_openable = bool(
                may_work_cases(request.user) and case_types_openable_by(user=request.user)
            )
        return request._ecms_openable


class CasesSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return may_work_cases(request.user)


@hooks.register("register_admin_urls")
def register_case_urls():
    return [path("cases/", include(admin_urls, namespace="ecms_cases"))]


@hooks.register("register_admin_menu_item")
def register_cases_menu():
    items = [QueueMenuItem(queue, order) for order, queue in enumerate(QUEUES)]
    items.insert(
        0,
        NewCaseMenuItem(
            _("New case"), reverse("ecms_cases:new_case_chooser"), name="case-new", icon_name="plus", order=0
        ),
    )
    items.append(
        WorkloadMenuItem(
            _("Workload"), reverse("ecms_cases:workload"), name="case-workload", icon_name="group", order=10
        )
    )
    return CasesSubmenu(
        _("Cases"), Menu(items=items), name="cases", icon_name="folder-open-inverse", order=50
    )


class MyNumbersPanel(Component):
    """The dashboard's first panel: the user's own open, overdue and due-soon cases."""

    name = "ecms_my_numbers"
    order = 10
    template_name = "cases/staff/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        counts = _counts(self.request)
        return {
            "counts": counts,
            "links": {queue: reverse("ecms_cases:queue", args=[queue]) for queue in QUEUES},
            "titles": QUEUE_TITLES,
        }


@hooks.register("construct_homepage_panels")
def add_my_numbers(request, panels):
    if may_work_cases(request.user):
        panels.insert(0, MyNumbersPanel(request))


@register_establishment_panel
def establishment_case_history(request, establishment) -> str:
    """The establishment page's case history and open violations, as far as the user may see them."""
    if not may_work_cases(request.user):
        return ""
    from django.template.loader import render_to_string
    from django.utils import translation

    from cases.admin_intake import establishment_new_case_links
    from cases.selectors import establishment_cases, establishment_open_violations, state_labels

    cases = list(establishment_cases(user=request.user, establishment=establishment)[:50])
    labels = state_labels(
        workflow_ids={case.case_type.workflow_id for case in cases}, language=translation.get_language()
    )
    for case in cases:
        case.state_label = labels.get((case.case_type.workflow_id, case.state), case.state)
    return render_to_string(
        "cases/staff/establishment_panel.html",
        {
            "establishment": establishment,
            "cases": cases,
            "violations": establishment_open_violations(user=request.user, establishment=establishment)[:100],
            "all_url": reverse("ecms_cases:queue", args=["all"]),
            "new_case_links": establishment_new_case_links(request, establishment),
        },
        request=request,
    )
