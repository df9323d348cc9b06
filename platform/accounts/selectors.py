"""Reads for accounts: who may see what, by governorate and role."""

from django.db.models import QuerySet

from accounts.models import User
from registry.selectors import governorate_ids_of, scope_by_governorate_ids


def user_governorate_ids(*, user: User) -> frozenset[int] | None:
    """The governorates a user is limited to, or None for national scope (no governorates set).

    Anonymous and inactive users have an empty scope: they see nothing. The rule is
    ``User.governorate_ids``; this is the same answer for any user object, anonymous included.
    """
    return governorate_ids_of(user=user)


def scope_by_governorate(queryset: QuerySet, *, user: User, field: str = "governorate") -> QuerySet:
    """Filter ``queryset`` to the user's governorates; national users see everything."""
    return scope_by_governorate_ids(queryset, governorate_ids=user_governorate_ids(user=user), field=field)


def user_role_keys(*, user: User) -> frozenset[str]:
    """The role keys (configs/roles.yaml) the user holds."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_ecms_role_keys", None)
    if cached is None:
        cached = frozenset(user.groups.filter(role__isnull=False).values_list("role__key", flat=True))
        user._ecms_role_keys = cached
    return cached
