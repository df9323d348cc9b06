from datetime import timedelta

from django.utils import timezone

from cases.models import CaseType
from forms_builder.selectors import form_version_current

GRIEVANCE = {
    "anonymous": False,
    "full_name": "Mariam Jasim",
    "phone": "07801234567",
    "complainant_role": "worker",
    "governorate": "IQ-BG",
    "employer": {"name": "Tigris Textiles", "address": "Zafaraniya"},
    "category": "wages_unpaid",
    "description": "We have not been paid for three months, forty of us.",
}

INCIDENT = {
    "reporter_type": "medical_facility",
    "reporter_name": "Dr. Karim",
    "reporter_phone": "07711112222",
    "employer": {"name": "Basmaya Construction", "address": "Basmaya"},
    "governorate": "IQ-BG",
    "incident_datetime": (timezone.localtime() - timedelta(days=3)).replace(microsecond=0).isoformat(),
    "place": "Scaffold, third floor",
    "description": "A scaffold plank broke and two workers fell from the third floor.",
    "severity": "fatal",
    "injured": [
        {
            "age": 34,
            "sex": "male",
            "nationality": "iraqi",
            "occupation": "isco_7",
            "employment_status": "daily",
            "injury_severity": "fatal",
            "nature_of_injury": "120",
            "part_of_body": "70",
        },
        {
            "age": 22,
            "sex": "male",
            "nationality": "iraqi",
            "occupation": "isco_9",
            "employment_status": "daily",
            "injury_severity": "serious",
            "days_lost": 45,
            "nature_of_injury": "020",
            "part_of_body": "60",
        },
    ],
    "deviation": "30",
    "contact_mode": "30",
    "immediate_measures": "Site stopped; scaffold cordoned off.",
}

# What an accident investigation found, recorded when the incident is closed (required once an investigation
# was opened): the causes with their ESAW codes and the corrective measures with a deadline.
INVESTIGATION_FINDINGS = {
    "investigation_summary": "The scaffold plank was rotten; no guard rails on the third floor.",
    "causes": [{"cause_deviation": "30", "cause_contact_mode": "30", "cause_material_agent": "02"}],
    "corrective_measures": [
        {
            "measure": "Replace the planks and fit guard rails.",
            "measure_deadline": (timezone.localdate() + timedelta(days=14)).isoformat(),
        }
    ],
}


def case_type(key):
    return CaseType.objects.get(key=key)


def checklist_answers(form_key: str, *, non_compliant: int = 2) -> dict:
    """Every item of a shipped checklist answered: the first ``non_compliant`` items not compliant."""
    version = form_version_current(key=form_key)
    answers, left = {}, non_compliant
    for key in version.ui["order"]:
        spec = version.ui["fields"][key]
        if spec["type"] != "checklist_item":
            continue
        if left and spec.get("evidence") != "required_if_non_compliant":
            answers[key] = {"answer": "non_compliant", "note": "Found on the visit"}
            left -= 1
        else:
            answers[key] = {"answer": "compliant"}
    return answers
