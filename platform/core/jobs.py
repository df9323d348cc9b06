"""The one way to run background work (DESIGN.md section 7). The only module that imports django_rq.

``enqueue(func, **kwargs)`` records an outbox row in the caller's transaction and hands the job over
when that transaction commits: to RQ (with retries and back-off) when Redis is configured, otherwise it
runs in-process. Nothing runs if the transaction rolls back. If Redis cannot be reached the row stays
pending and ``sweep()`` re-sends it later; the user's request never fails because of the queue.
``execute`` runs a job's function and marks it done in one transaction, so a job delivered twice has
its database effect once; effects outside the database (e-mail, SMS) are at least once.
"""

import importlib
import json
import logging
import traceback
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import JobRecord

logger = logging.getLogger(__name__)


def _config() -> dict[str, Any]:
    return settings.ECMS_JOBS


def uses_rq() -> bool:
    return _config()["BACKEND"] == "rq"


def _dotted_path(func: Callable | str) -> str:
    if isinstance(func, str):
        path = func
    else:
        if "<locals>" in func.__qualname__ or "." in func.__qualname__:
            raise ValueError(f"{func!r} is not a module-level function; background jobs must be importable.")
        path = f"{func.__module__}.{func.__qualname__}"
    _resolve(path)  # fail now, in the caller, rather than later in a worker
    return path


def _resolve(path: str) -> Callable:
    module_name, _dot, name = path.rpartition(".")
    function = getattr(importlib.import_module(module_name), name, None)
    if not callable(function):
        raise ValueError(f"{path} is not a callable")
    return function


def enqueue(
    func: Callable | str, *, queue: str = "default", max_attempts: int | None = None, **kwargs
) -> JobRecord:
    """Run ``func(**kwargs)`` in the background once the current transaction commits.

    ``kwargs`` must be JSON-serialisable (pass ids, not objects). Returns the outbox record.
    """
    try:
        json.dumps(kwargs)
    except TypeError as exc:
        raise TypeError(f"Job arguments must be JSON-serialisable (pass ids, not objects): {exc}") from exc
    record = JobRecord.objects.create(
        func=_dotted_path(func),
        kwargs=kwargs,
        queue=queue,
        max_attempts=max_attempts or _config()["MAX_ATTEMPTS"],
    )
    transaction.on_commit(partial(dispatch, record.pk), robust=True)
    return record


def _retry_delays(max_attempts: int) -> list[int]:
    intervals = list(_config()["RETRY_INTERVALS"]) or [0]
    count = max(max_attempts - 1, 1)
    return [intervals[min(i, len(intervals) - 1)] for i in range(count)]


FINISHED = (JobRecord.Status.DONE, JobRecord.Status.FAILED, JobRecord.Status.DISCARDED)


def dispatch(job_id) -> None:
    """Hand a recorded job to its backend. Never raises: a job that cannot be sent stays pending."""
    record = JobRecord.objects.filter(pk=job_id).first()
    if record is None or record.status in FINISHED:
        return
    if not uses_rq():
        execute(str(record.pk), reraise=False)
        return
    try:
        _send_to_rq(record)
    except Exception as exc:  # noqa: BLE001 - Redis down, refused, timed out: the sweeper re-sends it
        logger.warning("Job %s (%s) kept pending: the queue is unreachable: %s", record.pk, record.func, exc)
        return
    JobRecord.objects.filter(
        pk=record.pk, status__in=[JobRecord.Status.PENDING, JobRecord.Status.QUEUED]
    ).update(status=JobRecord.Status.QUEUED, dispatched_at=timezone.now())


def _send_to_rq(record: JobRecord) -> None:
    import django_rq
    from rq import Retry

    # We already wait for the commit ourselves: enqueue now, inside our error handling.
    queue = django_rq.get_queue(record.queue, commit_mode="auto")
    retries = record.max_attempts - 1
    queue.enqueue(
        "core.jobs.execute",
        str(record.pk),
        job_id=f"ecms-{record.pk}",
        retry=Retry(max=retries, interval=_retry_delays(record.max_attempts)) if retries > 0 else None,
        description=record.func,
    )


