"""The field-type registry: each type knows its admin parameters, schema, validation and form field."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _
from wagtail import blocks

from core.i18n import localize
from forms_builder.blocks import common_children

EMPTY_VALUES = (None, "", [], {}, ())


class FieldError(Exception):
    """A validation failure of one field: a machine code and a message in the reader's language."""

    def __init__(self, code: str, message: str, *, subpath: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.subpath = subpath


@dataclass
class CompileContext:
    """What compiling a definition needs: lookups and the list of problems found so far."""

    found: list[tuple[str, str]] = field(default_factory=list)  # (the field's key or "", the message)
    option_lists: dict[Any, dict] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)  # key -> the field's label in every language

    def problem(self, key: str, message: str) -> None:
        self.found.append((key, message))

    def describe(self, key: str, message: str) -> str:
        """A problem as the editor reads it: which field (by its label and key), then what is wrong."""
        if not key:
            return message
        label = localize(self.labels.get(key))
        if not label:
            return f"{key}: {message}"
        described = _("Field '%(label)s' (%(key)s): %(message)s")
        return described % {"label": label, "key": key, "message": message}

    @property
    def problems(self) -> list[str]:
        return [self.describe(key, message) for key, message in self.found]

    def problems_by_key(self) -> dict[str, list[str]]:
        located: dict[str, list[str]] = {}
        for key, message in self.found:
            located.setdefault(key, []).append(self.describe(key, message))
        return located


@dataclass
class ValidationContext:
    """Per-submission context: the language, uploaded files, and the values cleaned so far."""

    language: str
    files: dict[str, list] = field(default_factory=dict)
    cleaned_files: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """Something an answer shows to be wrong (a non-compliant checklist item): what the case engine needs to
    record a violation, without knowing what the answer looks like. Built afresh on each call."""

    key: str  # the field's key
    path: str  # where the answer is in the data: "item", or "group.0.item" in a repeat group's row
    label: dict  # the field's label in every language
    answer: str  # the answer's code ("non_compliant")
    note: str
    provision_key: str | None
    provision: dict | None  # as compiled: key, article, title, instrument, instrument_title
    severity: str
    corrective_action: dict
    corrective_days: int | None

    def deadline(self, today: date) -> date | None:
        """The day by which it must be corrected, counted from ``today`` (None: no time limit)."""
        return today + timedelta(days=self.corrective_days) if self.corrective_days is not None else None


