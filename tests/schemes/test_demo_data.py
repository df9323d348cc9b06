"""The demo set-up: deterministic establishments and cases across schemes, states and 18 months."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from cases.audit import verify_case
from cases.models import Case, CaseEvent, EnforcementAction, Violation
from registry.models import Establishment


@pytest.mark.django_db
def test_seed_demo_loads_everything_and_is_idempotent(settings):
    out = io.StringIO()
    call_command("seed_demo", cases=90, stdout=out)
    assert Establishment.objects.count() == 200
    cases = list(Case.objects.select_related("case_type"))
    assert len(cases) >= 85, out.getvalue()
    assert {c.case_type.key for c in cases} >= {
        "grievance",
        "incident_report",
        "labour_inspection",
        "osh_inspection",
    }
    assert len({(c.case_type.key, c.state) for c in cases}) >= 10, "spread across workflow states"
    oldest = min(c.opened_at for c in cases)
    assert timezone.now() - oldest > timedelta(days=180)
    assert all(verify_case(case) == [] for case in cases[:20])
    call_command("seed_demo", cases=90, stdout=io.StringIO())
    assert Case.objects.count() == len(cases) and Establishment.objects.count() == 200
    _the_right_people_work_the_demo(cases)
    _the_demo_tells_whole_arcs()


def _the_demo_tells_whole_arcs():
    """Arcs reach their end: follow-up visits verify corrections, fines are paid, overdue cases are
    escalated, accident investigations and disease reports are closed, complainants answer."""
    assert Violation.objects.filter(status="corrected", verified_in__isnull=False).exists()
    assert EnforcementAction.objects.filter(kind="fine", status="paid").exists()
    assert EnforcementAction.objects.filter(status="complied").exists()
    assert CaseEvent.objects.filter(kind="escalated").exists()
    assert Case.objects.filter(
        case_type__key="incident_report", state="closed", children__isnull=False
    ).exists()
    assert Case.objects.filter(case_type__key="disease_report").exists()
    assert Case.objects.exclude(satisfaction="").exists()
    assert not Case.objects.filter(
        parent__isnull=False, state="planned", opened_at__lt=timezone.now() - timedelta(days=60)
    ).exists()


def _the_right_people_work_the_demo(cases):
    """Cases are worked by the roles that work them, never by the superuser; every governorate with cases
    has its supervisor and inspectors; the restricted roles have holders."""
    assert not CaseEvent.objects.filter(actor__is_superuser=True).exists()
    assert not Case.objects.filter(assignee__is_superuser=True).exists()
    for code in {c.governorate.code for c in cases if c.governorate_id}:
        for role in ("supervisor", "labour_inspector", "osh_inspector", "grm_officer"):
            assert User.objects.filter(groups__role__key=role, governorates__code=code).exists(), (code, role)
    for role in ("grm_sensitive", "grm_sensitive_supervisor"):
        assert User.objects.filter(groups__role__key=role).count() >= 2, role
    assert User.objects.filter(groups__role__key="supervisor", governorates__isnull=True).exists()
