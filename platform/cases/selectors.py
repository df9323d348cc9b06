"""Reads of the case engine. Every staff read is scoped by the user's case-type roles and governorates;
the API, the admin screens and analytics all use these."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.selectors import user_governorate_ids, user_role_keys
from cases.models import Case, CaseEvent, CaseType, WorkflowTransition
from cases.secrets_ import tracking_matches


def _type_access(user) -> tuple[set[int], set[int]]:
    """(case types the user works on, case types whose restricted cases the user may see)."""
    cached = getattr(user, "_ecms_case_type_access", None)
    if cached is None:
        roles = user_role_keys(user=user)
        worked, restricted = set(), set()
        for case_type in CaseType.objects.only("pk", "staff_roles", "restricted_role"):
            if roles & set(case_type.staff_role_keys):
                worked.add(case_type.pk)
                if case_type.restricted_role and case_type.restricted_role in roles:
                    restricted.add(case_type.pk)
        cached = (worked, restricted)
        user._ecms_case_type_access = cached
    return cached


def _superuser_cases_q(user) -> Q | None:
    """Superusers see every case but the restricted ones, unless they also hold the restricted role or have
    opened them in an emergency (break-glass: a reason, a log entry, the role's holders told)."""
    from accounts.access import break_glass_active

    if break_glass_active(user=user):
        return None
    roles = user_role_keys(user=user)
    allowed = [
        case_type.pk
        for case_type in CaseType.objects.only("pk", "restricted_role")
        if case_type.restricted_role and case_type.restricted_role in roles
    ]
    return Q(restricted=False) | Q(case_type_id__in=allowed)


def visible_cases_q(user) -> Q | None:
    """A filter of the cases ``user`` may see (None: everything, for superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return _superuser_cases_q(user)
    worked, restricted = _type_access(user)
    condition = Q(case_type_id__in=worked) & (Q(restricted=False) | Q(case_type_id__in=restricted))
    governorates = user_governorate_ids(user=user)
    if governorates is not None:
        condition &= Q(governorate_id__in=governorates)
    return condition


def case_list_visible_to(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The cases ``user`` may see, with what lists need."""
    queryset = queryset if queryset is not None else Case.objects.all()
    condition = visible_cases_q(user)
    if condition is not None:
        queryset = queryset.filter(condition)
    return queryset.select_related("case_type", "governorate", "establishment", "assignee")


def case_visible(*, case: Case, user) -> bool:
    condition = visible_cases_q(user)
    if condition is None:
        return True
    return Case.objects.filter(condition, pk=case.pk).exists()


def case_get_by_reference(*, user, reference: str) -> Case | None:
    """A case the user may see, by its public reference (None when absent or not visible: the same answer)."""
    return case_list_visible_to(user=user).filter(reference=str(reference).strip().upper()).first()


def user_can_act(*, user, case: Case, transition: WorkflowTransition) -> bool:
    """The step's roles, and on an assigned case only its assignee or someone who may assign (a
    supervisor): the person responsible acts, colleagues do not take steps behind their back."""
    if user.is_superuser:
        return True
    if not user_role_keys(user=user) & set(transition.role_keys):
        return False
    return not case.assignee_id or case.assignee_id == user.pk or user.has_perm("cases.bulk_assign")


def case_type_may_open(*, user, case_type: CaseType) -> bool:
    """Whether ``user`` may open a case of this type as staff (a role among its intake roles)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not case_type.intake_role_keys:
        return False
    return user.is_superuser or bool(user_role_keys(user=user) & set(case_type.intake_role_keys))


def case_types_openable_by(*, user) -> list[CaseType]:
    """The case types ``user`` may open as staff, by name."""
    types = CaseType.objects.exclude(intake_roles="").select_related("intake_form", "workflow")
    return sorted(
        (t for t in types if case_type_may_open(user=user, case_type=t)), key=lambda t: str(t).casefold()
    )


def user_may_take_case(*, user, case: Case) -> bool:
    """Whether ``user`` may assign ``case`` to themselves: someone who can work it (role, governorate,
    restricted role)."""
    return bool(user.is_active and case_visible(case=case, user=user))


def transitions_available(*, case: Case, user) -> list[WorkflowTransition]:
    """The transitions ``user`` may take on ``case`` from its current state."""
    if not case_visible(case=case, user=user):
        return []
    transitions = WorkflowTransition.objects.filter(workflow_id=case.case_type.workflow_id).select_related(
        "form"
    )
    return [
        t
        for t in transitions
        if case.state in t.from_state_keys and user_can_act(user=user, case=case, transition=t)
    ]


def case_timeline(*, case: Case, public_only: bool = False) -> QuerySet:
    events = case.events.select_related("actor").order_by("sequence")
    return events.filter(public=True) if public_only else events


def case_for_tracking(*, reference: str, code: str) -> Case | None:
    """The case for a reference and tracking code, or None for any mismatch (one answer for both)."""
    case = (
        Case.objects.select_related("case_type__workflow")
        .filter(reference=str(reference or "").strip().upper())
        .first()
    )
    if case is None:
        tracking_matches(code or "", "0" * 64)  # same work whether or not the reference exists
        return None
    return case if tracking_matches(code or "", case.tracking_hash) else None


def public_timeline(case: Case, language: str) -> list[dict]:
    """What a reporter sees: the public events, with the states' public labels; nothing confidential."""
    from core.i18n import localize

    workflow = case.case_type.workflow
    labels = {state.key: localize(state.public_label, language) for state in workflow.states.all()}
    items = []
    for event in case_timeline(case=case, public_only=True):
        state = event.data.get("to") or event.data.get("state")
        if event.kind not in (CaseEvent.Kind.CREATED, CaseEvent.Kind.TRANSITION):
            continue
        items.append(
            {"at": event.created_at.isoformat(), "state": state, "state_label": labels.get(state, "")}
        )
    return items


def overdue(queryset: QuerySet) -> QuerySet:
    return queryset.filter(closed_at__isnull=True, due_at__lt=timezone.now())


def case_type_for_public_form(*, form_key: str) -> CaseType | None:
    """The case type whose public intake uses this form."""
    from core.localcache import remembered

    def read():
        return (
            CaseType.objects.select_related("intake_form", "workflow")
            .defer("intake_form__fields")  # the compiled FormVersion is what submissions use
            .prefetch_related("workflow__states")
            .filter(intake_form__key=form_key, public_intake=True)
            .first()
        )

    # Read on every public submission: remembered for a second (configuration changes rarely).
    return remembered("public_case_type", form_key, read)


def state_labels(*, workflow_ids, language: str, public: bool = False) -> dict:
    """{(workflow id, state key): label} for the given workflows, in one query."""
    from cases.models import WorkflowState
    from core.i18n import localize

    labels = {}
    for state in WorkflowState.objects.filter(workflow_id__in=set(workflow_ids)):
        labels[(state.workflow_id, state.key)] = localize(
            state.public_label if public else state.label, language
        )
    return labels


FILTER_FIELDS = {
    "state": "state",
    "governorate": "governorate__code",
    "priority": "priority",
}


def _truthy(value) -> bool:
    return str(value).lower() in {"1", "true", "yes", "on"}


def _filter_assignee(queryset: QuerySet, assignee: str, user) -> QuerySet:
    if assignee == "me":
        return queryset.filter(assignee=user)
    if assignee == "none":
        return queryset.filter(assignee__isnull=True)
    return queryset.filter(assignee__username=assignee)


def _filter_dates(queryset: QuerySet, params) -> QuerySet:
    from django.utils.dateparse import parse_date
    from django.utils.translation import gettext as _

    from cases.errors import CaseInvalid

    for param, lookup in (
        ("opened_after", "opened_at__date__gte"),
        ("opened_before", "opened_at__date__lte"),
    ):
        if params.get(param):
            try:
                day = parse_date(str(params[param]))
            except ValueError:  # well formed but impossible, e.g. 2026-13-45
                day = None
            if day is None:
                message = _("Enter a valid date (YYYY-MM-DD).")
                raise CaseInvalid.for_field(param, "invalid", message)
            queryset = queryset.filter(**{lookup: day})
    return queryset


def case_filter(queryset: QuerySet, *, params, user) -> QuerySet:
    """Filters shared by the API and the staff queues: type, state, governorate, priority, establishment,
    assignee (a username, "me" or "none"), overdue, open, opened_after/before, q (reference or employer)."""
    from django.utils.translation import gettext as _

    from cases.errors import CaseInvalid

    if params.get("type"):
        # By id, not through a join on the key: the planner can then walk the list index in order.
        type_ids = list(CaseType.objects.filter(key=params["type"]).values_list("pk", flat=True))
        queryset = queryset.filter(case_type_id__in=type_ids)
    for param, lookup in FILTER_FIELDS.items():
        if params.get(param):
            queryset = queryset.filter(**{lookup: params[param]})
    if params.get("establishment"):
        if not str(params["establishment"]).isdigit():
            message = _("Enter a whole number.")
            raise CaseInvalid.for_field("establishment", "invalid", message)
        queryset = queryset.filter(establishment_id=int(params["establishment"]))
    if params.get("assignee"):
        queryset = _filter_assignee(queryset, params["assignee"], user)
    if _truthy(params.get("overdue", "")):
        queryset = overdue(queryset)
    if params.get("open") not in (None, ""):
        queryset = queryset.filter(closed_at__isnull=_truthy(params["open"]))
    queryset = _filter_dates(queryset, params)
    query = str(params.get("q") or "").strip()[:100]
    if query:
        queryset = queryset.filter(
            Q(reference__icontains=query)
            | Q(establishment__name__icontains=query)
            | Q(employer_name__icontains=query)
        )
    return queryset


def case_track(*, reference: str, code: str, address: str) -> tuple[Case | None, bool]:
    """Tracking for the public (portal and API): (the case or None, refused because of too many failures).

    An address with too many failures is refused; the right code gets through even on a reference that
    strangers have tried too often (so nobody can lock a reporter out); wrong codes count against both.
    """
    from core.ratelimit import tracking_address_blocked, tracking_failed, tracking_reference_blocked

    if tracking_address_blocked(address):
        return None, True
    case = case_for_tracking(reference=reference, code=code)
    if case is not None:
        return case, False
    tracking_failed(address, reference)
    return None, tracking_reference_blocked(reference)


def events_visible_to(*, user, after: int = 0, limit: int = 100) -> list[CaseEvent]:
    """Case events the user may see, oldest first, after the given event id (the integration feed)."""
    events = CaseEvent.objects.select_related("case", "actor").filter(pk__gt=after).order_by("pk")
    condition = visible_cases_q(user)
    if condition is not None:
        events = events.filter(case__in=Case.objects.filter(condition))
    return list(events[: min(max(limit, 1), 500)])


# --- staff queues ------------------------------------------------------------------

QUEUES = ("mine", "unassigned", "overdue", "due_soon", "all")
DUE_SOON_DAYS = 7


def _queue_conditions(user, now) -> dict[str, Q]:
    open_ = Q(closed_at__isnull=True)
    soon = now + timedelta(days=DUE_SOON_DAYS)
    return {
        "mine": open_ & Q(assignee_id=user.pk),
        "unassigned": open_ & Q(assignee__isnull=True),
        "overdue": open_ & Q(due_at__lt=now),
        "due_soon": open_ & Q(due_at__gte=now, due_at__lt=soon),
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
    from django.db.models import Count

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
    from django.db.models import Count

    from accounts.models import User

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
    from accounts.models import User

    people = User.objects.filter(is_active=True, groups__role__key__in=case.case_type.staff_role_keys)
    if case.restricted and case.case_type.restricted_role:
        people = people.filter(groups__role__key=case.case_type.restricted_role)
    if case.governorate_id:
        people = people.filter(Q(governorates=case.governorate_id) | Q(governorates__isnull=True))
    return people.distinct().order_by("first_name", "last_name", "username")


def staff_in_scope(*, user) -> QuerySet:
    """Active staff a supervisor may hand cases to: case roles of the supervisor's case types, same scope
    (people of the supervisor's governorates, or national)."""
    from accounts.models import User

    staff = User.objects.filter(is_active=True, groups__role__isnull=False)
    if not user.is_superuser:
        worked, _restricted = _type_access(user)
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
    from cases.models import Violation

    return (
        Violation.objects.filter(
            case__in=establishment_cases(user=user, establishment=establishment).values("pk"),
            status=Violation.Status.OPEN,
        )
        .select_related("case", "provision__instrument")
        .order_by("deadline", "pk")
    )
