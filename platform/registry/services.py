"""Writes for the reference registries."""

from pathlib import Path

import tablib
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from core.configs import ConfigError, read_yaml, write_yaml
from core.i18n import missing_translations
from core.text import FORMULA_STARTS, neutralise_formula  # noqa: F401 - re-exported
from registry.models import EconomicActivity, Establishment, Governorate, LegalInstrument, LegalProvision
from registry.resources import EstablishmentResource
from registry.selectors import governorate_ids_of, scope_by_governorate_ids


def _entries(path: Path, key: str) -> list[dict]:
    document = read_yaml(path) or {}
    entries = document.get(key)
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: " + _("expected a '%(key)s' list") % {"key": key})
    for entry in entries:
        missing = missing_translations(entry.get("name"))
        if missing:
            raise ConfigError(
                f"{path}: "
                + _("%(code)s has no name in: %(languages)s")
                % {"code": entry.get("code"), "languages": ", ".join(missing)}
            )
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


def _translation_problem(key, title) -> list[str]:
    missing = missing_translations(title)
    if not missing:
        return []
    return [
        _("%(key)s: the title is missing in: %(languages)s") % {"key": key, "languages": ", ".join(missing)}
    ]


def _provision_problems(provisions: list[dict]) -> list[str]:
    keys = [p.get("key") for p in provisions]
    problems = [
        _("provision %(key)s is listed more than once") % {"key": k}
        for k in sorted({k for k in keys if keys.count(k) > 1})
    ]
    for provision in provisions:
        problems += _translation_problem(provision.get("key"), provision.get("title"))
        if provision.get("status", "awaiting_validation") not in LegalProvision.Validation.values:
            problems.append(
                _("%(key)s: unknown status %(status)s")
                % {"key": provision.get("key"), "status": provision.get("status")}
            )
    return problems


def _legal_document_problems(entry: dict, provisions: list[dict]) -> list[str]:
    """Why a legal document cannot be loaded, one reason each (empty: it can)."""
    problems = _translation_problem(entry["key"], entry.get("title"))
    if entry.get("kind") not in LegalInstrument.Kind.values:
        problems.append(
            _("%(key)s: unknown kind %(kind)s") % {"key": entry["key"], "kind": entry.get("kind")}
        )
    return problems + _provision_problems(provisions)


@transaction.atomic
def legal_instrument_load_document(document: dict, path: Path) -> dict[str, int]:
    """Create or update a legal instrument and its provisions from configs/legal/*.yaml (idempotent).

    Provisions are never deleted (violations cite them); ones missing from the file are marked not in force.
    """
    entry = (document or {}).get("instrument")
    if not isinstance(entry, dict) or "key" not in entry:
        raise ConfigError(f"{path}: " + _("expected an 'instrument' with a key"))
    provisions = document.get("provisions") or []
    problems = _legal_document_problems(entry, provisions)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    instrument, _created = LegalInstrument.objects.update_or_create(
        key=entry["key"],
        defaults={
            "kind": entry["kind"],
            "title": entry["title"],
            "short_title": entry.get("short_title") or {},
            "year": entry.get("year"),
            "summary": entry.get("summary") or {},
            "source_reference": entry.get("source_reference", ""),
            "is_active": entry.get("in_force", True),
        },
    )
    for order, provision in enumerate(provisions):
        LegalProvision.objects.update_or_create(
            key=provision["key"],
            defaults={
                "instrument": instrument,
                "article": str(provision.get("article", "")),
                "title": provision["title"],
                "text": provision.get("text") or {},
                "sort_order": order,
                "is_active": provision.get("in_force", True),
                "validation_status": provision.get("status", LegalProvision.Validation.AWAITING),
            },
        )
    instrument.provisions.exclude(key__in=[p["key"] for p in provisions]).update(is_active=False)
    return {"provisions": len(provisions)}


