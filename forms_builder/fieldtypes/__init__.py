"""Field types of the form builder. Importing this package registers every built-in type."""

from wagtail import blocks

from forms_builder.fieldtypes import basic, checklist, choices, dates, files, places, structure  # noqa: F401
from forms_builder.fieldtypes.base import (
    CompileContext,
    FieldError,
    FieldType,
    Finding,
    ValidationContext,
    all_types,
    get,
    register,
    set_order,
)

# The order the admin offers the types in; the form definitions' StreamField (and so the form builder's
# migration state) follows it, whatever order the modules above happen to be imported in.
set_order(
    [
        "text",
        "long_text",
        "number",
        "date",
        "datetime",
        "email",
        "phone",
        "yes_no",
        "single_choice",
        "multiple_choice",
        "governorate",
        "checklist_item",
        "file",
        "location",
        "establishment",
        "section",
        "repeat_group",
    ]
)


def build_fields_block() -> blocks.StreamBlock:
    """The StreamBlock of a form definition: one block per registered type; a repeat group holds the
    blocks of the types that are not structural."""
    types = all_types()
    children = [(ft.key, ft.stream_block([])) for ft in types if not ft.is_structural]
    return blocks.StreamBlock([(ft.key, ft.stream_block(children)) for ft in types], required=False)


__all__ = [
    "CompileContext",
    "FieldError",
    "FieldType",
    "Finding",
    "ValidationContext",
    "all_types",
    "build_fields_block",
    "get",
    "register",
]
