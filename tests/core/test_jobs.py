"""core.jobs: the outbox, in-process and RQ execution, retries, Redis outages, double delivery."""

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from core import jobs
from core.models import JobRecord
from tests.core.job_functions import effect_count, fail_then_succeed, record_effect

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (the CI's Redis run)"
)


@pytest.fixture
def inprocess(settings):
    settings.ECMS_JOBS = {**settings.ECMS_JOBS, "BACKEND": "inprocess", "RETRY_INTERVALS": [30, 120]}


@pytest.fixture
def rq_backend(settings):
    settings.ECMS_JOBS = {
        **settings.ECMS_JOBS,
        "BACKEND": "rq",
        "RETRY_INTERVALS": [0],
        "RESEND_AFTER_SECONDS": 0,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_rq_worker_burst() -> None:
    import django_rq
    from rq import SimpleWorker

    queue = django_rq.get_queue("default")
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


@pytest.mark.django_db
def test_job_runs_in_process_after_commit(inprocess, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        record = jobs.enqueue(record_effect, key="after-commit")
        assert effect_count("after-commit") == 0, "must not run before the transaction commits"
    assert len(callbacks) == 1
    record.refresh_from_db()
    assert record.status == JobRecord.Status.DONE
    assert record.attempts == 1
    assert effect_count("after-commit") == 1


@pytest.mark.django_db
def test_job_not_run_when_transaction_rolls_back(inprocess, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        jobs.enqueue(record_effect, key="rolled-back")
        raise RuntimeError("the user's request failed")
    assert callbacks == []
    assert effect_count("rolled-back") == 0
    assert not JobRecord.objects.filter(kwargs__key="rolled-back").exists()


@pytest.mark.django_db
def test_failing_job_is_retried_in_process_after_its_back_off(inprocess, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue(fail_then_succeed, key="retry-inproc", failures=1)
    record.refresh_from_db()
    assert record.status == JobRecord.Status.PENDING
    assert record.attempts == 1
    assert "planned failure 1" in record.last_error
    assert record.next_attempt_at > timezone.now()
    assert jobs.sweep() == 0, "not due yet"
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert jobs.sweep() == 1
    record.refresh_from_db()
    assert record.status == JobRecord.Status.DONE
    assert record.attempts == 2
    assert effect_count("retry-inproc") == 1


@pytest.mark.django_db
def test_job_that_keeps_failing_ends_failed_and_visible(inprocess, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue(fail_then_succeed, key="always-fails", failures=99, max_attempts=3)
    for minutes in (5, 10):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            jobs.sweep()
    record.refresh_from_db()
    assert record.status == JobRecord.Status.FAILED
    assert record.attempts == 3
    assert "planned failure 3" in record.last_error
    assert jobs.queue_status()["failed"] == 1
    assert effect_count("always-fails") == 0


@pytest.mark.django_db
def test_job_delivered_twice_has_its_effect_once(inprocess):
    record = jobs.enqueue(record_effect, key="twice")  # no commit hook in a test transaction: run by hand
    jobs.execute(str(record.pk))
    jobs.execute(str(record.pk))
    assert effect_count("twice") == 1
    record.refresh_from_db()
    assert record.attempts == 1


@pytest.mark.django_db
def test_enqueue_refuses_arguments_that_cannot_be_stored(inprocess):
    with pytest.raises(TypeError, match="JSON-serialisable"):
        jobs.enqueue(record_effect, key=object())

    def local_function():  # pragma: no cover - never runs
        pass

    with pytest.raises(ValueError, match="module-level"):
        jobs.enqueue(local_function)
    assert JobRecord.objects.count() == 0


@pytest.mark.django_db
def test_unreachable_queue_keeps_the_job_and_never_fails_the_request(
    rq_backend, settings, django_capture_on_commit_callbacks
):
    port = _free_port()  # nothing listens there
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{port}/0?socket_connect_timeout=1"}}
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue(record_effect, key="no-redis")
    record.refresh_from_db()
    assert record.status == JobRecord.Status.PENDING
    assert record.dispatched_at is None
    assert jobs.queue_status()["ok"] is False


@needs_redis
@pytest.mark.rq
@pytest.mark.django_db
def test_job_runs_on_a_real_rq_worker(rq_backend, django_capture_on_commit_callbacks):
    import django_rq

    django_rq.get_queue("default").empty()
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue(record_effect, key="rq-worker")
    record.refresh_from_db()
    assert record.status == JobRecord.Status.QUEUED
    assert effect_count("rq-worker") == 0
    _run_rq_worker_burst()
    record.refresh_from_db()
    assert record.status == JobRecord.Status.DONE
    assert effect_count("rq-worker") == 1


@needs_redis
@pytest.mark.rq
@pytest.mark.django_db
def test_failing_job_is_retried_by_rq(rq_backend, django_capture_on_commit_callbacks):
    import django_rq

    django_rq.get_queue("default").empty()
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue(fail_then_succeed, key="rq-retry", failures=2)
    _run_rq_worker_burst()
    record.refresh_from_db()
    assert record.status == JobRecord.Status.DONE
    assert record.attempts == 3
    assert effect_count("rq-retry") == 1


@needs_redis
@pytest.mark.rq
@pytest.mark.django_db
def test_job_enqueued_while_redis_is_stopped_is_delivered_after_restart(
    rq_backend, settings, django_capture_on_commit_callbacks, tmp_path
):
    redis_server = shutil.which("redis-server")
    if not redis_server:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{port}/0?socket_connect_timeout=1"}}
    command = [
        redis_server,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(tmp_path),
    ]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process
            except OSError:
                time.sleep(0.05)
        process.kill()
        raise RuntimeError("redis-server did not start")

    server = start()
    try:
        assert jobs.queue_status()["ok"] is True
        server.terminate()
        server.wait(timeout=10)
        with django_capture_on_commit_callbacks(execute=True):
            record = jobs.enqueue(record_effect, key="outage")
        record.refresh_from_db()
        assert record.status == JobRecord.Status.PENDING, "kept in the outbox while Redis is down"

        server = start()
        assert jobs.sweep() == 1
        record.refresh_from_db()
        assert record.status == JobRecord.Status.QUEUED
        _run_rq_worker_burst()
        record.refresh_from_db()
        assert record.status == JobRecord.Status.DONE
        assert effect_count("outage") == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
