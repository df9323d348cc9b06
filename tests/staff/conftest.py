"""Staff screens are tested on the shipped configuration, with the people of the scheme tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from cases.services import case_open, transition
from registry.models import Establishment, Governorate
from tests.schemes.helpers import GRIEVANCE, case_type


def days_ahead(days: int) -> str:
    """An ISO date ``days`` after today (negative: before), never a literal that the calendar overtakes."""
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def open_inspection(people, establishment, governorate="IQ-BG", assign=True):
    plan = {
        "establishment": {"id": establishment.pk},
        "governorate": governorate,
        "origin": "planned",
        "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    supervisor = people["supervisor_bg"] if governorate == "IQ-BG" else people["supervisor_ba"]
    case = case_open(
        case_type=case_type("labour_inspection"),
        data=plan,
        language="en",
        actor=supervisor,
        channel=Case.Channel.STAFF,
    ).case
    if assign:
        transition(case, "assign", supervisor)
        case.refresh_from_db()
    return case


def open_complaint(**changes):
    return case_open(
        case_type=case_type("grievance"),
        data={**GRIEVANCE, **changes},
        language="ar",
        channel=Case.Channel.PORTAL,
    )


@pytest.fixture
def basra_people(make_user, shipped):
    return {
        "supervisor_ba": make_user("supervisor", governorates=("IQ-BA",), username="sup_ba"),
        "labour_ba": make_user("labour_inspector", governorates=("IQ-BA",), username="li_ba"),
    }


@pytest.fixture
def basra_factory(shipped):
    return Establishment.objects.create(
        name="Shatt Shipyard",
        governorate=Governorate.objects.get(code="IQ-BA"),
        registration_number="BA-2001",
        workers_total=300,
    )


def wizard_post_data(version, prefix: str, step: str, answers: dict) -> dict:
    """What a browser posts for one step of a form version's wizard."""
    data = {f"{prefix}-current_step": step}
    keys = next(s["fields"] for s in version.ui["steps"] if s["key"] == step)
    for key in keys:
        # Sub-fields as a browser sends them ("employer__name", "employer__id").
        data.update({f"{step}-{name}": v for name, v in answers.items() if name.startswith(f"{key}__")})
        if key not in answers:
            continue
        value = answers[key]
        if isinstance(value, dict) and "answer" in value:
            data[f"{step}-{key}"] = value["answer"]
            data[f"{step}-{key}__note"] = value.get("note", "")
        else:
            data[f"{step}-{key}"] = value
    return data
