"""drf-spectacular hooks."""


def only_public_api_paths(endpoints):
    """Document the versioned ECMS API only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
