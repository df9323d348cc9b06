"""The field-type registry: each type knows its admin parameters, schema, validation and form field."""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _

from core.i18n import localize

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

    problems: list[str] = field(default_factory=list)
    option_lists: dict[Any, dict] = field(default_factory=dict)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{key}: {message}" if key else message)


@dataclass
class ValidationContext:
    """Per-submission context: the language, uploaded files, and the values cleaned so far."""

    language: str
    files: dict[str, list] = field(default_factory=dict)
    cleaned_files: dict[str, list] = field(default_factory=dict)


class FieldType:
    """Base class. Subclasses set ``key`` and ``verbose_name`` and override what differs."""

    key: ClassVar[str]
    verbose_name: ClassVar[Any]
    icon: ClassVar[str] = "form"
    is_input: ClassVar[bool] = True  # False for layout blocks (section)
    is_container: ClassVar[bool] = False  # True for repeat groups
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


_REGISTRY: dict[str, FieldType] = {}


def register(field_type_class: type[FieldType]) -> type[FieldType]:
    """Class decorator: make a field type available to the builder, compiler, validator and renderer."""
    _REGISTRY[field_type_class.key] = field_type_class()
    return field_type_class


def get(key: str) -> FieldType:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown field type {key!r}") from None


def all_types() -> list[FieldType]:
    return list(_REGISTRY.values())


def required_message() -> str:
    return _("This field is required.")
