"""Jobs after a Redis loss or a worker crash: a job the queue lost (Redis emptied, a worker killed while
running it) is found from RQ's own status within minutes and sent again; a notification is sent at most
once even when its job is delivered twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core import jobs
from core.models import JobRecord
from tests.core.redis_server import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_rq(settings, tmp_path, django_capture_on_commit_callbacks):
    server = RedisServer(tmp_path).start()
    settings.RQ_QUEUES = {"default": {"URL": server.url}}
    settings.ECMS_JOBS = {
        **settings.ECMS_JOBS,
        "BACKEND": "rq",
        "RETRY_INTERVALS": [0],
        "RESEND_AFTER_SECONDS": 0,
        "CHECK_QUEUED_AFTER_SECONDS": 60,
    }
    with django_capture_on_commit_callbacks(execute=True):
        record = jobs.enqueue("tests.core.job_functions.record_effect", key="lost")
    record.refresh_from_db()
    assert record.status == JobRecord.Status.QUEUED
    yield server, record
    server.stop()


def _age(record, minutes):
    JobRecord.objects.filter(pk=record.pk).update(dispatched_at=timezone.now() - timedelta(minutes=minutes))


def _rq():
    import django_rq
    from rq.job import Job

    connection = django_rq.get_connection("default")
    return connection, Job


def test_a_job_that_redis_forgot_is_sent_again_within_minutes(private_rq):
    server, record = private_rq
    connection, _job = _rq()
    connection.flushall()  # Redis restarted without its memory
    _age(record, 0)
    assert jobs.lost_in_queue() == [], "not yet: the queue gets two minutes"
    _age(record, 3)
    assert jobs.lost_in_queue() == [record.pk]
    assert jobs.sweep() == 1
    assert _job.fetch(f"ecms-{record.pk}", connection=connection) is not None, "back in the queue"


def test_a_job_started_by_a_worker_that_is_gone_is_sent_again(private_rq):
    server, record = private_rq
    connection, job_class = _rq()
    job = job_class.fetch(f"ecms-{record.pk}", connection=connection)
    job.set_status("started")
    job.worker_name = "killed-worker"
    job.save()
    _age(record, 3)
    assert jobs.lost_in_queue() == [record.pk]


def test_a_waiting_job_is_not_taken_for_lost(private_rq):
    server, record = private_rq
    _age(record, 30)
    assert jobs.lost_in_queue() == [], "still queued in RQ: a worker will take it"


def test_a_notification_is_sent_at_most_once(make_user, shipped, django_capture_on_commit_callbacks):
    from cases.models import Notification
    from cases.notifications import send_notification
    from tests.staff.conftest import open_complaint

    case = open_complaint(email="worker@example.org").case
    notification = Notification.objects.create(
        case=case, channel="email", language="en", subject="s", body="b", status=Notification.Status.PENDING
    )
    # A first delivery claimed it and was killed before finishing: a second delivery does not resend.
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENDING)
    send_notification(notification_id=notification.pk)
    assert mail.outbox == []
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.PENDING)
    send_notification(notification_id=notification.pk)
    send_notification(notification_id=notification.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<ecms-notification-{notification.pk}@")


def test_a_notification_that_fails_to_send_is_put_back_for_a_retry(shipped, monkeypatch):
    from cases import notifications
    from cases.models import Notification
    from tests.staff.conftest import open_complaint

    case = open_complaint(email="worker@example.org").case
    notification = Notification.objects.create(
        case=case, channel="email", language="en", subject="s", body="b"
    )

    def refuse(*args, **kwargs):
        raise ConnectionError("the mail relay is down")

    monkeypatch.setattr(notifications, "_email", refuse)
    with pytest.raises(ConnectionError):
        notifications.send_notification(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING


def test_a_retry_whose_time_passed_long_ago_is_sent_again(private_rq):
    from datetime import UTC, datetime

    from rq.registry import ScheduledJobRegistry

    server, record = private_rq
    connection, job_class = _rq()
    job = job_class.fetch(f"ecms-{record.pk}", connection=connection)
    registry = ScheduledJobRegistry(job.origin, connection=connection)
    registry.schedule(job, datetime.now(UTC) - timedelta(minutes=10))  # due ten minutes ago, nobody ran it
    job.set_status("scheduled")
    _age(record, 3)
    assert jobs.lost_in_queue() == [record.pk]
