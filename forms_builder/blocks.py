"""StreamField blocks of the form builder: one block per registered field type, plus sections and groups."""

from django.core.validators import RegexValidator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.i18n import language_codes

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
key_validator = RegexValidator(
    KEY_PATTERN,
    _("Use lower-case letters, digits and underscores, starting with a letter (e.g. employer_name)."),
)

CONDITION_OPERATORS = [
    ("equals", _("equals")),
    ("not_equals", _("does not equal")),
    ("in", _("is one of (comma-separated)")),
    ("not_in", _("is none of (comma-separated)")),
    ("contains", _("contains (multiple choice)")),
    ("is_empty", _("is empty")),
    ("is_not_empty", _("is not empty")),
    ("gt", _("is greater than")),
    ("gte", _("is at least")),
    ("lt", _("is less than")),
    ("lte", _("is at most")),
]


class TranslatedTextBlock(blocks.StructBlock):
    """One text per configured language. Publishing checks every language is filled in."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        block_class = blocks.TextBlock if multiline else blocks.CharBlock
        children = [
            (code, block_class(required=False, label=get_language_info(code)["name_local"]))
            for code in language_codes()
        ]
        super().__init__(children, **kwargs)

    class Meta:
        icon = "pilcrow"
        form_classname = "ecms-translated-block"


class ConditionRuleBlock(blocks.StructBlock):
    field = blocks.CharBlock(label=_("field key"), validators=[key_validator])
    operator = blocks.ChoiceBlock(choices=CONDITION_OPERATORS, default="equals", label=_("operator"))
    value = blocks.CharBlock(
        required=False, label=_("value"), help_text=_("An option code, yes/no, or a number.")
    )


class ConditionBlock(blocks.StructBlock):
    match = blocks.ChoiceBlock(
        choices=[("all", _("all rules")), ("any", _("any rule"))], default="all", label=_("match")
    )
    rules = blocks.ListBlock(ConditionRuleBlock(), min_num=0, label=_("rules"))

    class Meta:
        icon = "cogs"
        collapsed = True


def common_children(*, with_required: bool = True) -> list[tuple[str, blocks.Block]]:
    children = [
        (
            "key",
            blocks.CharBlock(
                label=_("key"),
                validators=[key_validator],
                help_text=_("Stable machine name; never change it once published."),
            ),
        ),
        ("label", TranslatedTextBlock(label=_("label"))),
        ("help_text", TranslatedTextBlock(label=_("help text"), required=False)),
    ]
    if with_required:
        children.append(("required", blocks.BooleanBlock(required=False, default=False, label=_("required"))))
    children += [
        (
            "confidential",
            blocks.BooleanBlock(
                required=False,
                default=False,
                label=_("confidential"),
                help_text=_(
                    "Stored apart and encrypted; shown only to roles allowed to see the reporter's identity."
                ),
            ),
        ),
        ("visible_if", ConditionBlock(required=False, label=_("show only if"))),
        ("required_if", ConditionBlock(required=False, label=_("required only if"))),
    ]
    return children


def _field_block(field_type, *, in_group: bool) -> blocks.StructBlock:
    children = common_children() + field_type.extra_blocks()
    return blocks.StructBlock(children, label=field_type.verbose_name, icon=field_type.icon)


def _section_block() -> blocks.StructBlock:
    return blocks.StructBlock(
        [
            ("key", blocks.CharBlock(label=_("key"), validators=[key_validator])),
            ("title", TranslatedTextBlock(label=_("title"))),
            ("description", TranslatedTextBlock(label=_("description"), required=False, multiline=True)),
        ],
        label=_("Section (wizard step)"),
        icon="doc-empty",
    )


def _group_block(child_blocks) -> blocks.StructBlock:
    return blocks.StructBlock(
        [
            ("key", blocks.CharBlock(label=_("key"), validators=[key_validator])),
            ("label", TranslatedTextBlock(label=_("label"))),
            ("help_text", TranslatedTextBlock(label=_("help text"), required=False)),
            (
                "row_label",
                TranslatedTextBlock(
                    label=_("row label"), required=False, help_text=_("e.g. 'Injured person'")
                ),
            ),
            ("min_rows", blocks.IntegerBlock(min_value=0, default=1, label=_("minimum rows"))),
            (
                "max_rows",
                blocks.IntegerBlock(min_value=1, max_value=100, default=10, label=_("maximum rows")),
            ),
            ("visible_if", ConditionBlock(required=False, label=_("show only if"))),
            ("fields", blocks.StreamBlock(child_blocks, label=_("fields of each row"))),
        ],
        label=_("Repeat group"),
        icon="list-ul",
    )


def build_fields_block() -> blocks.StreamBlock:
    """The StreamBlock of a form definition, built from the field-type registry."""
    from forms_builder import fieldtypes

    simple = [ft for ft in fieldtypes.all_types() if ft.is_input and not ft.is_container]
    top = [(ft.key, _field_block(ft, in_group=False)) for ft in simple]
    children = [(ft.key, _field_block(ft, in_group=True)) for ft in simple]
    top.append(("section", _section_block()))
    top.append(("repeat_group", _group_block(children)))
    return blocks.StreamBlock(top, required=False)