def external_effect(func: Callable) -> Callable:
    """Mark a job whose effect leaves the system (an e-mail, an SMS): it runs outside the job's transaction
    and must claim its effect in the database before doing it, so a second delivery (a worker killed
    mid-job) never repeats it."""
    func.ecms_external_effect = True
    return func


def execute(job_id: str, *, reraise: bool = True) -> None:
    """Run a recorded job once: its effect and the 'done' mark commit together, or neither does. A job
    marked ``external_effect`` runs outside that transaction and guards its own effect."""
    try:
        record = JobRecord.objects.filter(pk=job_id).first()
        if record is None or record.status in FINISHED:
            return
        func = _resolve(record.func)
        if getattr(func, "ecms_external_effect", False):
            func(**record.kwargs)
            _mark_done(job_id)
            return
        with transaction.atomic():
            record = JobRecord.objects.select_for_update().filter(pk=job_id).first()
            if record is None or record.status in FINISHED:
                return  # already done (a second delivery), given up, discarded, or never committed
            func(**record.kwargs)
            _mark_done(job_id, record=record)
    except Exception:
        _record_failure(job_id, traceback.format_exc(limit=20))
        if reraise:
            raise
        logger.exception("Job %s failed", job_id)


def _mark_done(job_id, record: JobRecord | None = None) -> None:
    with transaction.atomic():
        record = record or JobRecord.objects.select_for_update().filter(pk=job_id).first()
        if record is None or record.status in FINISHED:
            return
        record.status = JobRecord.Status.DONE
        record.attempts += 1
        record.finished_at = timezone.now()
        record.next_attempt_at = None
        record.save(update_fields=["status", "attempts", "finished_at", "next_attempt_at"])


def _record_failure(job_id: str, error: str) -> None:
    with transaction.atomic():
        record = JobRecord.objects.select_for_update().filter(pk=job_id).first()
        if record is None:
            return
        record.attempts += 1
        record.last_error = error[-10000:]
        if record.attempts >= record.max_attempts:
            record.status = JobRecord.Status.FAILED
            record.next_attempt_at = None
        elif uses_rq():
            record.status = JobRecord.Status.QUEUED  # RQ retries it with its own back-off
        else:
            delay = _retry_delays(record.max_attempts)[record.attempts - 1]
            record.status = JobRecord.Status.PENDING
            record.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        record.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def due_for_sending():
    """Jobs the sweeper should (re)send: never handed over, waiting for their retry time, or queued so long
    ago that the queue must have lost them whatever it says (``LOST_AFTER_SECONDS``, an hour)."""
    now = timezone.now()
    resend_before = now - timedelta(seconds=_config()["RESEND_AFTER_SECONDS"])
    lost_before = now - timedelta(seconds=_config().get("LOST_AFTER_SECONDS", 3600))
    pending = JobRecord.objects.filter(status=JobRecord.Status.PENDING)
    lost = JobRecord.objects.filter(status=JobRecord.Status.QUEUED, dispatched_at__lte=lost_before)
    return (
        pending.filter(next_attempt_at__lte=now)
        | pending.filter(next_attempt_at__isnull=True, created_at__lte=resend_before)
        | lost
    )


