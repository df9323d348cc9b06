"""Reads for forms as data."""

from django.core.cache import cache
from django.db.models import Max

from forms_builder.models import FormDefinition, FormVersion
from forms_builder.services import current_version_cache_key

CACHE_SECONDS = 300


def form_version_current(*, key: str) -> FormVersion | None:
    """The latest published version of a live form (cached; the cache is dropped on publish)."""
    cache_key = current_version_cache_key(key)
    version_id = cache.get(cache_key)
    if version_id:
        version = FormVersion.objects.filter(pk=version_id).first()
        if version is not None:
            return version
    version = FormVersion.objects.filter(key=key, definition__live=True).order_by("-number").first()
    if version is not None:
        cache.set(cache_key, version.pk, CACHE_SECONDS)
    return version


def public_form_current(*, key: str) -> dict | None:
    """The current version of a live public form as {"id", "number"} — cached, no query when warm.

    Dropped from the cache whenever the form is published again.
    """
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
    return found or None


def form_version_payload(*, version_id: int, build) -> dict:
    """A published version's serialized form, cached for good (versions never change)."""
    cache_key = f"forms:payload:{version_id}"
    payload = cache.get(cache_key)
    if payload is None:
        payload = build(FormVersion.objects.get(pk=version_id))
        cache.set(cache_key, payload, None)
    return payload


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
