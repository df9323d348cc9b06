from django import template

register = template.Library()


@register.simple_tag
def bound_fields(form, names):
    """The bound fields of ``form`` for the given names (skipping any the form does not have)."""
    return [form[name] for name in names if name in form.fields]


@register.simple_tag
def bound_field(form, name):
    """One bound field by name, or None."""
    return form[name] if name in form.fields else None


@register.filter
def is_choice_group(bound_field) -> bool:
    return bound_field.widget_type in {"radioselect", "checkboxselectmultiple"}


@register.simple_tag
def kept_files(form, name) -> list:
    """The files already attached to a field of a wizard step: [{"index", "name", "size"}]."""
    return (getattr(form, "kept_files", None) or {}).get(name, [])
