"""The one validator of submissions (DESIGN.md section 4): portal wizard, Django forms, API and staff screens.

``validate(version, data, files, language)`` returns a ValidationResult with the cleaned data (hidden
fields dropped) or per-field errors in that language. It never raises for bad input.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from forms_builder import conditions, fieldtypes
from forms_builder.fieldtypes import FieldError, ValidationContext
from forms_builder.fieldtypes.base import required_message


@dataclass
class ValidationResult:
    cleaned_data: dict[str, Any] = field(default_factory=dict)
    files: dict[str, list] = field(default_factory=dict)
    errors: dict[str, list[FieldError]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def add(self, path: str, error: FieldError) -> None:
        self.errors.setdefault(path, []).append(error)

    def error_list(self) -> list[dict[str, str]]:
        """Errors as [{"field": "injured.0.age", "code": ..., "message": ...}] (the API's format)."""
        items = []
        for path, errors in self.errors.items():
            for error in errors:
                name = f"{path}.{error.subpath}" if error.subpath and path != "__all__" else path
                items.append({"field": name, "code": error.code, "message": error.message})
        return items


def _ui(version) -> dict:
    return version.ui if hasattr(version, "ui") else version


def top_level_keys(ui: dict) -> list[str]:
    return [key for step in ui["steps"] for key in step["fields"]]


def _is_required(spec: dict, values: dict) -> bool:
    if conditions.rules_of(spec.get("required_if")):
        return conditions.evaluate(spec["required_if"], values)
    return bool(spec.get("required"))


def _validate_field(spec, data, values, ctx, result, path) -> None:
    field_type = fieldtypes.get(spec["type"])
    raw = field_type.get_raw(spec, data, ctx, path)
    if field_type.is_empty(raw):
        if _is_required(spec, values):
            result.add(path, FieldError("required", required_message()))
        return None
    try:
        value = field_type.clean(spec, raw, ctx, path)
    except FieldError as error:
        result.add(path, error)
        return None
    data_key = spec["key"]
    values[data_key] = field_type.condition_value(value)
    return value


def _validate_group(ui, spec, data, values, ctx, result) -> list | None:
    key = spec["key"]
    rows = data.get(key)
    if rows in (None, ""):
        rows = []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        result.add(key, FieldError("invalid_type", _("Expected a list of rows.")))
        return None
    if len(rows) < spec["min_rows"]:
        result.add(key, FieldError("min_rows", _("Add at least %(n)d rows.") % {"n": spec["min_rows"]}))
    if len(rows) > spec["max_rows"]:
        result.add(key, FieldError("max_rows", _("Add at most %(n)d rows.") % {"n": spec["max_rows"]}))
        return None
    cleaned_rows = []
    children = [ui["fields"][child] for child in spec["fields"]]
    for index, row in enumerate(rows):
        unknown = set(row) - set(spec["fields"])
        for name in sorted(unknown):
            result.add(
                f"{key}.{index}.{name}", FieldError("unknown_field", _("This field is not part of the form."))
            )
        row_values = dict(values)
        cleaned_row = {}
        for child in children:
            path = f"{key}.{index}.{child['key']}"
            if not conditions.evaluate(child.get("visible_if"), row_values):
                continue
            value = _validate_field(child, row, row_values, ctx, result, path)
            if value is not None:
                cleaned_row[child["key"]] = value
        cleaned_rows.append(cleaned_row)
    values[key] = cleaned_rows
    return cleaned_rows


def validate(
    version,
    data: dict | None,
    files: dict[str, list] | None = None,
    language: str | None = None,
    *,
    only: list[str] | None = None,
    context: dict[str, Any] | None = None,
) -> ValidationResult:
    """Validate ``data`` (and uploaded ``files`` keyed by field path) against a form version.

    ``only`` limits validation to those top-level fields (one wizard step); ``context`` gives the cleaned
    values of fields validated before (earlier steps), for conditions.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    ui = _ui(version)
    result = ValidationResult()
    with translation.override(language):
        if not isinstance(data, dict):
            result.add(
                "__all__", FieldError("invalid_type", _("The submission must be an object of fields."))
            )
            return result
        ctx = ValidationContext(language=language, files=dict(files or {}))
        keys = top_level_keys(ui)
        if only is None:
            for name in sorted(set(data) - set(keys)):
                result.add(name, FieldError("unknown_field", _("This field is not part of the form.")))
        selected = keys if only is None else [key for key in keys if key in only]
        values: dict[str, Any] = dict(context or {})
        for key in selected:
            spec = ui["fields"][key]
            if not conditions.evaluate(spec.get("visible_if"), values):
                values.pop(key, None)
                continue  # hidden: whatever was sent is dropped
            if fieldtypes.get(spec["type"]).is_repeating:
                rows = _validate_group(ui, spec, data, values, ctx, result)
                if rows:
                    result.cleaned_data[key] = rows
                continue
            value = _validate_field(spec, data, values, ctx, result, key)
            if value is not None:
                result.cleaned_data[key] = value
        if only is None:
            _refuse_unexpected_files(ui, ctx, result)
        result.files = ctx.cleaned_files
    return result


def _refuse_unexpected_files(ui: dict, ctx: ValidationContext, result: ValidationResult) -> None:
    for path in sorted(ctx.files):
        if path not in ctx.cleaned_files and not _expects_file(ui, path):
            result.add(path, FieldError("unexpected_file", _("No file is expected here.")))


def _expects_file(ui: dict, path: str) -> bool:
    """Whether a file part's path names a field that takes files (a file field, a checklist item's evidence,
    at the top level or in a repeat group's row); a file for a hidden field is dropped like its answer."""
    parts = path.split(".")
    key, rest = (parts[2], parts[3:]) if len(parts) >= 3 and parts[1].isdigit() else (parts[0], parts[1:])
    spec = ui["fields"].get(key)
    if spec is None:
        return False
    return ".".join(rest) in fieldtypes.get(spec["type"]).file_subpaths(spec)


def condition_values(version, cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """The values conditions compare against, from already-cleaned data (for later wizard steps)."""
    ui = _ui(version)
    values = {}
    for key, value in cleaned_data.items():
        spec = ui["fields"].get(key)
        if spec and not fieldtypes.get(spec["type"]).is_repeating:
            values[key] = fieldtypes.get(spec["type"]).condition_value(value)
        elif spec:
            values[key] = value
    return values
