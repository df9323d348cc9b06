"""Failed background jobs are visible and handled in the admin (django-rq's screens, which needed Django's
own admin, are gone): an administrator retries or discards a failed job; each action is logged."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core import jobs
from core.models import JobRecord
from tests.core.job_functions import effect_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_job(db):
    return JobRecord.objects.create(
        func="tests.core.job_functions.record_effect",
        kwargs={"key": "retried"},
        status=JobRecord.Status.FAILED,
        attempts=4,
        last_error="Traceback: the SMS gateway refused the message",
    )


@pytest.fixture
def administrator(make_user):
    return make_user("ministry_admin", username="min_admin")


def test_the_old_django_rq_screens_are_gone_not_a_500(client, administrator):
    client.force_login(administrator)
    assert client.get("/django-rq/").status_code == 404


def test_an_administrator_sees_and_retries_a_failed_job(
    client, administrator, failed_job, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    page = client.get(reverse("ecms_jobs")).content.decode()
    assert "the SMS gateway refused" in page and reverse("ecms_job_retry", args=[failed_job.pk]) in page
    with pytest.MonkeyPatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(jobs, "uses_rq", lambda: False)  # run in this process, whatever the run's backend
        response = client.post(reverse("ecms_job_retry", args=[failed_job.pk]))
    assert response.status_code == 302
    failed_job.refresh_from_db()
    assert failed_job.status == JobRecord.Status.DONE and effect_count("retried") == 1
    entry = ModelLogEntry.objects.get(action="ecms.job.retry")
    assert entry.user == administrator and entry.object_id == str(failed_job.pk)


def test_an_administrator_discards_a_failed_job(client, administrator, failed_job):
    client.force_login(administrator)
    assert client.post(reverse("ecms_job_discard", args=[failed_job.pk])).status_code == 302
    failed_job.refresh_from_db()
    assert failed_job.status == JobRecord.Status.DISCARDED
    assert ModelLogEntry.objects.filter(action="ecms.job.discard", user=administrator).exists()
    jobs.dispatch(failed_job.pk)  # a discarded job never runs
    assert effect_count("retried") == 0
    again = client.post(reverse("ecms_job_retry", args=[failed_job.pk]))
    assert again.status_code == 302, "only failed jobs: a message, nothing changes"
    failed_job.refresh_from_db()
    assert failed_job.status == JobRecord.Status.DISCARDED


def test_staff_without_the_permission_are_refused(client, make_user, failed_job):
    client.force_login(make_user("supervisor", username="sup_jobs"))
    assert client.get(reverse("ecms_jobs")).status_code == 403
    assert client.post(reverse("ecms_job_discard", args=[failed_job.pk])).status_code == 403
    failed_job.refresh_from_db()
    assert failed_job.status == JobRecord.Status.FAILED


def test_wagtail_report_exports_neutralise_formulas(client, make_user, shipped):
    from wagtail.log_actions import log

    from content.services import portal_pages_setup

    portal_pages_setup()  # the page tree the site history report reads

    boss = make_user(username="exporter", is_superuser=True)
    planted = JobRecord.objects.create(func='=HYPERLINK("http://evil.example","click")', kwargs={})
    log(instance=planted, action="ecms.job.discard", user=boss)
    client.force_login(boss)
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body and '"=HYPERLINK' not in body
