"""Throttles of the public endpoints, keyed on the real client address (ECMS_TRUSTED_PROXY_COUNT).

One counter per scope, address and window (``core.ratelimit.sliding_count``: one pipelined Redis round
trip) instead of DRF's list of request times read and written back on every request. Every request
counts, refused ones included, so hammering on a closed door keeps it closed.
"""

import time

from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from core.ratelimit import client_address, sliding_count

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/minute" -> (10, 60)."""
    number, period = rate.split("/")
    return int(number), _PERIODS[period.strip()[0]]


class CounterRateThrottle(BaseThrottle):
    scope = ""

    def get_ident(self, request):
        return client_address(request)

    def get_rate(self) -> str | None:
        # Read when used (DRF binds the rates at import), so settings changes apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        rate = self.get_rate()
        if rate is None:
            return True
        limit, self.window = parse_rate(rate)
        self.now = time.time()
        count = sliding_count(f"thr-{self.scope}", self.get_ident(request), window=self.window, now=self.now)
        return count <= limit

    def wait(self) -> float:
        """Seconds until the current window ends (the earliest a refused client may try again)."""
        return self.window - (self.now % self.window)


class SubmissionMinuteThrottle(CounterRateThrottle):
    scope = "submission_minute"


class SubmissionDayThrottle(CounterRateThrottle):
    scope = "submission_day"


class TrackingThrottle(CounterRateThrottle):
    scope = "tracking"


class AuthThrottle(CounterRateThrottle):
    scope = "auth"


class PublicReadThrottle(CounterRateThrottle):
    scope = "public_read"


class LookupThrottle(CounterRateThrottle):
    """The public establishment lookup (a typeahead asks as the person types)."""

    scope = "lookup"
