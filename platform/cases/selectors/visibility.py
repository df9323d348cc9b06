"""Who sees which case and who may act on it: scoped by the user's case-type roles, governorates and
the restricted role. Every staff read and write goes through these."""

from django.db.models import Q, QuerySet

from accounts.access import break_glass_active
from accounts.selectors import user_governorate_ids, user_role_keys
from cases.models import Case, CaseType, WorkflowTransition


def case_type_access(user) -> tuple[set[int], set[int]]:
    """(case types the user works on, case types whose restricted cases the user may see)."""
    cached = getattr(user, "_ecms_casecase_type_access", None)
    if cached is None:
        roles = user_role_keys(user=user)
        worked, restricted = set(), set()
        for case_type in CaseType.objects.only("pk", "staff_roles", "restricted_role"):
            if roles & set(case_type.staff_role_keys):
                worked.add(case_type.pk)
                if roles & set(case_type.restricted_role_keys):
                    restricted.add(case_type.pk)
        cached = (worked, restricted)
        user._ecms_casecase_type_access = cached
    return cached


def superuser_cases_q(user) -> Q | None:
    """Superusers see every case but the restricted ones, unless they also hold the restricted role or have
    opened them in an emergency (break-glass: a reason, a log entry, the role's holders told)."""
    if break_glass_active(user=user):
        return None
    roles = user_role_keys(user=user)
    allowed = [
        case_type.pk
        for case_type in CaseType.objects.only("pk", "restricted_role")
        if roles & set(case_type.restricted_role_keys)
    ]
    return Q(restricted=False) | Q(case_type_id__in=allowed)


def visible_cases_q(user) -> Q | None:
    """A filter of the cases ``user`` may see (None: everything, for superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return superuser_cases_q(user)
    worked, restricted = case_type_access(user)
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
    supervisor): the person responsible acts, colleagues do not take steps behind their back. A step with
    no roles is the reporter's own (taken from tracking): no staff member takes it."""
    if not transition.role_keys:
        return False
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
