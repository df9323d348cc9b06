"""Rendering a form version as Django forms: one form class per wizard step, and the wizard itself.

Fields never validate themselves: a step form hands the raw values to the one validator
(``forms_builder.validation.validate``) and maps its errors back onto the fields. Conditions that
depend on earlier steps are applied on the server (hidden fields are not rendered); conditions on
fields of the same step are described in the page and enhanced by ``conditions.js`` when JavaScript is on.
"""

import json
from dataclasses import asdict
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import localize
from forms_builder import conditions, fieldtypes
from forms_builder.compiler import compile_definition
from forms_builder.spec import FormSpec
from forms_builder.validation import validate

ROW_SEPARATOR = "__"


def group_field_name(group: str, index: int, child: str) -> str:
    return f"{group}{ROW_SEPARATOR}{index}{ROW_SEPARATOR}{child}"


def rows_field_name(group: str) -> str:
    return f"{group}{ROW_SEPARATOR}rows"


def _depends_only_on(condition: dict | None, known: set[str]) -> bool:
    return all(rule["field"] in known for rule in conditions.rules_of(condition))


def _is_repeating(spec: dict) -> bool:
    return fieldtypes.get(spec["type"]).is_repeating


class StepForm(forms.Form):
    """Base class of generated step forms. Set by ``build_step_form``: version, step, language, context."""

    version = None
    step_key = ""
    language = "ar"
    context_values: dict[str, Any] = {}
    rows: dict[str, int] = {}
    layout: list = []

    def loose_hidden_fields(self) -> list:
        """Hidden fields that no field of the layout renders itself (a repeat group's row count); a field's
        own hidden part (an establishment's registry id) is rendered with it, once."""
        named = set()
        for item in self.layout:
            rows = item["rows"] if item["kind"] == "group" else [{"items": [item]}]
            for row in rows:
                for child in row["items"]:
                    named.update(child["names"])
        return [bound for bound in self.hidden_fields() if bound.name not in named]

    def _clean_fields(self):
        # Collect raw values only; the forms validator does all checking.
        for name, bound_field in self._bound_items():
            self.cleaned_data[name] = bound_field.data

    def validator_input(self) -> tuple[dict, dict]:
        """The step's answers in the validator's shape (as the API would send them) and its files."""
        ui = self.version.ui
        data, files = {}, {}
        for key in step_field_keys(ui, self.step_key):
            spec = ui["fields"][key]
            if _is_repeating(spec):
                rows = []
                for index in range(self.rows.get(key, 0)):
                    row = {}
                    for child in spec["fields"]:
                        child_spec = ui["fields"][child]
                        name = group_field_name(key, index, child)
                        field_type = fieldtypes.get(child_spec["type"])
                        raw = field_type.form_raw(child_spec, name, self.cleaned_data, self.files)
                        if raw not in (None, "", []):
                            row[child] = raw
                        files.update(
                            field_type.form_files(
                                child_spec, name, f"{key}.{index}.{child}", self._files_by_name()
                            )
                        )
                    rows.append(row)
                data[key] = rows
                continue
            field_type = fieldtypes.get(spec["type"])
            raw = field_type.form_raw(spec, key, self.cleaned_data, self.files)
            if raw not in (None, "", []):
                data[key] = raw
            files.update(field_type.form_files(spec, key, key, self._files_by_name()))
        return data, files

    def _files_by_name(self):
        class _Files(dict):
            def getlist(inner, name):  # noqa: N805
                value = inner.get(name)
                return value if isinstance(value, list) else ([value] if value else [])

        collected = _Files()
        for name in self.fields:
            if name in self.cleaned_data and hasattr(self.cleaned_data[name], "read"):
                collected[name] = self.cleaned_data[name]
            elif isinstance(self.cleaned_data.get(name), list):
                collected[name] = [f for f in self.cleaned_data[name] if hasattr(f, "read")]
        return collected

    def clean(self):
        data, files = self.validator_input()
        self.result = validate(
            self.version,
            data,
            files,
            self.language,
            only=step_field_keys(self.version.ui, self.step_key),
            context=self.context_values,
        )
        self.answers, self.answer_files = data, files
        for path, errors in self.result.errors.items():
            for error in errors:
                self.add_error(self._form_field_for(path, error.subpath), error.message)
        return self.cleaned_data

    def _form_field_for(self, path: str, subpath: str | None) -> str | None:
        if path == "__all__":
            return None
        ui = self.version.ui
        parts = path.split(".")
        spec = ui["fields"].get(parts[-1])
        name = ROW_SEPARATOR.join(parts)
        if spec is None:
            return None
        if _is_repeating(spec):
            return rows_field_name(spec["key"]) if rows_field_name(spec["key"]) in self.fields else None
        target = fieldtypes.get(spec["type"]).error_form_field(name, subpath)
        return target if target in self.fields else (name if name in self.fields else None)


def step_field_keys(ui: dict, step_key: str) -> list[str]:
    for step in ui["steps"]:
        if step["key"] == step_key:
            return list(step["fields"])
    return []


def _describe_condition(ui: dict, condition: dict, language: str) -> str:
    parts = []
    for rule in conditions.rules_of(condition):
        spec = ui["fields"].get(rule["field"], {})
        label = localize(spec.get("label"), language) or rule["field"]
        value = rule.get("value") or ""
        if spec:
            value = fieldtypes.get(spec["type"]).condition_value_text(spec, value, language)
        parts.append(
            f"«{label}» {dict(_operator_words()).get(rule['operator'], rule['operator'])} {value}".strip()
        )
    joiner = _(" or ") if condition.get("match") == "any" else _(" and ")
    return joiner.join(parts)


