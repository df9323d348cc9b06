"""Reads about violations: which a visit verifies, which are overdue, an establishment's history."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import Violation
from cases.models.enforcement import OUTSTANDING
from cases.selectors.visibility import case_list_visible_to, visible_cases_q

VERIFY_ACTION = "verify_violations"


def overdue_violations_q(today=None) -> Q:
    """Violations still outstanding (open, not corrected, escalated) past their corrective deadline."""
    return Q(status__in=OUTSTANDING, deadline__lt=today or timezone.localdate())


def case_has_overdue_violations_q(today=None) -> Q:
    """Cases with at least one overdue violation (for a queue)."""
    overdue = Violation.objects.filter(overdue_violations_q(today), case=OuterRef("pk"))
    return Q(Exists(overdue))


def step_verifies(step) -> bool:
    """Whether a workflow transition verifies the establishment's outstanding violations."""
    return any(getattr(block, "block_type", None) == VERIFY_ACTION for block in step.actions or [])


def violations_to_verify(*, case, user) -> QuerySet:
    """The outstanding violations a visit verifies: those of earlier cases of the same type at the visit's
    establishment that ``user`` may see, oldest deadline first."""
    if not case.establishment_id:
        return Violation.objects.none()
    found = Violation.objects.filter(
        case__establishment_id=case.establishment_id,
        case__case_type_id=case.case_type_id,
        status__in=OUTSTANDING,
    ).exclude(case_id=case.pk)
    condition = visible_cases_q(user)
    if condition is not None:
        found = found.filter(case__in=case_list_visible_to(user=user).values("pk"))
    return found.select_related("case", "provision__instrument").order_by("deadline", "pk")


def establishment_violations(*, user, establishment) -> QuerySet:
    """Every violation found at the establishment, in the cases ``user`` may see, newest first: its history
    across visits (where it was found, its status, where and when it was verified)."""
    cases = case_list_visible_to(user=user).filter(establishment=establishment)
    return (
        Violation.objects.filter(case__in=cases.values("pk"))
        .select_related("case", "provision__instrument", "verified_in", "verified_by")
        .order_by("-created_at", "-pk")
    )
