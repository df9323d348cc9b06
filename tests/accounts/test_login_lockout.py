"""Staff logins resist guessing: wrong passwords count per account (then the account is locked, an event,
until an administrator lifts it) and per address; the admin login and the token endpoint alike. API tokens
expire and are revoked on password change and deactivation."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def limits(settings):
    settings.ECMS_LOGIN_LIMITS = {
        "per_account": {"limit": 3, "window": 900},
        "per_address": {"limit": 5, "window": 900},
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "auth": "1000/minute",
        },
    }


def token(client, username, password, address="10.0.0.1"):
    return client.post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_an_account_is_locked_after_wrong_passwords_from_many_addresses(client, make_user, limits):
    inspector = make_user("labour_inspector", username="guessed")
    for number in range(3):
        assert token(client, "guessed", f"wrong-{number}", address=f"10.0.{number}.9").status_code == 400
    inspector.refresh_from_db()
    assert inspector.locked_at is not None
    event = AccessEvent.objects.get(kind="account_locked")
    assert event.subject == inspector and event.data["failures"] == 3
    assert token(client, "guessed", PASSWORD, address="10.9.9.9").status_code == 400, (
        "locked: even the right one"
    )
    assert not client.login(username="guessed", password=PASSWORD), "the admin login too"


def test_an_administrator_lifts_the_lock_and_it_is_logged(client, make_user, limits):
    inspector = make_user("labour_inspector", username="locked_one")
    admin = make_user("ministry_admin", username="lifter")
    for number in range(3):
        token(client, "locked_one", f"wrong-{number}")
    client.force_login(admin)
    page = client.get(reverse("accounts_locked")).content.decode()
    assert "locked_one" in page
    assert client.post(reverse("accounts_locked"), {"user": inspector.pk}).status_code == 302
    inspector.refresh_from_db()
    assert inspector.locked_at is None
    assert AccessEvent.objects.filter(kind="account_unlocked", actor=admin, subject=inspector).exists()
    client.logout()
    assert client.login(username="locked_one", password=PASSWORD)


def test_staff_without_the_right_cannot_lift_locks(client, make_user):
    client.force_login(make_user("supervisor", username="not_admin"))
    assert client.get(reverse("accounts_locked")).status_code == 403


def test_one_address_guessing_many_accounts_is_refused(client, make_user, limits):
    make_user("labour_inspector", username="target")
    for number in range(5):
        token(client, f"someone{number}", "wrong", address="10.1.1.1")
    assert token(client, "target", PASSWORD, address="10.1.1.1").status_code == 400, "the address is refused"
    assert token(client, "target", PASSWORD, address="10.2.2.2").status_code == 200


def test_tokens_expire_and_are_renewed(client, make_user, settings):
    settings.ECMS_TOKEN_TTL_HOURS = 24
    make_user("supervisor", username="tok")
    key = token(client, "tok", PASSWORD).json()["token"]
    headers = {"Authorization": f"Token {key}"}
    assert client.get("/api/v1/cases/", headers=headers).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert client.get("/api/v1/cases/", headers=headers).status_code == 401
        renewed = token(client, "tok", PASSWORD).json()["token"]
    assert renewed != key


@pytest.mark.parametrize("change", ["password", "deactivate"])
def test_tokens_are_revoked_on_password_change_and_deactivation(client, make_user, change):
    user = make_user("supervisor", username=f"rev_{change}")
    key = token(client, user.username, PASSWORD).json()["token"]
    if change == "password":
        user.set_password("another-long-password-2")
    else:
        user.is_active = False
    user.save()
    assert client.get("/api/v1/cases/", headers={"Authorization": f"Token {key}"}).status_code == 401
