"""Reads for forms as data."""

import hashlib

from django.core.cache import cache
from django.db.models import Max

from forms_builder import caching
from forms_builder.models import FormDefinition, FormVersion
from forms_builder.services import current_version_cache_key

CACHE_SECONDS = 300


def _version_by_id(version_id: int) -> FormVersion | None:
    """A version by id, from this process's memory when seen before (versions never change)."""
    version = caching.version_get(version_id)
    if version is None:
        version = FormVersion.objects.filter(pk=version_id).first()
        if version is not None:
            caching.version_set(version)
    return version


def form_version_current(*, key: str) -> FormVersion | None:
    """The latest published version of a live form.

    No query when warm: the pointer is remembered in this process for a second (dropped at once by a
    publish here) and in the shared cache (dropped on publish); the version itself for good.
    """
    version_id = caching.current_get(key)
    if version_id is None:
        cache_key = current_version_cache_key(key)
        version_id = cache.get(cache_key)
        if version_id is None:
            version_id = (
                FormVersion.objects.filter(key=key, definition__live=True)
                .order_by("-number")
                .values_list("pk", flat=True)
                .first()
            ) or 0
            if version_id:
                cache.set(cache_key, version_id, CACHE_SECONDS)
        caching.current_set(key, version_id)
    return _version_by_id(version_id) if version_id else None


def public_form_current(*, key: str) -> dict | None:
    """The current version of a live public form as {"id", "number"}: no query and no cache round trip
    when warm (remembered in this process for a second; dropped from the shared cache on publish)."""
    name = f"{key}:public"
    found = caching.current_get(name)
    if found is None:
        cache_key = f"{current_version_cache_key(key)}:public"
        found = cache.get(cache_key)
        if found is None:
            version = (
                FormVersion.objects.filter(key=key, definition__live=True, definition__is_public=True)
                .order_by("-number")
                .values("id", "number")
                .first()
            )
            found = version or {}
            cache.set(cache_key, found, CACHE_SECONDS)
        caching.current_set(name, found)
    return found or None


def form_version_document(*, version_id: int, variant: str, render) -> tuple[bytes, str] | None:
    """(body, entity tag) of a published version rendered by ``render(version) -> bytes``, once per
    process and variant (versions never change); None if there is no such version."""
    document = caching.document_get(version_id, variant)
    if document is None:
        version = _version_by_id(version_id)
        if version is None:
            return None
        body = render(version)
        document = (body, f'"{hashlib.sha256(body).hexdigest()[:32]}"')
        caching.document_set(version_id, variant, document)
    return document


def form_version_get(*, key: str, number: int) -> FormVersion | None:
    """A given version of a form, whether or not it is the current one."""
    return FormVersion.objects.filter(key=key, number=number).first()


def public_forms() -> list[tuple[FormDefinition, FormVersion]]:
    """Live public forms with their current version, ordered by key."""
    definitions = list(FormDefinition.objects.filter(live=True, is_public=True).order_by("key"))
    latest = dict(
        FormVersion.objects.filter(definition__in=definitions)
        .values("definition")
        .annotate(n=Max("number"))
        .values_list("definition", "n")
    )
    versions = {
        (v.definition_id, v.number): v
        for v in FormVersion.objects.filter(definition__in=definitions).filter(
            number__in=set(latest.values())
        )
    }
    return [(d, versions[(d.pk, latest[d.pk])]) for d in definitions if d.pk in latest]
