"""Reads for accounts: who may see what, by governorate and role."""

from django.db.models import QuerySet

from accounts.models import User

_NATIONAL = "national"


def user_governorate_ids(*, user: User) -> frozenset[int] | None:
    """The governorates a user is limited to, or None for national scope (no governorates set).

    Anonymous and inactive users have an empty scope: they see nothing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    scope = getattr(user, "_ecms_scope", None)
    if scope is None:
        scope = frozenset(user.governorates.values_list("pk", flat=True)) or _NATIONAL
        user._ecms_scope = scope
    return None if scope is _NATIONAL else scope


def scope_by_governorate(queryset: QuerySet, *, user: User, field: str = "governorate") -> QuerySet:
    """Filter ``queryset`` to the user's governorates; national users see everything."""
    ids = user_governorate_ids(user=user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{field}__in": ids})


def user_role_keys(*, user: User) -> frozenset[str]:
    """The role keys (configs/roles.yaml) the user holds."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_ecms_role_keys", None)
    if cached is None:
        cached = frozenset(user.groups.filter(role__isnull=False).values_list("role__key", flat=True))
        user._ecms_role_keys = cached
    return cached
