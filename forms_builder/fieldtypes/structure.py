"""Layout and containers: the section (a wizard step) and the repeat group (e.g. several injured persons)."""

from django.utils.translation import gettext_lazy

from forms_builder.fieldtypes.base import FieldType, register


@register
class SectionType(FieldType):
    key = "section"
    verbose_name = gettext_lazy("Section (wizard step)")
    is_input = False


@register
class RepeatGroupType(FieldType):
    key = "repeat_group"
    verbose_name = gettext_lazy("Repeat group")
    is_container = True
    condition_operators = ("is_empty", "is_not_empty")

    def json_schema(self, spec):  # built by the compiler, which knows the children
        return {"type": "array"}
