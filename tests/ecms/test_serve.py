"""The documented production start command works as written, from any folder: bin/ecms-web (gunicorn with
the paths set) with production settings answers /healthz."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.core.redis_server import free_port
from tests.ecms.production_env import GOOD_KEY, SMTP

REPO = Path(__file__).resolve().parents[2]


def _test_database_url() -> str:
    """The migrated test database, for the server process to read (healthz reads the job outbox)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return (
        f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_the_production_web_command_starts_and_answers_healthz(tmp_path):
    if not (REPO / ".venv" / "bin" / "gunicorn").exists():
        pytest.skip("no .venv with gunicorn (make install)")
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DATABASE_URL=_test_database_url(),
        DJANGO_SETTINGS_MODULE="ecms.settings.production",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_EMAIL_BACKEND=SMTP,
    )
    process = subprocess.Popen(
        [str(REPO / "bin" / "ecms-web"), "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=tmp_path,  # not the repository: the command finds its own paths
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()[-2000:]
                time.sleep(0.1)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - a local server
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        assert status == 200, body
        assert b'"database"' in body
    finally:
        process.terminate()
        process.wait(timeout=20)