def legal_export(config_dir: Path) -> list[Path]:
    written = []
    for instrument in LegalInstrument.objects.prefetch_related("provisions"):
        document = {
            "instrument": {
                "key": instrument.key,
                "kind": instrument.kind,
                "title": dict(instrument.title),
                **(
                    {"short_title": dict(instrument.short_title)}
                    if any((instrument.short_title or {}).values())
                    else {}
                ),
                **({"year": instrument.year} if instrument.year else {}),
                **({"summary": dict(instrument.summary)} if any((instrument.summary or {}).values()) else {}),
                **({"source_reference": instrument.source_reference} if instrument.source_reference else {}),
            },
            "provisions": [
                {
                    "key": p.key,
                    "article": p.article,
                    "title": dict(p.title),
                    **({"text": dict(p.text)} if any((p.text or {}).values()) else {}),
                    "status": p.validation_status,
                }
                for p in instrument.provisions.all()
                if p.is_active
            ],
        }
        written.append(write_yaml(config_dir / "legal" / f"{instrument.key}.yaml", document))
    return written


@transaction.atomic
def establishments_load(*, path: Path) -> int:
    """Create or update establishments from a YAML file, matched on their registration number."""
    entries = _entries_plain(path, "establishments")
    governorates = {g.code: g for g in Governorate.objects.all()}
    activities = {a.code: a for a in EconomicActivity.objects.all()}
    for entry in entries:
        Establishment.objects.update_or_create(
            registration_number=entry["registration_number"],
            defaults={
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "governorate": governorates[entry["governorate"]],
                "activity": activities.get(entry.get("activity")),
                "district": entry.get("district", ""),
                "address": entry.get("address", ""),
                "workers_total": entry.get("workers_total"),
                "workers_women": entry.get("workers_women"),
                "is_active": True,
            },
        )
    return len(entries)


def _entries_plain(path: Path, key: str) -> list[dict]:
    document = read_yaml(path) or {}
    if not isinstance(document.get(key), list):
        raise ConfigError(f"{path}: " + _("expected a '%(key)s' list") % {"key": key})
    return document[key]


# --- spreadsheet import and export of establishments ---------------------------------------

IMPORT_FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def _format(name: str):
    formats = {"csv": CSV, "xlsx": XLSX}
    if name not in formats:
        raise ValueError(_("Choose CSV or Excel (XLSX)."))
    return formats[name]()


def establishments_export(*, user, file_format: str = "csv", queryset=None) -> bytes:
    """The establishments in the user's governorates as CSV or XLSX, with formulas neutralised."""
    establishments = queryset if queryset is not None else Establishment.objects.all()
    establishments = scope_by_governorate_ids(
        establishments.select_related("governorate", "activity").order_by("registration_number", "pk"),
        governorate_ids=governorate_ids_of(user=user),
    )
    exported = EstablishmentResource(user=user).export(queryset=establishments)
    safe = tablib.Dataset(headers=exported.headers)
    for row in exported:
        safe.append([neutralise_formula(value) for value in row])
    data = _format(file_format).export_data(safe)
    return data.encode("utf-8-sig") if isinstance(data, str) else data


def establishments_read(*, content: bytes, file_format: str):
    """A spreadsheet upload as a dataset (ValueError with a readable message if it cannot be read)."""
    if len(content) > IMPORT_MAX_BYTES:
        raise ValueError(_("The file is larger than 5 MB."))
    format_ = _format(file_format)
    try:
        if file_format == "csv":
            text = content.decode("utf-8-sig")
            return format_.create_dataset(text)
        return format_.create_dataset(content)
    except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError, OSError) as error:
        raise ValueError(
            _("The file could not be read as %(format)s.") % {"format": file_format.upper()}
        ) from error
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds for a damaged workbook)
        raise ValueError(
            _("The file could not be read as %(format)s.") % {"format": file_format.upper()}
        ) from error


def establishments_import(*, user, dataset, dry_run: bool):
    """Import (or, with ``dry_run``, preview) establishments; returns django-import-export's Result.

    Nothing is written when any row has an error: the whole file goes in, or none of it."""
    required = {"registration_number", "name", "governorate"}
    missing = required - set(dataset.headers or [])
    if missing:
        raise ValueError(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    return EstablishmentResource(user=user).import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        collect_failed_rows=True,
        rollback_on_validation_errors=True,
    )
