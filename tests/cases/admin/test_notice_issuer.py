"""A notice prints the issuer's name and official position in the notice's language (?lang=ar|en), falling
back to the other language, then to the first and last name; the staff screens name people in the reader's
language."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.admin.forms import person_label
from cases.models import Violation
from cases.services import case_open, enforcement_issue, transition
from tests.factories import in_english
from tests.schemes.helpers import case_type, checklist_answers

pytestmark = pytest.mark.django_db


def _warning(people, factory):
    supervisor = people["supervisor_bg"]
    plan = {
        "establishment": {"id": factory.pk},
        "governorate": "IQ-BG",
        "origin": "planned",
        "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    case = case_open(
        case_type=case_type("labour_inspection"), data=plan, language="ar", actor=supervisor, channel="staff"
    ).case
    transition(case, "assign", supervisor)
    visit = {"visit_date": (timezone.localdate() + timedelta(days=3)).isoformat()}
    transition(case, "schedule_visit", people["labour_bg"], data=visit)
    answers = checklist_answers("labour_inspection_checklist")
    transition(case, "record_visit", people["labour_bg"], data=answers)
    warning = enforcement_issue(
        case=case, kind="warning", actor=supervisor, violations=list(Violation.objects.filter(case=case))
    )
    return case, warning


def _print(client, case, action, language):
    url = reverse("ecms_cases:print_notice", args=[case.reference, action.pk])
    response = client.get(f"{url}?lang={language}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_notice_prints_the_issuers_name_and_position_in_its_language(people, factory, client):
    supervisor = people["supervisor_bg"]
    supervisor.first_name, supervisor.last_name = "Salim", "Hadi"
    supervisor.display_name = {"ar": "سالم هادي", "en": "Salim Hadi Al-Obaidi"}
    supervisor.position = {
        "ar": "رئيس مكتب تفتيش العمل في بغداد",
        "en": "Head of the Baghdad labour inspection office",
    }
    supervisor.save()
    case, warning = _warning(people, factory)
    client.force_login(in_english(supervisor))
    arabic, english = _print(client, case, warning, "ar"), _print(client, case, warning, "en")
    assert "سالم هادي" in arabic and "رئيس مكتب تفتيش العمل في بغداد" in arabic
    assert "Salim Hadi Al-Obaidi" not in arabic and "Head of the Baghdad" not in arabic
    assert "Salim Hadi Al-Obaidi" in english and "Head of the Baghdad labour inspection office" in english
    assert "سالم هادي" not in english and "رئيس مكتب" not in english


def test_a_missing_language_falls_back_to_the_other_then_to_the_first_and_last_name(people, factory, client):
    supervisor = people["supervisor_bg"]
    supervisor.first_name, supervisor.last_name = "Salim", "Hadi"
    supervisor.display_name = {"ar": "سالم هادي", "en": ""}
    supervisor.save()
    case, warning = _warning(people, factory)
    client.force_login(in_english(supervisor))
    english = _print(client, case, warning, "en")
    assert "سالم هادي" in english and 'class="position"' not in english  # no position set: no line for it
    supervisor.display_name = {}
    supervisor.save()
    assert "Salim Hadi" in _print(client, case, warning, "ar")


def test_staff_screens_name_people_in_the_readers_language(make_user):
    person = make_user("supervisor", display_name={"ar": "سالم هادي", "en": "Salim Hadi"})
    assert person_label(person, "ar") == "سالم هادي"
    assert person_label(person, "en") == "Salim Hadi"
