"""Single and multiple choice (from option lists) and governorate (the checklist item is in ``checklist``)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.i18n import localize
from core.localcache import remembered
from forms_builder.fieldtypes.base import FieldError, FieldType, register
from registry.models import Governorate


def _choices(spec, language, *, include_parents: bool):
    """Django choices, grouped by parent for hierarchical lists (category → sub-category)."""
    active = [o for o in spec["options"] if not o.get("retired")]
    if not spec.get("hierarchical"):
        return [(o["code"], localize(o["label"], language)) for o in active]
    children: dict[str, list] = {}
    for option in active:
        if option.get("parent"):
            children.setdefault(option["parent"], []).append(option)
    grouped = []
    for option in active:
        if option.get("parent"):
            continue
        kids = children.get(option["code"], [])
        if not kids:
            grouped.append((option["code"], localize(option["label"], language)))
            continue
        items = [(k["code"], localize(k["label"], language)) for k in kids]
        if include_parents:
            items.insert(0, (option["code"], localize(option["label"], language)))
        grouped.append((localize(option["label"], language), items))
    return grouped


def selectable_codes(spec) -> set[str]:
    active = [o for o in spec["options"] if not o.get("retired")]
    if not spec.get("hierarchical") or spec.get("allow_parent"):
        return {o["code"] for o in active}
    parents = {o["parent"] for o in active if o.get("parent")}
    return {o["code"] for o in active if o["code"] not in parents}


def option_label(spec, code, language) -> str:
    for option in spec.get("options", []):
        if option["code"] == code:
            label = localize(option["label"], language)
            parent = option.get("parent")
            if parent:
                parent_label = option_label({"options": spec["options"]}, parent, language)
                return f"{parent_label} › {label}"
            return label
    return str(code)


class _OptionListMixin:
    def option_blocks(self):
        return [
            (
                "option_list",
                SnippetChooserBlock(
                    "forms_builder.OptionList", required=False, label=gettext_lazy("option list")
                ),
            ),
            (
                "allow_parent",
                blocks.BooleanBlock(
                    required=False, label=gettext_lazy("allow choosing a category, not only a sub-category")
                ),
            ),
        ]

    def compile_options(self, value, ctx, key):
        option_list = value.get("option_list")
        snapshot = ctx.option_lists.get(getattr(option_list, "pk", option_list)) if option_list else None
        if not snapshot or not [o for o in snapshot["options"] if not o.get("retired")]:
            ctx.problem(key, _("a choice field needs an option list with at least one option"))
            snapshot = snapshot or {"key": None, "options": [], "hierarchical": False}
        return {
            "option_list": snapshot["key"],
            "options": snapshot["options"],
            "hierarchical": snapshot["hierarchical"],
            "allow_parent": bool(value.get("allow_parent")),
        }


@register
class SingleChoiceType(_OptionListMixin, FieldType):
    key = "single_choice"
    verbose_name = gettext_lazy("Single choice")
    icon = "radio-full"

    def extra_blocks(self):
        return [
            *self.option_blocks(),
            (
                "display",
                blocks.ChoiceBlock(
                    choices=[
                        ("auto", gettext_lazy("automatic")),
                        ("radio", gettext_lazy("buttons")),
                        ("select", gettext_lazy("drop-down list")),
                    ],
                    default="auto",
                    label=gettext_lazy("display"),
                ),
            ),
        ]

    def compile_params(self, value, ctx, key):
        return {**self.compile_options(value, ctx, key), "display": value.get("display") or "auto"}

    def json_schema(self, spec):
        return {"type": "string", "enum": sorted(selectable_codes(spec))}

    def clean(self, spec, raw, ctx, path):
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise FieldError("invalid_choice", _("Choose one of the options."))
        code = str(raw)
        if code not in selectable_codes(spec):
            raise FieldError("invalid_choice", _("Choose one of the options."))
        return code

    def form_fields(self, spec, name, language):
        choices = _choices(spec, language, include_parents=spec.get("allow_parent", False))
        display = spec.get("display", "auto")
        flat = not spec.get("hierarchical")
        use_radio = display == "radio" or (display == "auto" and flat and len(choices) <= 6)
        if use_radio:
            widget = forms.RadioSelect
        else:
            widget = forms.Select
            choices = [("", _("— choose —")), *choices]
        return {
            name: forms.ChoiceField(choices=choices, widget=widget, **self.common_form_kwargs(spec, language))
        }

    def display(self, spec, value, language):
        return option_label(spec, value, language) if value else ""


@register
class MultipleChoiceType(_OptionListMixin, FieldType):
    key = "multiple_choice"
    verbose_name = gettext_lazy("Multiple choice")
    icon = "tick"
    condition_operators = ("contains", "is_empty", "is_not_empty")

    def extra_blocks(self):
        return [
            *self.option_blocks(),
            (
                "min_choices",
                blocks.IntegerBlock(required=False, min_value=0, label=gettext_lazy("minimum choices")),
            ),
            (
                "max_choices",
                blocks.IntegerBlock(required=False, min_value=1, label=gettext_lazy("maximum choices")),
            ),
        ]

    def compile_params(self, value, ctx, key):
        params = self.compile_options(value, ctx, key)
        params["min_choices"] = value.get("min_choices") or None
        params["max_choices"] = value.get("max_choices") or None
        if params["min_choices"] and params["max_choices"] and params["min_choices"] > params["max_choices"]:
            ctx.problem(key, _("the minimum number of choices is greater than the maximum"))
        return params

    def json_schema(self, spec):
        schema = {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "enum": sorted(selectable_codes(spec))},
        }
        if spec.get("min_choices"):
            schema["minItems"] = spec["min_choices"]
        if spec.get("max_choices"):
            schema["maxItems"] = spec["max_choices"]
        return schema

    def clean(self, spec, raw, ctx, path):
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list | tuple) or not all(isinstance(c, str | int) for c in raw):
            raise FieldError("invalid_choice", _("Choose from the options."))
        codes = list(dict.fromkeys(str(c) for c in raw))
        allowed = selectable_codes(spec)
        if any(code not in allowed for code in codes):
            raise FieldError("invalid_choice", _("Choose from the options."))
        if spec.get("min_choices") and len(codes) < spec["min_choices"]:
            raise FieldError("min_choices", _("Choose at least %(n)d options.") % {"n": spec["min_choices"]})
        if spec.get("max_choices") and len(codes) > spec["max_choices"]:
            raise FieldError("max_choices", _("Choose at most %(n)d options.") % {"n": spec["max_choices"]})
        return codes

    def form_fields(self, spec, name, language):
        choices = _choices(spec, language, include_parents=spec.get("allow_parent", False))
        return {
            name: forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                **self.common_form_kwargs(spec, language),
            )
        }

    def form_raw(self, spec, name, data, files):
        return data.get(name) or []

    def display(self, spec, value, language):
        return (
            "، ".join(option_label(spec, code, language) for code in value or [])
            if language == "ar"
            else ", ".join(option_label(spec, code, language) for code in value or [])
        )


@register
class GovernorateType(FieldType):
    key = "governorate"
    verbose_name = gettext_lazy("Governorate")
    icon = "site"

    renders_from_database = True

    def _governorates(self):
        return list(Governorate.objects.filter(is_active=True).order_by("sort_order", "code"))

    def json_schema(self, spec):
        return {"type": "string", "pattern": r"^[A-Z]{2}-[A-Z0-9]{1,3}$"}

    def clean(self, spec, raw, ctx, path):
        active = remembered(
            "active_governorate_codes",
            None,
            lambda: frozenset(Governorate.objects.filter(is_active=True).values_list("code", flat=True)),
        )
        if not isinstance(raw, str) or raw not in active:
            raise FieldError("invalid_choice", _("Choose a governorate from the list."))
        return raw

    def form_fields(self, spec, name, language):
        choices = [("", _("— choose —"))] + [
            (g.code, localize(g.name, language)) for g in self._governorates()
        ]
        return {name: forms.ChoiceField(choices=choices, **self.common_form_kwargs(spec, language))}

    def display(self, spec, value, language):
        governorate = (
            remembered("governorate", value, lambda: Governorate.objects.filter(code=value).first())
            if value
            else None
        )
        return localize(governorate.name, language) if governorate else (value or "")
