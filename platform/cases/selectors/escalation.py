"""Whom an overdue case escalates to: the configured levels of its workflow for its state (or the case
type's escalation role as the one level), and at each level the first role with someone in scope who may
see the case. A restricted case reaches only people who may see it (``case_visible``)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from accounts.models import User
from cases.models import Case, WorkflowEscalation
from cases.selectors.visibility import case_visible

GOVERNORATE, NATIONAL = WorkflowEscalation.Scope.GOVERNORATE, WorkflowEscalation.Scope.NATIONAL


@dataclass(frozen=True)
class Level:
    level: int
    after_hours: int
    roles: tuple[str, ...]
    scope: str = GOVERNORATE
    reassign: bool = False


def _level(row: WorkflowEscalation) -> Level:
    return Level(row.level, row.after_hours, tuple(row.role_keys), row.scope, row.reassign)


def escalation_levels(case: Case, rows: list[WorkflowEscalation] | None = None) -> list[Level]:
    """The levels for ``case`` in its state, by level: the workflow's rows naming the state, else its rows for
    every state, else the case type's escalation role (level 1, at the due time, the case's governorate).
    ``rows``: the workflow's escalation rows when the caller has them already (the sweep reads them once)."""
    if rows is None:
        rows = list(case.case_type.workflow.escalations.all())
    named = [r for r in rows if case.state in r.state_keys]
    chosen = named or [r for r in rows if not r.state_keys]
    if chosen:
        return sorted((_level(r) for r in chosen), key=lambda level: level.level)
    role = case.case_type.escalation_role
    return [Level(1, 0, (role,))] if role else []


def escalation_recipients(case: Case, level: Level) -> tuple[str, list]:
    """(the role reached, its active holders in the level's scope who may see the case); ("", []) when no role
    of the level has anybody. Governorate scope: people of the case's governorate (anyone who may see it when
    the case has none); national scope: people with no governorate restriction."""
    for role in level.roles:
        people = User.objects.filter(is_active=True, groups__role__key=role)
        if level.scope == NATIONAL:
            people = people.filter(governorates__isnull=True)
        elif case.governorate_id:
            people = people.filter(governorates=case.governorate_id)
        found = [p for p in people.distinct().order_by("pk") if case_visible(case=case, user=p)]
        if found:
            return role, found
    return "", []


def least_loaded(people: list):
    """Of ``people``, the one with the fewest open cases (then the first by id), or None."""
    if not people:
        return None
    return (
        User.objects.filter(pk__in=[p.pk for p in people])
        .annotate(
            open_cases=Count(
                "assigned_cases", filter=Q(assigned_cases__closed_at__isnull=True), distinct=True
            )
        )
        .order_by("open_cases", "pk")
        .first()
    )
