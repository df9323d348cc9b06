"""Consistency of a workflow's escalation levels and of working calendars (no database writes)."""

from datetime import date

from django.utils.translation import gettext as _

from cases.models import WorkflowEscalation
from core.i18n import missing_translations
from core.workdays import DAY_KEYS

SCOPES = set(WorkflowEscalation.Scope.values)


def _level_problems(level: dict, expected: int, previous_hours: int, roles: set[str]) -> list[str]:
    number, problems = level.get("level"), []
    if number != expected:
        problems.append(
            _("escalation levels are out of order: level %(found)s where level %(expected)s belongs")
            % {"found": number, "expected": expected}
        )
    hours = level.get("after_hours")
    if not isinstance(hours, int) or hours < 0:
        problems.append(
            _("escalation level %(level)s: the hours after the due time must be a whole number of 0 or more")
            % {"level": number}
        )
    elif hours < previous_hours:
        problems.append(
            _("escalation level %(level)s is out of order: %(hours)s hours is less than %(previous)s")
            % {"level": number, "hours": hours, "previous": previous_hours}
        )
    if not level.get("roles"):
        problems.append(_("escalation level %(level)s names no role") % {"level": number})
    unknown = [role for role in level.get("roles") or [] if role not in roles]
    if unknown:
        problems.append(
            _("escalation level %(level)s names roles that do not exist: %(roles)s")
            % {"level": number, "roles": ", ".join(unknown)}
        )
    if level.get("scope") not in SCOPES:
        problems.append(
            _("escalation level %(level)s: unknown scope %(scope)s (use %(known)s)")
            % {"level": number, "scope": level.get("scope"), "known": ", ".join(sorted(SCOPES))}
        )
    return problems


def escalation_problems(groups: list[dict], states: set[str], roles: set[str]) -> list[str]:
    """Reasons a workflow's escalations are inconsistent: unknown states or roles, a state in two groups,
    levels not numbered 1, 2… in order or with fewer hours than the level before, unknown scopes."""
    problems, seen = [], set()
    for group in groups:
        keys = group.get("states") or ["*"]
        problems += [
            _("escalation for a state that does not exist: %(state)s") % {"state": k}
            for k in keys
            if k != "*" and k not in states
        ]
        problems += [
            _("state %(state)s has more than one escalation")
            % {"state": k if k != "*" else _("(every state)")}
            for k in keys
            if k in seen
        ]
        seen.update(keys)
        if not group.get("levels"):
            problems.append(_("an escalation has no level"))
        previous = 0
        for expected, level in enumerate(group.get("levels") or [], start=1):
            problems += _level_problems(level, expected, previous, roles)
            previous = level.get("after_hours") if isinstance(level.get("after_hours"), int) else previous
    return problems


def calendar_problems(document: dict) -> list[str]:
    """Reasons a working calendar document cannot be loaded: its name, its working days, its holidays."""
    problems = []
    if missing_translations(document.get("name")):
        problems.append(
            _("the calendar's name is missing in: %(languages)s")
            % {"languages": ", ".join(missing_translations(document.get("name")))}
        )
    days = document.get("working_days") or []
    if not days:
        problems.append(_("a calendar needs at least one working day"))
    problems += [
        _("unknown working day: %(day)s (use %(known)s)") % {"day": day, "known": ", ".join(DAY_KEYS)}
        for day in days
        if day not in DAY_KEYS
    ]
    dates = []
    for holiday in document.get("holidays") or []:
        if not isinstance(holiday.get("date"), date):
            problems.append(
                _("a holiday's date is not a date (YYYY-MM-DD): %(value)s") % {"value": holiday.get("date")}
            )
            continue
        dates.append(holiday["date"])
        if missing_translations(holiday.get("name")):
            problems.append(
                _("the holiday of %(date)s has no name in every language") % {"date": holiday["date"]}
            )
    problems += [
        _("the date %(date)s is a holiday twice") % {"date": d}
        for d in sorted(set(d for d in dates if dates.count(d) > 1))
    ]
    return problems
