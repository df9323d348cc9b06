"""Compile a FormDefinition into the JSON Schema and UI description of a FormVersion.

``compile_definition`` never raises for content problems: it returns them (in the active language) so
the admin can refuse to publish and say why. Drafts may be inconsistent; published versions never are.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from core.i18n import language_codes, localize, missing_translations
from forms_builder import conditions, fieldtypes
from forms_builder.fieldtypes import CompileContext
from forms_builder.models import OptionList

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass
class CompiledForm:
    schema: dict
    ui: dict
    checksum: str
    problems: list[str] = field(default_factory=list)
    problems_by_key: dict[str, list[str]] = field(default_factory=dict)  # "" for the form's own problems

    @property
    def is_valid(self) -> bool:
        return not self.problems


def _plain(value: Any) -> Any:
    """StructValue/StreamValue/ListValue to plain dicts and lists."""
    if hasattr(value, "items") and not isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) or type(value).__name__ == "ListValue":
        return [_plain(v) for v in value]
    return value


def _text(value: Any) -> dict:
    value = _plain(value) or {}
    return {code: str(value.get(code) or "").strip() for code in language_codes()}


def _language_names(codes: list[str]) -> str:
    return ", ".join(str(get_language_info(code)["name_local"]) for code in codes)


def _check_text(ctx: CompileContext, key: str, what: str, value: dict, *, required: bool) -> None:
    filled = [code for code in language_codes() if value.get(code)]
    if not required and not filled:
        return
    missing = missing_translations(value)
    if missing:
        ctx.problem(
            key,
            _("the %(what)s is missing in: %(languages)s")
            % {"what": what, "languages": _language_names(missing)},
        )


def option_list_snapshot(option_list) -> dict:
    options = [
        {"code": o.code, "label": _text(o.label), "parent": o.parent_code or None, "retired": bool(o.retired)}
        for o in option_list.options.all()
    ]
    return {"key": option_list.key, "hierarchical": any(o["parent"] for o in options), "options": options}


def _is_repeating(block) -> bool:
    return fieldtypes.get(block.block_type).is_repeating


def _collect_option_lists(stream_data) -> dict:
    ids = set()

    def walk(blocks_):
        for block in blocks_:
            value = block.value
            if _is_repeating(block):
                walk(value["fields"])
            elif hasattr(value, "get") and value.get("option_list") is not None:
                ids.add(value["option_list"].pk)

    walk(stream_data)
    lists = OptionList.objects.filter(pk__in=ids).prefetch_related("options")
    return {ol.pk: option_list_snapshot(ol) for ol in lists}


class _Compiler:
    def __init__(self, definition):
        self.definition = definition
        self.ctx = CompileContext()
        self.fields: dict[str, dict] = {}
        self.order: list[str] = []
        self.steps: list[dict] = []
        self.keys_seen: set[str] = set()
        self.all_keys: set[str] = set()

    def _gather_keys(self, stream) -> None:
        for block in stream:
            if hasattr(block.value, "get") and block.value.get("key"):
                self.all_keys.add(block.value["key"])
                self.ctx.labels.setdefault(
                    block.value["key"], _plain(block.value.get("label") or block.value.get("title"))
                )
            if _is_repeating(block):
                self._gather_keys(block.value.get("fields") or [])

    def run(self) -> CompiledForm:
        definition = self.definition
        self._gather_keys(definition.fields)
        self.ctx.option_lists = _collect_option_lists(definition.fields)
        title = _text(definition.title)
        description = _text(definition.description)
        _check_text(self.ctx, "", _("form title"), title, required=True)
        _check_text(self.ctx, "", _("form description"), description, required=False)
        current = {"key": "main", "title": title, "description": description, "fields": []}
        for block in definition.fields:
            field_type = fieldtypes.get(block.block_type)
            if field_type.is_step:
                if current["fields"] or self.steps:
                    self._close_step(current)
                current = self._section(block.value)
            elif field_type.is_repeating:
                self._group(block.block_type, block.value, current)
            else:
                self._field(
                    block.block_type, block.value, current, group=None, visible_before=set(self.order)
                )
        self._close_step(current)
        if not self.order:
            self.ctx.problem("", _("the form has no fields"))
        ui = {
            "key": definition.key,
            "kind": definition.kind,
            "title": title,
            "description": description,
            "steps": self.steps,
            "fields": self.fields,
            "order": self.order,
        }
        schema = build_schema(ui)
        payload = json.dumps(
            {"schema": schema, "ui": ui}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        checksum = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        return CompiledForm(
            schema=schema,
            ui=ui,
            checksum=checksum,
            problems=self.ctx.problems,
            problems_by_key=self.ctx.problems_by_key(),
        )

    def _close_step(self, step: dict) -> None:
        if step["fields"] or step["key"] != "main":
            if not step["fields"]:
                self.ctx.problem(step["key"], _("the section has no fields"))
            self.steps.append(step)

    def _claim_key(self, key: str) -> bool:
        if not key:
            self.ctx.problem("", _("a field has no key"))
            return False
        if key in self.keys_seen:
            self.ctx.problem(key, _("the key is used more than once"))
            return False
        self.keys_seen.add(key)
        return True

    def _section(self, value) -> dict:
        key = value.get("key") or ""
        self._claim_key(key)
        title, description = _text(value.get("title")), _text(value.get("description"))
        _check_text(self.ctx, key, _("section title"), title, required=True)
        _check_text(self.ctx, key, _("section description"), description, required=False)
        return {"key": key, "title": title, "description": description, "fields": []}

    def _conditions(self, key: str, value, visible_before: set[str]) -> dict:
        compiled = {}
        for name in ("visible_if", "required_if"):
            condition = _plain(value.get(name)) if value.get(name) else None
            rules = conditions.rules_of(condition)
            if not rules:
                compiled[name] = None
                continue
            for rule in rules:
                self._check_rule(key, rule, visible_before)
            compiled[name] = {
                "match": condition.get("match") or "all",
                "rules": [
                    {
                        "field": r["field"],
                        "operator": r.get("operator") or "equals",
                        "value": str(r.get("value") or ""),
                    }
                    for r in rules
                ],
            }
        return compiled

    def _check_rule(self, key: str, rule: dict, visible_before: set[str]) -> None:
        target = rule["field"]
        operator = rule.get("operator") or "equals"
        if target not in self.all_keys:
            self.ctx.problem(
                key, _("the condition refers to a field that does not exist: %(field)s") % {"field": target}
            )
            return
        if target not in visible_before or target not in self.fields:
            self.ctx.problem(
                key, _("the condition refers to a field that is not before it: %(field)s") % {"field": target}
            )
            return
        spec = self.fields[target]
        field_type = fieldtypes.get(spec["type"])
        if operator not in field_type.condition_operators:
            self.ctx.problem(
                key,
                _("the condition operator '%(op)s' does not apply to %(field)s")
                % {"op": operator, "field": target},
            )
            return
        if operator not in conditions.VALUELESS and not str(rule.get("value") or "").strip():
            self.ctx.problem(key, _("the condition on %(field)s needs a value") % {"field": target})
            return
        if "options" in spec and operator in {"equals", "not_equals", "in", "not_in", "contains"}:
            codes = {o["code"] for o in spec["options"]}
            wanted = [v.strip() for v in str(rule.get("value")).split(",") if v.strip()]
            unknown = [v for v in wanted if v not in codes]
            if unknown:
                self.ctx.problem(
                    key,
                    _("the condition on %(field)s uses unknown option codes: %(codes)s")
                    % {"field": target, "codes": ", ".join(unknown)},
                )

    def _field(
        self, type_key: str, value, step: dict, *, group: str | None, visible_before: set[str]
    ) -> None:
        key = value.get("key") or ""
        if not self._claim_key(key):
            return
        field_type = fieldtypes.get(type_key)
        label, help_text = _text(value.get("label")), _text(value.get("help_text"))
        _check_text(self.ctx, key, _("label"), label, required=True)
        _check_text(self.ctx, key, _("help text"), help_text, required=False)
        spec = {
            "key": key,
            "type": type_key,
            "label": label,
            "help": help_text,
            "required": bool(value.get("required")),
            "confidential": bool(value.get("confidential")),
            "step": step["key"],
            "group": group,
            **self._conditions(key, value, visible_before),
        }
        params = field_type.compile_params(value, self.ctx, key)
        for text_key in ("pattern_message", "unit", "corrective_action"):
            if text_key in params:
                _check_text(
                    self.ctx, key, text_key.replace("_", " "), _text(params[text_key]), required=False
                )
        spec.update(params)
        self.fields[key] = spec
        self.order.append(key)
        if group is None:
            step["fields"].append(key)

    def _group(self, type_key: str, value, step: dict) -> None:
        key = value.get("key") or ""
        if not self._claim_key(key):
            return
        label = _text(value.get("label"))
        _check_text(self.ctx, key, _("label"), label, required=True)
        min_rows, max_rows = int(value.get("min_rows") or 0), int(value.get("max_rows") or 1)
        if min_rows > max_rows:
            self.ctx.problem(key, _("the minimum number of rows is greater than the maximum"))
        visible_before = set(self.order)
        spec = {
            "key": key,
            "type": type_key,
            "label": label,
            "help": _text(value.get("help_text")),
            "row_label": _text(value.get("row_label")),
            "required": min_rows > 0,
            "confidential": False,
            "step": step["key"],
            "group": None,
            "min_rows": min_rows,
            "max_rows": max_rows,
            "fields": [],
            **self._conditions(key, value, visible_before),
            "required_if": None,
        }
        self.fields[key] = spec
        self.order.append(key)
        step["fields"].append(key)
        if not list(value.get("fields") or []):
            self.ctx.problem(key, _("the repeat group has no fields"))
        siblings: set[str] = set()
        for child in value.get("fields") or []:
            self._field(
                child.block_type, child.value, step, group=key, visible_before=visible_before | siblings
            )
            child_key = child.value.get("key")
            if child_key in self.fields and self.fields[child_key]["group"] == key:
                spec["fields"].append(child_key)
                siblings.add(child_key)


def build_schema(ui: dict) -> dict:
    """The JSON Schema (2020-12) of a submission's data."""

    def properties(keys):
        props, required = {}, []
        for key in keys:
            spec = ui["fields"][key]
            field_type = fieldtypes.get(spec["type"])
            if field_type.is_repeating:
                child_props, child_required = properties(spec["fields"])
                props[key] = {
                    "type": "array",
                    "minItems": spec["min_rows"],
                    "maxItems": spec["max_rows"],
                    "items": {
                        "type": "object",
                        "properties": child_props,
                        "required": child_required,
                        "additionalProperties": False,
                    },
                }
            else:
                props[key] = field_type.json_schema(spec)
            props[key]["title"] = localize(spec["label"], "en")
            unconditional = not spec.get("visible_if") and not spec.get("required_if")
            sent_apart = "" in field_type.file_subpaths(spec)  # uploads come as files, not in the data
            if spec.get("required") and unconditional and not sent_apart:
                required.append(key)
        return props, required

    top = [key for step in ui["steps"] for key in step["fields"]]
    props, required = properties(top)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": localize(ui["title"], "en"),
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def compile_definition(definition) -> CompiledForm:
    """Compile a definition (saved or not). Problems are listed, never raised."""
    return _Compiler(definition).run()
