"""What changes between two compiled versions of a form: fields added, removed and changed (and how), and how
many open cases use the versions that stay behind. Shown before publishing (the editor's "What changes"
preview) and when moving open cases to a newer version.

Counting the cases belongs to the case engine, above this package: it registers a counter here when it starts
(``register_usage_counter``), so this package never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.i18n import localize

#: What is compared, field by field, with the words the editor reads.
ASPECTS = {
    "type": _("type"),
    "label": _("label"),
    "help": _("help text"),
    "required": _("required"),
    "confidential": _("confidential"),
    "visible_if": _("shown only if"),
    "required_if": _("required only if"),
    "options": _("options"),
    "step": _("step"),
    "group": _("repeat group"),
}

_usage_counters: list[Callable[[str], dict[int, int]]] = []


def register_usage_counter(counter: Callable[[str], dict[int, int]]) -> None:
    """``counter(form_key)`` returns {version number: open cases made against it}."""
    if counter not in _usage_counters:
        _usage_counters.append(counter)


def open_uses(form_key: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for counter in _usage_counters:
        for number, count in counter(form_key).items():
            counts[number] = counts.get(number, 0) + count
    return dict(sorted(counts.items()))


@dataclass
class FieldChange:
    key: str
    label: str
    aspects: list[str] = field(default_factory=list)  # what changed, in the reader's language


@dataclass
class FormChanges:
    added: list[FieldChange]
    removed: list[FieldChange]
    changed: list[FieldChange]
    title_changed: bool

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.title_changed)


def _options(spec: dict) -> list:
    return [(o.get("code"), o.get("label"), bool(o.get("retired"))) for o in spec.get("options") or []]


def _differs(old: dict, new: dict, aspect: str) -> bool:
    if aspect == "options":
        return _options(old) != _options(new)
    return (old.get(aspect) or None) != (new.get(aspect) or None)


def form_changes(old_ui: dict | None, new_ui: dict) -> FormChanges:
    """Fields added, removed and changed from ``old_ui`` (None: nothing published yet) to ``new_ui``."""
    old_fields = (old_ui or {}).get("fields") or {}
    new_fields = new_ui.get("fields") or {}
    added = [
        FieldChange(k, localize(spec.get("label"))) for k, spec in new_fields.items() if k not in old_fields
    ]
    removed = [
        FieldChange(k, localize(spec.get("label"))) for k, spec in old_fields.items() if k not in new_fields
    ]
    changed = []
    for key, spec in new_fields.items():
        if key not in old_fields:
            continue
        aspects = [str(name) for aspect, name in ASPECTS.items() if _differs(old_fields[key], spec, aspect)]
        if aspects:
            changed.append(FieldChange(key, localize(spec.get("label")), aspects))
    title_changed = bool(old_ui) and (old_ui.get("title") != new_ui.get("title"))
    return FormChanges(added=added, removed=removed, changed=changed, title_changed=title_changed)


def changes_context(definition) -> dict:
    """The "What changes" preview of an edited definition: against the version now published."""
    from forms_builder.compiler import compile_definition
    from forms_builder.selectors import form_version_current

    compiled = compile_definition(definition)
    current = form_version_current(key=definition.key) if definition.pk else None
    uses = open_uses(definition.key) if current else {}
    return {
        "definition": definition,
        "current": current,
        "changes": form_changes(current.ui if current else None, compiled.ui),
        "problems": compiled.problems,
        "uses": uses,
        "open_on_current": uses.get(current.number, 0) if current else 0,
        "open_total": sum(uses.values()),
    }
