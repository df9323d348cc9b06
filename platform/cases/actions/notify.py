"""Telling the reporter."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.catalogue import Action, register
from cases.notifications import notify_reporter
from core.i18n import missing_translations
from forms_builder.blocks import TranslatedTextBlock


@register
class NotifyReporter(Action):
    name = "notify_reporter"
    label = gettext_lazy("Notify the reporter")
    icon = "mail"

    def param_blocks(self):
        return [
            ("subject", TranslatedTextBlock(label=gettext_lazy("subject"))),
            (
                "message",
                TranslatedTextBlock(
                    multiline=True,
                    label=gettext_lazy("message"),
                    help_text=gettext_lazy("{reference} and {state} are replaced."),
                ),
            ),
        ]

    def check(self, params):
        return [
            _("the message is missing in: %(languages)s") % {"languages": ", ".join(missing)}
            for missing in [missing_translations(params.get("message"))]
            if missing
        ]

    def run(self, ctx):
        notify_reporter(
            case=ctx.case, subject=ctx.params.get("subject") or {}, message=ctx.params.get("message") or {}
        )