def _operator_words():
    return [
        ("equals", _("is")),
        ("not_equals", _("is not")),
        ("in", _("is one of")),
        ("not_in", _("is none of")),
        ("contains", _("includes")),
        ("is_empty", _("is empty")),
        ("is_not_empty", _("is answered")),
        ("gt", _("is more than")),
        ("gte", _("is at least")),
        ("lt", _("is less than")),
        ("lte", _("is at most")),
    ]


class _StepFormBuilder:
    """Builds the fields and the layout of one step form (see ``build_step_form``)."""

    def __init__(self, version, step_key: str, language: str, context_values: dict, rows: dict[str, int]):
        self.ui, self.language, self.context_values, self.rows = version.ui, language, context_values, rows
        self.known = set(context_values) | {
            k for s in self.ui["steps"] if s["key"] != step_key for k in s["fields"]
        }
        self.fields: dict[str, forms.Field] = {}
        self.layout: list[dict] = []
        self.row_counts: dict[str, int] = {}

    def add(self, key: str) -> None:
        spec = self.ui["fields"][key]
        condition = spec.get("visible_if")
        if _depends_only_on(condition, self.known) and not conditions.evaluate(
            condition, self.context_values
        ):
            return  # hidden by an earlier answer: not shown at all
        self.layout.append(self._group_item(spec) if _is_repeating(spec) else self._field_item(spec, key))

    def _field_item(self, spec: dict, name: str) -> dict:
        language = self.language
        made = fieldtypes.get(spec["type"]).form_fields(spec, name, language)
        self.fields.update(made)
        condition = spec.get("visible_if")
        same_step = bool(conditions.rules_of(condition)) and not _depends_only_on(condition, self.known)
        return {
            "kind": "field",
            "key": spec["key"],
            "spec": spec,
            "type": spec["type"],
            "names": list(made),
            "label": localize(spec["label"], language),
            "help": localize(spec.get("help"), language),
            "required": bool(spec.get("required")) and not conditions.rules_of(spec.get("required_if")),
            "condition_json": json.dumps(condition) if same_step else "",
            "condition_text": _describe_condition(self.ui, condition, language) if same_step else "",
        }

    def _group_item(self, spec: dict) -> dict:
        key, language = spec["key"], self.language
        count = max(self.rows.get(key, spec["min_rows"]), spec["min_rows"])
        count = min(count, spec["max_rows"])
        self.row_counts[key] = count
        self.fields[rows_field_name(key)] = forms.IntegerField(
            widget=forms.HiddenInput, initial=count, required=False
        )
        group_rows = [
            {
                "index": index,
                "number": index + 1,
                "items": [
                    self._field_item(self.ui["fields"][child], group_field_name(key, index, child))
                    for child in spec["fields"]
                ],
            }
            for index in range(count)
        ]
        return {
            "kind": "group",
            "key": key,
            "spec": spec,
            "label": localize(spec["label"], language),
            "help": localize(spec.get("help"), language),
            "row_label": localize(spec.get("row_label"), language) or _("Row"),
            "rows": group_rows,
            "can_add": count < spec["max_rows"],
            "can_remove": count > spec["min_rows"],
            "rows_name": rows_field_name(key),
        }


def build_step_form(
    version,
    step_key: str,
    language: str,
    *,
    context_values: dict | None = None,
    rows: dict[str, int] | None = None,
) -> type[StepForm]:
    """A Django form class for one step of a version. ``context_values``: answers of earlier steps."""
    context_values = dict(context_values or {})
    builder = _StepFormBuilder(version, step_key, language, context_values, rows or {})
    for key in step_field_keys(version.ui, step_key):
        builder.add(key)
    attrs = {
        **builder.fields,
        "version": version,
        "step_key": step_key,
        "language": language,
        "context_values": context_values,
        "rows": builder.row_counts,
        "layout": builder.layout,
    }
    return type(f"Step_{version.key}_{step_key}", (StepForm,), attrs)


def step_title(version, step_key: str, language: str) -> str:
    return FormSpec.of(version).step_title(step_key, language)


def summary(version, cleaned_data: dict, language: str) -> list[dict]:
    """The answers as readable rows, step by step (review step, staff screens), as plain dicts:
    [{"title", "rows": [{"label", "value", "heading", "confidential"}]}] (``FormSpec.summary``, typed)."""
    return [
        {"title": section.title, "rows": [asdict(row) for row in section.rows]}
        for section in FormSpec.of(version).summary(cleaned_data, language)
    ]


class _PreviewVersion:
    """A compiled definition that quacks like a FormVersion, for the admin preview."""

    def __init__(self, key, ui):
        self.key, self.ui, self.number = key, ui, 0


def preview_context(definition, request) -> dict:
    compiled = compile_definition(definition)
    language = translation.get_language()
    version = _PreviewVersion(definition.key, compiled.ui)
    steps = []
    for step in compiled.ui["steps"]:
        form_class = build_step_form(version, step["key"], language)
        steps.append(
            {
                "title": localize(step["title"], language),
                "description": localize(step["description"], language),
                "form": form_class(),
            }
        )
    return {
        "definition": definition,
        "problems": compiled.problems,
        "steps": steps,
        "form_title": localize(compiled.ui["title"], language),
        "form_description": localize(compiled.ui["description"], language),
    }
