"""The engine's admin: configuration snippets (workflows, case types) and the staff case screens."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.admin.configuration_forms import CaseTypeAdminForm, WorkflowAdminForm
from cases.admin.form_moves import MOVE_PERMISSION
from cases.admin.viewset import MyNumbersPanel, case_screens, establishment_panel
from cases.models import CaseType, WorkCalendar, Workflow
from cases.permissions import user_may_work_cases
from forms_builder.models import FormDefinition
from registry.admin_panels import register_establishment_panel


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
                    FieldPanel("calendar"),
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
                    FieldPanel("comment_public"),
                    FieldPanel("by_reporter"),
                    FieldPanel("reopens"),
                    FieldPanel("actions"),
                ],
            ),
            FieldPanel("on_open_actions"),
            InlinePanel(
                "escalations",
                heading=_("Escalation of overdue cases"),
                label=_("escalation level"),
                help_text=_(
                    "Rows with the same states form one escalation, levels 1, 2… in order; rows with no "
                    "states apply to every state that no other row names. With no rows, the case type's "
                    "escalation role is told at the due time."
                ),
                panels=[
                    FieldPanel("states"),
                    FieldPanel("level"),
                    FieldPanel("after_hours"),
                    FieldPanel("roles"),
                    FieldPanel("scope"),
                    FieldPanel("reassign"),
                ],
            ),
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
            [
                FieldPanel("staff_roles"),
                FieldPanel("restricted_role"),
                FieldPanel("escalation_role"),
                FieldPanel("calendar"),
            ],
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
        FieldPanel("satisfaction_list"),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_ladder"),
                FieldPanel("enforcement_outcome_roles"),
                FieldPanel("notice_texts"),
            ],
            heading=_("Enforcement"),
        ),
    ]
    base_form_class = CaseTypeAdminForm


class WorkCalendarViewSet(SnippetViewSet):
    model = WorkCalendar
    icon = "date"
    menu_label = _("Working calendars")
    list_display = ["__str__", "key", "working_days"]
    search_fields = ["key", "name"]
    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("working_days"),
        InlinePanel(
            "holidays",
            heading=_("Public holidays"),
            label=_("holiday"),
            panels=[FieldPanel("date"), FieldPanel("name"), FieldPanel("estimated")],
        ),
    ]


class CaseConfigurationGroup(SnippetViewSetGroup):
    menu_label = _("Case configuration")
    menu_icon = "cogs"
    menu_order = 210
    items = (CaseTypeViewSet, WorkflowViewSet, WorkCalendarViewSet)


register_snippet(CaseConfigurationGroup)


@hooks.register("register_admin_viewset")
def register_case_screens():
    return case_screens


@register_establishment_panel
def establishment_case_history(request, establishment) -> str:
    return establishment_panel(request, establishment)


@hooks.register("construct_homepage_panels")
def add_my_numbers(request, panels):
    if user_may_work_cases(request.user):
        panels.insert(0, MyNumbersPanel(request))


@hooks.register("register_snippet_listing_buttons")
def form_move_button(snippet, user, next_url=None):
    """On the forms' listing: move the form's open cases to the version published now."""
    if isinstance(snippet, FormDefinition) and snippet.live and user.has_perm(MOVE_PERMISSION):
        yield Button(
            _("Move open cases"),
            reverse("ecms_cases:form_move", args=[snippet.key]),
            icon_name="resubmit",
            priority=60,
        )
