"""verify_audit sees raw SQL changes of what matters, not only of events: a complaint's text, its
restricted flag, its state, its assignee, its outcome, a fine's amount, a swap of two cases' confidential
records — each recomputed from the hash chain and compared; the nightly job alerts."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection

from cases.audit import verify_all, verify_case_fields
from cases.models import Case, CaseConfidential, EnforcementAction
from cases.services import enforcement_issue, transition
from tests.staff.conftest import days_ahead, open_complaint, open_inspection

pytestmark = pytest.mark.django_db


def sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def complaint(people):
    case = open_complaint().case
    transition(case, "acknowledge", people["grm_bg"])
    return Case.objects.get(pk=case.pk)


def test_an_untouched_case_verifies(complaint):
    assert verify_case_fields(complaint) == []


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        ("state", "closed", "state"),
        ("restricted", True, "restricted"),
        ("outcome", "resolved", "outcome"),
        ("data", '{"description": "We were paid everything, thank you."}', "data_digest"),
    ],
)
def test_a_raw_change_of_a_protected_field_is_detected(complaint, column, value, field):
    sql(f"UPDATE cases_case SET {column} = %s WHERE id = %s", [value, complaint.pk])  # noqa: S608
    problems = verify_case_fields(Case.objects.get(pk=complaint.pk))
    assert problems == [f"{complaint.reference}: {field} is not what its timeline recorded"]


def test_a_raw_change_of_the_assignee_is_detected(people, factory):
    case = open_inspection(people, factory)
    sql("UPDATE cases_case SET assignee_id = %s WHERE id = %s", [people["osh_bg"].pk, case.pk])
    assert verify_case_fields(Case.objects.get(pk=case.pk)) == [
        f"{case.reference}: assignee is not what its timeline recorded"
    ]


def test_a_swap_of_two_cases_confidential_records_is_detected(complaint):
    other = open_complaint(full_name="Another Person").case
    first, second = CaseConfidential.objects.get(case=complaint), CaseConfidential.objects.get(case=other)
    sql(
        "UPDATE cases_caseconfidential SET ciphertext = %s WHERE id = %s",
        [bytes(second.ciphertext), first.pk],
    )
    sql(
        "UPDATE cases_caseconfidential SET ciphertext = %s WHERE id = %s",
        [bytes(first.ciphertext), second.pk],
    )
    checked, problems = verify_all()
    assert f"{complaint.reference}: confidential_digest is not what its timeline recorded" in problems
    assert f"{other.reference}: confidential_digest is not what its timeline recorded" in problems


def test_a_raw_change_of_a_fine_is_detected_and_the_nightly_job_alerts(people, factory, make_user):
    from cases.jobs import verify_audit_job
    from tests.schemes.helpers import checklist_answers

    make_user(username="root", is_superuser=True, email="root@example.gov.iq")
    case = open_inspection(people, factory)
    transition(case, "schedule_visit", people["labour_bg"], data={"visit_date": days_ahead(2)})
    transition(
        case, "record_visit", people["labour_bg"], data=checklist_answers("labour_inspection_checklist")
    )
    enforcement_issue(case=case, kind="warning", actor=people["supervisor_bg"])
    fine = enforcement_issue(
        case=case, kind="fine", actor=people["supervisor_bg"], amount_iqd=Decimal("500000")
    )
    assert verify_audit_job() == 0 and mail.outbox == []
    EnforcementAction.objects.filter(pk=fine.pk).update(amount_iqd=Decimal("5000"))
    assert verify_audit_job() == 1
    assert mail.outbox and "enforcement action" in mail.outbox[0].body
