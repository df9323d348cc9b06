"""Recording violations from a checklist."""

from django.utils.translation import gettext_lazy

from cases.catalogue import Action, register
from cases.primitives.violations import violations_record


@register
class CreateViolations(Action):
    name = "create_violations"
    label = gettext_lazy("Record violations from non-compliant checklist answers")
    icon = "warning"

    def run(self, ctx):
        ctx.events += violations_record(
            case=ctx.case, version=ctx.form_version, data=ctx.data, actor=ctx.actor
        )
