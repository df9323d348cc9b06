"""Field types of the form builder. Importing this package registers every built-in type."""

from forms_builder.fieldtypes import basic, choices, files, places, structure  # noqa: F401 - registration
from forms_builder.fieldtypes.base import (
    CompileContext,
    FieldError,
    FieldType,
    ValidationContext,
    all_types,
    get,
    register,
)

__all__ = ["CompileContext", "FieldError", "FieldType", "ValidationContext", "all_types", "get", "register"]
