from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, PublishingPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from forms_builder.admin_forms import FormDefinitionAdminForm, OptionListAdminForm
from forms_builder.models import FormDefinition, OptionList


class FormDefinitionViewSet(SnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("Forms")
    list_display = ["__str__", "key", "kind", "is_public", "live"]
    list_filter = ["kind", "is_public", "live"]
    search_fields = ["key", "title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("key"), FieldPanel("kind"), FieldPanel("is_public")], heading=_("Identity")
            ),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("fields"),
            PublishingPanel(),
        ],
        base_form_class=FormDefinitionAdminForm,
    )


class OptionListViewSet(SnippetViewSet):
    model = OptionList
    icon = "list-ul"
    menu_label = _("Option lists")
    list_display = ["__str__", "key"]
    search_fields = ["key", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("key"),
            FieldPanel("name"),
            FieldPanel("description"),
            InlinePanel("options", label=_("options"), heading=_("Options")),
        ],
        base_form_class=OptionListAdminForm,
    )


class FormsGroup(SnippetViewSetGroup):
    menu_label = _("Forms")
    menu_icon = "form"
    menu_order = 200
    items = (FormDefinitionViewSet, OptionListViewSet)


register_snippet(FormsGroup)
