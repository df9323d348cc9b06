"""Reads for the registries, scoped by the user's governorates."""

from django.db.models import Q, QuerySet

from accounts.selectors import scope_by_governorate
from core.text import search_normalize
from registry.models import Establishment

PUBLIC_LOOKUP_LIMIT = 10


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


def establishments_in_scope(*, governorate_ids) -> QuerySet:
    """Establishments in these governorates (None: national scope, every governorate)."""
    establishments = Establishment.objects.all()
    if governorate_ids is None:
        return establishments
    return establishments.filter(governorate_id__in=governorate_ids)


def establishment_lookup(*, query: str, governorate: str = "", governorate_ids=None, limit: int = 10) -> list:
    """Active establishments whose name (Arabic or English) contains ``query``, ignoring Arabic letter
    variants, diacritics and Latin case; a registration number matches exactly. At most ``limit``."""
    folded = search_normalize(query)[:100]
    if len(folded) < 2:
        return []
    establishments = establishments_in_scope(governorate_ids=governorate_ids).filter(is_active=True)
    if governorate:
        establishments = establishments.filter(governorate__code=governorate)
    matches = establishments.filter(
        Q(search_name__contains=folded) | Q(registration_number=str(query).strip()[:64])
    )
    return list(matches.select_related("governorate").order_by("name", "pk")[: max(1, min(limit, 25))])


def establishment_lookup_public(*, query: str, governorate: str = "") -> list[dict]:
    """What a member of the public may see of matching establishments (at most 10): id, names,
    governorate, district. Nothing else (registration numbers, workers, contacts) ever leaves."""
    return [
        {
            "id": e.pk,
            "name": e.name,
            "name_en": e.name_en,
            "governorate": e.governorate.code,
            "governorate_name": dict(e.governorate.name),
            "district": e.district,
        }
        for e in establishment_lookup(query=query, governorate=governorate, limit=PUBLIC_LOOKUP_LIMIT)
    ]
