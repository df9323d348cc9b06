"""Opening a related case of another type (e.g. a follow-up visit), with answers copied and set."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.catalogue import Action, ActionError, register
from cases.choices import case_type_key_choices
from cases.models import CaseType
from cases.primitives.opening import child_open


def _pairs(text: str, separator: str) -> list[tuple[str, str]]:
    """ "a, b:c" -> [("a", "a"), ("b", "c")] (``separator`` ":"); "k=v, x=y" -> [("k", "v"), ("x", "y")]."""
    pairs = []
    for item in (text or "").split(","):
        left, found, right = item.strip().partition(separator)
        if separator == ":" and left:
            pairs.append((left, right or left))
        elif left and found:
            pairs.append((left.strip(), right.strip()))
    return pairs


@register
class OpenChildCase(Action):
    name = "open_child_case"
    label = gettext_lazy("Open a related case of another type")
    icon = "doc-empty-inverse"

    def param_blocks(self):
        return [
            ("case_type", blocks.ChoiceBlock(choices=case_type_key_choices, label=gettext_lazy("case type"))),
            (
                "copy_fields",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("answers to copy"),
                    help_text=gettext_lazy(
                        "Field keys, separated by commas; 'a:b' copies answer a into field b."
                    ),
                ),
            ),
            (
                "set_answers",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("answers to set"),
                    help_text=gettext_lazy("key=value pairs, separated by commas, e.g. origin=follow_up."),
                ),
            ),
        ]

    def run(self, ctx):
        child_type = CaseType.objects.filter(key=ctx.params.get("case_type")).first()
        if child_type is None:
            raise ActionError(
                _("The case type %(key)s does not exist.") % {"key": ctx.params.get("case_type")}
            )
        ctx.events += child_open(
            parent=ctx.case,
            case_type=child_type,
            actor=ctx.actor,
            copies=_pairs(ctx.params.get("copy_fields"), ":"),
            values=dict(_pairs(ctx.params.get("set_answers"), "=")),
            extra=ctx.data,
        )
