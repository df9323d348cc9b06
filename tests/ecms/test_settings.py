"""Production settings refuse unsafe configuration; `check --deploy` is clean when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ecms.production_env import GOOD_KEY, SMTP

REPO = Path(__file__).resolve().parents[2]


def _run(args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ECMS_NO_EMAIL"))}
    environment.update(DJANGO_SETTINGS_MODULE="ecms.settings.production", DJANGO_EMAIL_BACKEND=SMTP)
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "hosts", "message"),
    [
        ("", "ecms.example.gov.iq", "DJANGO_SECRET_KEY"),
        ("django-insecure-" + "x" * 60, "ecms.example.gov.iq", "DJANGO_SECRET_KEY"),
        ("short", "ecms.example.gov.iq", "DJANGO_SECRET_KEY"),
        (GOOD_KEY, "", "DJANGO_ALLOWED_HOSTS"),
        (GOOD_KEY, "*", "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_when_unsafe(key, hosts, message):
    result = _run(["check"], DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_check_deploy_reports_no_warnings():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="ecms.example.gov.iq",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_never_creates_demo_users():
    result = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.ECMS_CREATE_DEMO_USERS)"],
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="ecms.example.gov.iq",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize(
    ("backend", "no_email", "refused"),
    [
        (None, None, True),
        ("django.core.mail.backends.console.EmailBackend", None, True),
        ("django.core.mail.backends.locmem.EmailBackend", None, True),
        (None, "1", False),
        (SMTP, None, False),
    ],
)
def test_production_needs_a_real_email_backend_or_an_explicit_none(backend, no_email, refused):
    result = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="ecms.example.gov.iq",
        DJANGO_EMAIL_BACKEND=backend,
        ECMS_NO_EMAIL=no_email,
    )
    if refused:
        assert result.returncode != 0 and "DJANGO_EMAIL_BACKEND" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "console" not in result.stdout and "locmem" not in result.stdout
