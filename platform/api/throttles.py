"""Throttles of the public endpoints, keyed on the real client address (REST_FRAMEWORK NUM_PROXIES)."""

from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, SimpleRateThrottle

from ecms.ratelimit import client_address


class _ClientAddressMixin:
    def get_ident(self, request):
        return client_address(request)

    def get_rate(self):
        # Read when used (DRF binds the rates at import), so settings changes apply.
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class SubmissionMinuteThrottle(_ClientAddressMixin, SimpleRateThrottle):
    scope = "submission_minute"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SubmissionDayThrottle(SubmissionMinuteThrottle):
    scope = "submission_day"


class TrackingThrottle(SubmissionMinuteThrottle):
    scope = "tracking"


class AuthThrottle(SubmissionMinuteThrottle):
    scope = "auth"


class PublicReadThrottle(_ClientAddressMixin, AnonRateThrottle):
    scope = "public_read"


class StaffThrottle(_ClientAddressMixin, ScopedRateThrottle):
    pass
