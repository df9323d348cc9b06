"""Errors of the case services, with a machine code; interfaces map them to their own responses."""


class CaseError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, errors: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.errors = errors or [{"field": None, "code": self.code, "message": message}]

    @classmethod
    def for_field(cls, field: str, code: str, message: str) -> "CaseError":
        """An error about one field: {"field", "code", "message"} in the API's format."""
        return cls(message, code=code, errors=[{"field": field, "code": code, "message": message}])


class CaseNotFound(CaseError):
    """No such case, or one the user may not see (the same answer, so nothing leaks)."""

    status = 404
    code = "not_found"


class CaseForbidden(CaseError):
    status = 403
    code = "permission_denied"


class CaseInvalid(CaseError):
    status = 400
    code = "invalid"


class CaseConflict(CaseError):
    """The request does not fit the case's current state (e.g. a transition from another state)."""

    status = 409
    code = "conflict"


class CaseThrottled(CaseError):
    """Too many attempts from this address (or on this reference): try again later."""

    status = 429
    code = "throttled"
