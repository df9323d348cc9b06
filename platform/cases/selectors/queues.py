"""Staff queues (one: cases with overdue violations) and workload, the people a case can go to, an
establishment's cases, the events feed."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.selectors import user_governorate_ids
from cases.models import Case, CaseEvent, CaseType, Violation
from cases.models.enforcement import OUTSTANDING
from cases.selectors.violations import case_has_overdue_violations_q
from cases.selectors.visibility import case_list_visible_to, case_type_access, case_visible, visible_cases_q

QUEUES = ("mine", "unassigned", "overdue", "due_soon", "violations_overdue", "all")


DUE_SOON_DAYS = 7


def _queue_conditions(user, now) -> dict[str, Q]:
    open_ = Q(closed_at__isnull=True)
    soon = now + timedelta(days=DUE_SOON_DAYS)
    return {
        "mine": open_ & Q(assignee_id=user.pk),
        "unassigned": open_ & Q(assignee__isnull=True),
        "overdue": open_ & Q(due_at__lt=now),
        "due_soon": open_ & Q(due_at__gte=now, due_at__lt=soon),
        "violations_overdue": open_ & case_has_overdue_violations_q(timezone.localdate(now)),
        "all": Q(),
    }


def queue_cases(*, user, queue: str) -> QuerySet:
    """The cases of one staff queue (my cases, unassigned, overdue, due within a week, all), in scope."""
    if queue not in QUEUES:
        raise ValueError(queue)
    return case_list_visible_to(user=user).filter(_queue_conditions(user, timezone.now())[queue])


def queue_counts(*, user) -> dict[str, int]:
    """How many cases each queue holds for ``user``, and how many of the user's own cases are overdue or
    due within a week (``mine_overdue``, ``mine_due_soon``) — one query, for the menu and the dashboard."""
    condition = visible_cases_q(user)
    queryset = Case.objects.all() if condition is None else Case.objects.filter(condition)
    conditions = _queue_conditions(user, timezone.now())
    conditions["mine_overdue"] = conditions["mine"] & conditions["overdue"]
    conditions["mine_due_soon"] = conditions["mine"] & conditions["due_soon"]
    counts = queryset.aggregate(
        **{name: Count("pk", filter=where) if where else Count("pk") for name, where in conditions.items()}
    )
    return {name: counts[name] or 0 for name in conditions}


def workload(*, user) -> list[dict]:
    """Open cases per assignee among the cases ``user`` may see: open, overdue, due within a week.
    Staff of the same scope without open cases are listed too (with zeros), so idle people show."""
    now = timezone.now()
    conditions = _queue_conditions(user, now)
    open_cases = case_list_visible_to(user=user).filter(closed_at__isnull=True).order_by()
    rows = {
        row["assignee"]: row
        for row in open_cases.values("assignee").annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=conditions["overdue"]),
            due_soon=Count("pk", filter=conditions["due_soon"]),
        )
    }
    people = {person.pk: person for person in staff_in_scope(user=user)}
    in_scope = set(people)
    people.update(User.objects.in_bulk([pk for pk in rows if pk and pk not in people]))
    result = [
        {
            "user": person,
            "in_scope": pk in in_scope,
            "open": rows.get(pk, {}).get("open", 0),
            "overdue": rows.get(pk, {}).get("overdue", 0),
            "due_soon": rows.get(pk, {}).get("due_soon", 0),
        }
        for pk, person in people.items()
    ]
    result.sort(key=lambda row: (-row["open"], row["user"].get_full_name() or row["user"].username))
    unassigned = rows.get(None)
    if unassigned:
        result.append({"user": None, **{k: unassigned[k] for k in ("open", "overdue", "due_soon")}})
    return result


def assignee_candidates(*, case: Case):
    """Active staff who can work on ``case`` (its case type's roles, its governorate, restricted role)."""
    people = User.objects.filter(is_active=True, groups__role__key__in=case.case_type.staff_role_keys)
    if case.restricted and case.case_type.restricted_role_keys:
        people = people.filter(groups__role__key__in=case.case_type.restricted_role_keys)
    if case.governorate_id:
        people = people.filter(Q(governorates=case.governorate_id) | Q(governorates__isnull=True))
    return people.distinct().order_by("first_name", "last_name", "username")


def staff_in_scope(*, user) -> QuerySet:
    """Active staff a supervisor may hand cases to: case roles of the supervisor's case types, same scope
    (people of the supervisor's governorates, or national)."""
    staff = User.objects.filter(is_active=True, groups__role__isnull=False)
    if not user.is_superuser:
        worked, _restricted = case_type_access(user)
        role_keys = {key for ct in CaseType.objects.filter(pk__in=worked) for key in ct.staff_role_keys}
        staff = staff.filter(groups__role__key__in=role_keys)
    governorates = user_governorate_ids(user=user)
    if governorates is not None:
        staff = staff.filter(Q(governorates__in=governorates) | Q(governorates__isnull=True))
    return User.objects.filter(pk__in=staff.values("pk")).order_by("first_name", "last_name", "username")


def establishment_cases(*, user, establishment) -> QuerySet:
    """The establishment's cases the user may see, newest first."""
    return case_list_visible_to(user=user).filter(establishment=establishment).order_by("-opened_at")


def establishment_open_violations(*, user, establishment) -> QuerySet:
    """The establishment's outstanding violations (open, not corrected, escalated), soonest deadline first."""
    return (
        Violation.objects.filter(
            case__in=establishment_cases(user=user, establishment=establishment).values("pk"),
            status__in=OUTSTANDING,
        )
        .select_related("case", "provision__instrument")
        .order_by("deadline", "pk")
    )


def events_visible_to(*, user, after: int = 0, limit: int = 100) -> list[CaseEvent]:
    """Case events the user may see, oldest first, after the given event id (the integration feed)."""
    events = CaseEvent.objects.select_related("case", "actor").filter(pk__gt=after).order_by("pk")
    condition = visible_cases_q(user)
    if condition is not None:
        events = events.filter(case__in=Case.objects.filter(condition))
    return list(events[: min(max(limit, 1), 500)])


def assignee_by_rule(*, case: Case, role_key: str, same_governorate: bool = True):
    """The active holder of ``role_key`` who can see the case and has the fewest open cases."""
    candidates = User.objects.filter(is_active=True, groups__role__key=role_key).distinct()
    if same_governorate and case.governorate_id:
        candidates = candidates.filter(Q(governorates=case.governorate_id) | Q(governorates__isnull=True))
    candidates = candidates.annotate(
        open_cases=Count("assigned_cases", filter=Q(assigned_cases__closed_at__isnull=True), distinct=True)
    ).order_by("open_cases", "pk")
    for user in candidates[:50]:
        if case_visible(case=case, user=user):
            return user
    return None


def escalation_people(case: Case) -> list:
    """Active holders of the case type's escalation role who can see the case (its supervisors): told when
    it is overdue or when an assignment rule finds nobody."""
    role = case.case_type.escalation_role
    if not role:
        return []
    people = User.objects.filter(is_active=True, groups__role__key=role).distinct()
    return [person for person in people if case_visible(case=case, user=person)]
