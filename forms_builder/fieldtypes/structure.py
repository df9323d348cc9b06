"""Layout and containers: the section (a wizard step) and the repeat group (e.g. several injured persons)."""

from django.utils.translation import gettext_lazy
from wagtail import blocks

from forms_builder.blocks import ConditionBlock, TranslatedTextBlock, key_validator
from forms_builder.fieldtypes.base import FieldType, register


@register
class SectionType(FieldType):
    key = "section"
    verbose_name = gettext_lazy("Section (wizard step)")
    is_structural = True
    is_step = True

    def stream_block(self, children):
        return blocks.StructBlock(
            [
                ("key", blocks.CharBlock(label=gettext_lazy("key"), validators=[key_validator])),
                ("title", TranslatedTextBlock(label=gettext_lazy("title"))),
                (
                    "description",
                    TranslatedTextBlock(label=gettext_lazy("description"), required=False, multiline=True),
                ),
            ],
            label=self.verbose_name,
            icon="doc-empty",
        )


@register
class RepeatGroupType(FieldType):
    key = "repeat_group"
    verbose_name = gettext_lazy("Repeat group")
    is_structural = True
    is_repeating = True
    condition_operators = ("is_empty", "is_not_empty")

    def json_schema(self, spec):  # built by the compiler, which knows the children
        return {"type": "array"}

    def stream_block(self, children):
        return blocks.StructBlock(
            [
                ("key", blocks.CharBlock(label=gettext_lazy("key"), validators=[key_validator])),
                ("label", TranslatedTextBlock(label=gettext_lazy("label"))),
                ("help_text", TranslatedTextBlock(label=gettext_lazy("help text"), required=False)),
                (
                    "row_label",
                    TranslatedTextBlock(
                        label=gettext_lazy("row label"),
                        required=False,
                        help_text=gettext_lazy("e.g. 'Injured person'"),
                    ),
                ),
                ("min_rows", blocks.IntegerBlock(min_value=0, default=1, label=gettext_lazy("minimum rows"))),
                (
                    "max_rows",
                    blocks.IntegerBlock(
                        min_value=1, max_value=100, default=10, label=gettext_lazy("maximum rows")
                    ),
                ),
                ("visible_if", ConditionBlock(required=False, label=gettext_lazy("show only if"))),
                ("fields", blocks.StreamBlock(children, label=gettext_lazy("fields of each row"))),
            ],
            label=self.verbose_name,
            icon="list-ul",
        )
