"""Rendering a form version as Django forms: one form class per wizard step, and the wizard itself.

Fields never validate themselves: a step form hands the raw values to the one validator
(``forms_builder.validation.validate``) and maps its errors back onto the fields. Conditions that
depend on earlier steps are applied on the server (hidden fields are not rendered); conditions on
fields of the same step are described in the page and enhanced by ``conditions.js`` when JavaScript is on.
"""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from core.i18n import localize
from forms_builder import conditions, fieldtypes
from forms_builder.validation import validate

ROW_SEPARATOR = "__"


def group_field_name(group: str, index: int, child: str) -> str:
    return f"{group}{ROW_SEPARATOR}{index}{ROW_SEPARATOR}{child}"


def rows_field_name(group: str) -> str:
    return f"{group}{ROW_SEPARATOR}rows"


def _depends_only_on(condition: dict | None, known: set[str]) -> bool:
    return all(rule["field"] in known for rule in conditions.rules_of(condition))


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
            if spec["type"] == "repeat_group":
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
        if spec["type"] == "repeat_group":
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
        for option in spec.get("options", []):
            if option["code"] == value:
                value = localize(option["label"], language)
        if spec.get("type") == "yes_no":
            value = _("Yes") if str(value).lower() in conditions.TRUE_WORDS else _("No")
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


def build_step_form(
    version,
    step_key: str,
    language: str,
    *,
    context_values: dict | None = None,
    rows: dict[str, int] | None = None,
) -> type[StepForm]:
    """A Django form class for one step of a version. ``context_values``: answers of earlier steps."""
    ui = version.ui
    context_values = dict(context_values or {})
    known = set(context_values) | {k for s in ui["steps"] if s["key"] != step_key for k in s["fields"]}
    step_keys = step_field_keys(ui, step_key)
    fields: dict[str, forms.Field] = {}
    layout = []
    row_counts = {}

    def field_item(spec, name):
        field_type = fieldtypes.get(spec["type"])
        made = field_type.form_fields(spec, name, language)
        fields.update(made)
        condition = spec.get("visible_if")
        same_step = bool(conditions.rules_of(condition)) and not _depends_only_on(condition, known)
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
            "condition_text": _describe_condition(ui, condition, language) if same_step else "",
        }

    for key in step_keys:
        spec = ui["fields"][key]
        condition = spec.get("visible_if")
        if _depends_only_on(condition, known) and not conditions.evaluate(condition, context_values):
            continue  # hidden by an earlier answer: not shown at all
        if spec["type"] != "repeat_group":
            layout.append(field_item(spec, key))
            continue
        count = max((rows or {}).get(key, spec["min_rows"]), spec["min_rows"])
        count = min(count, spec["max_rows"])
        row_counts[key] = count
        fields[rows_field_name(key)] = forms.IntegerField(
            widget=forms.HiddenInput, initial=count, required=False
        )
        group_rows = []
        for index in range(count):
            items = []
            for child in spec["fields"]:
                child_spec = ui["fields"][child]
                items.append(field_item(child_spec, group_field_name(key, index, child)))
            group_rows.append({"index": index, "number": index + 1, "items": items})
        layout.append(
            {
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
        )

    attrs = {
        **fields,
        "version": version,
        "step_key": step_key,
        "language": language,
        "context_values": context_values,
        "rows": row_counts,
        "layout": layout,
    }
    return type(f"Step_{version.key}_{step_key}", (StepForm,), attrs)


def step_title(version, step_key: str, language: str) -> str:
    for step in version.ui["steps"]:
        if step["key"] == step_key:
            return localize(step["title"], language)
    return ""


def summary(version, cleaned_data: dict, language: str) -> list[dict]:
    """The answers as readable rows, step by step (review step, staff screens)."""
    ui = version.ui
    sections = []
    for step in ui["steps"]:
        rows = []
        for key in step["fields"]:
            spec = ui["fields"][key]
            if key not in cleaned_data:
                continue
            if spec["type"] == "repeat_group":
                for index, row in enumerate(cleaned_data[key]):
                    label = (
                        f"{localize(spec.get('row_label'), language) or localize(spec['label'], language)} "
                        f"{index + 1}"
                    )
                    rows.append({"label": label, "value": "", "heading": True, "confidential": False})
                    for child in spec["fields"]:
                        if child in row:
                            child_spec = ui["fields"][child]
                            rows.append(
                                {
                                    "label": localize(child_spec["label"], language),
                                    "value": fieldtypes.get(child_spec["type"]).display(
                                        child_spec, row[child], language
                                    ),
                                    "heading": False,
                                    "confidential": child_spec.get("confidential"),
                                }
                            )
                continue
            rows.append(
                {
                    "label": localize(spec["label"], language),
                    "value": fieldtypes.get(spec["type"]).display(spec, cleaned_data[key], language),
                    "heading": False,
                    "confidential": spec.get("confidential"),
                }
            )
        if rows:
            sections.append({"title": localize(step["title"], language), "rows": rows})
    return sections


class _PreviewVersion:
    """A compiled definition that quacks like a FormVersion, for the admin preview."""

    def __init__(self, key, ui):
        self.key, self.ui, self.number = key, ui, 0


def preview_context(definition, request) -> dict:
    from django.utils import translation

    from forms_builder.compiler import compile_definition

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
