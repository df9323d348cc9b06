"""Reads for the registries, scoped by the user's governorates."""

from collections.abc import Collection

from django.db.models import Q, QuerySet

from core.text import search_normalize
from registry.models import Establishment, LegalInstrument, LegalProvision

PUBLIC_LOOKUP_LIMIT = 10
LEGAL_SEARCH_LIMIT = 200


def governorate_ids_of(*, user) -> frozenset[int] | None:
    """The governorates ``user`` is limited to, or None for national scope; empty for the anonymous.

    The rule lives on the user model (``accounts.models.User.governorate_ids``), asked duck-typed so the
    registry never imports accounts; a user object without it (anonymous) sees nothing."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    governorate_ids = getattr(user, "governorate_ids", None)
    return governorate_ids() if callable(governorate_ids) else frozenset()


def scope_by_governorate_ids(
    queryset: QuerySet, *, governorate_ids: Collection[int] | None, field: str = "governorate"
) -> QuerySet:
    """``queryset`` limited to rows whose ``field`` is one of ``governorate_ids`` (None: national scope,
    every row; empty: no row)."""
    if governorate_ids is None:
        return queryset
    if not governorate_ids:
        return queryset.none()
    return queryset.filter(**{f"{field}__in": governorate_ids})


def establishment_search(*, user, query: str = "", governorate: str = "", limit: int = 100) -> QuerySet:
    """Active establishments in the user's governorates, by name or registration number."""
    establishments = scope_by_governorate_ids(
        Establishment.objects.filter(is_active=True).select_related("governorate", "activity"),
        governorate_ids=governorate_ids_of(user=user),
    )
    if governorate:
        establishments = establishments.filter(governorate__code=governorate)
    query = (query or "").strip()[:100]
    if query:
        establishments = establishments.filter(Q(name__icontains=query) | Q(registration_number=query))
    return establishments.order_by("name")[:limit]


def establishments_in_scope(*, governorate_ids) -> QuerySet:
    """Establishments in these governorates (None: national scope, every governorate)."""
    return scope_by_governorate_ids(Establishment.objects.all(), governorate_ids=governorate_ids)


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


# --- the legal library (the portal's page and the public API both search it here) -----------------


def legal_instruments_in_force() -> QuerySet:
    """The legal instruments in force, as the library lists them (by kind, then key)."""
    return LegalInstrument.objects.filter(is_active=True).order_by("kind", "key")


def _instrument_ids_matching(folded: str) -> list[int]:
    """Instruments whose key, title or short title (any language) contains ``folded`` (the library holds a
    few dozen instruments: folded here rather than stored)."""
    return [
        pk
        for pk, key, title, short_title in LegalInstrument.objects.values_list(
            "pk", "key", "title", "short_title"
        )
        if folded
        in search_normalize(" | ".join([key, *(title or {}).values(), *(short_title or {}).values()]))
    ]


def legal_library_search(
    *, query: str = "", instrument: str = "", limit: int = LEGAL_SEARCH_LIMIT
) -> list[LegalProvision]:
    """Provisions in force, of one instrument if ``instrument`` (its key) is given, whose article, key, title
    or text in any language contains ``query``, or whose instrument's title does; Arabic letter variants,
    diacritics and Latin case are ignored. In the library's order, at most ``limit``."""
    provisions = LegalProvision.objects.filter(is_active=True).select_related("instrument")
    if instrument:
        provisions = provisions.filter(instrument__key=instrument)
    folded = search_normalize(str(query or "")[:100])
    if folded:
        provisions = provisions.filter(
            Q(search_text__contains=folded) | Q(instrument_id__in=_instrument_ids_matching(folded))
        )
    return list(provisions.order_by("instrument__key", "sort_order", "key")[:limit])
