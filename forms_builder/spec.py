"""A typed, read-only view of a compiled form (DESIGN.md sections 3 and 4).

``FormSpec.of(version)`` is how every package reads a ``FormVersion``: its fields, steps, confidential
answers, files and findings. What an answer means is asked of its field type (``forms_builder.fieldtypes``),
never decided by comparing type names, so nothing outside this package parses ``FormVersion.ui``.
A version never changes, so its spec is built once per process (keyed by id, number and checksum).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from core.i18n import localize
from forms_builder import caching, fieldtypes
from forms_builder.fieldtypes import FieldType, Finding
from forms_builder.fieldtypes.choices import selectable_codes

__all__ = ["AnswerRow", "AnswerSection", "FieldSpec", "Finding", "FormSpec", "Option", "StepSpec"]

EMPTY_TEXT: Mapping[str, str] = MappingProxyType({})


def _frozen(value: Any) -> Any:
    """A read-only copy: mappings become mapping proxies and lists tuples, all the way down."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


def _text(value: Any) -> Mapping[str, str]:
    return _frozen(value) if isinstance(value, Mapping) else EMPTY_TEXT


@dataclass(frozen=True)
class Option:
    """One option of a choice field, as it was when the version was published."""

    code: str
    label: Mapping[str, str]
    parent: str | None = None
    retired: bool = False


@dataclass(frozen=True)
class FieldSpec:
    """One field of a compiled form. ``group``: the repeat group holding it; ``children``: a repeat group's
    fields. Its meaning (display, files, findings) comes from its registered field type."""

    key: str
    type: str
    label: Mapping[str, str]
    help: Mapping[str, str]
    required: bool
    confidential: bool
    step: str
    group: str | None
    children: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    option_list: str | None = None
    visible_if: Mapping | None = None
    required_if: Mapping | None = None
    _compiled: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_compiled(cls, key: str, spec: Mapping) -> "FieldSpec":
        return cls(
            key=key,
            type=spec["type"],
            label=_text(spec.get("label")),
            help=_text(spec.get("help")),
            required=bool(spec.get("required")),
            confidential=bool(spec.get("confidential")),
            step=spec.get("step") or "",
            group=spec.get("group"),
            children=tuple(spec.get("fields") or ()) if fieldtypes.get(spec["type"]).is_repeating else (),
            options=tuple(
                Option(o["code"], _text(o.get("label")), o.get("parent"), bool(o.get("retired")))
                for o in spec.get("options") or ()
            ),
            option_list=spec.get("option_list"),
            visible_if=_frozen(spec["visible_if"]) if spec.get("visible_if") else None,
            required_if=_frozen(spec["required_if"]) if spec.get("required_if") else None,
            _compiled={**spec, "key": key},
        )

    @property
    def field_type(self) -> FieldType:
        return fieldtypes.get(self.type)

    @property
    def is_structural(self) -> bool:
        return self.field_type.is_structural

    @property
    def is_repeating(self) -> bool:
        """A repeat group: its answer is a list of rows, each a dict of its children's answers."""
        return self.field_type.is_repeating

    @property
    def file_subpaths(self) -> tuple[str, ...]:
        """Where the answer holds uploaded files, relative to the field's path ("": the answer itself)."""
        return self.field_type.file_subpaths(self._compiled)

    @property
    def is_file(self) -> bool:
        """The answer itself is a list of uploaded files (a file or photo field)."""
        return "" in self.file_subpaths

    @property
    def has_findings(self) -> bool:
        """Its answers may be findings (a checklist item)."""
        return type(self.field_type).findings is not FieldType.findings

    def param(self, name: str, default: Any = None) -> Any:
        """A type-specific parameter as compiled (read-only), e.g. ``param("evidence")``."""
        return _frozen(self._compiled.get(name, default))

    def label_in(self, language: str | None = None) -> str:
        return localize(self.label, language)

    def display(self, value: Any, language: str) -> str:
        """The answer as plain text for reading."""
        return self.field_type.display(self._compiled, value, language)

    def selectable_codes(self) -> frozenset[str]:
        """The option codes an answer may take now (retired options and, unless allowed, categories out)."""
        return frozenset(selectable_codes(self._compiled)) if self.options else frozenset()

    def findings(self, value: Any, path: str | None = None) -> list[Finding]:
        """What the cleaned answer ``value`` (at ``path``, default the key) shows to be wrong."""
        return self.field_type.findings(self._compiled, value, path or self.key)