def lost_in_queue(*, limit: int = 500) -> list:
    """Jobs handed to RQ at least ``CHECK_QUEUED_AFTER_SECONDS`` (2 minutes) ago that RQ no longer runs:
    unknown to it (Redis lost its memory), stopped or cancelled, started by a worker that is gone (killed),
    or waiting for a retry whose time passed that long ago (no scheduler is running). Found in minutes,
    from RQ's own job status."""
    if not uses_rq():
        return []
    import django_rq
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus
    from rq.worker import Worker

    checked_before = timezone.now() - timedelta(seconds=_config().get("CHECK_QUEUED_AFTER_SECONDS", 120))
    queued = JobRecord.objects.filter(status=JobRecord.Status.QUEUED, dispatched_at__lte=checked_before)
    connection = django_rq.get_connection("default")
    workers = {worker.name for worker in Worker.all(connection=connection)}
    lost = []
    for record in queued.order_by("dispatched_at")[:limit]:
        try:
            job = Job.fetch(f"ecms-{record.pk}", connection=connection)
        except NoSuchJobError:
            lost.append(record.pk)
            continue
        status = job.get_status(refresh=False)
        gone = status == JobStatus.STARTED and job.worker_name and job.worker_name not in workers
        if status in (JobStatus.STOPPED, JobStatus.CANCELED) or gone or _retry_overdue(job, checked_before):
            lost.append(record.pk)
    return lost


def _retry_overdue(job, before) -> bool:
    """A job waiting for a retry whose time is long past: the scheduler that should run it is dead."""
    from rq.job import JobStatus
    from rq.registry import ScheduledJobRegistry

    if job.get_status(refresh=False) != JobStatus.SCHEDULED:
        return False
    try:
        when = ScheduledJobRegistry(job.origin, connection=job.connection).get_scheduled_time(job)
    except Exception:  # noqa: BLE001 - not in the registry any more: lost
        return True
    return when is not None and when < before


def sweep(*, limit: int = 500) -> int:
    """Re-send pending jobs (after a Redis outage, or due in-process retries) and jobs the queue lost.
    Returns how many were sent."""
    job_ids = list(due_for_sending().order_by("created_at").values_list("pk", flat=True)[:limit])
    try:
        job_ids += [pk for pk in lost_in_queue(limit=limit) if pk not in job_ids]
    except Exception as exc:  # noqa: BLE001 - Redis down: the pending ones wait, nothing else to check
        logger.warning("Could not check the queue for lost jobs: %s", exc)
    for job_id in job_ids:
        dispatch(job_id)  # pending and queued ones are (re)sent; a finished one is left alone
    return len(job_ids)


def queue_status() -> dict[str, Any]:
    """For the health check: the backend, whether it answers, and the outbox backlog."""
    status: dict[str, Any] = {"backend": _config()["BACKEND"], "ok": True}
    if uses_rq():
        import django_rq

        try:
            django_rq.get_connection("default").ping()
        except Exception as exc:  # noqa: BLE001
            status.update(ok=False, error=exc.__class__.__name__)
    status["pending"] = JobRecord.objects.filter(status=JobRecord.Status.PENDING).count()
    status["failed"] = JobRecord.objects.filter(status=JobRecord.Status.FAILED).count()
    return status


# --- failed jobs, for administrators ----------------------------------------------------------------


class JobNotRetryable(Exception):
    """Only a failed job can be retried or discarded."""


def _failed_for_update(job_id) -> JobRecord:
    record = JobRecord.objects.select_for_update().filter(pk=job_id).first()
    if record is None or record.status != JobRecord.Status.FAILED:
        raise JobNotRetryable(job_id)
    return record


def job_retry(*, job_id, actor) -> JobRecord:
    """Give a failed job its attempts again and send it (after the commit); logged with who did it."""
    from wagtail.log_actions import log

    with transaction.atomic():
        record = _failed_for_update(job_id)
        record.status, record.attempts, record.next_attempt_at = JobRecord.Status.PENDING, 0, None
        record.save(update_fields=["status", "attempts", "next_attempt_at"])
        log(instance=record, action="ecms.job.retry", user=actor, data={"func": record.func})
        transaction.on_commit(lambda: dispatch(record.pk))
    return record


def job_discard(*, job_id, actor) -> JobRecord:
    """Give up a failed job for good (its effect will not happen); logged with who did it."""
    from wagtail.log_actions import log

    with transaction.atomic():
        record = _failed_for_update(job_id)
        record.status, record.finished_at = JobRecord.Status.DISCARDED, timezone.now()
        record.save(update_fields=["status", "finished_at"])
        log(instance=record, action="ecms.job.discard", user=actor, data={"func": record.func})
    return record
