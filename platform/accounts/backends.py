"""Logins resist guessing: wrong passwords are counted per account and per client address; an account
with too many is locked (an event in the access log) until an administrator lifts it, and an address with
too many is refused for a while. A locked account's password is not even checked. The admin login and the
API's token endpoint both authenticate here."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from accounts.access import access_event_write
from accounts.models import AccessEvent, User
from core.ratelimit import client_address, hit, is_limited

LOGIN_LIMITS = {
    "per_account": {"limit": 10, "window": 900},  # wrong passwords per account in 15 minutes: then locked
    "per_address": {"limit": 30, "window": 900},  # wrong passwords per client address in 15 minutes
}


def _limits() -> dict:
    return getattr(settings, "ECMS_LOGIN_LIMITS", LOGIN_LIMITS)


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        address = client_address(request) if request is not None else ""
        limits = _limits()
        if address and is_limited("login-addr", address, **limits["per_address"]):
            return None
        account = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username or ""}).first()
        if account is not None and account.locked_at is not None:
            return None  # locked: the password is not evaluated
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            return user
        if address:
            hit("login-addr", address, window=limits["per_address"]["window"])
        if account is not None:
            failures = hit("login-acct", str(account.pk), window=limits["per_account"]["window"])
            if failures >= limits["per_account"]["limit"]:
                account_lock(user=account, address=address, failures=failures)
        return None


def account_lock(*, user, address: str = "", failures: int = 0) -> bool:
    """Lock an account (once) and log it. Returns whether it was locked now."""
    locked = User.objects.filter(pk=user.pk, locked_at__isnull=True).update(locked_at=timezone.now())
    if locked:
        access_event_write(
            kind=AccessEvent.Kind.ACCOUNT_LOCKED,
            subject=user,
            data={"failures": failures, "address": address},
        )
    return bool(locked)


def account_unlock(*, user, actor) -> bool:
    """Lift an account's lock (administrators); logged with who did it."""
    unlocked = User.objects.filter(pk=user.pk, locked_at__isnull=False).update(locked_at=None)
    if unlocked:
        access_event_write(kind=AccessEvent.Kind.ACCOUNT_UNLOCKED, actor=actor, subject=user)
    return bool(unlocked)
