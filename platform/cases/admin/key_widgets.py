"""References chosen, not typed: configuration that names roles or states by key (comma-separated in the
database, as in the YAML) is edited with a list of the keys that exist, each with its name.

Roles come from the database. States are those of the workflow being edited, including ones added a moment
ago on the same screen: the widget renders the typed keys (the fallback without script) and ``state_keys.js``
turns it into check boxes (or a list for a single state) built from the states panel as it stands."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _


def _keys(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [k.strip() for k in (value or "").split(",") if k.strip()]


class KeysWidget(forms.CheckboxSelectMultiple):
    """Several keys, stored comma-separated, chosen from those that exist (``choices()`` at each render).
    A stored key that no longer exists is still shown, ticked and marked, so saving loses nothing."""

    def __init__(self, choices, attrs=None):
        super().__init__(attrs)
        self.choices_of = choices

    def get_context(self, name, value, attrs):
        known = self.choices_of()
        codes = {code for code, _label in known}
        unknown = [(key, _("%(key)s (not found)") % {"key": key}) for key in _keys(value) if key not in codes]
        self.choices = known + unknown
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        return _keys(value)

    def render(self, name, value, attrs=None, renderer=None):
        # The order counts for some lists (escalation roles are tried in order): the keys as they were are
        # posted beside the boxes, so the ones still ticked keep their places and new ones go last.
        order = format_html('<input type="hidden" name="{}__order" value="{}">', name, ",".join(_keys(value)))
        return order + super().render(name, value, attrs, renderer)

    def value_from_datadict(self, data, files, name):
        ticked = data.getlist(name) if hasattr(data, "getlist") else _keys(data.get(name))
        before = _keys(data.get(f"{name}__order"))
        ordered = [key for key in before if key in ticked] + [key for key in ticked if key not in before]
        return ",".join(dict.fromkeys(ordered))

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is an answer: none


class KeyWidget(forms.Select):
    """One key, chosen from those that exist (empty allowed)."""

    def __init__(self, choices, attrs=None):
        super().__init__(attrs)
        self.choices_of = choices

    def get_context(self, name, value, attrs):
        known = self.choices_of()
        extra = (
            []
            if not value or value in {c for c, _l in known}
            else [(value, _("%(key)s (not found)") % {"key": value})]
        )
        self.choices = [("", "—"), *known, *extra]
        return super().get_context(name, value, attrs)


class StateKeysWidget(forms.TextInput):
    """State keys of the workflow on the same screen; the script offers them as choices."""

    def __init__(self, *, multiple: bool, attrs=None):
        attrs = {**(attrs or {}), "data-ecms-state-keys": "multiple" if multiple else "single", "dir": "ltr"}
        super().__init__(attrs)
