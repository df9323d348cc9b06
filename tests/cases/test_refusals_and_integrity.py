"""Refusals leave the case and its timeline unchanged; a failing action rolls everything back;
the timeline is append-only and tamper-evident; tracking codes and confidential data are protected."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from cases import actions
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import Case, CaseConfidential, CaseEvent, Violation
from cases.secrets_ import tracking_code_normalise
from cases.selectors import case_for_tracking, case_list_visible_to, public_timeline, transitions_available
from cases.services import confidential_read, transition
from tests.factories import CHECKLIST


def _snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (
        case.state,
        case.assignee_id,
        case.due_at,
        case.event_count,
        case.last_event_hash,
        list(case.events.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize(
    ("actor_key", "key", "kwargs", "error", "code"),
    [
        ("inspector_bg", "assign", {}, CaseForbidden, "permission_denied"),
        ("inspector_ba", "assign", {}, CaseNotFound, "not_found"),
        ("grm_bg", "assign", {}, CaseNotFound, "not_found"),
        ("supervisor_bg", "no_such_step", {}, CaseInvalid, "unknown_transition"),
        ("supervisor_bg", "close", {"data": {"outcome": "resolved"}}, CaseConflict, "wrong_state"),
    ],
)
@pytest.mark.django_db
def test_refusals_leave_the_case_unchanged(open_case, staff, actor_key, key, kwargs, error, code):
    case = open_case().case
    before = _snapshot(case)
    with pytest.raises(error) as raised:
        transition(case, key, staff[actor_key], **kwargs)
    assert raised.value.code == code
    assert _snapshot(case) == before


@pytest.mark.django_db
def test_missing_comment_and_invalid_form_are_refused_with_field_errors(open_case, staff):
    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])
    before = _snapshot(case)
    with pytest.raises(CaseInvalid) as invalid:
        transition(
            case,
            "visit",
            staff["inspector_bg"],
            data={"written_contracts": {"answer": "perhaps"}},
            language="en",
        )
    fields = {e["field"]: e["code"] for e in invalid.value.errors}
    assert fields == {
        "written_contracts": "invalid_choice",
        "records_kept": "required",
        "weekly_rest": "required",
    }
    assert _snapshot(case) == before and not Violation.objects.exists()
    transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    before = _snapshot(case)
    with pytest.raises(CaseInvalid) as missing_comment:
        transition(case, "enforce", staff["supervisor_bg"], comment="  ")
    assert missing_comment.value.code == "comment_required"
    assert missing_comment.value.errors[0]["field"] == "comment"
    assert _snapshot(case) == before


@pytest.mark.django_db
def test_a_failing_action_rolls_the_whole_transition_back(open_case, staff, monkeypatch):
    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])

    def explode(self, ctx):
        raise actions.ActionError("the registry is down")

    before = _snapshot(case)
    monkeypatch.setattr(actions.CreateViolations, "run", explode)
    with pytest.raises(actions.ActionError):
        transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    assert _snapshot(case) == before
    assert not Violation.objects.exists()


@pytest.mark.django_db
def test_timeline_events_cannot_be_changed_or_deleted(open_case):
    event = open_case().case.events.get()
    event.data = {"state": "closed"}
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        CaseEvent.objects.filter(pk=event.pk).update(public=False)
    with pytest.raises(ValidationError):
        CaseEvent.objects.all().delete()


@pytest.mark.django_db
def test_verify_audit_detects_rows_changed_or_removed_with_raw_sql(open_case, staff):
    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])
    other = open_case().case
    call_command("verify_audit", stdout=io.StringIO())  # clean before tampering
    table = CaseEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET public = %s WHERE case_id = %s AND sequence = 1", [False, case.pk]
        )
        cursor.execute(f"DELETE FROM {table} WHERE case_id = %s AND sequence = 1", [other.pk])
    with pytest.raises(Exception, match="problem") as failure:
        call_command("verify_audit", stderr=io.StringIO())
    assert "3 problem(s)" in str(failure.value) or "problem" in str(failure.value)
    from cases.audit import verify_case

    assert f"{case.reference}: event 1 was changed" in verify_case(case)
    assert any("removed" in p or "missing" in p for p in verify_case(other))


@pytest.mark.django_db
def test_removing_the_last_event_is_detected(open_case, staff):
    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])
    last = case.events.order_by("-sequence").first().sequence
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {CaseEvent._meta.db_table} WHERE case_id = %s AND sequence = %s", [case.pk, last]
        )
    from cases.audit import verify_case

    case.refresh_from_db()
    assert any("removed" in problem for problem in verify_case(case))


@pytest.mark.django_db
def test_tracking_code_is_random_grouped_and_stored_only_as_a_keyed_hash(open_case):
    opened = open_case()
    code = opened.tracking_code
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    case = Case.objects.get(pk=opened.case.pk)
    assert tracking_code_normalise(code) not in case.tracking_hash and len(case.tracking_hash) == 64
    assert case_for_tracking(reference=case.reference, code=code) == case
    assert case_for_tracking(reference=case.reference.lower(), code=code.lower().replace("-", " ")) == case
    assert case_for_tracking(reference=case.reference, code="0000-0000-0000-0000") is None
    assert case_for_tracking(reference="TST-1999-000001", code=code) is None
    codes = {open_case().tracking_code for _ in range(20)}
    assert len(codes) == 20


@pytest.mark.django_db
def test_public_timeline_shows_public_labels_and_nothing_confidential(open_case, staff):
    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])
    transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    transition(case, "enforce", staff["supervisor_bg"], comment="internal reasoning")
    items = public_timeline(case, "en")
    assert [i["state_label"] for i in items] == ["We received your report", "Being handled", "Being handled"]
    assert "internal reasoning" not in str(items) and "Hussein" not in str(items)


@pytest.mark.django_db
def test_confidential_data_is_encrypted_and_reading_it_is_logged(open_case, staff):
    case = open_case().case
    record = CaseConfidential.objects.get(case=case)
    assert b"Hussein" not in bytes(record.ciphertext) and b"0770" not in bytes(record.ciphertext)
    with pytest.raises(CaseForbidden):
        confidential_read(case=case, actor=staff["inspector_bg"])
    values = confidential_read(case=case, actor=staff["supervisor_bg"])
    assert values == {"reporter_name": "Hussein Ali", "phone": "07701234567"}
    last = case.events.order_by("-sequence").first()
    assert last.kind == CaseEvent.Kind.CONFIDENTIAL_VIEWED and last.actor == staff["supervisor_bg"]
    assert last.data == {"fields": ["phone", "reporter_name"]}


@pytest.mark.django_db
def test_selectors_scope_by_governorate_and_case_type_role(open_case, staff):
    baghdad = open_case().case
    basra = open_case(governorate="IQ-BA").case
    assert set(case_list_visible_to(user=staff["inspector_bg"])) == {baghdad}
    assert set(case_list_visible_to(user=staff["inspector_ba"])) == {basra}
    assert set(case_list_visible_to(user=staff["grm_bg"])) == set(), "not a role of this case type"
    assert set(case_list_visible_to(user=staff["analyst"])) == set()
    assert [t.key for t in transitions_available(case=baghdad, user=staff["supervisor_bg"])] == ["assign"]
    assert transitions_available(case=baghdad, user=staff["inspector_bg"]) == []
    assert transitions_available(case=basra, user=staff["supervisor_bg"]) == []
