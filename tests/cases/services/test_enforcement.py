"""``enforcement_issue``: scope, permission, the case type's ladder, fines need an amount, and the event."""

import pytest

from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import CaseEvent, EnforcementAction
from cases.services import enforcement_allowed_next, enforcement_issue
from tests.factories import CaseFactory, ViolationFactory

pytestmark = pytest.mark.django_db


def _nothing_issued(case):
    return (
        not EnforcementAction.objects.filter(case=case).exists()
        and not case.events.filter(kind=CaseEvent.Kind.ENFORCEMENT).exists()
    )


def test_an_actor_without_the_permission_may_not_issue_enforcement(case, inspector):
    with pytest.raises(CaseForbidden):
        enforcement_issue(case=case, kind="warning", actor=inspector)
    assert _nothing_issued(case)


def test_a_user_outside_the_governorate_is_told_the_case_does_not_exist(case, supervisor_elsewhere):
    with pytest.raises(CaseNotFound):
        enforcement_issue(case=case, kind="warning", actor=supervisor_elsewhere)
    assert _nothing_issued(case)


def test_the_ladder_refuses_a_first_step_it_does_not_start_with(case, supervisor):
    with pytest.raises(CaseConflict) as refused:
        enforcement_issue(case=case, kind="court_referral", actor=supervisor)
    assert refused.value.code == "ladder"
    assert _nothing_issued(case)


def test_the_ladder_allows_the_steps_after_the_latest_action(case, supervisor):
    enforcement_issue(case=case, kind="warning", actor=supervisor)
    assert set(enforcement_allowed_next(case)) == {"improvement_notice", "fine"}
    with pytest.raises(CaseConflict):
        enforcement_issue(case=case, kind="advice", actor=supervisor)


def test_a_withdrawn_action_is_not_the_step_the_ladder_follows(case, supervisor):
    warning = enforcement_issue(case=case, kind="warning", actor=supervisor)
    EnforcementAction.objects.filter(pk=warning.pk).update(status=EnforcementAction.Status.WITHDRAWN)
    assert set(enforcement_allowed_next(case)) == {"advice", "warning"}


def test_a_fine_needs_an_amount(case, supervisor):
    enforcement_issue(case=case, kind="warning", actor=supervisor)
    with pytest.raises(CaseInvalid) as refused:
        enforcement_issue(case=case, kind="fine", actor=supervisor, amount_iqd=0)
    assert refused.value.errors[0]["field"] == "amount_iqd"
    assert EnforcementAction.objects.filter(case=case).count() == 1


def test_an_action_is_recorded_with_an_event_and_only_the_case_s_own_violations(case, supervisor):
    own = ViolationFactory(case=case)
    other = ViolationFactory(case=CaseFactory())
    action = enforcement_issue(case=case, kind="warning", actor=supervisor, violations=[own, other])
    assert list(action.violations.all()) == [own]
    event = case.events.get(kind=CaseEvent.Kind.ENFORCEMENT)
    assert event.actor == supervisor
    assert event.data["enforcement"] == action.pk and event.data["violations"] == [own.pk]
