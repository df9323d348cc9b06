from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_editor_js")
def condition_targets_js():
    """The form editor's condition rules choose their field from the fields before them."""
    texts = {
        "choose": gettext("— choose a field —"),
        "missing": gettext("not a field before this one"),
        "field": gettext("field"),
    }
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(texts, "ecms-condition-texts"),
        static("forms_builder/condition_targets.js"),
    )
