"""Checks a step records or enforces: whether a report came after its legal delay (computed from the answers,
never typed), and answers that become required once a related case of a given type was opened."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.audit import event_write
from cases.catalogue import Action, register
from cases.choices import case_type_key_choices
from cases.errors import CaseInvalid
from cases.models import CaseEvent
from cases.selectors.detail import LATENESS_KEY
from forms_builder.blocks import key_validator


def _moment(value) -> datetime | None:
    """An answer as an aware datetime: an ISO date-time, or a date (taken at the start of that day)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = parse_datetime(value.strip())
        if moment is None:
            day = parse_date(value.strip())
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@register
class FlagLateNotification(Action):
    """Compares when the reported event happened (an answer) with when the case was opened, against a
    configured legal delay; writes the result (late or on time, the delay in hours) on the timeline."""

    name = "flag_late_notification"
    label = gettext_lazy("Record whether the report came after the legal delay")
    icon = "time"

    def param_blocks(self):
        return [
            (
                "field",
                blocks.CharBlock(
                    label=gettext_lazy("answer giving when the event happened"), validators=[key_validator]
                ),
            ),
            ("hours", blocks.IntegerBlock(min_value=1, label=gettext_lazy("legal delay in hours"))),
        ]

    def check(self, params):
        problems = []
        if not params.get("field"):
            problems.append(_("name the answer that gives when the event happened"))
        try:
            if int(params.get("hours") or 0) < 1:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(_("the legal delay must be a whole number of hours, at least 1"))
        return problems

    def run(self, ctx):
        happened = _moment(ctx.values().get(ctx.params.get("field")))
        if happened is None:
            return
        allowed = int(ctx.params.get("hours") or 0)
        delay = max((ctx.case.opened_at - happened).total_seconds() / 3600, 0)
        ctx.events.append(
            event_write(
                case=ctx.case,
                kind=CaseEvent.Kind.UPDATED,
                actor=None,
                data={
                    LATENESS_KEY: delay > allowed,
                    "delay_hours": round(delay, 1),
                    "allowed_hours": allowed,
                    "field": ctx.params.get("field"),
                },
            )
        )


def _keys(text: str) -> list[str]:
    return [key.strip() for key in (text or "").split(",") if key.strip()]


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


@register
class RequireAnswersIfRelated(Action):
    """Refuses the step (rolled back, with an error on each field) when the case has a related case of the
    given type and some of the given answers of the step's form are empty."""

    name = "require_answers_if_related"
    label = gettext_lazy("Require answers when a related case was opened")
    icon = "warning"

    def param_blocks(self):
        return [
            ("case_type", blocks.ChoiceBlock(choices=case_type_key_choices, label=gettext_lazy("case type"))),
            (
                "fields",
                blocks.CharBlock(
                    label=gettext_lazy("answers required"),
                    help_text=gettext_lazy("Field keys of the step's form, separated by commas."),
                ),
            ),
        ]

    def check(self, params):
        if params.get("case_type") and _keys(params.get("fields")):
            return []
        return [_("give the case type key and the answers required")]

    def run(self, ctx):
        if not ctx.case.children.filter(case_type__key=ctx.params.get("case_type")).exists():
            return
        missing = [key for key in _keys(ctx.params.get("fields")) if _is_empty((ctx.data or {}).get(key))]
        if not missing:
            return
        message = _("Required: a related case was opened, so record what it found.")
        raise CaseInvalid(
            _("Some answers need correcting."),
            code="required",
            errors=[{"field": key, "code": "required", "message": message} for key in missing],
        )
