"""The engine's admin: configuration snippets (workflows, case types) and the staff case screens."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.admin.configuration_forms import CaseTypeAdminForm, WorkflowAdminForm
from cases.admin.form_moves import MOVE_PERMISSION
from cases.admin.key_widgets import KeysWidget, KeyWidget, StateKeysWidget
from cases.admin.viewset import MyNumbersPanel, case_screens, establishment_panel
from cases.choices import channel_choices, option_list_choices, role_key_choices
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
                    FieldPanel(
                        "from_states",
                        widget=StateKeysWidget(multiple=True),
                        help_text=_("The states it starts from."),
                    ),
                    FieldPanel("to_state", widget=StateKeysWidget(multiple=False)),
                    FieldPanel(
                        "allowed_roles",
                        widget=KeysWidget(role_key_choices),
                        help_text=_("Who may take this step."),
                    ),
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
                    FieldPanel(
                        "states",
                        widget=StateKeysWidget(multiple=True),
                        help_text=_("None ticked: every state with a time allowed."),
                    ),
                    FieldPanel("level"),
                    FieldPanel("after_hours"),
                    FieldPanel(
                        "roles",
                        widget=KeysWidget(role_key_choices),
                        help_text=_(
                            "Tried in the order they were added: the first role with someone in scope who "
                            "may see the case is told (a restricted case reaches only its restricted roles)."
                        ),
                    ),
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
                FieldPanel("staff_roles", widget=KeysWidget(role_key_choices)),
                FieldPanel("restricted_role", widget=KeysWidget(role_key_choices)),
                FieldPanel("escalation_role", widget=KeyWidget(role_key_choices)),
                FieldPanel("calendar"),
            ],
            heading=_("Who works these cases"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("intake_roles", widget=KeysWidget(role_key_choices)),
                FieldPanel("intake_channels", widget=KeysWidget(channel_choices)),
            ],
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
        FieldPanel("satisfaction_list", widget=KeyWidget(option_list_choices)),
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


@hooks.register("insert_editor_js")
def state_keys_js():
    """The workflow editor's transitions and escalation levels choose their states from the states panel."""
    texts = {"choose": gettext("— choose a state —"), "missing": gettext("not a state of this workflow")}
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(texts, "ecms-state-key-texts"),
        static("cases/state_keys.js"),
    )
