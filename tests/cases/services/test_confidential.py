"""The reporter's confidential answers and files: revealed only to someone who can see the case and holds
the permission, each reading an event; absent and forbidden files get the same answer."""

import pytest

from cases.errors import CaseForbidden, CaseNotFound
from cases.models import CaseEvent
from cases.services import attachment_open, confidential_read
from tests.factories import INTAKE, AttachmentFactory

pytestmark = pytest.mark.django_db


def _readings(case):
    return case.events.filter(kind=CaseEvent.Kind.CONFIDENTIAL_VIEWED)


# --- confidential answers ---


def test_confidential_read_gives_the_reporter_s_answers_to_a_permitted_actor(case, supervisor):
    assert confidential_read(case=case, actor=supervisor) == {
        "reporter_name": INTAKE["reporter_name"],
        "phone": INTAKE["phone"],
    }


def test_confidential_read_is_logged_with_who_read_which_fields(case, supervisor):
    confidential_read(case=case, actor=supervisor)
    reading = _readings(case).get()
    assert reading.actor == supervisor and reading.data == {"fields": ["phone", "reporter_name"]}


def test_confidential_read_refuses_an_actor_without_the_permission(case, inspector):
    with pytest.raises(CaseForbidden):
        confidential_read(case=case, actor=inspector)
    assert not _readings(case).exists()


def test_confidential_read_outside_the_governorate_is_told_the_case_does_not_exist(
    case, supervisor_elsewhere
):
    with pytest.raises(CaseNotFound):
        confidential_read(case=case, actor=supervisor_elsewhere)
    assert not _readings(case).exists()


# --- files ---


def test_opening_a_confidential_file_is_logged(case, supervisor):
    attachment = AttachmentFactory(case=case, confidential=True)
    assert attachment_open(case=case, attachment_id=attachment.pk, actor=supervisor) == attachment
    reading = _readings(case).get()
    assert reading.actor == supervisor and reading.data["attachment"] == attachment.pk


def test_opening_an_ordinary_file_is_not_logged(case, inspector):
    attachment = AttachmentFactory(case=case)
    assert attachment_open(case=case, attachment_id=attachment.pk, actor=inspector) == attachment
    assert not _readings(case).exists()


def test_a_confidential_file_refused_for_lack_of_permission_looks_absent(case, inspector):
    attachment = AttachmentFactory(case=case, confidential=True)
    with pytest.raises(CaseNotFound) as forbidden:
        attachment_open(case=case, attachment_id=attachment.pk, actor=inspector)
    with pytest.raises(CaseNotFound) as absent:
        attachment_open(case=case, attachment_id=attachment.pk + 1000, actor=inspector)
    assert (forbidden.value.message, forbidden.value.errors) == (absent.value.message, absent.value.errors)
    assert not _readings(case).exists()


def test_a_file_of_another_case_looks_absent(case, supervisor):
    other = AttachmentFactory()
    with pytest.raises(CaseNotFound):
        attachment_open(case=case, attachment_id=other.pk, actor=supervisor)


def test_a_file_of_a_case_outside_the_governorate_looks_absent(case, supervisor_elsewhere):
    attachment = AttachmentFactory(case=case)
    with pytest.raises(CaseNotFound):
        attachment_open(case=case, attachment_id=attachment.pk, actor=supervisor_elsewhere)
