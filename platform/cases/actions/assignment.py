"""Assigning by a configured rule: the holder of a role with the fewest open cases."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from accounts.models import Role
from cases.catalogue import Action, register
from cases.choices import role_key_choices
from cases.notifications import notify_user
from cases.primitives.assignment import assignment_write
from cases.selectors import assignee_by_rule, case_visible, escalation_people

NOBODY_SUBJECT = {"ar": "لا أحد متاح لإسناد القضية {reference}", "en": "Nobody to assign case {reference} to"}
NOBODY_MESSAGE = {
    "ar": "لم تجد قاعدة الإسناد موظفاً متاحاً للقضية {reference}. ما زالت في قائمة غير المسندة: أسندها يدوياً.",
    "en": "The assignment rule found nobody available for case {reference}. It is still in the unassigned "
    "queue: assign it by hand.",
}


@register
class AssignByRule(Action):
    name = "assign_by_rule"
    label = gettext_lazy("Assign by rule")
    icon = "user"

    def param_blocks(self):
        return [
            ("role", blocks.ChoiceBlock(choices=role_key_choices, label=gettext_lazy("role"))),
            (
                "same_governorate",
                blocks.BooleanBlock(
                    required=False, default=True, label=gettext_lazy("in the case's governorate")
                ),
            ),
        ]

    def check(self, params):
        if Role.objects.filter(key=params.get("role") or "").exists():
            return []
        return [_("the role %(role)s does not exist") % {"role": params.get("role")}]

    def run(self, ctx):
        if ctx.case.assignee_id and case_visible(case=ctx.case, user=ctx.case.assignee):
            return  # someone was chosen by hand (or took the case): the rule does not overrule them
        user = assignee_by_rule(
            case=ctx.case,
            role_key=ctx.params["role"],
            same_governorate=ctx.params.get("same_governorate", True),
        )
        if user is not None:
            ctx.events.append(assignment_write(case=ctx.case, assignee=user, actor=ctx.actor, by_rule=True))
            return
        # Nobody: the case stays in the unassigned queue and the people who assign by hand are told.
        for person in escalation_people(ctx.case):
            notify_user(case=ctx.case, user=person, subject=NOBODY_SUBJECT, message=NOBODY_MESSAGE)