@dataclass(frozen=True)
class StepSpec:
    """A wizard step (a section); ``field_keys``: its top-level fields (a repeat group, not its children)."""

    key: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    field_keys: tuple[str, ...]

    def title_in(self, language: str | None = None) -> str:
        return localize(self.title, language)


@dataclass(frozen=True)
class AnswerRow:
    """One answer for reading; a repeat group's row starts with a heading row (empty value)."""

    label: str
    value: str
    heading: bool = False
    confidential: bool = False


@dataclass(frozen=True)
class AnswerSection:
    title: str
    rows: tuple[AnswerRow, ...]


class FormSpec:
    """The typed view of a compiled form. Build it with ``FormSpec.of(version)``."""

    def __init__(self, ui: Mapping, *, number: int = 0, checksum: str = ""):
        self.key: str = ui.get("key") or ""
        self.kind: str = ui.get("kind") or ""
        self.number = number
        self.checksum = checksum
        self.title = _text(ui.get("title"))
        self.description = _text(ui.get("description"))
        self.steps: tuple[StepSpec, ...] = tuple(
            StepSpec(s["key"], _text(s.get("title")), _text(s.get("description")), tuple(s["fields"]))
            for s in ui.get("steps") or ()
        )
        compiled = ui.get("fields") or {}
        self.order: tuple[str, ...] = tuple(ui.get("order") or compiled)
        self.fields: Mapping[str, FieldSpec] = MappingProxyType(
            {key: FieldSpec.from_compiled(key, compiled[key]) for key in self.order}
        )
        self.step_keys: tuple[str, ...] = tuple(step.key for step in self.steps)
        self.top_level_keys: tuple[str, ...] = tuple(key for step in self.steps for key in step.field_keys)
        self.confidential_keys: frozenset[str] = frozenset(
            k for k, f in self.fields.items() if f.confidential
        )

    @classmethod
    def of(cls, version) -> "FormSpec":
        """The spec of a FormVersion (or of anything with ``ui``, or of a compiled ``ui`` dict itself)."""
        if isinstance(version, FormSpec):
            return version
        if isinstance(version, Mapping):
            return cls(version)
        number, checksum = getattr(version, "number", 0) or 0, getattr(version, "checksum", "") or ""
        pk = getattr(version, "pk", None)
        if pk is None:
            return cls(version.ui, number=number, checksum=checksum)
        cache_key = (pk, number, checksum)
        spec = caching.spec_get(cache_key)
        if spec is None:
            spec = cls(version.ui, number=number, checksum=checksum)
            caching.spec_set(cache_key, spec)
        return spec

    def __repr__(self) -> str:
        return f"<FormSpec {self.key} v{self.number}>"

    def __contains__(self, key: str) -> bool:
        return key in self.fields

    # --- structure -----------------------------------------------------------------------------------------

    def field(self, key: str) -> FieldSpec | None:
        return self.fields.get(key)

    def children(self, key: str) -> tuple[FieldSpec, ...]:
        """A repeat group's fields (empty for any other field)."""
        found = self.fields.get(key)
        return tuple(self.fields[child] for child in found.children) if found else ()

    def step(self, key: str) -> StepSpec | None:
        return next((step for step in self.steps if step.key == key), None)

    def step_field_keys(self, step_key: str) -> tuple[str, ...]:
        """The top-level fields of a step (empty for an unknown step)."""
        found = self.step(step_key)
        return found.field_keys if found else ()

    def step_title(self, step_key: str, language: str | None = None) -> str:
        found = self.step(step_key)
        return found.title_in(language) if found else ""

    def field_at(self, path: str) -> FieldSpec | None:
        """The field a data or file path names ("key", "group.0.child", "item.evidence")."""
        parts = path.split(".")
        key = parts[2] if len(parts) >= 3 and parts[1].isdigit() else parts[0]
        return self.fields.get(key)

    # --- confidential answers ------------------------------------------------------------------------------

    def split_confidential(self, cleaned: Mapping) -> tuple[dict, dict]:
        """(public answers, confidential answers): confidential fields, also in repeat groups' rows, apart."""
        public, secret = {}, {}
        for key, value in cleaned.items():
            spec = self.fields.get(key)
            if spec is not None and spec.confidential:
                secret[key] = value
            elif spec is not None and spec.is_repeating and isinstance(value, list):
                hidden = {child for child in spec.children if child in self.confidential_keys}
                public[key] = [{c: v for c, v in row.items() if c not in hidden} for row in value]
                rows = [{c: v for c, v in row.items() if c in hidden} for row in value]
                if any(rows):
                    secret[key] = rows
            else:
                public[key] = value
        return public, secret

    def is_confidential_path(self, path: str) -> bool:
        """Whether a data or file path belongs to a confidential field (top level or in a group's row)."""
        parts = path.split(".")
        group = parts[0] if len(parts) >= 3 and parts[1].isdigit() else None
        found = self.field_at(path)
        return bool(
            (found is not None and found.confidential)
            or (group is not None and group in self.confidential_keys)
        )

    def confidential_paths(self, paths: Iterable[str]) -> set[str]:
        """Those of ``paths`` (e.g. the keys of uploaded files) that belong to confidential fields."""
        return {path for path in paths if self.is_confidential_path(path)}

    # --- files ---------------------------------------------------------------------------------------------

    def file_paths(self, data: Mapping) -> list[str]:
        """The paths in (cleaned) ``data`` whose answers hold uploaded files, in the form's order."""
        paths = []
        for _key, spec, _value, base in self._answers(data):
            for subpath in spec.file_subpaths:
                path = f"{base}.{subpath}" if subpath else base
                if self.files_at(data, path):
                    paths.append(path)
        return paths

    @staticmethod
    def value_at(data: Any, path: str) -> Any:
        """The value at a dotted path ("a", "group.0.field", "item.evidence") or None."""
        node = data
        for part in path.split("."):
            if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return None
        return node

    def files_at(self, data: Mapping, path: str) -> list[dict]:
        """The file descriptors stored at ``path`` in ``data``: the live dicts, so that the caller may note
        in them what it made of each file (e.g. its attachment's id); [] when there are none."""
        found = self.value_at(data, path)
        return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []

    # --- what the answers mean ---------------------------------------------------------------------------

    def _answers(self, data: Mapping):
        """(key, field, value, path) of every answer in ``data``, rows of repeat groups included."""
        for key in self.top_level_keys:
            spec = self.fields[key]
            if key not in data:
                continue
            if not spec.is_repeating:
                yield key, spec, data[key], key
                continue
            for index, row in enumerate(data[key] if isinstance(data[key], list) else []):
                for child in self.children(key):
                    if isinstance(row, dict) and child.key in row:
                        yield child.key, child, row[child.key], f"{key}.{index}.{child.key}"

    def findings(self, data: Mapping) -> list[Finding]:
        """What the answers show to be wrong (non-compliant checklist items), in the form's order."""
        found: list[Finding] = []
        for _key, spec, value, path in self._answers(data):
            found += spec.findings(value, path)
        return found

    # --- reading -------------------------------------------------------------------------------------------

    def summary(self, data: Mapping, language: str) -> list[AnswerSection]:
        """The answers as readable rows, step by step (review step, staff screens); empty steps left out."""
        sections = []
        for step in self.steps:
            rows: list[AnswerRow] = []
            for key in step.field_keys:
                if key in data:
                    rows += self._rows(self.fields[key], data[key], language)
            if rows:
                sections.append(AnswerSection(step.title_in(language), tuple(rows)))
        return sections

    def _rows(self, spec: FieldSpec, value: Any, language: str) -> list[AnswerRow]:
        if not spec.is_repeating:
            return [
                AnswerRow(spec.label_in(language), spec.display(value, language), False, spec.confidential)
            ]
        rows = []
        heading = localize(spec.param("row_label"), language) or spec.label_in(language)
        for index, row in enumerate(value):
            rows.append(AnswerRow(f"{heading} {index + 1}", "", True, False))
            rows += [
                AnswerRow(
                    child.label_in(language),
                    child.display(row[child.key], language),
                    False,
                    child.confidential,
                )
                for child in self.children(spec.key)
                if child.key in row
            ]
        return rows

    def labelled(self, values: Mapping, language: str) -> list[AnswerRow]:
        """Answers given by key (e.g. revealed confidential ones), sorted by key, each labelled and shown by
        its field type; a key the form does not know is shown as itself, with its value only if text."""
        rows = []
        for key, value in sorted(values.items()):
            spec = self.fields.get(key)
            if spec is None:
                rows.append(AnswerRow(key, value if isinstance(value, str) else ""))
            else:
                rows.append(
                    AnswerRow(
                        spec.label_in(language), spec.display(value, language), False, spec.confidential
                    )
                )
        return rows
