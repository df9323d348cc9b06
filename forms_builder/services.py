"""Writes for forms as data: recording published versions, option lists, YAML load and export."""

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from core.configs import ConfigError, write_yaml
from core.i18n import missing_translations
from forms_builder import caching, fieldtypes
from forms_builder.compiler import compile_definition
from forms_builder.models import FormDefinition, FormVersion, Option, OptionList


class FormPublishError(Exception):
    """Publishing refused: the definition is inconsistent. ``problems`` says why, one reason each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def current_version_cache_key(key: str) -> str:
    return f"forms:current:{key}"


def form_version_forget(key: str) -> None:
    """Forget the current version of form ``key`` kept by this process and in the shared cache."""
    caching.forget_current(key)
    cache.delete_many([current_version_cache_key(key), f"{current_version_cache_key(key)}:public"])


@transaction.atomic
def form_version_record(*, definition: FormDefinition, revision=None, user=None) -> FormVersion:
    """Compile the published definition into a new immutable version (or return the latest if unchanged)."""
    compiled = compile_definition(definition)
    if compiled.problems:
        raise FormPublishError(compiled.problems)
    latest = FormVersion.objects.select_for_update().filter(definition=definition).order_by("-number").first()
    if latest is not None and latest.checksum == compiled.checksum:
        form_version_forget(definition.key)  # "public" may have changed
        return latest
    version = FormVersion.objects.create(
        definition=definition,
        key=definition.key,
        number=(latest.number + 1) if latest else 1,
        kind=definition.kind,
        title=compiled.ui["title"],
        schema=compiled.schema,
        ui=compiled.ui,
        checksum=compiled.checksum,
        revision=revision,
        created_by=user if getattr(user, "pk", None) else None,
    )
    # Drop the cached "current version" now and again once committed (a reader may re-cache in between).
    form_version_forget(definition.key)
    transaction.on_commit(lambda: form_version_forget(definition.key))
    return version


def form_definition_publish(*, definition: FormDefinition, user=None) -> FormVersion:
    """Save a revision of the definition as it is and publish it; refused with reasons when inconsistent."""
    compiled = compile_definition(definition)
    if compiled.problems:
        raise FormPublishError(compiled.problems)
    with transaction.atomic():
        if definition.pk is None:
            definition.live = False
            definition.save()
        revision = definition.save_revision(user=user, log_action=True)
        revision.publish(user=user)
        return FormVersion.objects.filter(definition=definition).order_by("-number").first()


# --- option lists ---------------------------------------------------------------------------------------


def option_list_problems(options: list[dict[str, Any]]) -> list[str]:
    """Reasons an option list is inconsistent: duplicate codes, unknown or nested categories, missing text."""
    problems = []
    codes = [str(o.get("code") or "") for o in options]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(_("option code %(code)s is used more than once") % {"code": code})
    known = set(codes)
    parents = {o["code"]: o.get("parent") for o in options}
    for option in options:
        code = option.get("code") or ""
        if not code:
            problems.append(_("an option has no code"))
        parent = option.get("parent")
        if parent and parent not in known:
            problems.append(
                _("option %(code)s names a category that is not in the list: %(parent)s")
                % {"code": code, "parent": parent}
            )
        elif parent and parents.get(parent):
            problems.append(_("option %(code)s is nested more than two levels deep") % {"code": code})
        missing = missing_translations(option.get("label"))
        if missing:
            problems.append(
                _("option %(code)s has no label in: %(languages)s")
                % {"code": code, "languages": ", ".join(missing)}
            )
    return problems


@transaction.atomic
def option_list_save(
    *, key: str, name: dict, description: dict | None, options: list[dict], user=None
) -> tuple[OptionList, bool]:
    """Create or update an option list; options not given any more are retired, never deleted.

    Returns (list, changed).
    """
    problems = option_list_problems(options)
    if missing_translations(name):
        problems.insert(
            0,
            _("the list's name is missing in: %(languages)s")
            % {"languages": ", ".join(missing_translations(name))},
        )
    if problems:
        raise ConfigError(f"option list {key}: " + "; ".join(problems))
    option_list = OptionList.objects.filter(key=key).first()
    created = option_list is None
    if created:
        option_list = OptionList(key=key)
    changed = created or option_list.name != name or option_list.description != (description or {})
    option_list.name, option_list.description = name, description or {}
    option_list.save()
    existing = {o.code: o for o in option_list.options.all()}
    wanted = []
    for order, spec in enumerate(options):
        option = existing.pop(spec["code"], None) or Option(option_list=option_list, code=spec["code"])
        new = (dict(spec["label"]), spec.get("parent") or "", bool(spec.get("retired", False)), order)
        if option.pk is None or (option.label, option.parent_code, option.retired, option.sort_order) != new:
            option.label, option.parent_code, option.retired, option.sort_order = new
            option.save()
            changed = True
        wanted.append(option)
    for order, option in enumerate(existing.values(), start=len(wanted)):
        if not option.retired:
            option.retired, option.sort_order = True, order
            option.save()
            changed = True
    if changed:
        option_list.save_revision(user=user, log_action=True)
    return option_list, changed


def option_list_load_document(document: dict, path: Path) -> dict[str, int]:
    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected an option list with a key")
    options = []
    for entry in document.get("options") or []:
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: each option needs a code and a label")
        options.append(
            {
                "code": str(entry.get("code", "")),
                "label": entry.get("label") or {},
                "parent": entry.get("parent"),
                "retired": entry.get("retired", False),
            }
        )
    _list, changed = option_list_save(
        key=document["key"],
        name=document.get("name") or {},
        description=document.get("description"),
        options=options,
    )
    return {"options": len(options), "changed": int(changed)}


def option_list_document(option_list: OptionList) -> dict:
    options = []
    for option in option_list.options.all():
        entry = {"code": option.code, "label": dict(option.label)}
        if option.parent_code:
            entry["parent"] = option.parent_code
        if option.retired:
            entry["retired"] = True
        options.append(entry)
    document = {"key": option_list.key, "name": dict(option_list.name)}
    if any(option_list.description.values() if option_list.description else []):
        document["description"] = dict(option_list.description)
    document["options"] = options
    return document


# --- forms <-> YAML -------------------------------------------------------------------------------------

_REFERENCE_FIELDS = {
    "option_list": ("forms_builder", "OptionList"),
    "legal_provision": ("registry", "LegalProvision"),
}


def _resolve_reference(name: str, key: str, path: Path):
    model = apps.get_model(*_REFERENCE_FIELDS[name])
    obj = model.objects.filter(key=key).first()
    if obj is None:
        raise ConfigError(f"{path}: unknown {name.replace('_', ' ')} {key!r}")
    return obj.pk


def _stream_from_yaml(fields: list[dict], path: Path) -> list[dict]:
    stream = []
    for entry in fields or []:
        if not isinstance(entry, dict) or "type" not in entry:
            raise ConfigError(f"{path}: each field needs a type")
        value = {k: v for k, v in entry.items() if k != "type"}
        for name in _REFERENCE_FIELDS:
            if value.get(name):
                value[name] = _resolve_reference(name, value[name], path)
        if _is_repeating(entry["type"]):
            value["fields"] = _stream_from_yaml(value.get("fields") or [], path)
        if entry["type"] not in _known_block_types():
            raise ConfigError(f"{path}: unknown field type {entry['type']!r}")
        stream.append({"type": entry["type"], "value": value})
    return stream


def _known_block_types() -> set[str]:
    return set(FormDefinition._meta.get_field("fields").stream_block.child_blocks)


def _is_repeating(type_key: str) -> bool:
    """Whether a stream block's type is a repeat group (False for a type not registered)."""
    try:
        return fieldtypes.get(type_key).is_repeating
    except KeyError:
        return False


