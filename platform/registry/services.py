"""Writes for the reference registries."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from ecms.configs import ConfigError, read_yaml
from ecms.i18n import missing_translations
from registry.models import EconomicActivity, Governorate


def _entries(path: Path, key: str) -> list[dict]:
    document = read_yaml(path) or {}
    entries = document.get(key)
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a '{key}' list")
    for entry in entries:
        missing = missing_translations(entry.get("name"))
        if missing:
            raise ConfigError(f"{path}: {entry.get('code')!r} has no name in: {', '.join(missing)}")
    return entries


@transaction.atomic
def reference_data_load(*, fixtures_dir: Path | None = None) -> dict[str, int]:
    """Create or update governorates and economic activities from fixtures/ (idempotent)."""
    fixtures_dir = fixtures_dir or Path(settings.BASE_DIR) / "fixtures"
    governorates = _entries(fixtures_dir / "governorates.yaml", "governorates")
    for order, entry in enumerate(governorates):
        Governorate.objects.update_or_create(
            code=entry["code"], defaults={"name": entry["name"], "sort_order": order, "is_active": True}
        )
    activities = _entries(fixtures_dir / "economic_activities.yaml", "economic_activities")
    for entry in activities:
        parent = EconomicActivity.objects.get(code=entry["parent"]) if entry.get("parent") else None
        EconomicActivity.objects.update_or_create(
            code=entry["code"], defaults={"name": entry["name"], "parent": parent, "is_active": True}
        )
    return {"governorates": len(governorates), "economic_activities": len(activities)}
