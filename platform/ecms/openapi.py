"""drf-spectacular hooks."""


def only_public_api_paths(endpoints):
    """Document the versioned ECMS API only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


ERROR_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "field": {
                        "type": "string",
                        "nullable": True,
                        "description": "The field at fault, if any",
                    },
                    "code": {"type": "string"},
                    "message": {"type": "string", "description": "In the request's language"},
                },
            },
        }
    },
}
ERROR_DESCRIPTIONS = {
    "400": "The request is refused: the errors name the fields and why",
    "401": "Not authenticated",
    "403": "Not allowed for your role or scope",
    "404": "No such object (or one you may not see: the same answer)",
    "409": "Not possible in the object's current state",
    "413": "The request is too large",
    "429": "Too many requests: try again later",
}


def declare_error_responses(result, generator, request, public):
    """Every operation declares the 4xx answers it can give, in the one error format of the API."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Errors"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            public_operation = {} in (operation.get("security") or [])
            codes = ["400", "404", "429"]
            if not public_operation:
                codes += ["401", "403"]
            if method in ("post", "put", "patch"):
                codes += ["409", "413"]
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": ERROR_DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
                    },
                )
    return result