def _yaml_from_stream(stream: list[dict]) -> list[dict]:
    fields = []
    for item in stream:
        value = dict(item["value"])
        for name, (app, model_name) in _REFERENCE_FIELDS.items():
            if value.get(name):
                obj = apps.get_model(app, model_name).objects.filter(pk=value[name]).first()
                value[name] = obj.key if obj else None
        if _is_repeating(item["type"]):
            value["fields"] = _yaml_from_stream(value.get("fields") or [])
        fields.append({"type": item["type"], **_prune(value)})
    return fields


def stream_values(value):
    """Wagtail stores ListBlock items as {"type": "item", "value": ..., "id": ...}: keep the values."""
    if isinstance(value, list):
        return [
            stream_values(item["value"])
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item
            else stream_values(item)
            for item in value
        ]
    if isinstance(value, dict):
        return {key: stream_values(item) for key, item in value.items()}
    return value


def _prune(value: dict) -> dict:
    """Drop empty values so exported YAML stays readable (defaults come back on load)."""
    pruned = {}
    for key, item in stream_values(value).items():
        if isinstance(item, dict):
            if key in ("visible_if", "required_if") and not item.get("rules"):
                continue
            if not any(v not in (None, "", [], {}) for v in item.values()):
                continue
        if item in (None, "", [], {}):
            continue
        pruned[key] = item
    return pruned


def form_load_document(document: dict, path: Path) -> dict[str, int]:
    """Create or update a form from YAML and publish it; unchanged content creates no version."""
    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a form with a key")
    definition = FormDefinition.objects.filter(key=document["key"]).first() or FormDefinition(
        key=document["key"]
    )
    definition.kind = document.get("kind", FormDefinition.Kind.GENERIC)
    definition.title = document.get("title") or {}
    definition.description = document.get("description") or {}
    definition.is_public = bool(document.get("public", False))
    definition.fields = _stream_from_yaml(document.get("fields") or [], path)
    compiled = compile_definition(definition)
    if compiled.problems:
        raise ConfigError(f"{path}: the form cannot be published: " + "; ".join(compiled.problems))
    latest = definition.versions.order_by("-number").first() if definition.pk else None
    unchanged = (
        latest is not None
        and latest.checksum == compiled.checksum
        and definition.live
        and not definition.has_unpublished_changes
    )
    if unchanged:
        return {"fields": len(compiled.ui["order"]), "new_version": 0}
    version = form_definition_publish(definition=definition)
    return {
        "fields": len(compiled.ui["order"]),
        "new_version": int(version.number != getattr(latest, "number", 0)),
    }


def form_document(definition: FormDefinition) -> dict:
    live = definition
    if definition.live_revision_id:
        live = definition.live_revision.as_object()
    document = {"key": live.key, "kind": live.kind, "public": live.is_public, "title": dict(live.title)}
    if live.description and any(live.description.values()):
        document["description"] = dict(live.description)
    document["fields"] = _yaml_from_stream(list(live.fields.raw_data))
    return document


def option_lists_export(config_dir: Path) -> list[Path]:
    return [
        write_yaml(config_dir / "option_lists" / f"{ol.key}.yaml", option_list_document(ol))
        for ol in OptionList.objects.prefetch_related("options")
    ]


def forms_export(config_dir: Path) -> list[Path]:
    return [
        write_yaml(config_dir / "forms" / f"{d.key}.yaml", form_document(d))
        for d in FormDefinition.objects.filter(live=True)
    ]
