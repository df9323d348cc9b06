"""Reads for the registries, scoped by the user's governorates."""

from django.db.models import Q, QuerySet

from accounts.selectors import scope_by_governorate
from registry.models import Establishment


def establishment_search(*, user, query: str = "", governorate: str = "", limit: int = 100) -> QuerySet:
    """Active establishments in the user's governorates, by name or registration number."""
    establishments = scope_by_governorate(
        Establishment.objects.filter(is_active=True).select_related("governorate", "activity"), user=user
    )
    if governorate:
        establishments = establishments.filter(governorate__code=governorate)
    query = (query or "").strip()[:100]
    if query:
        establishments = establishments.filter(Q(name__icontains=query) | Q(registration_number=query))
    return establishments.order_by("name")[:limit]
