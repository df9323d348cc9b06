"""The building blocks of the form builder's StreamField: translated texts, conditions and the children every
field has. Each field type builds its own block from them (``FieldType.stream_block``)."""

from django.core.validators import RegexValidator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue

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
    # Not required: a row left without a field is an unused row, dropped when the condition is cleaned. The
    # editor's script turns the input into a list of the fields before this one (condition_targets.js).
    field = blocks.CharBlock(
        required=False,
        label=_("field"),
        validators=[key_validator],
        form_classname="ecms-condition-target",
        help_text=_("Choose one of the fields before this one."),
    )
    operator = blocks.ChoiceBlock(choices=CONDITION_OPERATORS, default="equals", label=_("operator"))
    value = blocks.CharBlock(
        required=False, label=_("value"), help_text=_("An option code, yes/no, or a number.")
    )


class ConditionBlock(blocks.StructBlock):
    match = blocks.ChoiceBlock(
        choices=[("all", _("all rules")), ("any", _("any rule"))], default="all", label=_("match")
    )
    rules = blocks.ListBlock(ConditionRuleBlock(), min_num=0, default=[], label=_("rules"))

    class Meta:
        icon = "cogs"
        collapsed = True

    def clean(self, value):
        """An optional block: rows without a field are dropped, so an unused condition is simply absent."""
        value = super().clean(value)
        rules = value.get("rules")
        if rules is not None:
            kept = [rule for rule in rules if (rule.get("field") or "").strip()]
            if len(kept) != len(rules):
                value["rules"] = ListValue(self.child_blocks["rules"], values=kept)
        return value


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