class FieldType:
    """Base class. Subclasses set ``key`` and ``verbose_name`` and override what differs."""

    key: ClassVar[str]
    verbose_name: ClassVar[Any]
    icon: ClassVar[str] = "form"
    # Structural types shape the form instead of holding an answer of their own: the section (a wizard
    # step) and the repeat group, whose answer is a list of rows of its child fields (``is_repeating``).
    is_structural: ClassVar[bool] = False
    is_repeating: ClassVar[bool] = False
    is_step: ClassVar[bool] = False  # the section: the fields after it, up to the next one, are a step
    is_assessed: ClassVar[bool] = False  # an item of a checklist: its answers count in compliance scores
    # True when the field's widget is built from database rows (governorates) rather than from the
    # version alone: a step holding one is never rendered once and reused.
    renders_from_database: ClassVar[bool] = False
    condition_operators: ClassVar[tuple[str, ...]] = (
        "equals",
        "not_equals",
        "in",
        "not_in",
        "is_empty",
        "is_not_empty",
    )

    # --- admin
    def extra_blocks(self) -> list[tuple[str, Any]]:
        """Type-specific parameters as (name, block) pairs for the admin's StreamField block."""
        return []

    def stream_block(self, children: list[tuple[str, blocks.Block]]) -> blocks.Block:
        """The admin's StreamField block of this type; ``children``: the blocks a repeat group may hold."""
        return blocks.StructBlock(
            common_children() + self.extra_blocks(), label=self.verbose_name, icon=self.icon
        )

    # --- compiling
    def compile_params(self, value: dict, ctx: CompileContext, key: str) -> dict:
        """Type-specific parameters of the compiled spec (JSON-serialisable)."""
        return {}

    def json_schema(self, spec: dict) -> dict:
        return {"type": "string"}

    # --- validation
    def get_raw(self, spec: dict, data: dict, ctx: "ValidationContext", path: str) -> Any:
        """The submitted value of this field (files come from ``ctx.files``)."""
        return data.get(spec["key"])

    def is_empty(self, raw: Any) -> bool:
        if isinstance(raw, str):
            return raw.strip() == ""
        return raw in EMPTY_VALUES

    def clean(self, spec: dict, raw: Any, ctx: ValidationContext, path: str) -> Any:
        """Return the cleaned, JSON-serialisable value or raise FieldError."""
        raise NotImplementedError

    def condition_value(self, value: Any) -> Any:
        """The value conditions compare against (already cleaned)."""
        return value

    def condition_value_text(self, spec: dict, value: str, language: str) -> str:
        """A condition's value (as written in the definition) for a reader: an option's label, say."""
        for option in spec.get("options", []):
            if option["code"] == value:
                return localize(option["label"], language)
        return value

    # --- rendering (Django forms)
    def form_fields(self, spec: dict, name: str, language: str) -> dict[str, forms.Field]:
        """The Django form fields for this field, keyed by form field name."""
        return {name: forms.CharField(**self.common_form_kwargs(spec, language))}

    def form_raw(self, spec: dict, name: str, data: dict, files: dict) -> Any:
        """Rebuild the validator's input from a Django form's data (inverse of form_fields)."""
        return data.get(name)

    def form_files(self, spec: dict, name: str, path: str, files) -> dict[str, list]:
        """Uploaded files of a Django form, keyed by the validator's file path."""
        return {}

    def error_form_field(self, name: str, subpath: str | None) -> str:
        return f"{name}__{subpath}" if subpath else name

    def common_form_kwargs(self, spec: dict, language: str) -> dict:
        return {
            "label": localize(spec.get("label"), language),
            "help_text": localize(spec.get("help"), language),
            "required": False,  # the forms validator decides, with conditions
        }

    def display(self, spec: dict, value: Any, language: str) -> str:
        """The value as plain text for reading (staff screens, review step)."""
        if value in EMPTY_VALUES:
            return ""
        return str(value)

    # --- what answers mean
    def file_subpaths(self, spec: dict) -> tuple[str, ...]:
        """Where this field's answer holds uploaded files, relative to the field's path ("": the answer)."""
        return ()

    def findings(self, spec: dict, value: Any, path: str) -> list[Finding]:
        """What the cleaned answer ``value`` (at ``path`` in the data) shows to be wrong."""
        return []

    def outcome(self, value: Any) -> str | None:
        """An assessed item's outcome ("compliant", "non_compliant", "not_applicable"; None: unanswered)."""
        return None


_REGISTRY: dict[str, FieldType] = {}
_ORDER: list[str] = []


def register(field_type_class: type[FieldType]) -> type[FieldType]:
    """Class decorator: make a field type available to the builder, compiler, validator and renderer."""
    _REGISTRY[field_type_class.key] = field_type_class()
    return field_type_class


def set_order(keys: list[str]) -> None:
    """The order in which ``all_types`` lists the types (the admin's StreamField and its migration follow
    it), whatever the order their modules were imported in; types not named come after, as registered."""
    _ORDER[:] = keys


def get(key: str) -> FieldType:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown field type {key!r}") from None


def all_types() -> list[FieldType]:
    named = [_REGISTRY[key] for key in _ORDER if key in _REGISTRY]
    return named + [field_type for key, field_type in _REGISTRY.items() if key not in _ORDER]


def required_message() -> str:
    return _("This field is required.")
