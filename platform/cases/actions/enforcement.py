"""Proposing an enforcement action to the supervisor (e.g. when entry to a workplace is refused)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.catalogue import Action, register
from cases.models import EnforcementAction
from cases.primitives.enforcement import enforcement_propose
from core.i18n import localize, missing_translations
from forms_builder.blocks import TranslatedTextBlock


@register
class ProposeEnforcement(Action):
    name = "propose_enforcement"
    label = gettext_lazy("Propose an enforcement action to the supervisor")
    icon = "warning"

    def param_blocks(self):
        return [
            (
                "kind",
                blocks.ChoiceBlock(choices=EnforcementAction.Kind.choices, label=gettext_lazy("action")),
            ),
            ("reason", TranslatedTextBlock(label=gettext_lazy("reason"))),
            (
                "reason_fields",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("form fields added to the reason"),
                    help_text=gettext_lazy("Keys of the step's form fields, separated by commas."),
                ),
            ),
        ]

    def check(self, params):
        problems = []
        if params.get("kind") not in EnforcementAction.Kind.values:
            problems.append(_("unknown enforcement action: %(kind)s") % {"kind": params.get("kind")})
        missing = missing_translations(params.get("reason"))
        if missing:
            problems.append(_("the reason is missing in: %(languages)s") % {"languages": ", ".join(missing)})
        return problems

    def run(self, ctx):
        values = ctx.values()
        keys = [k.strip() for k in str(ctx.params.get("reason_fields") or "").split(",") if k.strip()]
        details = [str(values[k]).strip() for k in keys if str(values.get(k) or "").strip()]
        reason = " — ".join([localize(ctx.params.get("reason") or {}, settings.LANGUAGE_CODE), *details])
        enforcement_propose(case=ctx.case, kind=ctx.params["kind"], reason=reason, actor=ctx.actor)
